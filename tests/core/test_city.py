"""The city out-migration analysis (seed 004) on a tiny hand-made register: every count
and rate against an independent plain-pandas computation from the raw records."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest
from conftest import ref
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt import city
from flytt import microdata as M
from flytt.errors import InputError, NotFoundError
from flytt.i18n import CATALOG, t

OSLO, BAERUM, BERGEN, TRONDHEIM = "0301", "3201", "4601", "5001"
YEARS = range(2016, 2021)
FOCUS, BASELINE = 2020, (2016, 2019)


def _register() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Persons with fixed attributes; each year some move out of Oslo (more in 2020)."""
    rng = np.random.default_rng(7)
    n = 400
    persons = pd.DataFrame({
        M.PERSON_ID: np.arange(n),
        M.AGE: rng.integers(0, 85, n),
        M.SEX: rng.choice(M.SEXES, n),
        M.BIRTHPLACE: rng.choice(M.BIRTHPLACES, n),
        M.IMMIGRANT_CATEGORY: rng.choice(M.IMMIGRANT_CATEGORIES, n),
        M.COUNTRY_BACKGROUND: rng.choice(["NO", "SE", "PL"], n),
        M.OCCUPATION: rng.choice(M.OCCUPATIONS, n),
        M.FAMILY_TYPE: rng.choice(M.FAMILY_TYPES, n),
        "home": rng.choice([OSLO, OSLO, OSLO, BERGEN, TRONDHEIM], n),
    })
    moves, population = [], []
    for year in YEARS:
        alive = persons.assign(**{M.AGE: persons[M.AGE] + (year - 2016)})
        pop = (alive.groupby(["home", *M.ATTRIBUTES]).size().rename(M.PERSONS).reset_index()
               .rename(columns={"home": M.MUNICIPALITY}).assign(**{M.YEAR: year}))
        population.append(pop)
        share = 0.25 if year == FOCUS else 0.15
        movers = alive[rng.random(n) < share]
        dest = rng.choice([BAERUM, BERGEN, TRONDHEIM, OSLO, M.ABROAD], len(movers))
        dest = np.where(dest == movers["home"].to_numpy(), M.ABROAD, dest)
        moves.append(movers.assign(**{M.YEAR: year, M.ORIGIN: movers["home"],
                                      M.DESTINATION: dest,
                                      M.DATE: pd.Timestamp(f"{year}-06-01")}))
        # immigration into Oslo and a move inside Oslo (not out-migration)
        moves.append(alive.head(3).assign(**{M.YEAR: year, M.ORIGIN: M.ABROAD,
                                             M.DESTINATION: OSLO,
                                             M.DATE: pd.Timestamp(f"{year}-03-01")}))
        moves.append(alive.head(1).assign(**{M.YEAR: year, M.ORIGIN: OSLO, M.DESTINATION: OSLO,
                                             M.DATE: pd.Timestamp(f"{year}-02-01")}))
    moves = pd.concat(moves, ignore_index=True)[list(M.MOVE_COLUMNS)]
    population = pd.concat(population, ignore_index=True)[list(M.POPULATION_COLUMNS)]
    return moves, population


@pytest.fixture(scope="module")
def raw() -> tuple[pd.DataFrame, pd.DataFrame]:
    return _register()


@pytest.fixture(scope="module")
def result(raw) -> city.CityResult:
    moves, population = raw
    register = city.Register(moves=moves, population=population, source="test")
    return city.analyse_register(register, OSLO, focus=FOCUS, baseline=BASELINE,
                                 compare=[BERGEN], disclosure="none", lang="en")


def _out(moves: pd.DataFrame) -> pd.DataFrame:
    return moves[(moves[M.ORIGIN] == OSLO) & (moves[M.DESTINATION] != OSLO)]


def _oslo_pop(population: pd.DataFrame) -> pd.DataFrame:
    return population[population[M.MUNICIPALITY] == OSLO]


def test_age_rates_match_an_independent_count(raw, result):
    moves, population = raw
    out, pop = _out(moves), _oslo_pop(population)
    age = result.age.to_frame()
    assert tuple(age.columns) == ("year", "age", "out_domestic", "out_abroad", "population",
                                  "rate_per_100")
    assert sorted(set(age["year"])) == list(YEARS)
    for year, a in [(2020, 30), (2016, 30), (2018, 45), (2019, 3)]:
        o = out[(out[M.YEAR] == year) & (out[M.AGE] == a)]
        dom = int((o[M.DESTINATION] != M.ABROAD).sum())
        abroad = int((o[M.DESTINATION] == M.ABROAD).sum())
        p = int(pop[(pop[M.YEAR] == year) & (pop[M.AGE] == a)][M.PERSONS].sum())
        row = age[(age["year"] == year) & (age["age"] == a)].iloc[0]
        assert (row["out_domestic"], row["out_abroad"], row["population"]) == (dom, abroad, p)
        if p:
            assert row["rate_per_100"] == pytest.approx(100 * (dom + abroad) / p)
    # every out-migration is counted once
    assert age["out_domestic"].sum() + age["out_abroad"].sum() == len(out)


