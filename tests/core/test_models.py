"""Gravity and radiation models and fit metrics: recovery of known parameters, margins of
constrained models, Rogers–Castro's fundamental parameters, and cases worked by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import ref
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt.indices import fit_rogers_castro, rc_indices, rogers_castro
from flytt.models import (
    common_part_of_commuters,
    fit_gravity,
    generate_flows,
    r_squared,
    radiation_flows,
    srmse,
)


def system(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 100, (n, 2))
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(d, 1.0)
    return d, rng.uniform(1e3, 1e5, n)


def test_unconstrained_gravity_recovers_the_parameters_that_made_the_flows():
    d, pop = system(9, 1)
    flows = generate_flows(d, beta=-1.5, constraint="unconstrained", origin_mass=pop,
                           destination_mass=pop, alpha=0.8, gamma=0.6, constant=0.01)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = fit_gravity(flows, d, origin_mass=pop, destination_mass=pop,
                          constraint="unconstrained")
    assert fit.beta == pytest.approx(-1.5, abs=1e-6)
    assert fit.alpha == pytest.approx(0.8, abs=1e-6)
    assert fit.gamma == pytest.approx(0.6, abs=1e-6)
    assert np.exp(fit.constant) == pytest.approx(0.01, rel=1e-5)


def test_exponential_doubly_constrained_recovers_beta():
    d, _ = system(8, 2)
    rng = np.random.default_rng(3)
    o, dd = rng.uniform(100, 1000, 8), rng.uniform(100, 1000, 8)
    flows = generate_flows(d, beta=-0.03, form="exponential", constraint="doubly",
                           outflows=o, inflows=dd * o.sum() / dd.sum())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = fit_gravity(flows, d, constraint="doubly", form="exponential")
    assert fit.beta == pytest.approx(-0.03, abs=1e-7)
    assert fit.metrics.cpc == pytest.approx(1.0)


@settings(max_examples=15, deadline=None)
@given(st.integers(4, 8), st.integers(0, 10_000),
       st.sampled_from(["production", "attraction", "doubly"]))
def test_constrained_models_reproduce_their_margins(n, seed, constraint):
    d, pop = system(n, seed)
    rng = np.random.default_rng(seed)
    flows = rng.poisson(2000 * np.outer(pop, pop) / pop.sum() ** 2 * d ** -0.5).astype(float)
    np.fill_diagonal(flows, 0)
    flows += 1.0 - np.eye(n)
    fit = fit_gravity(flows, d, origin_mass=pop, destination_mass=pop, constraint=constraint)
    if constraint in ("production", "doubly"):
        assert fit.fitted.sum(axis=1) == pytest.approx(flows.sum(axis=1), rel=1e-6)
    if constraint in ("attraction", "doubly"):
        assert fit.fitted.sum(axis=0) == pytest.approx(flows.sum(axis=0), rel=1e-6)


def test_radiation_by_hand():
    # three places on a line: 0 at x=0 (pop 100), 1 at x=1 (pop 50), 2 at x=3 (pop 200)
    x = np.array([0.0, 1.0, 3.0])
    pop = np.array([100.0, 50.0, 200.0])
    d = np.abs(x[:, None] - x[None, :])
    t = radiation_flows(np.array([10.0, 10.0, 10.0]), pop, d, finite_size=False)
    # from 0: to 1, s = 0: 100·50/(100·150); to 2, s = 50: 100·200/(150·350)
    assert t[0, 1] == pytest.approx(10 * 100 * 50 / (100 * 150))
    assert t[0, 2] == pytest.approx(10 * 100 * 200 / (150 * 350))
    # from 2: to 1 (d=2), s = 0; to 0 (d=3), s = 50
    assert t[2, 1] == pytest.approx(10 * 200 * 50 / (200 * 250))
    assert t[2, 0] == pytest.approx(10 * 200 * 100 / (250 * 350))
    finite = radiation_flows(np.array([10.0, 10.0, 10.0]), pop, d)
    assert finite[0] == pytest.approx(t[0] / (1 - 100 / 350))


def test_fit_metrics_by_hand():
    obs = np.array([[0, 10, 20], [30, 0, 40], [0, 0, 0.0]])
    pred = np.array([[0, 20, 20], [30, 0, 30], [0, 0, 0.0]])
    # cells i≠j: obs 10,20,30,40,0,0; pred 20,20,30,30,0,0
    assert common_part_of_commuters(obs, pred) == pytest.approx(2 * 90 / 200)
    assert srmse(obs, pred) == pytest.approx(np.sqrt(200 / 6) / (100 / 6))
    o = np.array([10, 20, 30, 40, 0, 0.0])
    assert r_squared(obs, pred) == pytest.approx(1 - 200 / ((o - o.mean()) ** 2).sum())


# ----------------------------------------------------------------- Rogers–Castro
def fundamental() -> dict[str, float]:
    frame = pd.read_csv(ref("rogers-castro-fundamental"))
    return dict(zip(frame["param"], frame["value"]))


@pytest.mark.data("rogers-castro-fundamental")
def test_rogers_castro_fundamental_parameter_indices():
    # Rogers & Castro (1981) fundamental schedule: a1=.02, α1=.1, a2=.06, α2=.1, μ2=20, λ2=.4
    got = rc_indices(fundamental())
    assert got == pytest.approx({"peaking": 20, "child_dependency": 0.02 / 0.06,
                                 "labor_dependency": 3.0, "labor_asymmetry": 4.0,
                                 "regularity": 1.0})


@pytest.mark.data("rogers-castro-fundamental")
def test_rogers_castro_schedule_formula_by_hand():
    p = fundamental()
    # at x = μ2 = 20 the labour component is a2·e^{−1}
    expected = 0.02 * np.exp(-2.0) + 0.06 * np.exp(-1.0) + 0.003
    assert rogers_castro([20.0], p)[0] == pytest.approx(expected)


@pytest.mark.data("rogers-castro-fundamental")
@pytest.mark.parametrize("form, extra", [
    (7, {}), (9, {"a4": 0.0001, "lambda4": 0.05}),
    (11, {"a3": 0.01, "alpha3": 0.6, "mu3": 65.0, "lambda3": 0.3})])
def test_fit_recovers_rogers_castro_parameters(form, extra):
    truth = fundamental() | extra
    ages = np.arange(0, 96)
    fit = fit_rogers_castro(ages, rogers_castro(ages, truth), form)
    assert fit.converged and fit.rmse < 1e-7
    for key in ("a1", "alpha1", "a2", "alpha2", "mu2", "lambda2"):
        assert fit.params[key] == pytest.approx(truth[key], rel=1e-3), key
    assert fit.indices["peaking"] == pytest.approx(20, rel=1e-3)


def test_production_constrained_gravity_on_ny_commuting_as_scikit_mobility_prints():
    # scikit-mobility README / Gravity docstring: singly constrained fit on
    # NY_commuting_flows_2011 with population as relevance prints
    # deterrence_func_args=[-1.9947152031914186], destination_exp=0.6471759552223144
    import json

    from flytt.geo import centroid, haversine_km

    fc = json.loads(ref("ny-counties-2011").read_text(encoding="utf-8"))
    codes = [f["properties"]["tile_id"] for f in fc["features"]]
    pop = np.array([f["properties"]["population"] for f in fc["features"]], float)
    lon, lat = np.array([centroid(f["geometry"]) for f in fc["features"]]).T
    dist = haversine_km(lon[:, None], lat[:, None], lon[None, :], lat[None, :])
    np.fill_diagonal(dist, 1.0)
    flows = pd.read_csv(ref("ny-commuting-2011"), dtype={"origin": str, "destination": str})
    index = {c: k for k, c in enumerate(codes)}
    t = np.zeros((len(codes), len(codes)))
    np.add.at(t, (flows["origin"].map(index), flows["destination"].map(index)), flows["flow"])
    fit = fit_gravity(t, dist, destination_mass=pop, constraint="production",
                      positive_only=True)
    assert fit.beta == pytest.approx(-1.9947152031914186, abs=1e-7)
    assert fit.gamma == pytest.approx(0.6471759552223144, abs=1e-7)
    # the origin effects reproduce each origin's outflow over the pairs that were fitted
    fitted_pairs = (t > 0) & ~np.eye(len(t), dtype=bool)
    assert (fit.fitted * fitted_pairs).sum(axis=1) == pytest.approx(
        t.sum(axis=1) - np.diag(t), rel=1e-6)
