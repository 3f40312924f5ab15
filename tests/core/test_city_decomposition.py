"""Kitagawa decomposition: the parts add up exactly, for any populations and events."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt.decomposition import kitagawa

groups = st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 400)), min_size=1,
                  max_size=8)


def _frames(base, focus):
    b = pd.DataFrame({"g": [f"g{i}" for i in range(len(base))],
                      "population": [p for p, _ in base], "events": [e for _, e in base]})
    f = pd.DataFrame({"g": [f"g{i}" for i in range(len(focus))],
                      "population": [p for p, _ in focus], "events": [e for _, e in focus]})
    return b, f


@settings(max_examples=200, deadline=None)
@given(groups, groups)
def test_parts_add_up_to_the_change(base, focus):
    b, f = _frames(base, focus)
    d = kitagawa(b, f, group="g").to_frame()
    scale = 1 + d[["baseline_events", "focus_events"]].abs().to_numpy().max()
    assert ((d["population_effect"] + d["rate_effect"] + d["unmatched_effect"] - d["change"])
            .abs() <= 1e-9 * scale).all()
    assert ((d["size_effect"] + d["composition_effect"] - d["population_effect"]).abs()
            <= 1e-9 * scale).all()
    total = d.iloc[-1]
    assert total["category"] == "TOTAL"
    assert total["change"] == sum(e for _, e in focus) - sum(e for _, e in base)
    assert total["rate_effect"] == pytest.approx(d["rate_effect"].iloc[:-1].sum(), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5000), st.integers(0, 400)), min_size=1, max_size=6),
       st.integers(1, 5))
def test_same_rates_mean_no_rate_effect(base, factor):
    """Scaling every group's population and events by the same factor changes only the
    population (size) part."""
    focus = [(p * factor, e * factor) for p, e in base]
    d = kitagawa(*_frames(base, focus), group="g")
    assert d.rate_effect == pytest.approx(0, abs=1e-9)
    assert d.composition_effect == pytest.approx(0, abs=1e-9)
    assert d.size_effect == pytest.approx(d.change)


def test_a_hand_computed_example_with_exact_fractions():
    base = pd.DataFrame({"g": ["a", "b"], "population": [100, 300], "events": [10, 6]})
    focus = pd.DataFrame({"g": ["a", "b"], "population": [200, 300], "events": [30, 9]})
    d = kitagawa(base, focus, group="g")
    F = Fraction
    pop = F(1, 2) * (F(10, 100) + F(30, 200)) * 100 + 0
    rate = F(1, 2) * 300 * (F(30, 200) - F(10, 100)) + F(1, 2) * 600 * (F(9, 300) - F(6, 300))
    assert d.population_effect == pytest.approx(float(pop))
    assert d.rate_effect == pytest.approx(float(rate))
    assert d.change == 23
    assert d.unmatched_effect == 0


def test_events_without_population_at_risk_are_unmatched():
    base = pd.DataFrame({"g": ["a", "x"], "population": [100, 0], "events": [10, 2]})
    focus = pd.DataFrame({"g": ["a"], "population": [100], "events": [10]})
    d = kitagawa(base, focus, group="g")
    assert d.unmatched_effect == -2 and d.change == -2
    assert d.population_effect == 0 and d.rate_effect == 0


def test_bad_frames_are_refused():
    ok = pd.DataFrame({"g": ["a"], "population": [1], "events": [1]})
    with pytest.raises(ValueError, match="lacks"):
        kitagawa(ok.drop(columns="events"), ok, group="g")
    with pytest.raises(ValueError, match="duplicate"):
        kitagawa(pd.concat([ok, ok]), ok, group="g")