def test_age_groups_sum_the_single_years(result):
    single, groups = result.age.to_frame(), result.age_groups.to_frame()
    single["age_group"] = city.age_group(single["age"])
    summed = single.groupby(["year", "age_group"])[["out_domestic", "out_abroad",
                                                    "population"]].sum()
    g = groups.set_index(["year", "age_group"])[["out_domestic", "out_abroad", "population"]]
    pd.testing.assert_frame_equal(summed.reindex(g.index, fill_value=0), g, check_dtype=False)
    assert list(groups["age_group"].iloc[:3]) == ["0-4", "5-9", "10-14"]


def test_occupation_counts_and_rates(raw, result):
    moves, population = raw
    out, pop = _out(moves), _oslo_pop(population)
    occ = result.occupation.to_frame()
    assert set(occ["destination"]) == {"domestic", "abroad"}
    for year, o, dest in itertools.product([2019, 2020], ["2", "none"], ["domestic", "abroad"]):
        mask = (out[M.YEAR] == year) & (out[M.OCCUPATION] == o)
        mask &= (out[M.DESTINATION] == M.ABROAD) == (dest == "abroad")
        p = int(pop[(pop[M.YEAR] == year) & (pop[M.OCCUPATION] == o)][M.PERSONS].sum())
        row = occ[(occ["year"] == year) & (occ["occupation"] == o)
                  & (occ["destination"] == dest)].iloc[0]
        assert row["out_migrants"] == int(mask.sum())
        assert row["population"] == p
        assert row["rate_per_100"] == pytest.approx(100 * mask.sum() / p)
    assert occ[occ["occupation"] == "2"]["label"].iloc[0] == "Professionals"


def test_background_is_emigration_of_the_chosen_background(raw, result):
    moves, _ = raw
    out = _out(moves)
    bg = result.background.to_frame()
    assert result.country_background == "SE"
    assert sorted(set(bg["year"])) == [2019, 2020]
    for year in (2019, 2020):
        expect = out[(out[M.YEAR] == year) & (out[M.DESTINATION] == M.ABROAD)
                     & (out[M.COUNTRY_BACKGROUND] == "SE")].groupby(M.OCCUPATION).size()
        got = bg[bg["year"] == year].set_index("occupation")["out_migrants"]
        assert got.sum() == expect.sum()
        assert (got[expect.index] == expect).all()


def test_birthplace_family_counts(raw, result):
    moves, _ = raw
    out = _out(moves)
    bf = result.birthplace_family.to_frame()
    assert set(bf["attribute"]) == {M.BIRTHPLACE, M.FAMILY_TYPE, M.IMMIGRANT_CATEGORY}
    for attribute in (M.BIRTHPLACE, M.FAMILY_TYPE):
        sub = bf[(bf["attribute"] == attribute) & (bf["year"] == FOCUS)]
        expect = out[out[M.YEAR] == FOCUS].groupby(
            [out[M.DESTINATION].eq(M.ABROAD).map({True: "abroad", False: "domestic"}),
             attribute]).size()
        for (dest, cat), n in expect.items():
            row = sub[(sub["destination"] == dest) & (sub["category"] == cat)]
            assert int(row["out_migrants"].iloc[0]) == n
    assert "Born in the municipality" in set(bf["label"])


def test_trend_counts_and_rates(raw, result):
    moves, population = raw
    trend = result.trend.to_frame()
    assert set(trend["municipality"]) == {OSLO, BERGEN}
    for code, year in [(OSLO, 2020), (BERGEN, 2017)]:
        y = moves[moves[M.YEAR] == year]
        o, d = y[M.ORIGIN], y[M.DESTINATION]
        expect = {
            "out_domestic": ((o == code) & (d != code) & (d != M.ABROAD)).sum(),
            "in_domestic": ((d == code) & (o != code) & (o != M.ABROAD)).sum(),
            "immigration": ((o == M.ABROAD) & (d == code)).sum(),
            "emigration": ((o == code) & (d == M.ABROAD)).sum(),
        }
        p = population[(population[M.YEAR] == year)
                       & (population[M.MUNICIPALITY] == code)][M.PERSONS].sum()
        rows = trend[(trend["municipality"] == code) & (trend["year"] == year)]
        for flow, n in expect.items():
            row = rows[rows["flow"] == flow].iloc[0]
            assert row["moves"] == n and row["population"] == p
            assert row["rate_per_100"] == pytest.approx(100 * n / p)


def test_destinations_by_municipality_county_and_ba_region(raw, result):
    moves, _ = raw
    out = _out(moves)
    dom = out[out[M.DESTINATION] != M.ABROAD]
    d = result.destinations.to_frame()
    mun = d[d["level"] == "municipality"]
    for year in YEARS:
        expect = dom[dom[M.YEAR] == year][M.DESTINATION].value_counts()
        got = mun[mun["year"] == year].set_index("destination_code")["out_migrants"]
        assert got[expect.index].tolist() == expect.tolist()
        county = d[(d["level"] == "county") & (d["year"] == year)]
        by_county = dom[dom[M.YEAR] == year][M.DESTINATION].str[:2].value_counts()
        assert county.set_index("destination_code")["out_migrants"][by_county.index].tolist() \
            == by_county.tolist()
    ba = mun.drop_duplicates("destination_code").set_index("destination_code")["in_ba_region"]
    assert bool(ba[BAERUM]) is True and bool(ba[BERGEN]) is False
    names = mun.drop_duplicates("destination_code").set_index("destination_code")
    assert names.loc[BAERUM, "destination_name"] == "Bærum"
    focus_rank = mun[mun["year"] == FOCUS].sort_values("rank")
    assert focus_rank["out_migrants"].is_monotonic_decreasing


