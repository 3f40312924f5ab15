"""The attractiveness index (seed 003): hand-computed cases, statsmodels, identities,
row-order invariance, bad panels, and Telemarksforsking's own numbers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from barometer_support import CODES_2020, small_panel, vintage_panel
from conftest import ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flytt.barometer import barometer, demo_panel, panel_from_frame, read_panel, streams
from flytt.barometer.levels import aggregate
from flytt.errors import DataError, InputError
from flytt.flows import Grouping


def test_hand_computed_small_case():
    result = barometer(panel_from_frame(small_panel()), (2001, 2002))
    # x = 0,10,20,30 (mean 15), y = 1,2,6,3 (mean 3): Sxy = (-15)(-2)+(-5)(-1)+5(3)+15(0) = 50,
    # Sxx = 500, slope 0.1, intercept 3 - 1.5 = 1.5; fitted 1.5, 2.5, 3.5, 4.5
    line = result.line()
    assert line.slope == pytest.approx(0.1)
    assert line.intercept == pytest.approx(1.5)
    frame = result.to_frame().set_index("region_code")
    assert frame.loc["0103", "attractiveness"] == pytest.approx(6 - 3.5)
    assert frame.loc["0104", "attractiveness"] == pytest.approx(3 - 4.5)
    assert frame.loc["0101", "job_growth_pct"] == pytest.approx(0)
    assert frame.loc["0104", "job_growth_pct"] == pytest.approx(30)
    assert frame.loc["0102", "net_migration_pct"] == pytest.approx(2)
    # ranks: C (+2.5), A (-0.5), B (-0.5), D (-1.5); ties share the better rank
    assert frame["rank"].to_dict() == {"0103": 1, "0101": 2, "0102": 2, "0104": 4}
    assert list(result.to_frame().columns) == ["rank", "region_code", "region_name",
                                               "population", "net_migration_pct",
                                               "job_growth_pct", "expected_pct",
                                               "attractiveness"]


def test_line_matches_statsmodels_ols_and_wls():
    import statsmodels.api as sm

    panel = demo_panel()
    for weighted in (False, True):
        result = barometer(panel, (2019, 2021), weighted=weighted)
        part = result.parts[(2019, 2021)]
        X = sm.add_constant(part["job_growth_pct"].to_numpy())
        y = part["net_migration_pct"].to_numpy()
        model = (sm.WLS(y, X, weights=part["population"].to_numpy(float)) if weighted
                 else sm.OLS(y, X)).fit()
        line = result.line()
        assert line.intercept == pytest.approx(model.params[0], rel=1e-10)
        assert line.slope == pytest.approx(model.params[1], rel=1e-10)
        assert line.r2 == pytest.approx(model.rsquared, rel=1e-10)
        np.testing.assert_allclose(part["expected_pct"], model.fittedvalues, rtol=1e-10)
        np.testing.assert_allclose(part["attractiveness"], model.resid, atol=1e-10)


def test_residuals_sum_to_zero_and_streams_add_up():
    panel = demo_panel()
    result = barometer(panel, (2016, 2018))
    assert result.parts[(2016, 2018)]["attractiveness"].sum() == pytest.approx(0, abs=1e-9)
    weighted = barometer(panel, (2016, 2018), weighted=True).parts[(2016, 2018)]
    assert (weighted["attractiveness"] * weighted["population"]).sum() == pytest.approx(
        0, abs=1e-6)
    table = streams(panel, (2016, 2018), level="region")
    parts = table[[c for c in table.columns if c.startswith("attractiveness_")]].sum(axis=1)
    np.testing.assert_allclose(parts, table["attractiveness"], atol=1e-9)


def test_region_counts_equal_member_sums():
    panel = demo_panel()
    grouping = panel.groupings["region"]
    regions = aggregate(panel.frame, grouping).set_index(["year", "region_code"])
    members = panel.frame.assign(group=panel.frame["region_code"].map(grouping.mapping))
    by_hand = members.groupby(["year", "group"])[["population", "net_migration", "jobs",
                                                  "net_immigration"]].sum()
    by_hand.index.names = ["year", "region_code"]
    for col in by_hand.columns:
        assert (regions[col].astype("int64") == by_hand[col]).all(), col


def test_long_term_is_the_sum_of_three_periods():
    panel = demo_panel()
    long = barometer(panel, (2022, 2024), long_term=True).frame.set_index("region_code")
    assert long.filter(like="attractiveness_20").columns.tolist() == [
        "attractiveness_2016_2018", "attractiveness_2019_2021", "attractiveness_2022_2024"]
    for (a, b) in ((2016, 2018), (2019, 2021), (2022, 2024)):
        single = barometer(panel, (a, b)).frame.set_index("region_code")["attractiveness"]
        np.testing.assert_allclose(long[f"attractiveness_{a}_{b}"], single.reindex(long.index))
    np.testing.assert_allclose(long.filter(like="attractiveness_20").sum(axis=1),
                               long["attractiveness"])
    assert long["rank"].min() == 1 and long["attractiveness"].idxmax() == \
        long["rank"].idxmin()


def test_min_population_ranks_only_big_units_but_keeps_the_line():
    panel = demo_panel()
    everyone = barometer(panel, (2022, 2024))
    big = barometer(panel, (2022, 2024), min_population=5000)
    assert big.line().slope == everyone.line().slope
    assert (big.frame["population"] >= 5000).all()
    assert sorted(big.frame["rank"]) == list(range(1, len(big.frame) + 1))
    assert big.frame["quintile"].value_counts().min() >= len(big.frame) // 5 - 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(100, 50_000), st.integers(-400, 400),
                          st.integers(50, 30_000), st.integers(-30, 40)),
                min_size=4, max_size=12),
       st.randoms(use_true_random=False))
def test_invariants_on_random_panels(units, random):
    rows = []
    for i, (pop, net, jobs, growth) in enumerate(units):
        code = f"{i + 1:04d}"
        rows += [{"year": 2009, "region_code": code, "population": pop, "net_migration": 0,
                  "jobs": jobs},
                 {"year": 2010, "region_code": code, "population": pop, "net_migration": net,
                  "jobs": max(1, jobs * (100 + growth) // 100)}]
    frame = pd.DataFrame(rows)
    x = 100 * (frame[frame.year == 2010].jobs.to_numpy() / frame[frame.year == 2009].jobs
               .to_numpy() - 1)
    if np.ptp(x) == 0:
        return
    result = barometer(panel_from_frame(frame), (2010, 2010)).frame
    assert abs(result["attractiveness"].sum()) < 1e-8 * max(1, result["attractiveness"].abs()
                                                            .max()) * len(result)
    shuffled = frame.sample(frac=1, random_state=random.randint(0, 10**6))
    again = barometer(panel_from_frame(shuffled), (2010, 2010)).frame
    pd.testing.assert_frame_equal(result, again)
    first = result.set_index("region_code")
    assert first["attractiveness"].idxmax() in set(first.index[first["rank"] == 1])


# --------------------------------------------------------------------------- bad panels
def write(tmp_path: Path, frame: pd.DataFrame) -> Path:
    path = tmp_path / "panel.csv"
    frame.to_csv(path, index=False)
    return path


def test_missing_year_before_the_period_names_the_year(tmp_path):
    panel = read_panel(write(tmp_path, small_panel()[lambda f: f.year > 2000]))
    with pytest.raises(DataError, match=r"2000.*jobs"):
        barometer(panel, (2001, 2002))


def test_missing_unit_year_is_named(tmp_path):
    frame = small_panel()
    frame = frame[~((frame.year == 2000) & (frame.region_code == "0103"))]
    with pytest.raises(DataError, match=r"unit 0103 \(Cby\), year 2000: no row"):
        barometer(read_panel(write(tmp_path, frame)), (2001, 2002))


def test_zero_population_is_named(tmp_path):
    frame = small_panel()
    frame.loc[(frame.year == 2001) & (frame.region_code == "0102"), "population"] = 0
    with pytest.raises(DataError, match=r"unit 0102 \(Bby\), year 2001: population is 0"):
        barometer(read_panel(write(tmp_path, frame)), (2001, 2002))


def test_missing_and_non_numeric_values_name_unit_year_row_and_column(tmp_path):
    frame = small_panel().astype(str)
    frame.loc[4, "population"] = ""
    frame.loc[7, "net_migration"] = "12x"
    with pytest.raises(InputError) as err:
        read_panel(write(tmp_path, frame))
    message = str(err.value)
    assert "row 6, column 'population': unit 0102, year 2001: missing value" in message
    assert "row 9, column 'net_migration': unit 0103, year 2001: '12x' is not a number" \
        in message


def test_net_migration_may_be_empty_outside_the_period(tmp_path):
    """The year before the period gives jobs only: an empty net migration there changes
    nothing; a period year without it is named, for a single unit or for every unit."""
    frame = small_panel().astype(str)
    frame.loc[frame.year == "2000", "net_migration"] = ""
    result = barometer(read_panel(write(tmp_path, frame)), (2001, 2002)).to_frame()
    assert result.set_index("region_code").loc["0103", "attractiveness"] == \
        pytest.approx(6 - 3.5)
    frame.loc[(frame.year == "2001") & (frame.region_code == "0102"), "net_migration"] = ""
    with pytest.raises(DataError, match=r"unit 0102 \(Bby\), year 2001: no net_migration"):
        barometer(read_panel(write(tmp_path, frame)), (2001, 2002))
    frame.loc[frame.year == "2002", "net_migration"] = ""
    with pytest.raises(DataError, match=r"2002: no net_migration for any unit \(the panel's "
                                        r"net_migration covers 2001\)"):
        barometer(read_panel(write(tmp_path, frame)), (2001, 2002))


def test_a_region_lacks_net_migration_when_a_member_does():
    frame = small_panel()
    frame["net_migration"] = frame["net_migration"].astype("Int64")
    frame.loc[(frame.year == 2001) & (frame.region_code == "0103"), "net_migration"] = pd.NA
    groups = Grouping.from_frame(pd.DataFrame({"code": ["0101", "0102", "0103", "0104"],
                                               "group_code": ["A", "A", "B", "B"],
                                               "group_name": ["A", "A", "B", "B"]}))
    summed = aggregate(frame, groups).set_index(["year", "region_code"])["net_migration"]
    assert pd.isna(summed[(2001, "B")])
    assert summed[(2001, "A")] == 5 + 10  # 1 % and 2 % of 1000, first halves


def test_duplicate_rows_are_named(tmp_path):
    frame = pd.concat([small_panel(), small_panel().iloc[[5]]])
    with pytest.raises(InputError, match=r"unit 0102, year 2002: duplicate row \(also on rows "
                                         r"14\)"):
        read_panel(write(tmp_path, frame))


def test_streams_must_add_up(tmp_path):
    frame = small_panel().assign(net_immigration=1, net_domestic_immigrants=0,
                                 net_domestic_others=0)
    with pytest.raises(InputError, match=r"unit 0101, year 2000: the streams add up to 1 but "
                                         "net_migration is 0"):
        read_panel(write(tmp_path, frame))


def test_unknown_stream_and_missing_stream_columns():
    panel = panel_from_frame(small_panel())
    with pytest.raises(DataError, match="net_immigration"):
        barometer(panel, (2001, 2002), stream="immigration")
    with pytest.raises(InputError, match="unknown stream"):
        barometer(panel, (2001, 2002), stream="tourists")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- real numbers
@pytest.fixture(scope="module")
def telemarksforsking() -> tuple[pd.DataFrame, Grouping]:
    """Telemarksforsking's WebInput (2017 structure) and its kommune → region key."""
    web = pd.read_csv(ref("tmf-webinput"))
    topo = json.loads(ref("tmf-regions-2017").read_text())
    key = pd.DataFrame([(f"{int(g['properties']['Nr']):04d}", str(g['properties']['Rnr']),
                         g["properties"]["Region"])
                        for g in topo["objects"]["kommune"]["geometries"]],
                       columns=["code", "group_code", "group_name"])
    return web, Grouping.from_frame(key, "tmf-regions")


