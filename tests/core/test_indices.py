"""Migration indices against published numbers: Plane & Mulligan's hypothetical matrices
(migration.indices tests and examples), migest's documented outputs for korea_gravity and
ipumsi_age, Rogers & Castro's fundamental parameters, and small matrices worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ref
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from flytt.indices import (
    ODMatrix,
    acv,
    age_indices,
    anmr,
    cmi,
    corridors,
    courgeau_k,
    cv,
    gini_field,
    gini_standardized,
    gini_total,
    inequality,
    mean_distance,
    median_distance,
    mei,
    mwg,
    preference,
    region_summary,
    summary,
    velocity,
)
from flytt.indices.distance import distance_decay


def plane_mulligan(name: str) -> ODMatrix:
    frame = pd.read_csv(ref("plane-mulligan"))
    frame = frame[frame["matrix"] == name].astype({"orig": str, "dest": str})
    return ODMatrix.from_frame(frame, origin="orig", destination="dest", flow="flow")


@pytest.fixture(scope="module")
def korea() -> pd.DataFrame:
    return pd.read_csv(ref("migest-korea-gravity"))


def korea_year(korea: pd.DataFrame, year: int) -> tuple[ODMatrix, pd.Series, pd.DataFrame]:
    g = korea[korea["year"] == year]
    m = ODMatrix.from_frame(g, origin="orig", destination="dest", flow="flow")
    pop_millions = g.drop_duplicates("dest").set_index("dest")["dest_pop"]
    dist = g.rename(columns={"orig": "origin_code", "dest": "destination_code",
                             "dist_cent": "distance_km"})
    return m, pop_millions, dist


# ----------------------------------------------------------------- Plane & Mulligan (1997)
# values from daroczig/migration.indices inst/tests/test-gini.R and the Rd examples
@pytest.mark.data("plane-mulligan")
@pytest.mark.parametrize("name, total_uncorr, total_corr, rows_std, cols_std, exch_std, "
                         "g_out, g_in, mwg_out, mwg_in, acv_value", [
    ("migration.hyp", 0.22222222, 0.2666667, 0.0, 0.25, 0.25, [0, 0, 0],
     [0.2, 0.5, 1 / 3], 0.0, 0.122222222222222, 0.3333333),
    ("migration.hyp2", 0.1875, 0.225, 0.11111111, 0.22222222, 0.22222222, [0, 0.25, 0],
     [0.2, 0.0, 0.428571428571429], 0.0208333333333333, 0.0523809523809524, 0.375),
])
def test_plane_mulligan_ginis(name, total_uncorr, total_corr, rows_std, cols_std, exch_std,
                              g_out, g_in, mwg_out, mwg_in, acv_value):
    m = plane_mulligan(name)
    assert gini_total(m, corrected=False) == pytest.approx(total_uncorr, abs=1e-7)
    assert gini_total(m) == pytest.approx(total_corr, abs=1e-7)
    assert gini_standardized(m, "rows") == pytest.approx(rows_std, abs=1e-7)
    assert gini_standardized(m, "columns") == pytest.approx(cols_std, abs=1e-7)
    assert gini_standardized(m, "exchange") == pytest.approx(exch_std, abs=1e-7)
    assert gini_field(m, "out") == pytest.approx(g_out, abs=1e-9)
    assert gini_field(m, "in") == pytest.approx(g_in, abs=1e-9)
    assert mwg(m, "out", "migest") == pytest.approx(mwg_out, abs=1e-12)
    assert mwg(m, "in", "migest") == pytest.approx(mwg_in, abs=1e-12)
    assert acv(m) == pytest.approx(acv_value, abs=1e-7)


@pytest.mark.data("plane-mulligan")
def test_plane_mulligan_uncorrected_field_ginis():
    # migration.indices examples: gini.in(hyp, FALSE) = 0.1 0.25 0.1666667
    m = plane_mulligan("migration.hyp")
    assert gini_field(m, "in", corrected=False) == pytest.approx([0.1, 0.25, 1 / 6])


@pytest.mark.data("plane-mulligan")
def test_textbook_mwg_by_hand():
    # hyp2 rows (0,20,20), (30,0,50), (20,20,0): O = 40, 80, 40; T = 160; G^O = (0, 1/4, 0)
    m = plane_mulligan("migration.hyp2")
    assert mwg(m, "out") == pytest.approx(0.25 * 80 / 160)
    # G^I = (0.2, 0, 3/7); D = 50, 40, 70
    assert mwg(m, "in") == pytest.approx((0.2 * 50 + 3 / 7 * 70) / 160)


def test_small_matrix_by_hand():
    m = ODMatrix.from_array([[0, 10, 10], [20, 0, 20], [30, 30, 0]], codes=["a", "b", "c"])
    # O = 20, 40, 60; D = 50, 40, 30; net = 30, 0, -30; turnover = 70, 80, 90
    assert mei(m) == pytest.approx(100 * 60 / 240)
    pop = {"a": 100, "b": 200, "c": 700}
    assert anmr(m, pop) == pytest.approx(100 * 0.5 * 60 / 1000)
    assert cmi(m.total, 1000) == pytest.approx(12.0)
    assert courgeau_k(12.0, 3) == pytest.approx(12.0 / np.log(9))
    # preference: sum M_ij / (T p_i p_j) with p = .1, .2, .7
    p = np.array([0.1, 0.2, 0.7])
    expected = sum(m.between[i, j] / (120 * p[i] * p[j]) for i in range(3) for j in range(3)
                   if i != j)
    assert preference(m, pop) == pytest.approx(expected)
    assert velocity(m, pop) == pytest.approx(sum(
        m.between[i, j] * 1000 / (pop[a] * pop[b]) for i, a in enumerate("abc")
        for j, b in enumerate("abc") if i != j))
    # equal inequality: shares 10,10,20,20,30,30 /120 against 1/6 each
    shares = np.array([10, 10, 20, 20, 30, 30]) / 120
    assert inequality(m) == pytest.approx(0.5 * np.abs(shares - 1 / 6).sum())
    # textbook CV: population sd / mean of the six flows
    x = np.array([10, 10, 20, 20, 30, 30.0])
    assert cv(m) == pytest.approx(x.std() / x.mean())
    regions = region_summary(m, pop).to_frame().set_index("region_code")
    assert regions.loc["a", "net"] == 30 and regions.loc["c", "turnover"] == 90
    assert regions.loc["a", "net_rate"] == pytest.approx(30.0)
    corr = corridors(m).to_frame()
    ac = corr[(corr.origin_code == "a") & (corr.destination_code == "c")].iloc[0]
    assert (ac.flow, ac.counter_flow, ac.net, ac.interchange) == (10, 30, -20, 40)
    assert ac.effectiveness == pytest.approx(50.0)


def test_distance_by_hand():
    m = ODMatrix.from_array([[0, 1, 3], [0, 0, 0], [0, 0, 0]], codes=["a", "b", "c"])
    d = np.array([[0, 10, 30], [10, 0, 20], [30, 20, 0.0]])
    assert mean_distance(m, d) == pytest.approx((10 + 90) / 4)
    assert median_distance(m, d) == pytest.approx(30)
    # migest interpolates between half-weight midpoints: 0.5 at 10, 2.5 at 30 -> 2 -> 25
    assert median_distance(m, d, "migest") == pytest.approx(25)


# ----------------------------------------------------------------- migest, korea_gravity
@pytest.mark.data("migest-korea-gravity")
def test_korea_connectivity_2020_as_migest_prints(korea):
    m, _, _ = korea_year(korea, 2020)
    s = summary(m, convention="migest")
    published = {"connectivity": 1, "inequality_equal": 0.541, "inequality_sim": 0.281,
                 "gini_total": 0.709, "gini_orig_standardized": 0.0493,
                 "gini_dest_standardized": 0.0517, "mwg_orig": 0.0370, "mwg_dest": 0.0389,
                 "mwg_mean": 0.0379, "cv": 17.9, "acv": 3.43}
    for key, value in published.items():
        assert s[key] == pytest.approx(value, rel=0.002, abs=6e-5), key


@pytest.mark.data("migest-korea-gravity")
@pytest.mark.parametrize("year, eff, anmr_m, pref, vel", [
    (2012, 6.07, 299565, 409, 20186642), (2020, 7.67, 375133, 375, 18339531)])
def test_korea_impact_as_migest_prints(korea, year, eff, anmr_m, pref, vel):
    m, pop_millions, _ = korea_year(korea, year)
    assert mei(m) == pytest.approx(eff, abs=0.005)
    # migest's example passes populations in millions; in persons ANMR is per 100 persons
    assert anmr(m, pop_millions) == pytest.approx(anmr_m, abs=0.5)
    assert anmr(m, pop_millions * 1e6) == pytest.approx(anmr_m / 1e6, abs=5e-7)
    assert preference(m, pop_millions) == pytest.approx(pref, abs=0.5)
    assert velocity(m, pop_millions) == pytest.approx(vel, abs=0.5)


@pytest.mark.data("migest-korea-gravity")
def test_korea_intensity_2020_as_migest_prints(korea):
    m, pop_millions, _ = korea_year(korea, 2020)
    value = cmi(m.total, pop_millions.sum() * 1e6)
    assert value == pytest.approx(4.89, abs=0.005)
    assert courgeau_k(value, m.n) == pytest.approx(0.863, abs=0.0005)


@pytest.mark.data("migest-korea-gravity")
@pytest.mark.parametrize("year, mean, median, decay", [
    (2012, 115, 90.8, -0.844), (2016, 115, 78.7, -0.886), (2020, 113, 74.8, -0.920)])
def test_korea_distance_as_migest_prints(korea, year, mean, median, decay):
    m, _, dist = korea_year(korea, year)
    assert mean_distance(m, dist) == pytest.approx(mean, abs=0.5)
    assert median_distance(m, dist, "migest") == pytest.approx(median, abs=0.05)
    assert distance_decay(m, dist).beta == pytest.approx(decay, abs=0.0005)


# ----------------------------------------------------------------- migest, ipumsi_age
@pytest.mark.data("migest-ipumsi-age")
@pytest.mark.parametrize("sample, published", [
    ("BRA2000", {"gmr": 7.82, "peak_mi": 14.3, "peak_age": 24, "peak_breadth": 147,
                 "peak_share": 18.8, "murc": 19, "mdrc": 32, "asymmetry": 0.594}),
    ("FRA2006", {"gmr": 9.55, "peak_mi": 29.5, "peak_age": 26, "peak_breadth": 295,
                 "peak_share": 30.8, "murc": 18, "mdrc": 30, "asymmetry": 0.6}),
])
def test_age_indices_as_migest_prints(sample, published):
    d = pd.read_csv(ref("migest-ipumsi-age"))
    d = d[d["sample"] == sample]
    rates = (d["migrants"] / d["population"]).fillna(0.0)
    got = age_indices(d["age"], rates, convention="migest").to_dict()
    for key, value in published.items():
        digits = len(str(value).split(".")[1]) if "." in str(value) else 0
        assert got[key] == pytest.approx(value, abs=0.5 * 10 ** -digits + 1e-9), key


def test_age_indices_textbook_by_hand():
    ages = np.arange(0, 11)
    rates = np.array([1, 1, 1, 2, 4, 8, 6, 3, 2, 1, 1]) / 100
    got = age_indices(ages, rates, age_min=0, age_max=10, breadth=1)
    assert got.peak_age == 5 and got.peak_mi == pytest.approx(8)
    assert got.peak_breadth == pytest.approx(4 + 8 + 6)
    assert got.peak_share == pytest.approx(100 * 18 / 30)
    assert got.murc == 5 and got.mdrc == 7   # steepest rise 4->8, steepest fall 6->3
    assert got.mean_age == pytest.approx((ages * rates).sum() / rates.sum())
    assert got.gmr == pytest.approx(0.30)


# ----------------------------------------------------------------- the seed's 2011 counties
@pytest.mark.data("seed-flows-2011", "seed-flows-totals-2011")
def test_seed_counties_2011_margins_match_published_totals():
    from flytt import datasets

    m = ODMatrix.from_flows(datasets.load("ssb-counties").flows, 2011)
    flows = pd.read_csv(ref("seed-flows-2011"), dtype=str, keep_default_na=False)
    totals = pd.read_csv(ref("seed-flows-totals-2011"), dtype=str)
    moves = pd.to_numeric(flows["moves"].replace({".": "0", "": "0"})).astype(int)
    cell = dict(zip(zip(flows.origin_code, flows.destination_code), moves))
    row = dict(zip(totals[totals.kind == "row_total"].code,
                   totals[totals.kind == "row_total"].value.astype(int)))
    col = dict(zip(totals[totals.kind == "column_total"].code,
                   totals[totals.kind == "column_total"].value.astype(int)))
    regions = region_summary(m).to_frame().set_index("region_code")
    assert len(regions) == 19
    for code in m.codes:
        assert regions.loc[code, "outflow"] == row[code] - cell[(code, code)] - cell[(code, "ABROAD")]
        assert regions.loc[code, "inflow"] == col[code] - cell[(code, code)] - cell[("ABROAD", code)]
    s = summary(m)
    assert 0 < s.mei < 100 and s.connectivity == 1.0
    # every county gains or loses: the net flows sum to zero
    assert regions["net"].sum() == 0


# ----------------------------------------------------------------- invariants
flow_matrices = st.integers(3, 7).flatmap(
    lambda n: arrays(np.float64, (n, n), elements=st.integers(1, 10_000).map(float)))


@settings(max_examples=60, deadline=None)
@given(flow_matrices, st.floats(0.01, 1000))
def test_mei_and_ginis_are_scale_invariant_and_bounded(values, factor):
    m = ODMatrix.from_array(values)
    big = m.scaled(factor)
    assert 0 <= mei(m) <= 100
    for fn in (mei, gini_total, lambda x: gini_standardized(x, "rows"),
               lambda x: gini_standardized(x, "columns"), lambda x: mwg(x, "out"),
               lambda x: mwg(x, "in"), acv, cv):
        assert fn(big) == pytest.approx(fn(m), rel=1e-9, abs=1e-12)
    assert 0 <= gini_total(m) <= 1 + 1e-12
    assert 0 <= inequality(m) <= 1 and 0 <= inequality(m, "poisson") <= 1


def test_gini_total_is_one_when_all_moves_are_one_flow():
    values = np.zeros((4, 4))
    values[1, 2] = 500
    assert gini_total(ODMatrix.from_array(values)) == pytest.approx(1.0)
    assert mei(ODMatrix.from_array(values)) == pytest.approx(100.0)


@pytest.mark.data("migest-korea-gravity")
def test_distance_decay_standard_error_equals_the_glm(korea):
    # the profile-likelihood fit against statsmodels' GLM with origin and destination dummies
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    m, _, dist = korea_year(korea, 2020)
    g = korea[(korea["year"] == 2020) & (korea["orig"] != korea["dest"])]
    glm = smf.glm("flow ~ orig + dest + np.log(dist_cent)", data=g,
                  family=sm.families.Poisson()).fit()
    got = distance_decay(m, dist)
    assert got.beta == pytest.approx(glm.params.iloc[-1], abs=1e-8)
    assert got.std_error == pytest.approx(glm.bse.iloc[-1], rel=1e-4)


def test_lumping_by_hand():
    from flytt.indices import lump_flows, lump_regions

    m = ODMatrix.from_array([[0, 50, 2, 1], [40, 0, 3, 0], [1, 2, 0, 1], [2, 1, 1, 0]],
                            codes=["a", "b", "c", "d"])
    # turnovers: a 53+43, b 43+53, c 6+6, d 4+2 -> c and d (< 20) become OTHER
    lumped = lump_regions(m, 20)
    assert set(lumped.codes) == {"a", "b", "OTHER"}
    k = {c: i for i, c in enumerate(lumped.codes)}
    assert lumped.between[k["a"], k["OTHER"]] == 3 and lumped.between[k["OTHER"], k["a"]] == 3
    assert lumped.between[k["OTHER"], k["b"]] == 3
    assert lumped.values[k["OTHER"], k["OTHER"]] == 2  # c<->d moves are now within OTHER
    assert lumped.name("OTHER") == "Other"
    # flows below 3 per origin become one flow to OTHER; zero flows vanish
    flows = lump_flows(m, 3).set_index(["origin_code", "destination_code"])["moves"].to_dict()
    assert flows == {("a", "b"): 50, ("a", "OTHER"): 3, ("b", "a"): 40, ("b", "c"): 3,
                     ("c", "OTHER"): 4, ("d", "OTHER"): 4}


def test_region_summary_as_migest_sum_region_prints():
    # migest reference (net_matrix_entropy example): sum_region(m)
    m = ODMatrix.from_array([[0, 100, 30, 70], [50, 0, 45, 5], [60, 35, 0, 40],
                             [20, 25, 20, 0]], codes=["A", "B", "C", "D"])
    got = region_summary(m).to_frame().set_index("region_code")
    assert got["outflow"].tolist() == [200, 100, 135, 65]
    assert got["inflow"].tolist() == [130, 160, 95, 115]
    assert got["turnover"].tolist() == [330, 260, 230, 180]
    assert got["net"].tolist() == [-70, 60, -40, 50]


def test_count_columns_are_integers_and_rates_floats():
    """Review (LOW): the indices tables showed counts with decimals ('9 844.00')."""
    from flytt.indices import lump_flows

    m = ODMatrix.from_array([[0, 100, 30, 70], [50, 0, 45, 5], [60, 35, 0, 40],
                             [20, 25, 20, 0]], codes=["A", "B", "C", "D"])
    regions = region_summary(m, {"A": 1000, "B": 800, "C": 900, "D": 700}).to_frame()
    for col in ("inflow", "outflow", "net", "turnover"):
        assert pd.api.types.is_integer_dtype(regions[col]), col
    for col in ("effectiveness", "inflow_rate", "net_rate", "turnover_rate"):
        assert pd.api.types.is_float_dtype(regions[col]), col
    corr = corridors(m).to_frame()
    for col in ("flow", "counter_flow", "net", "interchange"):
        assert pd.api.types.is_integer_dtype(corr[col]), col
    assert pd.api.types.is_float_dtype(corr["effectiveness"])
    assert pd.api.types.is_integer_dtype(lump_flows(m, 30)["moves"])
    # estimated (non-integral) flows stay floats
    est = ODMatrix.from_array([[0, 1.5], [2.25, 0]], codes=["A", "B"])
    assert region_summary(est).to_frame()["inflow"].tolist() == [2.25, 1.5]
