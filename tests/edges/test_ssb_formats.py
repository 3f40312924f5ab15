"""StatBank answers and files: CSV exports (real files), JSON-stat (json-stat.org's samples and
every form the spec allows), PX (code pages, languages, symbols), XLSX, format sniffing, and
round trips of arbitrary cubes through every form."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ref, ref_named
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt import jsonstat
from flytt.errors import DataError, InputError
from flytt.ssb import formats, px
from flytt.ssb.formats import SSB_SYMBOLS
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


# ------------------------------------------------------------ formats.decode (issue 20)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "statbank"


def _cell(frame: pd.DataFrame, **where: str) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, code in where.items():
        mask &= (frame[column] == code).to_numpy()
    [i] = np.flatnonzero(mask)
    return frame.iloc[i]


def test_canada_sample_one_status_applies_to_every_cell():
    """json-stat.org's canada.json: ``"status": ["a"]`` is one status for all 120 cells
    (not a truncated answer); totals as the sample states them."""
    content = (FIXTURES / "jsonstat-canada.json").read_bytes()
    assert formats.sniff(content, "canada.json") == "json-stat2"
    answer = formats.decode(content, source="canada.json")
    frame = answer.frame
    assert len(frame) == 120 and set(frame["status"]) == {"a"}
    assert answer.label == "Population by sex and age group. Canada. 2012"
    assert answer.source == "Statistics Canada, CANSIM, table 051-0001"
    assert answer.roles == {"time": ["year"], "geo": ["country"], "metric": ["concept"]}
    total = {sex: _cell(frame, age="T", concept="POP", sex=sex)["value"]
             for sex in ("T", "M", "F")}
    assert total == {"T": 34880.5, "M": 17309.1, "F": 17571.3}
    groups = frame[(frame["age"] != "T") & (frame["concept"] == "POP") & (frame["sex"] == "T")]
    assert len(groups) == 19 and abs(groups["value"].sum() - 34880.5) < 1.0
    assert _cell(frame, age="older", concept="POP", sex="F")["age_label"] == "90 and older"


def test_oecd_sample_sparse_status_and_notes_at_every_level():
    """json-stat.org's oecd.json: US 2010 is 9.627692959 (cell 403, as json-stat.org's
    access examples state); 2013 and 2014 are estimates (``e``), values kept; the notes
    of the dataset, the area dimension and Germany's category all reach ``notes``."""
    answer = formats.decode((FIXTURES / "jsonstat-oecd.json").read_bytes())
    frame = answer.frame
    assert len(frame) == 36 * 12 and frame.index[_cell(frame, area="US", year="2010").name] == 403
    assert _cell(frame, area="US", year="2010")["value"] == 9.627692959
    estimated = frame[frame["status"] == "e"]
    assert set(estimated["year"]) == {"2013", "2014"} and len(estimated) == 72
    assert estimated["value"].notna().all()
    assert (frame.loc[frame["year"].astype(str) < "2013", "status"] == "").all()
    notes = " | ".join(answer.notes)
    assert notes.startswith("Most of the data in this dataset")
    assert "actual territory of the country" in notes and "Germany (code DE)" in notes
    assert "EcoOutlook@oecd.org" in answer.notes
    assert answer.updated == "2012-11-27" and answer.table_id == ""


def _doc(value, status=None, sizes=(2, 3)) -> dict:
    dims = {f"D{k}": {"label": f"dim {k}",
                      "category": {"index": [f"c{k}{j}" for j in range(n)]}}
            for k, n in enumerate(sizes)}
    doc = {"version": "2.0", "class": "dataset", "label": "07459: Befolkning, etter region",
           "id": list(dims), "size": list(sizes), "dimension": dims, "value": value}
    if status is not None:
        doc["status"] = status
    return doc


@pytest.mark.parametrize("status, expected", [
    ("..", [".."] * 6),
    (["e"], ["e"] * 6),
    ([None, "e", None, None, None, "e"], ["", "e", "", "", "", "e"]),
    ({"1": "e", "5": "e"}, ["", "e", "", "", "", "e"]),
])
def test_every_status_form_of_the_spec(status, expected):
    """A string or a one-element array applies to every cell; a full array or a sparse
    object to the cells named."""
    frame = jsonstat.decode(_doc([1, 2, 3, 4, 5, 6], status))
    assert frame["status"].tolist() == expected
    if status == "..":
        assert frame["value"].isna().all()
    else:
        assert frame["value"].tolist() == [1, 2, 3, 4, 5, 6]