def tmf_panel(web: pd.DataFrame) -> pd.DataFrame:
    kommuner = web[web["Inndeling"] == "Kommune"]
    return pd.DataFrame({"year": kommuner["År"], "region_code": kommuner["Nr"].map(
        lambda n: f"{n:04d}"), "region_name": kommuner["Navn"],
        "population": kommuner["Folketall"], "net_migration": 0,
        "jobs": kommuner["Arbeidsplasser"]})


@pytest.mark.slow
@pytest.mark.parametrize("level", ["municipality", "region"])
def test_job_growth_matches_telemarksforsking(telemarksforsking, level):
    """Their Arbeidsplassvekst (year y, 2 decimals) is our job growth of the 1-year period y,
    and their region rows are sums of their kommuner (we sum, then divide)."""
    web, key = telemarksforsking
    panel = panel_from_frame(tmf_panel(web))
    inndeling = {"municipality": "Kommune", "region": "Region"}[level]
    published = web[web["Inndeling"] == inndeling].assign(
        code=lambda f: f["Nr"].map(lambda n: f"{n:04d}")).set_index(["År", "code"])
    for year in (2004, 2009, 2016):
        result = barometer(panel, (year, year), level=level,
                           groups=key if level == "region" else None).frame
        ours = result.set_index("region_code")
        theirs = published.loc[year].reindex(ours.index)
        assert theirs["Arbeidsplassvekst"].notna().all()
        assert (ours["job_growth_pct"] - theirs["Arbeidsplassvekst"]).abs().max() <= 0.00501
        assert (ours["population"] == theirs["Folketall"]).all()


