"""Harmonising municipality codes across the 2020 and 2024 reforms, on SSB's real
population 2017–2024 (table 07459 exports in the data mirror)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import ref, ref_named
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt import geo
from flytt.errors import InputError
from flytt.harmonize import _apportion, harmonize, strip_region_prefix
from flytt.registry import fetch
from flytt.ssb.statbank_csv import read_statbank_file

# national population 1 January (SSB), as recorded for these exports in PROVENANCE.md
NATIONAL = {2017: 5_258_317, 2018: 5_295_619, 2019: 5_328_212, 2020: 5_367_580,
            2021: 5_391_369, 2022: 5_425_270, 2023: 5_488_984, 2024: 5_550_203}


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    """Persons by year × municipality code of that year (summed over age)."""
    frames = []
    for name in ["Personer2015-2018.csv"] + [f"Personer{y}.csv" for y in range(2019, 2025)]:
        raw = read_statbank_file(ref_named(name))
        frames.append(pd.DataFrame({"year": raw["Tid"].astype(int),
                                    "region_code": strip_region_prefix(raw["region"]),
                                    "population": raw["value"]}))
    pop = pd.concat(frames)
    pop = pop[pop["year"] >= 2017]
    return pop.groupby(["year", "region_code"], as_index=False)["population"].sum()


@pytest.fixture(scope="module")
def to2024(population):
    return harmonize(population, 2024)


def test_the_exports_sum_to_the_national_population(population):
    assert population.groupby("year")["population"].sum().to_dict() == NATIONAL


@pytest.mark.parametrize("target", [2020, 2024])
def test_national_totals_are_preserved_exactly(population, target):
    result = harmonize(population, target)
    assert result.frame.groupby("year")["population"].sum().to_dict() == NATIONAL
    assert str(result.frame["population"].dtype) == "Int64"


def test_every_code_lands_in_the_target_vintage_or_is_reported(to2024):
    codes = set(to2024.frame["region_code"])
    muni = set(geo.municipalities(2024)["code"])
    assert codes - muni == {"21-22", "23", "Rest"}  # Svalbard, shelf, unknown: kept
    assert set(to2024.unknown["code"]) == {"21-22", "23", "Rest"}
    assert muni <= codes
    per_year = to2024.frame[to2024.frame["region_code"].isin(muni)].groupby("year").size()
    assert (per_year == 357).all()


def test_every_2019_code_maps_into_2020_as_in_the_reform_key():
    """Independent source: Kartverket's 2020 reform table (bord4-data)."""
    with open(fetch("reform-2020"), encoding="utf-8") as f:
        key = {(r["municipality_id_2019"], r["municipality_id_2020"]) for r in csv.DictReader(f)}
    codes2019 = geo.municipalities(2019)["code"]
    frame = pd.DataFrame({"year": 2019, "region_code": codes2019, "population": 1000})
    result = harmonize(frame, 2020)
    pairs = set(zip(result.mapping["from_code"], result.mapping["to_code"]))
    assert pairs == key
    assert result.unknown.empty
    assert set(result.frame["region_code"]) == set(geo.municipalities(2020)["code"])


def test_series_are_continuous_across_both_reforms(to2024):
    wide = to2024.frame.pivot_table(index="region_code", columns="year", values="population")
    wide = wide.loc[sorted(set(geo.municipalities(2024)["code"]))].astype(float)
    change = (wide.diff(axis=1).abs() / wide.shift(axis=1)).drop(columns=2017)
    # reform years look like ordinary years: no jump where codes merged or split
    assert change[2020].max() < 0.08 and change[2024].max() < 0.11
    affected = ["1806", "1875", "5055", "5056", "5059", "1508", "1580", "4601", "3101",
                "3201", "5001", "1103"]
    assert (change.loc[affected, [2020, 2024]] < 0.04).all(axis=None)


