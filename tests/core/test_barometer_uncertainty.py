"""Uncertainty for small units: Poisson bootstrap intervals and empirical-Bayes shrinkage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from flytt.barometer import barometer, demo_panel
from flytt.barometer.uncertainty import shrink


def test_shrinkage_hand_computed():
    a = np.array([2.0, -2.0, 0.0, 4.0])
    v = np.ones(4)
    shrunk, tau2 = shrink(a, v)
    # mean(A²) = 24/4 = 6, times n/(n−2) = 2 → 12, minus mean(v) = 1 → τ² = 11
    assert tau2 == pytest.approx(11)
    np.testing.assert_allclose(shrunk, a * 11 / 12)
    zero, tau2 = shrink(a, np.full(4, 100.0))
    assert tau2 == 0 and (zero == 0).all()


@pytest.fixture(scope="module")
def result():
    return barometer(demo_panel(), (2022, 2024), uncertainty=True, draws=600, seed=7)


def test_shrunk_index_matches_the_formula(result):
    part = result.parts[(2022, 2024)]
    a = part["attractiveness"].to_numpy()
    gross = np.maximum(part["gross_migration"].to_numpy(float),
                       part["net_migration"].abs().to_numpy(float))
    v = 1e4 * gross / part["population"].to_numpy(float) ** 2
    n = len(a)
    tau2 = np.mean(a ** 2) * n / (n - 2) - np.mean(v)
    expected = pd.Series(a * tau2 / (tau2 + v), index=part.index)
    frame = result.frame.set_index("region_code")
    np.testing.assert_allclose(frame["attractiveness_shrunk"], expected.reindex(frame.index))
    assert (frame["attractiveness_shrunk"].abs() <= frame["attractiveness"].abs() + 1e-12).all()
    assert "attractiveness" in result.to_frame().columns  # published index kept beside it


def test_intervals_are_wide_for_small_units_and_cover_the_index(result):
    frame = result.frame
    width = frame["attractiveness_high"] - frame["attractiveness_low"]
    rho = stats.spearmanr(width, frame["population"]).statistic
    assert rho < -0.8
    inside = frame["attractiveness"].between(frame["attractiveness_low"],
                                             frame["attractiveness_high"])
    assert inside.mean() > 0.8
    assert (frame["rank_low"] <= frame["rank_high"]).all()
    assert frame["rank"].between(frame["rank_low"], frame["rank_high"]).mean() > 0.8


def test_bootstrap_is_seeded_and_variance_is_skellam():
    panel = demo_panel()
    one = barometer(panel, (2022, 2024), uncertainty=True, draws=200, seed=1).frame
    two = barometer(panel, (2022, 2024), uncertainty=True, draws=200, seed=1).frame
    other = barometer(panel, (2022, 2024), uncertainty=True, draws=200, seed=2).frame
    pd.testing.assert_frame_equal(one, two)
    assert not np.allclose(one["attractiveness_low"], other["attractiveness_low"])
    # the 90 % interval of a mid-sized unit ≈ ±1.645 Skellam standard deviations (the
    # refitted line adds little: its noise is about the average unit's over √n)
    big = one.loc[(one["population"] - 5000).abs().idxmin()]
    part = barometer(panel, (2022, 2024)).parts[(2022, 2024)].loc[big["region_code"]]
    sd = 100 * np.sqrt(part["gross_migration"]) / part["population"]
    width = big["attractiveness_high"] - big["attractiveness_low"]
    assert width == pytest.approx(2 * 1.645 * sd, rel=0.25)


def test_without_gross_moves_the_turnover_rate_is_used():
    frame = demo_panel().frame.drop(columns="gross_migration")
    from flytt.barometer import panel_from_frame

    panel = panel_from_frame(frame)
    low = barometer(panel, (2022, 2024), uncertainty=True, draws=300, turnover_rate=0.02)
    high = barometer(panel, (2022, 2024), uncertainty=True, draws=300, turnover_rate=0.3)
    width = lambda r: (r.frame["attractiveness_high"] - r.frame["attractiveness_low"]).mean()
    assert width(high) > 2 * width(low)
    assert "0.3 per inhabitant" in high.footnote
