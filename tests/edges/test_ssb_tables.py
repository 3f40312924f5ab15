"""SSB's three county tables against the published numbers (seeds 000, 001, 002) and an
independent transcription of them (the registry's seed-* entries)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import ref

from flytt import contracts as C
from flytt import datasets, render
from flytt.api import migration_table
from flytt.tables import balance_table, check_balance_identities, net_table, od_table


@pytest.fixture(scope="module")
def ssb():
    return datasets.load("ssb-counties")


SEED_KEYS = {"flows": "seed-flows-2011", "totals": "seed-flows-totals-2011",
             "net": "seed-net-2005", "net_totals": "seed-net-totals-2005",
             "balance": "seed-balance-2015"}
SEED_TABLES = pytest.mark.data(*SEED_KEYS.values())
"""Marks a test that reads :func:`seed_tables` (mirror-only transcriptions)."""


@pytest.fixture(scope="module")
def seed_tables():
    return {name: pd.read_csv(ref(key), dtype=str, keep_default_na=False)
            for name, key in SEED_KEYS.items()}


@SEED_TABLES
def test_2011_flows_match_independent_transcription_cell_for_cell(ssb, seed_tables):
    ours = ssb.flows.for_year(2011).set_index([C.ORIGIN, C.DESTINATION])[C.MOVES]
    theirs = seed_tables["flows"]
    assert len(theirs) == len(ours) == 400
    for row in theirs.itertuples():
        value = ours[(row.origin_code, row.destination_code)]
        if row.moves == "":
            assert pd.isna(value), (row.origin_code, row.destination_code)
        else:
            assert value == int(row.moves), (row.origin_code, row.destination_code)


@SEED_TABLES
def test_2011_od_reproduces_every_printed_total(ssb, seed_tables):
    table = od_table(ssb.flows, 2011)
    printed = seed_tables["totals"]
    rows = printed[printed.kind == "row_total"].set_index("code")["value"].astype(int)
    cols = printed[printed.kind == "column_total"].set_index("code")["value"].astype(int)
    grand = int(printed[printed.kind == "grand_total"]["value"].iloc[0])
    assert table.row_totals.astype(int).to_dict() == rows.to_dict()
    assert table.column_totals.astype(int).to_dict() == cols.to_dict()
    assert table.grand_total == grand == 338_325
    frame = table.to_frame()
    assert list(frame.columns[:3]) == list(C.OD_LEADING_COLUMNS)
    assert list(frame.columns[3:]) == [*[c for c in rows.index if c != C.ABROAD], C.ABROAD]
    assert frame.iloc[-1][C.ORIGIN] == C.TOTAL and frame.iloc[-1]["total"] == 338_325
    # '.' cells (not applicable) stay missing: Oslo→Oslo and abroad→abroad
    assert pd.isna(table.matrix.loc["03", "03"]) and pd.isna(table.matrix.loc["ABROAD", "ABROAD"])


def test_2011_od_matches_the_printed_total_column_in_the_shipped_file(ssb):
    """The shipped file keeps SSB's printed 'Total' column; the matrix must add up to it."""
    from importlib import resources

    with resources.files("flytt.datasets").joinpath("data", "ssb_counties_2011_od.csv").open() as f:
        printed = pd.read_csv(f, dtype=str).set_index(C.ORIGIN)["total"].astype(int)
    computed = od_table(ssb.flows, 2011).row_totals.astype(int)
    assert computed.to_dict() == printed.to_dict()


def test_balance_from_2011_flows_satisfies_ssb_identities(ssb):
    table = balance_table(ssb.flows, 2011)
    assert check_balance_identities(table) == []
    f = table.to_frame().set_index(C.REGION)
    # immigration and emigration are the ABROAD row and column totals printed in seed 001
    assert f.loc[C.TOTAL, "in_abroad"] == 79_498
    assert f.loc[C.TOTAL, "out_abroad"] == 32_465
    # between-county moves: 338 325 − 94 651 within − 79 498 − 32 465 (seed-tables README)
    assert f.loc[C.TOTAL, "in_internal"] == f.loc[C.TOTAL, "out_internal"] == 131_711
    assert f.loc[C.TOTAL, "net_internal"] == 0