def test_decomposition_parts_add_up_and_match_the_raw_change(raw, result):
    moves, population = raw
    out, pop = _out(moves), _oslo_pop(population)
    d = result.decomposition.to_frame()
    assert (d["size_effect"] + d["composition_effect"] - d["population_effect"]).abs().max() \
        < 1e-9
    parts = d["population_effect"] + d["rate_effect"] + d["unmatched_effect"]
    assert (parts - d["change"]).abs().max() < 1e-9
    per_year = out.groupby(M.YEAR).size()
    base = per_year.loc[2016:2019].mean()
    for attribute in city.DECOMPOSITION_ATTRIBUTES:
        total = d[(d["attribute"] == attribute) & (d["destination"] == "all")
                  & (d["category"] == "TOTAL")].iloc[0]
        assert total["baseline_out_migrants"] == pytest.approx(base)
        assert total["focus_out_migrants"] == per_year[2020]
        assert total["change"] == pytest.approx(per_year[2020] - base)
        cats = d[(d["attribute"] == attribute) & (d["destination"] == "all")
                 & (d["category"] != "TOTAL")]
        if attribute != "total":
            assert cats["change"].sum() == pytest.approx(total["change"])
    # no grouping: size effect = baseline-to-focus population growth × midpoint rate
    t = d[(d["attribute"] == "total") & (d["destination"] == "all")].iloc[0]
    p0 = pop[pop[M.YEAR].between(2016, 2019)][M.PERSONS].sum() / 4
    p1 = pop[pop[M.YEAR] == 2020][M.PERSONS].sum()
    r0, r1 = base / p0, per_year[2020] / p1
    assert t["size_effect"] == pytest.approx((r0 + r1) / 2 * (p1 - p0))
    assert t["rate_effect"] == pytest.approx((p0 + p1) / 2 * (r1 - r0))
    assert result.summary()["change"] == pytest.approx(per_year[2020] - base)


def test_register_directory_gives_the_same_result(raw, result, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    moves, population = raw
    for name, frame in (("moves", moves), ("population", population)):
        pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False),
                            tmp_path / name, partition_cols=[M.YEAR])
    again = city.analyse(tmp_path, OSLO, focus=FOCUS, baseline=BASELINE, compare=[BERGEN],
                         disclosure="none")
    for name, part in result.parts.items():
        pd.testing.assert_frame_equal(part.frame, again.part(name).frame, check_dtype=False,
                                      obj=name)


def test_norwegian_labels(raw):
    moves, population = raw
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, disclosure="none", lang="nb")
    assert "Født i kommunen" in set(r.birthplace_family.frame["label"])
    assert "Utvandring" in set(r.trend.frame["label"])


@pytest.mark.parametrize("kwargs, error, words", [
    ({"code": "9999"}, NotFoundError, "9999"),
    ({"focus": 2023}, NotFoundError, "no data"),
    ({"baseline": (2019, 2016)}, InputError, "empty"),
    ({"baseline": (2010, 2013)}, NotFoundError, "baseline"),
    ({"baseline": (2014, 2017)}, NotFoundError, "2014–2015"),
    ({"baseline": (2018, 2020)}, InputError, "inside"),
    ({"compare": ["1234"]}, NotFoundError, "1234"),
    ({"background": "XX"}, NotFoundError, "XX"),
    ({"lang": "de"}, InputError, "lang must be one of en, nb"),
])
def test_bad_input_gives_clear_errors(raw, kwargs, error, words):
    moves, population = raw
    args = {"code": OSLO, "focus": FOCUS, "baseline": BASELINE, "disclosure": "none"} | kwargs
    code = args.pop("code")
    with pytest.raises(error, match=words):
        city.analyse_register(city.Register(moves, population), code, **args)


def test_year_ranges():
    assert city.parse_years("2016-2019") == (2016, 2019)
    assert city.parse_years("2016–2019") == (2016, 2019)
    assert city.parse_years("2020") == (2020, 2020)
    with pytest.raises(InputError, match="empty"):
        city.parse_years("2019-2016")
    with pytest.raises(InputError):
        city.parse_years("last year")


def test_register_directory_errors(tmp_path):
    with pytest.raises(InputError, match="moves"):
        city.analyse(tmp_path, OSLO)


@pytest.mark.data("ssb-06913-verdal")
def test_trend_from_ssb_table_06913():
    import csv

    path = ref("ssb-06913-verdal")
    part = city.trend_from_ssb_table(path, lang="nb")
    lines = path.read_text(encoding="utf-8").splitlines()
    header, row = list(csv.reader(lines[1:3], delimiter=";"))
    values = dict(zip(header, row))
    t = part.to_frame()
    assert set(t["municipality"]) == {"5038"} and set(t["municipality_name"]) == {"Verdal"}
    assert sorted(set(t["year"])) == list(range(1951, 2026))
    for year in (1951, 2020, 2025):
        out = t[(t["year"] == year) & (t["flow"] == "out_all")].iloc[0]
        pop = int(values[f"{year} Befolkning 1. januar"])
        assert out["moves"] == int(values[f"{year} Utflyttinger"])
        assert out["population"] == pop
        assert out["rate_per_100"] == pytest.approx(100 * int(values[f"{year} Utflyttinger"])
                                                    / pop)
        inn = t[(t["year"] == year) & (t["flow"] == "in_all")].iloc[0]
        assert inn["moves"] == int(values[f"{year} Innflyttinger"])
    assert set(t["source"]) == {"ssb-06913"}
    assert city.select_municipality(part, "5038").frame.equals(part.frame)
    with pytest.raises(NotFoundError, match="5038"):
        city.select_municipality(part, "0301")