def test_sparse_value_object_and_ssb_symbols():
    """A sparse ``value`` object leaves the other cells null; ``-`` (nil) is 0 and ``:``
    (confidential) keeps NA, both with their symbol in ``status``."""
    answer = formats.decode(json.dumps(_doc({"0": 5, "4": 3}, {"1": "-", "2": ":"})).encode())
    frame = answer.frame
    assert frame["value"].tolist()[:3] == [5, 0, pd.NA] and frame["value"].iloc[4] == 3
    assert frame["status"].tolist() == ["", "-", ":", "", "", ""]
    assert frame["value"].isna().tolist() == [False, False, True, True, False, True]
    assert answer.table_id == "07459" and answer.status_labels[":"] == SSB_SYMBOLS[":"]


def test_confidential_cell_with_a_value_has_none():
    frame = jsonstat.decode(_doc([1, 2, 3, 4, 5, 6], {"3": ":", "4": "..."}))
    assert frame["value"].isna().tolist() == [False, False, False, True, True, False]


def test_a_value_array_of_the_wrong_length_is_truncated():
    with pytest.raises(DataError, match="truncated"):
        jsonstat.parse(_doc([1, 2, 3]))
    with pytest.raises(DataError, match="names cell"):
        jsonstat.parse(_doc({"6": 1}))


def test_pxwebapi_v2_table_id_comes_from_the_px_extension():
    doc = _doc([1, 2, 3, 4, 5, 6])
    doc["extension"] = {"px": {"tableid": "01222", "matrix": "Folkendrkv"},
                        "contact": [{"name": "Ola Nordmann", "mail": "ola@ssb.no"}]}
    cube = jsonstat.parse(doc)
    assert cube.table_id == "01222" and cube.notes == ("Ola Nordmann, ola@ssb.no",)


def test_codes_and_labels_are_categoricals_in_cube_order():
    frame = jsonstat.decode(_doc(list(range(6))))
    for column in ("D0", "D0_label", "D1", "D1_label"):
        assert isinstance(frame[column].dtype, pd.CategoricalDtype)
    assert list(frame["D1"].cat.categories) == ["c10", "c11", "c12"]
    assert frame["D0"].str[:2].tolist() == ["c0"] * 6  # string methods still work


PX_LATIN1 = '''CHARSET="ANSI";
AXIS-VERSION="2010";
CODEPAGE="iso-8859-1";
LANGUAGE="no";
LANGUAGES="no","en";
MATRIX="BefolkKommune";
TABLEID="07459";
DECIMALS=0;
TITLE="07459: Befolkning, etter region og år";
TITLE[en]="07459: Population, by region and year";
CONTENTS="Befolkning";
UNITS="personer";
UNITS[en]="persons";
STUB="region";
STUB[en]="region";
HEADING="år";
HEADING[en]="year";
CONTVARIABLE="år";
VALUES("region")="3014 Indre Østfold","3024 Bærum",
"5001 Trondheim - Tråante";
VALUES[en]("region")="3014 Indre Østfold","3024 Bærum","5001 Trondheim - Tråante";
VALUES("år")="2021","2022";
VALUES[en]("year")="2021","2022";
CODES("region")="K-3014","K-3024","K-5001";
CODES("år")="2021","2022";
TIMEVAL("år")=TLIST(A1),"2021","2022";
ELIMINATION("region")=YES;
LAST-UPDATED="20220223 08:00";
SOURCE="Statistisk sentralbyrå";
CONTACT="Statistisk sentralbyrå, befolkning@ssb.no";
NOTE="Tallene gjelder 1. januar. Kommunene er slik de var "
"1. januar 2024.";
NOTE[en]="Figures refer to 1 January.";
NOTEX("region")="Bærum: grensejustering 2020.";
VALUENOTE("region","3024 Bærum")="Se også Asker.";
DATASYMBOL2="Tall kan ikke offentliggjøres";
DATA=
45567 45891
"-" 128327
"..";'''


def _px_latin1() -> bytes:
    return PX_LATIN1.replace('"..";', '":" 212660;').encode("iso-8859-1")