def test_synthetic_flag_travels_to_every_output():
    result = barometer(demo_panel(), (2022, 2024))
    assert result.synthetic
    assert "SYNTHETIC" in result.title and "SYNTHETIC" in result.footnote
    assert not barometer(panel_from_frame(small_panel()), (2001, 2002)).synthetic


@pytest.mark.slow
def test_real_2013_streams_add_up(telemarksforsking):
    """A real panel: IMDi's 2013 net migration per municipality in the three streams (SSB
    numbers) with Telemarksforsking's population and jobs; the stream indices add up to the
    whole, municipality by municipality and for the regions."""
    web, key = telemarksforsking
    imdi = pd.read_csv(ref("imdi-migration-2013"), dtype=str, keep_default_na=False)
    imdi = imdi[(imdi["kommune_nr"] != "NULL") & (imdi["enhet"] == "personer")
                & (imdi["vreg_3"] == "alle")]
    value = imdi.set_index(["kommune_nr", "flytting", "innvkat_3"])["tabellvariabel"].astype(int)
    nets = pd.DataFrame({
        "net_migration": value.xs(("nettoinnvandring_og_nettoinnflytting", "alle"),
                                  level=[1, 2]),
        "net_immigration": value.xs(("nettoinnvandring", "alle"), level=[1, 2]),
        "net_domestic_immigrants": value.xs(("nettoinnflytting", "innvandrere"), level=[1, 2]),
        "net_domestic_others": value.xs(("nettoinnflytting", "befolkningen_ellers"),
                                        level=[1, 2]),
    }).rename_axis("region_code").reset_index()
    base = tmf_panel(web)
    base = base[base["year"].isin([2012, 2013])].drop(columns="net_migration")
    frame = base.merge(nets.assign(year=2013), on=["year", "region_code"], how="left")
    frame = frame[frame["region_code"].isin(nets["region_code"])].fillna(0)
    panel = panel_from_frame(frame)  # validation checks the streams against the total
    assert len(panel.frame["region_code"].unique()) > 400
    for level, groups in (("municipality", None), ("region", key)):
        table = streams(panel, (2013, 2013), level=level, groups=groups)
        parts = table.filter(like="attractiveness_").sum(axis=1)
        np.testing.assert_allclose(parts, table["attractiveness"], atol=1e-9)