def test_2011_internal_nets_equal_those_derived_by_the_independent_transcription(ssb):
    published = {"01": 1236, "02": 2650, "03": -417, "04": 174, "05": -288, "06": 571,
                 "07": 589, "08": -240, "09": 235, "10": -80, "11": -159, "12": -234,
                 "14": -685, "15": -765, "16": 56, "17": 9, "18": -1129, "19": -871,
                 "20": -652}
    nets = balance_table(ssb.flows, 2011).to_frame().set_index(C.REGION)["net_internal"]
    assert nets.drop(C.TOTAL).to_dict() == published
    assert net_table(ssb.flows, 2011).net_total.astype(int).to_dict() == published


@SEED_TABLES
def test_2015_balance_is_the_published_table(ssb, seed_tables):
    table = migration_table("balance", dataset="ssb-counties", year=2015)
    assert check_balance_identities(table) == []
    ours = table.to_frame()
    theirs = seed_tables["balance"]
    assert list(ours.columns) == list(C.BALANCE_COLUMNS)
    assert ours.iloc[0][C.REGION] == C.TOTAL
    for col in C.BALANCE_COLUMNS[2:]:
        assert ours[col].astype(int).tolist() == theirs[col].astype(int).tolist(), col


@SEED_TABLES
def test_2005_net_table_equals_independent_transcription(seed_tables):
    table = migration_table("net", dataset="ssb-counties", year=2005)
    frame = table.to_frame().set_index(C.REGION)
    for row in seed_tables["net"].itertuples():
        assert frame.loc[row.row_county_code, row.col_county_code] == int(row.net)
        # upper triangle is empty, as printed
        assert pd.isna(frame.loc[row.col_county_code, row.row_county_code])
    totals = seed_tables["net_totals"].set_index("county_code")["net_total"].astype(int)
    assert frame["net_total"].astype(int).to_dict() == totals.to_dict()
    assert totals.sum() == 0


def _seed_000_rows() -> dict[str, list[str]]:
    """The printed cells of seed 000 per county row: total, then columns 01..20."""
    text = ref("seed-000").read_text(encoding="utf-8")
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if re.match(r"^\d\d ", line):
            cells = [c.replace("\u00a0", " ").strip() for c in line.split("\t")[1:]]
            rows.setdefault(line[:2], []).extend(cells)
    return rows


@pytest.mark.data("seed-000")
def test_2005_net_table_renders_cell_for_cell_as_printed():
    table = migration_table("net", dataset="ssb-counties", year=2005)
    shown, _ = render.display_frame(table)
    printed = _seed_000_rows()
    codes = shown[C.REGION].tolist()
    assert len(codes) == 19
    for i, code in enumerate(codes):
        cells = printed[code]
        assert shown.iloc[i]["net_total"] == cells[0], code
        for j, col in enumerate(codes[: i + 1]):
            expected = cells[1 + j]
            got = shown.iloc[i][col]
            # SSB prints '-' for nil off the diagonal too; we print the number 0 there
            assert got == expected or (expected == "-" and got == "0"), (code, col, got, expected)
    markdown = render.to_markdown(table)
    assert "-3 158" in markdown and "Østfold" in markdown and "Finnmark Finnmárku" in markdown


def test_net_footnote_explains_the_sign():
    table = migration_table("net", dataset="ssb-counties", year=2005)
    assert "minus" in table.footnote and "row" in table.footnote
    # the seed's example: Østfold had a net in-migration of 448 from Akershus
    assert table.full.loc["01", "02"] == 448 and table.full.loc["02", "01"] == -448


def test_dataset_without_a_table_says_what_it_has():
    from flytt.errors import NotFoundError

    with pytest.raises(NotFoundError, match="net 2005"):
        migration_table("od", dataset="ssb-counties", year=2015)


