"""Validated, atomic and idempotent imports into the store, and every bad-input case."""

from __future__ import annotations

import pandas as pd
import pytest

from flytt import contracts as C
from flytt.errors import InputError
from flytt.readers import read_input
from flytt.store import Store

GOOD = ("year,origin_code,destination_code,moves,origin_name,destination_name\n"
        "2020,0301,3005,120,Oslo,Drammen\n"
        "2020,3005,0301,80,Drammen,Oslo\n"
        "2020,ABROAD,0301,40,Abroad,Oslo\n")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.duckdb") as s:
        yield s


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def import_file(store, path, kind="flows", **kw):
    frame = read_input(path, kind, known_codes=store.known_codes(), **kw)
    return store.import_frame(kind, frame, source=str(path))


def test_good_import_then_tables_from_store(store, tmp_path):
    report = import_file(store, write(tmp_path, "f.csv", GOOD))
    assert report.rows == 3 and report.years == [2020] and report.replaced == []
    flows = store.flows()
    assert flows.names["3005"] == "Drammen"
    from flytt.tables import balance_table

    bal = balance_table(flows, 2020).to_frame().set_index(C.REGION)
    assert bal.loc["0301", ["in_internal", "in_abroad", "out_internal"]].tolist() == [80, 40, 120]


def test_reimport_replaces_the_year_and_says_so(store, tmp_path):
    path = write(tmp_path, "f.csv", GOOD)
    import_file(store, path)
    second = import_file(store, path)
    assert second.replaced == [2020] and second.replaced_rows == 3
    assert "replaced 3 earlier rows for 2020" in second.summary()
    total = store.con.execute("SELECT sum(moves) FROM flows").fetchone()[0]
    assert total == 240  # not doubled


BAD_CASES = {
    "missing column": ("year,origin_code,moves\n2020,0301,5\n", "missing column 'destination_code'",
                       1),
    "misspelled column": ("year,origin_code,destinaton_code,moves\n2020,0301,3005,5\n",
                          "found 'destinaton_code': misspelled?", 1),
    "non-integer count": ("year,origin_code,destination_code,moves\n2020,0301,3005,5\n"
                          "2020,3005,0301,2.5\n", "not a whole number", 3),
    "not a number": ("year,origin_code,destination_code,moves\n2020,0301,3005,many\n",
                     "'many' is not a number", 2),
    "negative count": ("year,origin_code,destination_code,moves\n2020,0301,3005,-4\n",
                       "negative count", 2),
    "malformed code": ("year,origin_code,destination_code,moves\n2020,03 01,3005,4\n",
                       "malformed region code '03 01'", 2),
    "lost leading zero": ("year,origin_code,destination_code,moves\n2020,301,3005,4\n"
                          "2020,3005,4601,1\n", "lost its leading zero", 2),
    "duplicate key": ("year,origin_code,destination_code,moves\n2020,0301,3005,4\n"
                      "2020,3005,0301,1\n2020,0301,3005,9\n",
                      "duplicate year 2020, origin_code 0301, destination_code 3005 (also on row 4)",
                      2),
    "year out of range": ("year,origin_code,destination_code,moves\n20200,0301,3005,4\n",
                          "out of range", 2),
    "year not a number": ("year,origin_code,destination_code,moves\ntwenty,0301,3005,4\n",
                          "'twenty' is not a year", 2),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_gives_clear_error_and_leaves_store_unchanged(store, tmp_path, case):
    import_file(store, write(tmp_path, "good.csv", GOOD))
    before = store.snapshot()
    text, message, row = BAD_CASES[case]
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(InputError) as err:
        import_file(store, path)
    text = str(err.value)
    assert message in text
    assert str(path) in text and f"row {row}" in text
    after = store.snapshot()
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table])


def test_error_names_the_column(tmp_path):
    path = write(tmp_path, "bad.csv", "year,origin_code,destination_code,moves\n2020,0301,3005,-1\n")
    with pytest.raises(InputError) as err:
        read_input(path, "flows")
    assert err.value.problems[0].column == "moves" and err.value.problems[0].row == 2


def test_unknown_code_after_regions_are_known(store, tmp_path):
    import_file(store, write(tmp_path, "r.csv", "code,name\n0301,Oslo\n3005,Drammen\n"), "regions")
    path = write(tmp_path, "f.csv", "year,origin_code,destination_code,moves\n2020,0301,9999,4\n")
    with pytest.raises(InputError, match="unknown region code '9999'"):
        import_file(store, path)
    assert store.con.execute("SELECT count(*) FROM flows").fetchone()[0] == 0


def test_undecodable_text_is_reported_with_its_line(tmp_path):
    raw = b"year,origin_code,destination_code,moves,origin_name\n2020,0301,3005,4,Oslo\n" \
          b"2020,3005,0301,4,Dr\x81mmen\x9d\n"
    path = tmp_path / "broken.csv"
    path.write_bytes(raw)
    with pytest.raises(InputError, match="cannot decode") as err:
        read_input(path, "flows")
    assert "row 3" in str(err.value)
    with pytest.raises(InputError, match="row 3"):
        read_input(path, "flows", encoding="utf-8")


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("latin-1", ";"),
                                                ("cp1252", "\t"), ("utf-16", "|"),
                                                ("utf-8-sig", ";")])
