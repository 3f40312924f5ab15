"""StatBank CSV exports (real files) and JSON-stat decoding invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ref, ref_named
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt import jsonstat
from flytt.ssb.statbank_csv import read_statbank_csv, read_statbank_file, split_label


@pytest.mark.data("ssb-06913-verdal")
def test_verdal_06913_accounting_identities():
    """SSB's own identities hold in every one of the 75 years (PROVENANCE checks)."""
    frame = read_statbank_file(ref("ssb-06913-verdal"))
    assert set(frame["region"]) == {"K_5038"} and set(frame["region_label"]) == {"Verdal"}
    wide = frame.pivot_table(index="Tid", columns="measure", values="value", aggfunc="sum")
    assert len(wide) == 75 and wide.index[0] == "1951" and wide.index[-1] == "2025"
    assert (wide["Innflyttinger"] - wide["Utflyttinger"] == wide["Nettoinnflytting"]).all()
    assert (wide["Levendefødte"] - wide["Døde"] == wide["Fødselsoverskudd"]).all()
    assert wide.loc["1951", "Befolkning 1. januar"] == 8524


@pytest.mark.parametrize("name, totals", [
    ("Personer2019.csv", {"2019": 5_328_212}),
    ("Personer2021.csv", {"2021": 5_391_369}),
    ("Personer2022.csv", {"2022": 5_425_270}),
    ("Personer2010-2014.csv", {"2010": 4_768_357, "2014": 5_046_852}),
])
def test_population_exports_in_every_layout(name, totals):
    """Latin-1 TAB, UTF-8 comma, ';' with a title line and CRLF: the same tidy result."""
    frame = read_statbank_file(ref_named(name))
    sums = frame.groupby("Tid")["value"].sum()
    for year, total in totals.items():
        assert sums[year] == total
    assert frame["age"].iloc[0] == "0" and frame["age_label"].iloc[0] == "0 years"
    assert set(frame["measure"]) == {"Persons"}


def test_names_with_norwegian_letters_survive_latin1():
    frame = read_statbank_file(ref("ssb-population-2021"))
    labels = dict(zip(frame["region"], frame["region_label"]))
    assert labels["K-3014"] == "Indre Østfold" and labels["K-3024"] == "Bærum"


def test_split_label():
    assert split_label("0101 Halden") == ("0101", "Halden")
    assert split_label("K-3001 Halden") == ("K-3001", "Halden")
    assert split_label("105 years or older") == ("105", "105 years or older")
    assert split_label("2022") == ("2022", "2022")


def test_missing_symbols_and_decimals():
    text = '"region";"Rate 2020";"Rate 2021"\n"0301 Oslo";"1,5";".."\n"4601 Bergen";"2";":"\n'
    frame = read_statbank_csv(text)
    assert frame["value"].tolist()[:2] == [1.5, 2.0]
    assert frame["value"].isna().sum() == 2


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.data())
def test_jsonstat_cells_land_in_row_major_order(sizes, data):
    """Cell i of the value array belongs to the category combination with mixed-radix
    index i (last dimension fastest), whatever the index notation (list or object)."""
    n = int(np.prod(sizes))
    values = data.draw(st.lists(st.one_of(st.none(), st.integers(-10**6, 10**6)),
                                min_size=n, max_size=n))
    as_list = data.draw(st.booleans())
    dims = {}
    for k, size in enumerate(sizes):
        codes = [f"d{k}c{j}" for j in range(size)]
        index = codes if as_list else {c: j for j, c in enumerate(codes)}
        dims[f"D{k}"] = {"label": f"dim {k}", "category": {"index": index}}
    doc = {"version": "2.0", "class": "dataset", "id": list(dims), "size": sizes,
           "dimension": dims, "value": values}
    frame = jsonstat.decode(doc)
    assert len(frame) == n
    for i in range(n):
        rest, expect = i, []
        for size in reversed(sizes):
            expect.append(rest % size)
            rest //= size
        expect.reverse()
        row = frame.iloc[i]
        assert [row[f"D{k}"] for k in range(len(sizes))] == [
            f"d{k}c{j}" for k, j in enumerate(expect)]
        if values[i] is None:
            assert pd.isna(row["value"])
        else:
            assert row["value"] == values[i]