def test_split_weights_are_shown_and_sum_to_one(to2024):
    w = to2024.weights
    assert set(w["split_code"]) == {"1507", "1850", "5012"}
    assert w.groupby("split_code")["share"].sum().round(12).eq(1).all()
    alesund = w[w["split_code"] == "1507"].set_index("successor_code")
    # 2024 populations of Ålesund and Haram, read straight from the 2024 export
    raw = read_statbank_file(ref("ssb-population-2024"))
    p2024 = raw.groupby("region")["value"].sum()
    assert alesund.loc["1580", "share"] == pytest.approx(
        p2024["K-1580"] / (p2024["K-1580"] + p2024["K-1508"]))
    assert alesund.loc["1580", "basis"] == "population 2024"


def test_later_codes_map_back_to_2020(population):
    result = harmonize(population[population["year"] == 2024], 2020)
    got = result.frame.set_index("region_code")["population"]
    raw = population[population["year"] == 2024].set_index("region_code")["population"]
    assert got["1507"] == raw["1508"] + raw["1580"]  # the 2024 split undone
    assert got["3001"] == raw["3101"]  # renumbered back
    assert len(set(got.index) & set(geo.municipalities(2020)["code"])) == 356


def test_flows_both_ends_and_abroad():
    flows = pd.DataFrame({"year": [2019, 2019, 2019, 2019],
                          "origin_code": ["0101", "0104", "ABROAD", "1850"],
                          "destination_code": ["0104", "0101", "1850", "ABROAD"],
                          "moves": pd.array([10, 7, 100, 9], dtype="Int64")})
    result = harmonize(flows, 2020, code_columns=("origin_code", "destination_code"))
    f = result.frame.set_index(["origin_code", "destination_code"])["moves"]
    assert f[("3001", "3002")] == 10 and f[("3002", "3001")] == 7
    assert f.xs("ABROAD", level="origin_code").sum() == 100
    assert f.xs("ABROAD", level="destination_code").sum() == 9
    assert set(f.xs("ABROAD", level="origin_code").index) == {"1806", "1875"}
    # the shares: 2020 populations less the other predecessors' 2019 populations, read
    # straight from SSB's exports (Narvik = 1805 Narvik + 1854 Ballangen + part of Tysfjord)
    p19 = read_statbank_file(ref("ssb-population-2019")).groupby("region")["value"].sum()
    p20 = read_statbank_file(ref("ssb-population-2020")).groupby("region")["value"].sum()
    narvik = p20["K-1806"] - p19["1805"] - p19["1854"]
    hamaroy = p20["K-1875"] - p19["1849"]
    assert f[("ABROAD", "1806")] == round(100 * narvik / (narvik + hamaroy))
    assert result.weights["basis"].str.startswith("population 2020 less").all()


def test_unknown_codes_are_reported_not_dropped():
    frame = pd.DataFrame({"year": [2022, 2022], "region_code": ["0301", "9999"],
                          "population": pd.array([5, 3], dtype="Int64")})
    result = harmonize(frame, 2024)
    assert result.frame["population"].sum() == 8
    assert result.unknown[["code", "total"]].values.tolist() == [["9999", 3]]
    assert "9999" in result.summary()
    with pytest.raises(InputError, match="2020 or 2024"):
        harmonize(frame, 2019)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=20),
       st.lists(st.floats(0.01, 1), min_size=2, max_size=4))
def test_apportioning_keeps_every_total(values, raw_shares):
    shares = [s / sum(raw_shares) for s in raw_shares]
    rows = pd.Series([i for i in range(len(values)) for _ in shares])
    v = pd.Series([x for x in values for _ in shares], dtype="Int64")
    parts = _apportion(v, pd.Series(shares * len(values)), rows)
    sums = parts.groupby(rows).sum()
    assert sums.tolist() == values
    exact = pd.Series([x * s for x in values for s in shares])
    assert ((parts.astype(float) - exact).abs() < 1).all()