def test_encodings_and_delimiters_are_detected(tmp_path, encoding, delimiter):
    text = GOOD.replace(",", delimiter).replace("Drammen", "Bærum Ørsta Årdal")
    path = write(tmp_path, "f.csv", text, encoding)
    frame = read_input(path, "flows")
    assert frame[C.DESTINATION_NAME].iloc[0] == "Bærum Ørsta Årdal"
    assert frame[C.MOVES].sum() == 240


def test_ssb_title_line_is_skipped(tmp_path):
    text = '"07459: Population, by region"\n\n' + GOOD
    frame = read_input(write(tmp_path, "ssb.csv", text), "flows")
    assert len(frame) == 3


def test_parquet_and_excel(tmp_path):
    frame = pd.read_csv(write(tmp_path, "f.csv", GOOD), dtype=str)
    frame.to_parquet(tmp_path / "f.parquet")
    frame.to_excel(tmp_path / "f.xlsx", index=False)
    for name in ("f.parquet", "f.xlsx"):
        got = read_input(tmp_path / name, "flows")
        assert got[C.ORIGIN].tolist() == ["0301", "3005", "ABROAD"]
        assert got[C.MOVES].sum() == 240


def test_parquet_error_names_the_record(tmp_path):
    frame = pd.DataFrame({"year": [2020, 2020], "origin_code": ["0301", "3005"],
                          "destination_code": ["3005", "0301"], "moves": [3, -1]})
    frame.to_parquet(tmp_path / "f.parquet")
    with pytest.raises(InputError, match="row 2.*negative"):
        read_input(tmp_path / "f.parquet", "flows")


def test_flows_file_without_year_needs_year(tmp_path):
    path = write(tmp_path, "f.csv", "origin_code,destination_code,moves\n0301,3005,4\n")
    with pytest.raises(InputError, match="--year"):
        read_input(path, "flows")
    assert read_input(path, "flows", year=2019)[C.YEAR].tolist() == [2019]


def test_failure_inside_the_transaction_rolls_back(store, tmp_path, monkeypatch):
    """Even a failure after rows were deleted leaves the store exactly as it was."""
    path = write(tmp_path, "f.csv", GOOD)
    import_file(store, path)
    before = store.snapshot()
    # names are written last, after the year was deleted and re-inserted: a NULL name
    # violates NOT NULL there, so the failure happens mid-transaction
    monkeypatch.setattr(Store, "_names_from", staticmethod(
        lambda kind, frame: pd.DataFrame({C.CODE: ["0301"], C.NAME: [None]})))
    import duckdb

    with pytest.raises(duckdb.Error):
        import_file(store, path)
    monkeypatch.undo()
    after = store.snapshot()
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table])


def test_groups_import_and_grouped_table(store, tmp_path):
    import_file(store, write(tmp_path, "f.csv", GOOD))
    groups = write(tmp_path, "fylker.csv", "code,group_code,group_name\n0301,03,Oslo\n"
                   "3005,30,Viken\n")
    frame = read_input(groups, "groups")
    report = store.import_frame("groups", frame, source=str(groups), grouping="fylker")
    assert report.target == "fylker" and report.rows == 2
    from flytt.api import migration_table

    store.close()  # the API opens the store read-only
    table = migration_table("balance", year=2020, grouping="fylker", db=store.path)
    assert table.to_frame().set_index(C.REGION).loc["30", "region_name"] == "Viken"


def test_population_and_jobs_import(store, tmp_path):
    pop = write(tmp_path, "p.csv", "year,region_code,population,age\n2020,0301,100,0\n"
                "2020,0301,90,1\n2020,3005,50,0\n")
    import_file(store, pop, "population")
    jobs = write(tmp_path, "j.csv", "year;region_code;jobs\n2020;0301;1 234\n")
    import_file(store, jobs, "jobs")
    assert store.population()[C.POPULATION].sum() == 240
    assert store.jobs()[C.JOBS].tolist() == [1234]
    dup = write(tmp_path, "p2.csv", "year,region_code,population,age\n2020,0301,100,0\n"
                "2020,0301,90,0\n")
    with pytest.raises(InputError, match=r"duplicate year 2020, region_code 0301, age 0 "
                                         r"\(also on row 3\)"):
        import_file(store, dup, "population")


def test_directory_and_empty_file_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_input(tmp_path, "flows")
    empty = write(tmp_path, "empty.csv", "")
    with pytest.raises(InputError, match="the file is empty"):
        read_input(empty, "flows")


def test_year_not_in_file_names_the_years_it_has(tmp_path):
    path = write(tmp_path, "f.csv", GOOD)
    with pytest.raises(InputError, match="no rows for 2030; years in the file: 2020"):
        read_input(path, "flows", year=2030)