# --------------------------------------------------------------------------- vintages




def test_covering_vintage_picks_the_code_list_that_holds_every_code():
    from flytt import geo

    innlandet = ["3401", "3403", "3405", "3407", "3411"]
    assert geo.covering_vintage(innlandet, year=2023) == 2020  # in force in 2023
    assert geo.covering_vintage(innlandet, year=2025) == 2024
    assert geo.covering_vintage(innlandet) == 2024
    assert geo.covering_vintage(["0501", "0301"], year=2023) == 2018  # Lillehammer of 2018
    assert geo.covering_vintage(["0501", "3401"]) is None  # mixed vintages
    assert geo.covering_vintage(["0501"], vintages=(2020, 2024)) is None
    assert geo.covering_vintage(["3101", "3401"], year=2021) == 2024  # Halden 3101: 2024


def test_county_and_region_levels_use_the_vintage_of_the_panels_codes():
    """Trial finding: 2020 codes (3401–3414, years 2019–2023) were read as 2018 codes and
    every municipality failed with "code '3401' is not in grouping 'county-2018'"."""
    from flytt import geo

    panel = panel_from_frame(vintage_panel(CODES_2020))
    assert panel.vintage == 2020
    county = barometer(panel, (2021, 2023), level="county")
    assert set(county.frame["region_code"]) == {"34", "46", "11"}
    assert county.grouping.name == "county-2020"
    region = barometer(panel, (2021, 2023), level="region")
    ba = geo.ba_grouping(2020).mapping
    assert set(region.frame["region_code"]) == {ba[c] for c in CODES_2020}