def test_ssb_table_without_migration_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text('"region";"2020 Levendefødte"\n"K_5038 Verdal";140\n', encoding="utf-8")
    with pytest.raises(InputError, match="Utflyttinger"):
        city.trend_from_ssb_table(path)


def test_disclosure_control_on_every_part(raw):
    moves, population = raw
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, compare=[BERGEN], disclosure="default")
    counts = {"trend": ["moves", "population"],
              "age": ["out_domestic", "out_abroad", "population"],
              "age_groups": ["out_domestic", "out_abroad", "population"],
              "occupation": ["out_migrants", "population"],
              "background": ["out_migrants", "population"],
              "birthplace_family": ["out_migrants", "population"],
              "destinations": ["out_migrants"]}
    for name, cols in counts.items():
        frame = r.part(name).frame
        for col in cols:
            values = frame[col].dropna().astype(int)
            assert (values % 5 == 0).all(), (name, col)
        assert "suppressed" in r.part(name).footnote
    age = r.age.frame
    shown = age.dropna(subset=["out_domestic", "out_abroad", "population"])
    shown = shown[shown["population"] > 0]
    assert (shown["rate_per_100"] - 100 * (shown["out_domestic"] + shown["out_abroad"])
            / shown["population"]).abs().max() < 1e-9
    assert age[age["out_abroad"].isna()]["rate_per_100"].isna().all()
    exact = moves[(moves[M.ORIGIN] == OSLO) & (moves[M.DESTINATION] != OSLO)
                  & (moves[M.YEAR] == FOCUS)]
    ages = exact.groupby(M.AGE).size()
    small = ages[(ages > 0) & (ages < 5)].index
    assert r.age.frame[(r.age.frame["year"] == FOCUS)
                       & r.age.frame["age"].isin(small)]["rate_per_100"].isna().all()
    d = r.decomposition.frame
    parts = (d["population_effect"] + d["rate_effect"] + d["unmatched_effect"]
             + d["disclosure_adjustment"])
    assert (parts - d["change"]).abs().max() < 1e-9
    for col in ("focus_out_migrants", "focus_population"):
        values = d[col].dropna()
        assert (values % 5 == 0).all()
    assert any("suppressed" in n for n in r.notes)


@st.composite
def _registers(draw):
    """Small random registers: moves among Oslo, Bergen and abroad, population of both."""
    codes = [OSLO, BERGEN, M.ABROAD]
    n = draw(st.integers(1, 60))
    rows = draw(st.lists(st.tuples(st.sampled_from(list(YEARS)), st.sampled_from(codes),
                                   st.sampled_from(codes), st.integers(0, 95),
                                   st.sampled_from(M.OCCUPATIONS),
                                   st.sampled_from(M.BIRTHPLACES)), min_size=n, max_size=n))
    rows += [(2016, BERGEN, BERGEN, 40, "2", "same"), (2020, BERGEN, BERGEN, 40, "2", "same")]
    n = len(rows)  # moves inside Bergen in the first and last year: the register's span
    moves = pd.DataFrame(rows, columns=[M.YEAR, M.ORIGIN, M.DESTINATION, M.AGE, M.OCCUPATION,
                                        M.BIRTHPLACE])
    moves = moves.assign(**{M.PERSON_ID: range(n), M.DATE: pd.Timestamp("2020-01-02"),
                            M.SEX: "F", M.IMMIGRANT_CATEGORY: "rest",
                            M.COUNTRY_BACKGROUND: "SE", M.FAMILY_TYPE: "single"})
    pop_rows = draw(st.lists(st.tuples(st.sampled_from(list(YEARS)),
                                       st.sampled_from([OSLO, BERGEN]), st.integers(0, 95),
                                       st.sampled_from(M.OCCUPATIONS), st.integers(1, 50)),
                             min_size=1, max_size=40))
    population = pd.DataFrame(pop_rows, columns=[M.YEAR, M.MUNICIPALITY, M.AGE, M.OCCUPATION,
                                                 M.PERSONS])
    every = pd.DataFrame([(y, c, 30, "2", 10) for y in YEARS for c in (OSLO, BERGEN)],
                         columns=population.columns)
    population = pd.concat([population, every]).assign(
        **{M.SEX: "F", M.BIRTHPLACE: "same", M.IMMIGRANT_CATEGORY: "rest",
           M.COUNTRY_BACKGROUND: "SE", M.FAMILY_TYPE: "single"})
    return (moves[list(M.MOVE_COLUMNS)],
            population.groupby([M.YEAR, M.MUNICIPALITY, *M.ATTRIBUTES], as_index=False)
            [M.PERSONS].sum()[list(M.POPULATION_COLUMNS)])


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(_registers())
def test_every_out_migration_is_counted_once_and_parts_add_up(data):
    moves, population = data
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, disclosure="none")
    out = _out(moves)
    per_year = out.groupby(M.YEAR).size().reindex(list(YEARS), fill_value=0)
    age = r.age.frame.groupby("year")[["out_domestic", "out_abroad"]].sum().sum(axis=1)
    occ = r.occupation.frame.groupby("year")["out_migrants"].sum()
    assert age.tolist() == per_year.tolist() == occ.tolist()
    bf = r.birthplace_family.frame
    assert bf[bf["attribute"] == M.BIRTHPLACE].groupby("year")["out_migrants"].sum().tolist() \
        == per_year.tolist()
    dom = r.destinations.frame
    dom = dom[dom["level"] == "municipality"].groupby("year")["out_migrants"].sum()
    expect_dom = out[out[M.DESTINATION] != M.ABROAD].groupby(M.YEAR).size()
    assert dom.reindex(list(YEARS), fill_value=0).tolist() == \
        expect_dom.reindex(list(YEARS), fill_value=0).tolist()
    d = r.decomposition.frame
    assert ((d["population_effect"] + d["rate_effect"] + d["unmatched_effect"] - d["change"])
            .abs() < 1e-9).all()
    totals = d[d["category"] == "TOTAL"]
    base = per_year.loc[2016:2019].mean()
    alls = totals[totals["destination"] == "all"]
    assert (alls["change"] - (per_year[2020] - base)).abs().max() < 1e-9


