"""Disclosure control: suppressed cells cannot be recovered from anything published, published
totals stay additive, rounding stays within half a base."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt.disclosure import DEFAULT, DisclosureRule, protect, resolve
from flytt.engine.queries import BALANCE_CELLS, BALANCE_DERIVED

counts = st.integers(min_value=0, max_value=400)
rules = st.builds(DisclosureRule, threshold=st.integers(1, 12), base=st.integers(1, 10))
balance_rows = st.lists(st.tuples(counts, counts, counts, counts), min_size=1, max_size=30)


def balance_table(rows: list[tuple[int, int, int, int]]) -> pa.Table:
    cells = {c: [r[i] for r in rows] for i, c in enumerate(BALANCE_CELLS)}
    derived = {name: [sum(coef * cells[c][k] for c, coef in combo.items())
                      for k in range(len(rows))] for name, combo in BALANCE_DERIVED.items()}
    return pa.table({"region_code": [f"{k:04d}" for k in range(len(rows))], **cells, **derived})


def publish(rows, rule):
    return protect(balance_table(rows), rule, cells=BALANCE_CELLS, derived=BALANCE_DERIVED)


@settings(max_examples=200, deadline=None)
@given(rows=balance_rows, rule=rules, data=st.data())
def test_suppressed_cells_cannot_be_recovered(rows, rule, data):
    """Changing a suppressed cell to any other suppressible value publishes the same table:
    no total, net or difference of published figures can tell the values apart."""
    published = publish(rows, rule)
    for k, row in enumerate(rows):
        for i, value in enumerate(row):
            if 0 < value < rule.threshold:
                other = data.draw(st.integers(1, rule.threshold - 1))
                changed = [list(r) for r in rows]
                changed[k][i] = other
                assert publish([tuple(r) for r in changed], rule).equals(published)


@settings(max_examples=200, deadline=None)
@given(rows=balance_rows, rule=rules)
def test_published_totals_are_additive(rows, rule):
    """Each derived figure is exactly its combination of the published cells, or missing
    when one of them is."""
    t = publish(rows, rule).to_pydict()
    for name, combo in BALANCE_DERIVED.items():
        for k in range(len(rows)):
            parts = [t[c][k] for c in combo]
            if any(p is None for p in parts):
                assert t[name][k] is None
            else:
                assert t[name][k] == sum(coef * t[c][k] for c, coef in combo.items())


@settings(max_examples=300, deadline=None)
@given(values=st.lists(counts, min_size=1, max_size=50), rule=rules)
def test_cells_rounded_within_half_a_base(values, rule):
    out = rule.cells(np.array(values))
    for raw, pub in zip(values, out):
        if 0 < raw < rule.threshold:
            assert np.isnan(pub)
        else:
            assert pub % rule.base == 0 and abs(pub - raw) <= rule.base / 2
            assert (pub == 0) == (raw == 0) or raw < rule.base / 2


def test_default_rule_examples():
    assert list(DEFAULT.cells(np.array([0, 1, 4, 5, 7, 8, 12, 13, 100]))) == \
        pytest.approx([0, np.nan, np.nan, 5, 5, 10, 10, 15, 100], nan_ok=True)
    assert resolve("default") is DEFAULT and resolve("none") is None and resolve(None) is None
    with pytest.raises(ValueError):
        resolve("strict")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        DisclosureRule(threshold=0)


def test_rates_from_published_counts():
    t = pa.table({"moves": [3, 12, 40, 7], "persons": [100, 200, 0, 3], "rate": [0.0] * 4})
    out = protect(t, DEFAULT, cells=["moves", "persons"],
                  rates={"rate": ("moves", "persons", 100.0)}).to_pydict()
    assert out["moves"] == [None, 10, 40, 5]
    assert out["persons"] == [100, 200, 0, None]
    assert out["rate"] == [None, 5.0, None, None]
    meta = protect(t, None, cells=["moves"]).schema.metadata
    assert b"no disclosure control" in meta[b"flytt.disclosure"]