def test_px_in_iso_8859_1_with_codepage_notes_and_symbols():
    content = _px_latin1()
    assert formats.sniff(content) == "px"
    answer = formats.decode(content, source="07459.px")
    frame = answer.frame
    assert list(frame["region_label"].cat.categories) == [
        "3014 Indre Østfold", "3024 Bærum", "5001 Trondheim - Tråante"]
    assert list(frame.columns) == ["region", "region_label", "år", "år_label", "value",
                                   "status"]
    assert frame["value"].tolist()[:5] == [45567, 45891, 0, 128327, pd.NA]
    assert frame["status"].tolist() == ["", "", "-", "", ":", ""]
    assert answer.table_id == "07459" and answer.source == "Statistisk sentralbyrå"
    assert answer.label == "07459: Befolkning, etter region og år"
    assert answer.updated == "2022-02-23T08:00"
    assert answer.roles == {"time": ["år"], "metric": ["år"]}
    assert answer.dimensions[0].elimination and answer.dimensions[0].codes[2] == "K-5001"
    assert answer.notes == (
        "personer", "Statistisk sentralbyrå", "Statistisk sentralbyrå, befolkning@ssb.no",
        "Tallene gjelder 1. januar. Kommunene er slik de var 1. januar 2024.",
        "Bærum: grensejustering 2020.", "Se også Asker.")
    assert answer.status_labels[".."] == "Tall kan ikke offentliggjøres"
    assert answer.status_labels[":"] == SSB_SYMBOLS[":"]


def test_px_other_language_and_matrix_as_table_id():
    text = _px_latin1().decode("iso-8859-1").replace('TABLEID="07459";\n', "")
    cube = px.parse_px_text(text, lang="en")
    assert cube.label == "07459: Population, by region and year"
    assert [d.id for d in cube.dimensions] == ["region", "year"]
    assert cube.dimensions[0].codes == ("K-3014", "K-3024", "K-5001")
    assert cube.notes[:1] == ("persons",) and "Figures refer to 1 January." in cube.notes
    assert cube.table_id == "BefolkKommune"
    with pytest.raises(InputError, match="no entries in language sv"):
        px.parse_px_text(text, lang="sv")


def test_px_cut_off_or_bad_cells_name_the_file():
    text = _px_latin1().decode("iso-8859-1")
    with pytest.raises(DataError, match="f.px: PX DATA has 5 values"):
        px.parse_px_text(text.replace(' 212660', ''), source="f.px")
    with pytest.raises(DataError, match="cell 6 is x1"):
        px.parse_px_text(text.replace('212660', 'x1'), source="f.px")


def test_statbank_csv_title_line_and_symbols():
    text = ('"07459: Population, by region and year"\n\n'
            '"region";"Persons 2021";"Persons 2022"\n'
            '"3024 Bærum";"128327";"-"\n"5001 Trondheim";":";"212660"\n')
    answer = formats.decode(text.encode("utf-8"))
    assert answer.table_id == "07459" and answer.label == "Population, by region and year"
    frame = answer.frame
    assert frame["value"].tolist() == [128327, pd.NA, 0, 212660]
    assert frame["status"].tolist() == ["", ":", "-", ""]
    assert [d.id for d in answer.dimensions] == ["region"]


def test_statbank_xlsx_like_the_csv(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["07459: Population, by region and year"])
    sheet.append(["region", "age", "Persons 2022"])
    sheet.append(["3024 Bærum", "0 years", 1342])
    sheet.append([None, "1 year", ".."])
    sheet.append(["5001 Trondheim", "0 years", 2205])
    sheet.append([])
    sheet.append(["Source: Statistics Norway"])
    path = tmp_path / "07459.xlsx"
    book.save(path)
    content = path.read_bytes()
    assert formats.sniff(content, "07459.xlsx") == "xlsx"
    answer = formats.decode(content)
    frame = answer.frame
    assert answer.table_id == "07459"
    assert frame["region"].tolist() == ["3024", "3024", "5001"]
    assert frame["value"].tolist() == [1342, pd.NA, 2205] and frame["Tid"].iloc[0] == "2022"
    assert frame["status"].tolist() == ["", "..", ""]


@pytest.mark.parametrize("content, name, fmt", [
    (b'{"version": "2.0", "class": "dataset"}', "", "json-stat2"),
    (b'{"dataset": {"dimension": {}, "value": []}}', "", "json-stat"),
    (b'\xef\xbb\xbfCHARSET="ANSI";\nDATA=1;', "", "px"),
    (b'KEYS("region")=CODES;\nDATA=1;', "x.px", "px"),
    (b'KEYS("region")=CODES;\nDATA=1;', "x.csv", "csv"),
    (b'"region";"Persons 2022"\n"0301 Oslo";"1"\n', "x.px", "csv"),
])
def test_sniff_by_content_then_name(content, name, fmt):
    assert formats.sniff(content, name) == fmt