def test_without_reference_data_counties_are_code_prefixes(raw, no_reference_data):
    moves, population = raw
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, disclosure="none")
    d = r.destinations.frame
    assert set(d[d["level"] == "county"]["destination_code"]) == {"32", "46", "50"}
    assert d["in_ba_region"].isna().all()
    assert any("BA marking is omitted" in n for n in r.notes)
    assert r.name == OSLO


def test_a_municipality_without_moves_in_the_focus_year(raw, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    moves, population = raw
    quiet = (moves[M.YEAR] == FOCUS) & ((moves[M.ORIGIN] == TRONDHEIM)
                                        | (moves[M.DESTINATION] == TRONDHEIM))
    for name, frame in (("moves", moves[~quiet]), ("population", population)):
        pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False),
                            tmp_path / name, partition_cols=[M.YEAR])
    r = city.analyse(tmp_path, TRONDHEIM, focus=FOCUS, baseline=BASELINE, disclosure="none")
    age = r.age.frame
    assert age[age["year"] == FOCUS][["out_domestic", "out_abroad"]].sum().sum() == 0
    assert r.summary()["focus_out_migrants"] == 0


def test_figures_and_html_section(raw):
    import json

    from flytt.figures import city as F

    moves, population = raw
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, compare=[BERGEN], lang="nb")
    specs = {name: json.dumps(F.chart(r, name).to_dict(), ensure_ascii=False)
             for name in F.FIGURES}
    assert "Flyttinger fra Oslo per 100 innbyggere etter alder, 2016–2020" in specs["age"]
    assert "Til resten av Norge" in specs["occupation"] and "Til utlandet" in specs["occupation"]
    assert "landbakgrunn Sverige" in specs["background"]
    assert "landbakgrunn SE" not in specs["background"]
    assert '"thousands": "\u00a0"' in specs["trend"]  # Norwegian number format
    assert "#0b2f5b" in specs["occupation"]  # the focus year is the dark bar
    page = F.city_page(r, {n: f"{n}.svg" for n in F.FIGURES})
    assert all(f'src="{n}.svg"' in page for n in F.FIGURES)
    assert "Hvem flytter fra Oslo?" in page and "avrundet til nærmeste 5" in page


# --------------------------------------------------------------- published totals (review)
def _published(r: city.CityResult) -> pd.DataFrame:
    """Published out-migrants per year and destination from trend.csv."""
    t = r.trend.frame
    t = t[t["municipality"] == OSLO].pivot(index="year", columns="flow", values="moves")
    return pd.DataFrame({"domestic": t["out_domestic"].astype(float),
                         "abroad": t["emigration"].astype(float),
                         "all": (t["out_domestic"] + t["emigration"]).astype(float)})


def _assert_one_published_change(r: city.CityResult) -> None:
    """Every grouping's TOTAL row decomposes the change of trend.csv; rows add up."""
    d = r.decomposition.frame
    parts = (d["population_effect"] + d["rate_effect"] + d["unmatched_effect"]
             + d["disclosure_adjustment"])
    assert (parts - d["change"]).abs().max() < 1e-9
    assert (d["size_effect"] + d["composition_effect"] - d["population_effect"]).abs().max() \
        < 1e-9
    published = _published(r)
    for destination in ("all", "domestic", "abroad"):
        years = published.loc[list(range(BASELINE[0], BASELINE[1] + 1)), destination]
        base, now = years.fillna(0).mean(), published.loc[FOCUS, destination]
        # a suppressed total counts as 0 and is shown empty
        base_shown = np.nan if years.isna().any() else base
        for attribute in city.DECOMPOSITION_ATTRIBUTES:
            rows = d[(d["destination"] == destination) & (d["attribute"] == attribute)]
            total = rows[rows["category"] == "TOTAL"].iloc[0]
            total = {k: np.nan if pd.isna(v) else v for k, v in total.items()}
            assert total["baseline_out_migrants"] == pytest.approx(base_shown, nan_ok=True), \
                (destination, attribute)
            assert total["focus_out_migrants"] == pytest.approx(now, nan_ok=True), \
                (destination, attribute)
            assert total["change"] == pytest.approx(np.nan_to_num(now) - base), \
                (destination, attribute)
            others = rows[rows["category"] != "TOTAL"]
            if attribute != "total":
                assert others["change"].sum() == pytest.approx(total["change"])
            s = r.summary(destination, attribute)
            assert s["change"] == pytest.approx(np.nan_to_num(now) - base)


