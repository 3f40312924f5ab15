"""Seed 003 chapter 5: the driver regressions (standardized betas, p-values, Table 1–8 layout)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import ref

from flytt.barometer import demo_panel, drivers, panel_from_frame
from flytt.barometer.drivers import driver_frame, regress
from flytt.flows import Grouping


@pytest.mark.data("nist-longley")
def test_regression_reproduces_nist_longley_certified_values():
    data = pd.read_csv(ref("nist-longley"))
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
    from flytt import render
    from flytt.render.barometer import shade

    dark_blue = shade(0.3, 0.001)
    light_blue = shade(0.3, 0.05)
    dark_red = shade(-0.3, 0.009)
    light_red = shade(-0.3, 0.099)
    assert len({dark_blue, light_blue, dark_red, light_red}) == 4
    assert shade(0.3, 0.1) is None and shade(-0.9, 0.5) is None
    html = render.to_html(drivers(demo_panel(), [(2019, 2021)]))
    assert dark_blue in html and "Boligbygging" in html and "SYNTHETIC" in html


def test_terminal_table_at_80_columns_pages_periods_and_repeats_the_labels():
    from rich.console import Console

    from flytt import render

    result = drivers(demo_panel())  # 2012–2024: 13 periods, wider than 80 columns
    console = Console(width=80, record=True, color_system="truecolor")
    console.print(render.to_rich(result))
    text = console.export_text(clear=False)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 80
    blocks = sorted({int(n) for n in re.findall(r"\((\d+)/\d+\)", text)})
    assert len(blocks) > 1 and blocks == list(range(1, len(blocks) + 1))
    assert f"({len(blocks)}/{len(blocks)})" in text
    for year in range(2012, 2025):
        assert str(year) in text
    for label in ["Job growth (Arbeidsplassvekst)", "Housing completions (Boligbygging)",
                  "n (units)"]:
        assert text.count(label) == len(blocks)
    assert "standardized betas by 3-year period" in " ".join(text.split())
    from flytt.render.barometer import shade

    assert shade(0.5, 0.001) in console.export_html(inline_styles=True)


def test_streams_and_levels_run_and_stream_parts_differ():
    panel = demo_panel()
    immigration = drivers(panel, [(2020, 2022)], stream="immigration").tidy()
    others = drivers(panel, [(2020, 2022)], stream="domestic_others").tidy()
    assert not np.allclose(immigration["beta"], others["beta"])
    regional = drivers(panel, [(2020, 2022)], level="region").tidy()
    assert regional["n"].iloc[0] < immigration["n"].iloc[0]


# --------------------------------------------------------------------------- trial findings
def run_cli(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "flytt.cli.app", *args], check=False,
                          capture_output=True, text=True, timeout=300)


def test_unknown_driver_is_a_clear_error_listing_the_available_ones():
    from flytt.errors import InputError

    panel = demo_panel()
    with pytest.raises(InputError, match=r"unknown driver\(s\) in include: fooo\b.*"
                                         r"Available.*job_growth_pct.*integration"):
        drivers(panel, [(2020, 2022)], include=["fooo"])
    # one known and one unknown: no silent drop of the unknown one
    with pytest.raises(InputError, match=r"in include: foo\..*Available"):
        drivers(panel, [(2020, 2022)], include=["job_growth_pct", "foo"])
    # a seed driver the panel has no column for
    frame = panel.frame.drop(columns="integration")
    with pytest.raises(InputError, match="panel has no 'integration' column"):
        drivers(panel_from_frame(frame), [(2020, 2022)], include=["integration"])
    used = drivers(panel, [(2020, 2022)], include=[" job_growth_pct", "log_population", ""])
    assert used.tidy()["driver"].tolist() == ["job_growth_pct", "log_population"]


def test_cli_unknown_driver_exits_2_without_traceback(tmp_path):
    done = run_cli("drivers", "--demo", "--include", "fooo", "--ends", "2022")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "fooo" in done.stderr and "job_growth_pct" in done.stderr
    path = tmp_path / "panel.csv"
    demo_panel().frame.drop(columns="integration").to_csv(path, index=False)
    done = run_cli("drivers", "--panel", str(path), "--include", "integration")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "integration" in done.stderr and "Available" in done.stderr


def small_regions_panel(units: int = 8) -> pd.DataFrame:
    """``units`` municipalities over 2000–2003; two of them alone in their region (so no
    neighbour job growth), the rest in pairs."""
    rng = np.random.default_rng(3)
    rows = []
    for i in range(units):
        code = f"01{i:02d}"
        pop, jobs = 1000 + 100 * i, 500 + 37 * i
        for year in range(2000, 2004):
            rows.append({"year": year, "region_code": code, "region_name": f"Unit {i}",
                         "population": pop, "net_migration": int(rng.integers(-20, 40)),
                         "jobs": jobs, "integration": float(rng.normal(20, 4))})
            pop += int(rng.integers(-10, 30))
            jobs += int(rng.integers(-15, 25))
    return pd.DataFrame(rows)


def test_dropped_units_are_reported_and_few_units_warned():
    frame = small_regions_panel()
    codes = sorted(frame["region_code"].unique())
    groups = ["R1", "R1", "R2", "R2", "R3", "R3", "R4", "R5"]  # 0106, 0107 alone
    region = Grouping.from_frame(pd.DataFrame({"code": codes, "group_code": groups}), "region")
    panel = panel_from_frame(frame).with_groupings(region=region)
    result = drivers(panel, [(2001, 2003)])
    assert result.tidy()["n"].iloc[0] == 6
    assert result.dropped["region_code"].tolist() == ["0106", "0107"]
    assert set(result.dropped["missing"]) == {"neighbour_job_growth_pct"}
    assert "no other unit of its region" in result.dropped["reason"].iloc[0]
    # 6 units, 5 coefficients (4 drivers + intercept): fewer than 5 units per coefficient
    assert any("only 6 municipalities for 4 drivers" in n.text() for n in result.notes)
    text = " ".join(m.text() for m in result.messages())
    assert "0106 Unit 6" in text and "0107 Unit 7" in text
    from flytt import render

    assert "0106 Unit 6" in render.to_html(result)
    # n <= k + 1 cannot be fitted: the error says which units were left out and why
    tiny = panel_from_frame(frame[frame["region_code"].isin(codes[4:])]).with_groupings(
        region=region)
    from flytt.errors import DataError

    with pytest.raises(DataError, match=r"2 municipalities cannot fit 4 drivers.*0106 "
                                        r"\(neighbour_job_growth_pct\)"):
        drivers(tiny, [(2001, 2003)])


def test_cli_reports_dropped_units_with_csv_output(tmp_path):
    frame = small_regions_panel()
    path = tmp_path / "panel.csv"
    frame.to_csv(path, index=False)
    # these codes are no vintage's, so there are no regions and no neighbour growth
    done = run_cli("drivers", "--panel", str(path), "--ends", "2003", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert "only 8 municipalities for 3 drivers" in done.stderr
    assert "Traceback" not in done.stderr