@pytest.mark.parametrize("content, message", [
    (b"", "a.bin: the file is empty"),
    (b"  \n", "a.bin: the file is empty"),
    (bytes(range(256)) * 4, "a.bin: binary content"),
    (b'{"a": 1}', "a.bin: JSON, but not a JSON-stat dataset"),
])
def test_sniff_refuses_junk_naming_the_file(content, message):
    with pytest.raises(InputError, match=message):
        formats.sniff(content, "a.bin")


def test_real_answers_decode_through_the_front_door():
    """SSB's own answers: 07459 (JSON-stat 2, 359 municipalities, 5,425,270 persons on
    1 January 2022; the table number in ``extension.px``) and 01120 (a JSON-stat 1 bundle
    whose label carries no table number, so none is made up)."""
    answer = formats.decode(ref("ssb-07459-jsonstat2").read_bytes())
    assert answer.table_id == "07459" and len(answer.frame) == 359
    assert int(answer.frame["value"].sum()) == 5_425_270
    assert answer.source == "Statistisk sentralbyrå"
    content = ref("ssb-01120-jsonstat1").read_bytes()
    assert formats.sniff(content) == "json-stat"
    answer = formats.decode(content)
    assert answer.table_id == "" and answer.source == "Statistics Norway"
    assert answer.label.startswith("Export of salmon, fish-farm bred")
    first = answer.frame.iloc[0]
    assert (first["VareGrupper2"], first["Tid"], first["value"]) == ("01", "2014U30", 14297)


# --------------------------------------------------- round trips over arbitrary cubes
_CELLS = st.one_of(st.none(), st.integers(-10**6, 10**6),
                   st.sampled_from(["-", ":", "..", "...", "."]))


def _cube(sizes: list[int], cells: list) -> tuple[list, list[str]]:
    """Values (None for symbols other than nil) and statuses of the drawn cells."""
    values = [0 if c == "-" else None if isinstance(c, str) else c for c in cells]
    status = [c if isinstance(c, str) else "" for c in cells]
    return values, status


def _jsonstat(sizes: list[int], values: list, status: list[str], sparse: bool) -> bytes:
    doc = _doc(values, None, sizes)
    if sparse:
        doc["value"] = {str(i): v for i, v in enumerate(values) if v is not None}
        doc["status"] = {str(i): s for i, s in enumerate(status) if s}
        doc["dimension"] = {k: {**d, "category": {"index": {c: j for j, c in enumerate(
            d["category"]["index"])}}} for k, d in doc["dimension"].items()}
    else:
        doc["status"] = [s or None for s in status]
    return json.dumps(doc).encode()


def _px(sizes: list[int], values: list, status: list[str]) -> bytes:
    names = [f"D{k}" for k in range(len(sizes))]
    stub, heading = (names[:-1], names[-1:]) if len(names) > 1 else (names, [])
    lines = ['CHARSET="ANSI";', 'CODEPAGE="utf-8";', 'TITLE="07459: Befolkning, etter region";',
             "STUB=" + ",".join(f'"{n}"' for n in stub) + ";"]
    if heading:
        lines.append("HEADING=" + ",".join(f'"{n}"' for n in heading) + ";")
    for k, n in enumerate(sizes):
        codes = ",".join(f'"c{k}{j}"' for j in range(n))
        lines += [f'VALUES("D{k}")={codes};']
    cells = [f'"{s}"' if s and s != "-" else ('"-"' if s else str(v))
             for v, s in zip(values, status)]
    lines.append("DATA=\n" + "\n".join(" ".join(cells[i:i + 5])
                                        for i in range(0, len(cells), 5)) + ";")
    return "\n".join(lines).encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=3), st.data())
def test_dense_sparse_and_px_forms_of_a_cube_decode_alike(sizes, data):
    """The same cube as dense JSON-stat 2, sparse JSON-stat 2 and PX: identical frames;
    each cell's value and symbol as drawn (nil 0, other symbols NA)."""
    n = int(np.prod(sizes))
    cells = data.draw(st.lists(_CELLS, min_size=n, max_size=n))
    values, status = _cube(sizes, cells)
    dense = formats.decode(_jsonstat(sizes, values, status, sparse=False)).frame
    sparse = formats.decode(_jsonstat(sizes, values, status, sparse=True)).frame
    pd.testing.assert_frame_equal(dense, sparse)
    if None not in cells:  # PX has no missing cell without a symbol
        pd.testing.assert_frame_equal(dense, formats.decode(_px(sizes, values, status)).frame)
    assert [None if pd.isna(v) else v for v in dense["value"]] == values
    if any(status):
        assert dense["status"].tolist() == status
    else:
        assert "status" not in dense.columns