def test_codes_of_mixed_vintages_are_one_clear_error():
    frame = vintage_panel(CODES_2020[:6] + ["0501", "1201"])  # 0501/1201: 2018 only
    panel = panel_from_frame(frame)
    for level in ("county", "region"):
        with pytest.raises(InputError) as info:
            barometer(panel, (2021, 2023), level=level)
        assert len(info.value.problems) == 1
        message = str(info.value)
        assert "0501, 1201" in message and "3401" not in message
        assert "flytt harmonize --to 2020|2024" in message and "--groups FILE" in message


def test_cli_county_level_on_2020_codes(tmp_path):
    from barometer_support import run

    path = tmp_path / "panel.csv"
    vintage_panel(CODES_2020).to_csv(path, index=False)
    done = run("barometer", "--panel", str(path), "-p", "2021-2023", "--level", "county",
               "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert sorted(pd.read_csv(__import__("io").StringIO(done.stdout),
                              dtype={"region_code": str})["region_code"]) == ["11", "34", "46"]


def test_groups_summed_from_only_some_members_are_named():
    from flytt import render

    groups = Grouping.from_frame(pd.DataFrame({
        "code": ["0101", "0102", "0109", "0103", "0104"],
        "group_code": ["A", "A", "A", "B", "C"],
        "group_name": ["Aland"] * 3 + ["Bland", "Cland"]}))
    result = barometer(panel_from_frame(small_panel()), (2001, 2002), level="group",
                       groups=groups)
    assert result.incomplete == (("A", "Aland", 2, 3),)
    assert "Not every member is in the panel: A Aland (2 of 3)" in result.footnote
    assert "Ikke alle medlemmene er med i panelet: A Aland (2 av 3)" in \
        render.footnote_text(result, "nb")