def test_every_grouping_decomposes_the_published_change_of_the_trend(raw):
    """Review 1 (HIGH): with the default disclosure the headline, trend.csv and every
    grouping of decomposition.csv gave different totals and changes."""
    from flytt.figures import city as F

    moves, population = raw
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, disclosure="default", lang="nb")
    _assert_one_published_change(r)
    d = r.decomposition.frame
    adj = d[d["category"] == city.ADJUSTMENT]
    assert set(adj["attribute"]) == set(city.DECOMPOSITION_ATTRIBUTES) - {"total"}
    assert (adj["disclosure_adjustment"] == adj["change"]).all()
    assert (adj[["size_effect", "rate_effect", "unmatched_effect"]] == 0).all().all()
    assert (adj["label"] == "Justering for avrunding og undertrykte tall").all()
    # the headline states the published numbers of trend.csv
    published = _published(r)
    base = published.loc[2016:2019, "all"].mean()
    now = published.loc[FOCUS, "all"]
    text = F.summary_text(r)
    assert text.startswith(f"{now:.0f} personer flyttet fra Oslo i 2020, mot i snitt "
                           f"{base:.0f} per år")
    assert f"({now - base:+.0f})" in text.replace("−", "-")
    assert "avsløringskontroll" in text
    assert any("DISCLOSURE_ADJUSTMENT" in n for n in r.notes)
    # categories are decomposed from the published yearly cells of the other files
    occ = r.occupation.frame
    occ = occ[occ["destination"] == "domestic"]
    dec = d[(d["attribute"] == M.OCCUPATION) & (d["destination"] == "domestic")]
    for _, row in dec[~dec["category"].isin(["TOTAL", city.ADJUSTMENT])].iterrows():
        cells = occ[occ["occupation"] == row["category"]].set_index("year")["out_migrants"]
        if pd.notna(row["baseline_out_migrants"]):
            assert row["baseline_out_migrants"] == pytest.approx(cells.loc[2016:2019].mean())
        if pd.notna(row["focus_out_migrants"]):
            assert row["focus_out_migrants"] == cells.loc[FOCUS]
        else:
            assert pd.isna(cells.loc[FOCUS])


def test_without_disclosure_control_there_is_no_adjustment(result):
    _assert_one_published_change(result)
    d = result.decomposition.frame
    assert city.ADJUSTMENT not in set(d["category"])
    assert (d["disclosure_adjustment"] == 0).all()


@settings(max_examples=10, deadline=None)
@given(_registers())
def test_published_change_is_the_same_for_every_grouping_on_random_registers(data):
    moves, population = data
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, disclosure="default")
    _assert_one_published_change(r)


def _with_rare_destinations(moves: pd.DataFrame) -> pd.DataFrame:
    """2 moves Oslo → Stavanger in the focus year (suppressed), 6 to Tromsø in 2017 only
    (0 in the focus year)."""
    template = moves[(moves[M.ORIGIN] == OSLO) & (moves[M.YEAR] == FOCUS)].head(1)
    extra = [template.assign(**{M.DESTINATION: "1103", M.PERSON_ID: 10_000 + i})
             for i in range(2)]
    extra += [template.assign(**{M.DESTINATION: "5501", M.YEAR: 2017,
                                 M.PERSON_ID: 20_000 + i}) for i in range(6)]
    return pd.concat([moves, *extra], ignore_index=True)


def test_destinations_rank_and_show_only_published_counts(raw):
    """Review 2 (MED): zeros were ranked ahead of suppressed destinations and the chart
    showed empty (suppressed) bars among the top destinations."""
    import json

    from flytt.figures import city as F

    moves, population = raw
    r = city.analyse_register(city.Register(_with_rare_destinations(moves), population), OSLO,
                              focus=FOCUS, baseline=BASELINE, disclosure="default")
    d = r.destinations.frame
    assert tuple(d.columns) == city.DESTINATION_COLUMNS
    assert set(d["status"]) <= set(city.DESTINATION_STATUS)
    assert (d["out_migrants"].isna() == (d["status"] == "suppressed")).all()
    assert (d.loc[d["status"] == "zero", "out_migrants"] == 0).all()
    now = d[d["year"] == FOCUS]
    mun = now[now["level"] == "municipality"].set_index("destination_code")
    assert mun.loc["1103", "status"] == "suppressed" and pd.isna(mun.loc["1103", "rank"])
    assert mun.loc["5501", "status"] == "zero" and pd.isna(mun.loc["5501", "rank"])
    assert d[(d["destination_code"] == "5501") & (d["year"] == 2017)]["status"].iloc[0] \
        == "published"
    for level in ("county", "municipality"):
        lv = now[now["level"] == level]
        ranked = lv[lv["rank"].notna()].sort_values("rank")
        assert (ranked["status"] == "published").all()
        assert (lv[lv["rank"].isna()]["status"] != "published").all()
        assert ranked["rank"].tolist() == list(range(1, len(ranked) + 1))
        assert ranked["out_migrants"].is_monotonic_decreasing
    # shares are of the published domestic total of trend.csv
    published = _published(r)
    shown = d[d["status"] == "published"]
    expect = 100 * shown["out_migrants"] / shown["year"].map(published["domestic"])
    assert (shown["share_pct"] - expect).abs().max() < 1e-9
    # the chart draws only ranked (published) destinations
    spec = json.dumps(F.chart(r, "destinations").to_dict(), ensure_ascii=False)
    assert "Stavanger" not in spec and "Tromsø" not in spec and "Bærum" in spec
    # ... also without disclosure control, where 0 is not ranked either
    exact = city.analyse_register(city.Register(_with_rare_destinations(moves), population),
                                  OSLO, focus=FOCUS, baseline=BASELINE, disclosure="none")
    m = exact.destinations.frame
    m = m[(m["year"] == FOCUS) & (m["level"] == "municipality")].set_index("destination_code")
    assert m.loc["1103", "rank"] >= 1 and pd.isna(m.loc["5501", "rank"])
    assert m.loc["5501", "status"] == "zero"