def test_grouping_municipalities_to_counties_removes_intra_county_moves():
    from flytt.flows import Flows, Grouping

    flows = Flows.from_frame(pd.DataFrame({
        C.YEAR: 2020,
        C.ORIGIN: ["0101", "0101", "0102", "0301", "0301", "ABROAD", "0102", "0101"],
        C.DESTINATION: ["0102", "0301", "0101", "0101", "ABROAD", "0102", "0102", "ABROAD"],
        C.MOVES: pd.array([10, 5, 7, 3, 2, 4, 99, 1], dtype="Int64"),
    }))
    groups = Grouping.from_frame(pd.DataFrame({
        C.CODE: ["0101", "0102", "0301"], C.GROUP_CODE: ["01", "01", "03"],
        C.GROUP_NAME: ["Østfold", "Østfold", "Oslo"]}))
    bal = balance_table(flows, 2020, groups).to_frame().set_index(C.REGION)
    # by hand: 01 gets 3 from 03 and 4 from abroad; sends 5 to 03 and 1 abroad
    assert bal.loc["01", ["in_internal", "in_abroad", "out_internal", "out_abroad"]].tolist() \
        == [3, 4, 5, 1]
    assert bal.loc["03", ["in_internal", "out_internal", "out_abroad"]].tolist() == [5, 3, 2]
    od = od_table(flows, 2020, groups)
    assert od.matrix.loc["01", "01"] == 17  # 10 + 7 between Østfold municipalities
    assert pd.isna(od.matrix.loc["03", "03"])  # one-member group: not applicable
    ungrouped = balance_table(flows, 2020).to_frame().set_index(C.REGION)
    assert ungrouped.loc["0101", "in_internal"] == 7 + 3


# --------------------------------------------------------------------------- invariants
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_codes = st.lists(st.sampled_from(["01", "02", "03", "11", "12", "20"]), min_size=2,
                  max_size=6, unique=True)


@st.composite
def random_flows(draw):
    from flytt.flows import Flows

    codes = draw(_codes) + ["ABROAD"]
    rows = []
    for o in codes:
        for d in codes:
            if o == d == "ABROAD":
                continue
            if draw(st.booleans()):
                rows.append((2020, o, d, draw(st.integers(0, 10_000))))
    if not rows:
        rows.append((2020, codes[0], codes[1], 1))
    frame = pd.DataFrame(rows, columns=[C.YEAR, C.ORIGIN, C.DESTINATION, C.MOVES])
    frame[C.MOVES] = frame[C.MOVES].astype("Int64")
    return Flows.from_frame(frame)


@settings(max_examples=60, deadline=None)
@given(random_flows())
def test_net_matrix_is_antisymmetric_and_totals_sum_to_zero(flows):
    table = net_table(flows, 2020)
    full = table.full.to_numpy()
    off = ~np.eye(len(full), dtype=bool)
    assert np.array_equal(full[off], (-full.T)[off])
    assert table.net_total.sum() == 0
    # the published lower triangle carries all the information
    lower = table.lower.fillna(0).to_numpy()
    assert np.array_equal(lower - lower.T, np.nan_to_num(full))


@settings(max_examples=60, deadline=None)
@given(random_flows())
def test_balance_identities_hold_for_random_flows(flows):
    table = balance_table(flows, 2020)
    assert check_balance_identities(table) == []
    nets = net_table(flows, 2020).net_total
    bal = table.to_frame().set_index(C.REGION)["net_internal"].drop(C.TOTAL)
    assert nets.reindex(bal.index).astype(int).tolist() == bal.astype(int).tolist()


@settings(max_examples=40, deadline=None)
@given(random_flows())
def test_od_totals_are_consistent(flows):
    table = od_table(flows, 2020)
    frame = table.to_frame()
    body = frame.iloc[:-1, 3:].astype("Float64").fillna(0)
    assert (body.sum(axis=1).to_numpy() == frame.iloc[:-1]["total"].to_numpy()).all()
    assert frame.iloc[-1]["total"] == frame.iloc[:-1]["total"].sum()
