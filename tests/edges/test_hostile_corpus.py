"""Issue 19's corpus of hostile and careless inputs (``tests/hostile_corpus.py``): every bad
file, header, number and output path gets one clear error (exit 2, naming the file, the
store and every other file as before), every good one is accepted."""

from __future__ import annotations

import pytest
from hostile_corpus import cases, run_all

GROUPS = sorted({c.group for c in cases()})


@pytest.mark.slow
@pytest.mark.parametrize("group", GROUPS)
def test_every_case_of_the_group_is_a_clear_error_or_accepted(group, tmp_path):
    outcomes = run_all(tmp_path, group)
    assert outcomes, f"no case in group {group}"
    wrong = [f"{o.verdict} {o.case.name}: {o.detail or o.output.strip()[-300:]}"
             for o in outcomes if o.verdict not in ("clear", "ok")]
    assert wrong == []


def test_the_corpus_covers_what_the_issue_names():
    names = {c.name for c in cases()}
    assert len(names) == len(cases()) >= 120
    for wanted in ("flows_header_copy_to", "flows_header_attach", "flows_header_drop",
                   "population_header_quote_semicolon", "flows_header_newline",
                   "flows_header_tab", "flows_header_non_ascii_ok", "population_1e400",
                   "sum_overflow", "too_many_attribute_columns", "abroad_to_abroad",
                   "group_code_two_names", "regions_blank_name", "duplicate_header_column",
                   "quoted_newline_row_number", "out_full_disk", "out_unknown_suffix",
                   "formula_names_od_xlsx", "formula_names_net_csv"):
        assert wanted in names