def test_disclosure_note_is_complete_and_translated(raw):
    """Review 3 (LOW): the note ended '...suppressed when one of them is' and stayed
    English under lang nb."""
    moves, population = raw
    full = "suppressed when any count they are computed from is suppressed"
    for lang, words, foreign in (("en", full, "avrundet"),
                                 ("nb", "avrundet til nærmeste 5", "disclosure control")):
        r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                                  baseline=BASELINE, disclosure="default", lang=lang)
        assert any(words in n for n in r.notes), lang
        for part in r.parts.values():
            assert words in part.footnote, (lang, part.name)
            assert foreign not in part.footnote, (lang, part.name)
            assert not part.footnote.rstrip(".").endswith("one of them is")
    nb = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                               baseline=BASELINE, disclosure="none", lang="nb")
    assert any("ingen avsløringskontroll" in n for n in nb.notes)


def test_a_code_without_its_leading_zero_gets_a_suggestion(raw, tmp_path):
    """Review 4 (LOW): ``301`` should suggest ``0301``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    moves, population = raw
    register = city.Register(moves, population, source="test")
    with pytest.raises(NotFoundError, match="did you mean 0301"):
        city.analyse_register(register, "301", focus=FOCUS, baseline=BASELINE)
    with pytest.raises(NotFoundError, match="did you mean 0301"):
        city.analyse_register(register, BERGEN, focus=FOCUS, baseline=BASELINE,
                              compare=["301"])
    with pytest.raises(NotFoundError, match="is the code right") as info:
        city.analyse_register(register, "999", focus=FOCUS, baseline=BASELINE)
    assert "did you mean" not in str(info.value)
    for name, frame in (("moves", moves), ("population", population)):
        pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False),
                            tmp_path / name, partition_cols=[M.YEAR])
    with pytest.raises(NotFoundError, match="did you mean 0301"):
        city.analyse(tmp_path, "301", focus=FOCUS, baseline=BASELINE)


# ------------------------------------------------------------ figures: scales, suppression
def _panels_of(chart, data=None) -> list:
    """The leaf charts of a (v/h)concat chart, with the data they draw (Altair lifts data
    shared by every sub-chart to the concat)."""
    data = chart.data if isinstance(chart.data, pd.DataFrame) else data
    for attr in ("vconcat", "hconcat", "concat"):
        parts = getattr(chart, attr, None)
        if isinstance(parts, list):
            return [leaf for part in parts for leaf in _panels_of(part, data)]
    return [(chart, data)]


def _assert_y_covers(chart, field: str) -> None:
    for panel, data in _panels_of(chart):
        values = pd.to_numeric(data[field], errors="coerce")
        scale = panel.encoding.y.to_dict()["scale"]
        low, high = scale["domain"]
        assert low == 0 and scale["nice"] is False
        if values.notna().any():
            assert high >= 1.05 * values.max(), (panel.title, high, values.max())


def test_city_chart_scales_cover_the_highest_value(raw):
    """Review (MED): the 2020 lines of the trend's rate panel and of the single-year age
    chart ran to/off the top of the plot."""
    from flytt.figures import city as F

    moves, population = raw
    for disclosure in ("none", "default"):
        r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                                  baseline=BASELINE, compare=[BERGEN], lang="nb",
                                  disclosure=disclosure)
        trend = F.trend_chart(r)
        assert len(_panels_of(trend)) == 4  # moves and rates for Oslo and Bergen
        _assert_y_covers(trend, "value")
        _assert_y_covers(F.age_chart(r), "rate_per_100")
    # the reported case: a rate of 5.81 with a nice domain that ended at 6
    frame = pd.DataFrame({"year": [2019, 2020], "municipality_name": "Oslo",
                          "label": "Utflytting", "moves": [300, 380],
                          "rate_per_100": [4.6, 5.814843]})
    _assert_y_covers(F.trend_part_chart(frame, lang="nb", title="t"), "value")
    assert F._nice_max(23.529412) >= 25 and F._nice_max(5.814843) > 6


def test_age_lines_join_published_points_or_show_age_groups(raw):
    """Review (MED): suppressed single-year rates left scattered dots and fragments."""
    import json

    from flytt.figures import city as F

    moves, population = raw
    exact = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                                  baseline=BASELINE, disclosure="none", lang="en")
    (lines, _), _bars = _panels_of(F.age_chart(exact))
    assert lines.data["rate_per_100"].notna().all() and len(lines.data) > 0
    assert lines.mark.interpolate == "linear"
    protected = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                                      baseline=BASELINE, disclosure="default", lang="nb")
    single = protected.age.frame
    single = single[single["age"] <= 90]
    share = single["rate_per_100"].notna().sum() / (single["population"] != 0).sum()
    panels = _panels_of(F.age_chart(protected))
    spec = json.dumps(F.chart(protected, "age").to_dict(), ensure_ascii=False)
    if share < F.SPARSE_AGES:  # only 5-year groups, with a note saying why
        assert len(panels) == 1 and panels[0][0].title == t("city.fig.groups", "nb")
        assert "Ettårig alder vises ikke" in spec
    else:
        assert panels[0][1]["rate_per_100"].notna().all()
    # a sparse register (most single years suppressed) always falls back to age groups
    age = exact.age.frame.copy()
    age.loc[age.index % 3 != 0, "rate_per_100"] = np.nan
    sparse = dataclasses.replace(exact, age=dataclasses.replace(exact.age, frame=age))
    panels = _panels_of(F.age_chart(sparse))
    assert len(panels) == 1
    assert "Single years of age not shown" in json.dumps(F.age_chart(sparse).to_dict())


def test_background_chart_without_bars_says_why_and_names_the_country(raw):
    """Review (MED): with every value suppressed the chart was an empty frame, and the
    title named the raw code 'SE'."""
    import json

    from flytt.figures import city as F

    moves, population = raw
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, disclosure="default", lang="nb")
    frame = r.background.frame.copy()
    for col in ("out_migrants", "rate_per_100"):
        frame[col] = np.nan
    hidden = dataclasses.replace(r, background=dataclasses.replace(r.background, frame=frame))
    spec = json.dumps(F.chart(hidden, "background").to_dict(), ensure_ascii=False)
    assert "Alle tall er undertrykt av avsløringskontroll (1–4 personer)" in spec
    assert "landbakgrunn Sverige" in spec and "landbakgrunn SE " not in spec
    assert '"mark": {"type": "text"' in spec or '"text"' in spec
    # zeros and suppressed cells only: still a text, not an empty frame
    frame["out_migrants"] = frame["out_migrants"].where(frame.index % 2 == 0, 0)
    mixed = dataclasses.replace(r, background=dataclasses.replace(r.background, frame=frame),
                                lang="en")
    spec = json.dumps(F.background_chart(mixed).to_dict(), ensure_ascii=False)
    assert "every count is 0 or suppressed" in spec and "background Sweden" in spec
    # with published values the bars are drawn
    bars = json.dumps(F.background_chart(r).to_dict())
    if (r.background.frame["rate_per_100"].fillna(0) > 0).any() or \
            (r.background.frame["out_migrants"].fillna(0) > 0).any():
        assert '"bar"' in bars
    assert M.country_name("PL", "nb") == "Polen" and M.country_name("LT", "en") == "Lithuania"
    assert M.country_name("XX", "en") == "XX"
    assert all(f"country.{c}" in CATALOG for c in M.COUNTRY_BACKGROUNDS)


@pytest.mark.parametrize("lang, headings", [
    ("en", ["Birthplace", "Family type", "Immigrant category"]),
    ("nb", ["Fødested", "Familietype", "Innvandringskategori"]),
])
def test_birthplace_family_figure_groups_each_attribute_under_its_heading(raw, lang,
                                                                         headings):
    from flytt.figures import city as F

    moves, population = raw
    r = city.analyse_register(city.Register(moves, population), OSLO, focus=FOCUS,
                              baseline=BASELINE, lang=lang)
    spec = F.chart(r, "birthplace_family").to_dict()
    panels = spec["vconcat"]
    assert [p["title"]["text"] for p in panels] == [t("city.fig.domestic", lang),
                                                   t("city.fig.abroad", lang)]
    frame = r.birthplace_family.frame
    for panel in panels:
        groups = panel["vconcat"]
        assert [g["title"]["text"] for g in groups] == headings
        for group, attribute in zip(groups, city.BIRTHPLACE_FAMILY_ATTRIBUTES):
            labels = {row["label"] for row in spec["datasets"][group["data"]["name"]]}
            assert labels == set(frame.loc[frame["attribute"] == attribute, "label"])


def test_analysis_is_pure_given_its_places(raw, no_reference_data):
    """With the places given, the analysis reads nothing: no mirror, no network, and the
    names, counties and BA marks are the ones passed in."""
    from flytt.city.places import Places

    moves, population = raw
    register = city.Register(moves=moves, population=population, source="test")
    codes = city.analysis.place_codes(register, OSLO, ())
    where = Places(names={c: f"Place {c}" for c in codes}, county={c: "99" for c in codes},
                   county_names={"99": "Testfylke"}, ba={c: "B1" for c in codes}, notes=())
    result = city.analyse_register(register, OSLO, focus=FOCUS, baseline=BASELINE,
                                   where=where, disclosure="none")
    assert result.name == f"Place {OSLO}"
    destinations = result.part("destinations").frame
    assert set(destinations.loc[destinations["level"] == "county", "destination_name"]) == {
        "Testfylke"}
    assert destinations.loc[destinations["level"] == "municipality", "in_ba_region"].all()
    assert not any("unavailable" in n for n in result.notes)
