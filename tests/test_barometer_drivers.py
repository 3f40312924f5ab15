"""Seed 003 chapter 5: the driver regressions (standardized betas, p-values, Table 1–8 layout)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from flytt.barometer import demo_panel, drivers, panel_from_frame
from flytt.barometer.drivers import DriversResult, driver_frame, regress
from flytt.flows import Grouping


def mirror() -> Path:
    env = os.environ.get("FLYTT_DATA_MIRROR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"


def test_regression_reproduces_nist_longley_certified_values():
    data = pd.read_csv(mirror() / "external-benchmarks" / "nist_longley.csv")
    x = data[["GNPDEFL", "GNP", "UNEMP", "ARMED", "POP", "YEAR"]]
    fit = regress(data["TOTEMP"].to_numpy(float), x)
    certified = [-3482258.63459582, 15.0618722713733, -0.358191792925910e-01,
                 -2.02022980381683, -1.03322686717359, -0.511041056535807e-01,
                 1829.15146461355]
    certified_se = [890420.383607373, 84.9149257747669, 0.334910077722432e-01,
                    0.488399681651699, 0.214274163161675, 0.226073200069370,
                    455.478499142212]
    np.testing.assert_allclose(fit.coef, certified, rtol=1e-7)
    np.testing.assert_allclose(fit.se, certified_se, rtol=1e-7)
    assert fit.r2 == pytest.approx(0.995479004577296, rel=1e-9)
    assert fit.n == 16


def test_betas_and_p_values_match_statsmodels():
    import statsmodels.api as sm

    data = driver_frame(demo_panel(), (2019, 2021)).dropna()
    y = data["net_migration_pct"]
    x = data.drop(columns="net_migration_pct")
    fit = regress(y.to_numpy(float), x)
    model = sm.OLS(y, sm.add_constant(x)).fit()
    np.testing.assert_allclose(fit.coef, model.params.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(fit.p_value, model.pvalues.to_numpy(), rtol=1e-6, atol=1e-300)
    z = lambda s: (s - s.mean()) / s.std()
    standardized = sm.OLS(z(y), sm.add_constant(x.apply(z))).fit()
    np.testing.assert_allclose(fit.beta, standardized.params.to_numpy()[1:], rtol=1e-8)
    assert fit.r2 == pytest.approx(model.rsquared)


def neighbour_panel() -> tuple[pd.DataFrame, Grouping, Grouping]:
    jobs = {"0101": (100, 110), "0102": (200, 220), "0103": (300, 270), "0201": (400, 500),
            "0202": (50, 60)}
    rows = []
    for code, (j0, j1) in jobs.items():
        rows += [{"year": 2000, "region_code": code, "population": 1000, "net_migration": 0,
                  "jobs": j0},
                 {"year": 2001, "region_code": code, "population": 1000 + int(code[-1]),
                  "net_migration": int(code[-1]) * 3, "jobs": j1}]
    region = Grouping.from_frame(pd.DataFrame({"code": list(jobs), "group_code":
                                               ["R1", "R1", "R2", "R3", "R3"]}), "region")
    county = Grouping.from_frame(pd.DataFrame({"code": list(jobs), "group_code":
                                               ["01", "01", "01", "02", "02"]}), "county")
    return pd.DataFrame(rows), region, county


def test_neighbour_growth_is_the_rest_of_the_region_or_county():
    frame, region, county = neighbour_panel()
    panel = panel_from_frame(frame).with_groupings(region=region, county=county)
    municipal = driver_frame(panel, (2001, 2001))["neighbour_job_growth_pct"]
    assert municipal["0101"] == pytest.approx(100 * (220 / 200 - 1))  # rest of R1 = 0102
    assert municipal["0102"] == pytest.approx(100 * (110 / 100 - 1))
    assert np.isnan(municipal["0103"])  # alone in R2: no neighbours
    assert municipal["0201"] == pytest.approx(100 * (60 / 50 - 1))
    regional = driver_frame(panel, (2001, 2001), level="region")["neighbour_job_growth_pct"]
    assert regional["R1"] == pytest.approx(100 * (270 / 300 - 1))  # rest of county 01 = R2
    assert regional["R2"] == pytest.approx(100 * ((110 + 220) / (100 + 200) - 1))
    assert np.isnan(regional["R3"])  # R3 is all of county 02


def test_table_layout_like_seed_tables():
    result = drivers(demo_panel(), [(2010 + k, 2012 + k) for k in range(6)])
    table = result.to_frame()
    assert list(table.columns) == ["driver", "label"] + [str(y) for y in range(2012, 2018)]
    assert table["driver"].tolist()[:4] == ["job_growth_pct", "integration", "log_population",
                                            "neighbour_job_growth_pct"]
    assert table["driver"].tolist()[-3:] == ["housing_completions", "r2", "n"]
    tidy = result.tidy()
    assert set(tidy["period"]) == {f"{a}-{a + 2}" for a in range(2010, 2016)}
    assert ((tidy["beta"].abs() < 1) & tidy["p_value"].between(0, 1)).all()
    # the demo panel is built with job growth and housing driving net migration
    strong = tidy[tidy["driver"].isin(["job_growth_pct", "housing_completions"])]
    assert (strong["p_value"] < 0.01).all() and (strong["beta"] > 0).all()


def test_shading_follows_seed_significance_bands():
    dark_blue = DriversResult.shade(0.3, 0.001)
    light_blue = DriversResult.shade(0.3, 0.05)
    dark_red = DriversResult.shade(-0.3, 0.009)
    light_red = DriversResult.shade(-0.3, 0.099)
    assert len({dark_blue, light_blue, dark_red, light_red}) == 4
    assert DriversResult.shade(0.3, 0.1) is None and DriversResult.shade(-0.9, 0.5) is None
    html = drivers(demo_panel(), [(2019, 2021)]).to_html()
    assert dark_blue in html and "Boligbygging" in html and "SYNTHETIC" in html


def test_streams_and_levels_run_and_stream_parts_differ():
    panel = demo_panel()
    immigration = drivers(panel, [(2020, 2022)], stream="immigration").tidy()
    others = drivers(panel, [(2020, 2022)], stream="domestic_others").tidy()
    assert not np.allclose(immigration["beta"], others["beta"])
    regional = drivers(panel, [(2020, 2022)], level="region").tidy()
    assert regional["n"].iloc[0] < immigration["n"].iloc[0]
