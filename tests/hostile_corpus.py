"""A corpus of hostile and careless inputs for the CLI, and a runner that classifies what
flytt does with each (issue 19).

Each :class:`Case` is a few files and CLI steps run in a fresh directory with its own store;
the last step is judged:

- ``clear``: the case expected an error and got exit 2, one message naming the file (or
  output path) and no traceback, with the store byte-for-byte as before the step and no
  file outside the store changed but the one asked for;
- ``ok``: the case expected success and got exit 0 (and its output check passed);
- ``traceback``: an exception escaped the CLI, or a traceback was printed;
- ``silent``: an error was expected and the step succeeded, or an output check failed
  (a live formula in a sheet, mojibake in the store, ...);
- ``refused``: good input was rejected.

Run ``python tests/hostile_corpus.py`` for the totals; ``tests/edges/test_hostile_corpus.py``
asserts that every case is ``clear`` or ``ok``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FLOWS_HEAD = "year,origin_code,destination_code,moves"
POP_HEAD = "year,region_code,population"
JOBS_HEAD = "year,region_code,jobs"


@dataclass
class Case:
    """Files (name → bytes) and CLI steps (``{dir}`` is the case's directory); the last step
    is judged against ``expect``; ``check`` looks at the directory after a success and
    returns what is wrong with the outputs, or None."""

    name: str
    group: str
    files: dict[str, bytes]
    steps: list[list[str]]
    expect: str  # "error" | "ok"
    check: Callable[[Path], str | None] | None = None
    names: str = ""  # what a clear error must mention (default: the last file argument)
    setup: Callable[[Path], None] | None = field(default=None, repr=False)


def _csv(head: str, *rows: str) -> bytes:
    return ("\n".join((head, *rows)) + "\n").encode("utf-8")


def _imp(kind: str, file: str, *extra: str) -> list[str]:
    return ["import", kind, "{dir}/" + file, "--db", "{dir}/store.duckdb", *extra]


def _parquet(columns: dict[str, list]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.table(columns), buf)
    return buf.getvalue()


GOOD_FLOWS = _csv(FLOWS_HEAD + ",origin_name,destination_name",
                  "2020,0301,3005,120,Oslo,Drammen", "2020,3005,0301,80,Drammen,Oslo",
                  "2020,ABROAD,0301,40,Abroad,Oslo")


# ----------------------------------------------------------------------------- checks
def _xlsx_has_no_formula(name: str) -> Callable[[Path], str | None]:
    def check(d: Path) -> str | None:
        import openpyxl

        wb = openpyxl.load_workbook(d / name)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        return f"live formula in {name}!{cell.coordinate}: {cell.value!r}"
        return None
    return check


def _csv_has_no_formula(name: str) -> Callable[[Path], str | None]:
    def check(d: Path) -> str | None:
        import csv

        with open(d / name, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not
                                                       _is_number(cell)):
                        return f"formula trigger in {name}: {cell!r}"
        return None
    return check


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _store_names_clean(d: Path) -> str | None:
    import duckdb

    con = duckdb.connect(str(d / "store.duckdb"), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM region_names").fetchall()]
    finally:
        con.close()
    bad = [n for n in names if "Ã" in n or "\ufffd" in n]
    return f"mojibake in the store: {bad}" if bad else None


def _store_flows_total(expected: int) -> Callable[[Path], str | None]:
    def check(d: Path) -> str | None:
        import duckdb

        con = duckdb.connect(str(d / "store.duckdb"), read_only=True)
        try:
            total = con.execute("SELECT sum(moves) FROM flows").fetchone()[0]
            cols = [r[0] for r in con.execute("DESCRIBE flows").fetchall()]
        finally:
            con.close()
        if total != expected:
            return f"flows total {total}, expected {expected}"
        extra = [c for c in cols if "." in c]
        return f"mangled attribute columns {extra}" if extra else None
    return check


def _old_file_kept(name: str, content: bytes) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        (d / name).write_bytes(content)
    return setup


# ----------------------------------------------------------------------------- the corpus
def cases() -> list[Case]:
    out: list[Case] = []

    def add(*args, **kw) -> None:
        out.append(Case(*args, **kw))

    # --- SQL and other syntax in header names (flows and population)
    hostile_headers = {
        "double_quote": 'a"b',
        "quote_semicolon": 'x" VARCHAR); DROP TABLE population; --',
        "copy_to": 'x" VARCHAR); COPY flows TO \'/tmp/flytt_pwned.csv\'; --',
        "drop": "x\"; DROP TABLE flows; --",
        "attach": "x\" VARCHAR); ATTACH '/tmp/flytt_pwned.duckdb' AS p; --",
        "delete": 'age" VARCHAR); DELETE FROM flows; --',
        "comment": "-- comment",
        "block_comment": "/* c */ x",
        "semicolon": "a;b",
        "backslash": "a\\b",
        "percent": "50%",
        "dollar": "$1",
        "leading_digit": "1st",
        "dotted": "a.b",
        "very_long": "a" * 300,
    }
    for label, header in hostile_headers.items():
        quoted = '"' + header.replace('"', '""') + '"'
        add(f"flows_header_{label}", "sql-header",
            {"f.csv": _csv(FLOWS_HEAD + "," + quoted, "2020,0301,3005,12,x")},
            [_imp("flows", "f.csv")], "error")
        add(f"population_header_{label}", "sql-header",
            {"p.csv": _csv(POP_HEAD + "," + quoted, "2020,0301,700000,x")},
            [_imp("population", "p.csv")], "error")
    for label, header in {"tab": "a\tb", "newline": "a\nb", "cr": "a\rb"}.items():
        quoted = '"' + header + '"'
        add(f"flows_header_{label}", "sql-header",
            {"f.csv": _csv(FLOWS_HEAD + "," + quoted, "2020,0301,3005,12,x")},
            [_imp("flows", "f.csv", "--delimiter", ",")], "error")
    add("flows_header_injection_in_parquet", "sql-header",
        {"f.parquet": _parquet({"year": [2020], "origin_code": ["0301"],
                                "destination_code": ["3005"], "moves": [5],
                                'x" VARCHAR); DROP TABLE flows; --': ["a"]})},
        [_imp("flows", "f.parquet")], "error")
    add("flows_header_non_ascii_ok", "sql-header",
        {"f.csv": _csv(FLOWS_HEAD + ",fødested", "2020,0301,3005,12,Norge")},
        [_imp("flows", "f.csv")], "ok")
    add("flows_header_spaces_ok", "sql-header",
        {"f.csv": _csv(FLOWS_HEAD + ",Immigrant Category", "2020,0301,3005,12,B")},
        [_imp("flows", "f.csv")], "ok")
    add("flows_after_good_import_injection", "sql-header",
        {"good.csv": GOOD_FLOWS,
         "f.csv": _csv(FLOWS_HEAD + ',"x"" VARCHAR); DELETE FROM flows; --"',
                       "2021,0301,3005,12,x")},
        [_imp("flows", "good.csv"), _imp("flows", "f.csv")], "error")

    # --- numbers that do not fit
    bad_numbers = ["inf", "-inf", "Infinity", "nan", "1e400", "99999999999999999999",
                   "9223372036854775808", "1e19", "12.5", "-3", "0x10", "1_000", "1e3.5"]
    for i, value in enumerate(bad_numbers):
        add(f"flows_moves_{i}_{value}", "numbers",
            {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005,10", f"2020,3005,0301,{value}")},
            [_imp("flows", "f.csv")], "error")
    for value in ("inf", "1e400", "99999999999999999999", "nan"):
        add(f"population_{value}", "numbers",
            {"p.csv": _csv(POP_HEAD, f"2020,0301,{value}")},
            [_imp("population", "p.csv")], "error")
        add(f"jobs_{value}", "numbers",
            {"j.csv": _csv(JOBS_HEAD, f"2020,0301,{value}")},
            [_imp("jobs", "j.csv")], "error")
    add("years_inf", "numbers", {"f.csv": _csv(FLOWS_HEAD, "inf,0301,3005,10")},
        [_imp("flows", "f.csv")], "error")
    add("years_huge", "numbers", {"f.csv": _csv(FLOWS_HEAD, "1e400,0301,3005,10")},
        [_imp("flows", "f.csv")], "error")
    add("parquet_float_inf", "numbers",
        {"f.parquet": _parquet({"year": [2020, 2020], "origin_code": ["0301", "3005"],
                                "destination_code": ["3005", "0301"],
                                "moves": [float("inf"), 3.0]})},
        [_imp("flows", "f.parquet")], "error")
    add("parquet_float_nan", "numbers",
        {"f.parquet": _parquet({"year": [2020], "region_code": ["0301"],
                                "population": [float("nan")]})},
        [_imp("population", "f.parquet")], "error")
    add("parquet_uint64_huge", "numbers",
        {"f.parquet": _parquet({"year": [2020], "region_code": ["0301"],
                                "jobs": __import__("pyarrow").array([2**64 - 1],
                                                                    "uint64")})},
        [_imp("jobs", "f.parquet")], "error")
    add("parquet_year_float", "numbers",
        {"f.parquet": _parquet({"year": [2020.5], "region_code": ["0301"],
                                "population": [5]})},
        [_imp("population", "f.parquet")], "error")
    add("sum_overflow", "numbers",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005,9000000000000000000",
                       "2020,1103,3005,9000000000000000000")},
        [_imp("flows", "f.csv")], "error")
    add("sum_overflow_in_table", "numbers",
        {"f.csv": _csv(FLOWS_HEAD, *(f"2020,{1000 + i},3005,9000000000" for i in range(60)))},
        [_imp("flows", "f.csv"), ["table", "balance", "--db", "{dir}/store.duckdb",
                                  "--year", "2020"]], "ok")
    add("numbers_with_spaces_ok", "numbers",
        {"f.csv": _csv(FLOWS_HEAD, '2020,0301,3005,"1 234"', "2020,3005,0301,\u00a0567")},
        [_imp("flows", "f.csv")], "ok", check=_store_flows_total(1801))
    add("flows_file_direct_inf", "numbers",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005,inf")},
        [["table", "od", "--flows", "{dir}/f.csv", "--year", "2020"]], "error", names="f.csv")

    panel_head = "year,region_code,population,net_migration,jobs"
    for column, value in (("net_migration", "inf"), ("net_migration", "-1e400"),
                          ("population", "1e400"), ("jobs", "99999999999999999999"),
                          ("net_migration", "nan.5")):
        rows = [f"{y},0301,{700000 + y},{100 + y % 7},{400000 + y}" for y in range(2010, 2017)]
        cells = rows[3].split(",")
        cells[panel_head.split(",").index(column)] = value
        rows[3] = ",".join(cells)
        add(f"panel_{column}_{value}", "numbers", {"panel.csv": _csv(panel_head, *rows)},
            [["barometer", "--panel", "{dir}/panel.csv", "--period", "2014-2016"]], "error",
            names="panel.csv")
    add("panel_duplicate_header", "structure",
        {"panel.csv": _csv(panel_head + ",jobs", "2016,0301,700000,100,400000,1")},
        [["barometer", "--panel", "{dir}/panel.csv"]], "error", names="panel.csv")

    # --- encodings
    mixed = ("year,region_code,population,region_name\n2020,5501,77000,Tromsø\n".encode()
             + "2020,4601,290000,Bergen på Vestlandet\n".encode("latin-1"))
    add("mixed_utf8_latin1", "encoding", {"p.csv": mixed},
        [_imp("population", "p.csv")], "error")
    mixed2 = ("year,region_code,population,region_name\n2020,4601,290000,Bærum\n"
              .encode("latin-1") + "2020,5501,77000,Tromsø\n".encode())
    add("mixed_latin1_then_utf8", "encoding", {"p.csv": mixed2},
        [_imp("population", "p.csv")], "error")
    add("cp1252_ok", "encoding",
        {"f.csv": ("year;origin_code;destination_code;moves;origin_name;destination_name\n"
                   "2020;5501;0301;5;Tromsø;Oslo\n").encode("cp1252")},
        [_imp("flows", "f.csv")], "ok", check=_store_names_clean)
    add("utf16_bom_ok", "encoding",
        {"f.csv": ("year,origin_code,destination_code,moves,origin_name\n"
                   "2020,5501,0301,5,Tromsø\n").encode("utf-16")},
        [_imp("flows", "f.csv")], "ok", check=_store_names_clean)
    add("utf8_bom_ok", "encoding",
        {"f.csv": "\ufeff".encode() + GOOD_FLOWS}, [_imp("flows", "f.csv")], "ok")
    add("nul_bytes", "encoding", {"f.csv": GOOD_FLOWS + b"2020,0\x00301,3005,4\n"},
        [_imp("flows", "f.csv")], "error")
    add("binary_garbage", "encoding", {"f.csv": bytes(range(256)) * 4},
        [_imp("flows", "f.csv")], "error")
    add("wrong_encoding_given", "encoding",
        {"f.csv": "year,region_code,population,region_name\n2020,5501,1,Tromsø\n"
         .encode("latin-1")},
        [_imp("population", "f.csv", "--encoding", "utf-8")], "error")
    add("unknown_encoding", "encoding", {"f.csv": GOOD_FLOWS},
        [_imp("flows", "f.csv", "--encoding", "klingon")], "error")
    add("replacement_char", "encoding",
        {"f.csv": _csv(FLOWS_HEAD + ",origin_name", "2020,5501,0301,5,Troms\ufffd")},
        [_imp("flows", "f.csv")], "error")

    # --- structure and content
    add("duplicate_header_column", "structure",
        {"f.csv": _csv(FLOWS_HEAD + ",moves", "2020,0301,3005,12,13")},
        [_imp("flows", "f.csv")], "error")
    add("duplicate_header_after_normalising", "structure",
        {"f.csv": _csv(FLOWS_HEAD + ",Age,age", "2020,0301,3005,12,1,2")},
        [_imp("flows", "f.csv")], "error")
    add("duplicate_header_excel", "structure", {}, [_imp("flows", "f.xlsx")], "error",
        setup=lambda d: _excel(d / "f.xlsx", [["year", "origin_code", "destination_code",
                                              "moves", "moves"], [2020, "0301", "3005", 1, 2]]))
    add("abroad_to_abroad", "structure",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005,12", "2020,ABROAD,abroad,100")},
        [_imp("flows", "f.csv")], "error")
    add("group_code_two_names", "structure",
        {"g.csv": _csv("code,group_code,group_name", "0301,03,Oslo", "3005,30,Buskerud",
                       "3006,30,Viken")},
        [_imp("groups", "g.csv")], "error")
    add("region_code_two_names_in_flows", "structure",
        {"f.csv": _csv(FLOWS_HEAD + ",origin_name", "2020,0301,3005,1,Oslo",
                       "2020,0301,1103,2,Kristiania")},
        [_imp("flows", "f.csv")], "error")
    add("regions_blank_name", "structure",
        {"r.csv": _csv("code,name", "0301,Oslo", "3005,  ")},
        [_imp("regions", "r.csv")], "error")
    add("groups_blank_group_code", "structure",
        {"g.csv": _csv("code,group_code,group_name", "0301,,Oslo")},
        [_imp("groups", "g.csv")], "error")
    add("empty_file", "structure", {"f.csv": b""}, [_imp("flows", "f.csv")], "error")
    add("blank_lines_only", "structure", {"f.csv": b"\n\n  \n"},
        [_imp("flows", "f.csv")], "error")
    add("header_only", "structure", {"f.csv": _csv(FLOWS_HEAD)},
        [_imp("flows", "f.csv")], "error")
    add("missing_column", "structure", {"f.csv": _csv("year,origin_code,moves", "2020,0301,1")},
        [_imp("flows", "f.csv")], "error")
    add("ragged_row", "structure",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005,12", "2020,3005,0301,3,4,5,6")},
        [_imp("flows", "f.csv")], "error")
    add("unclosed_quote", "structure",
        {"f.csv": _csv(FLOWS_HEAD, '2020,"0301,3005,12', "2020,3005,0301,3")},
        [_imp("flows", "f.csv")], "error")
    add("duplicate_rows", "structure",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005,12", "2020,0301,3005,13")},
        [_imp("flows", "f.csv")], "error")
    add("lost_leading_zero", "structure",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005,12", "2020,301,3005,13")},
        [_imp("flows", "f.csv")], "error")
    add("code_with_space", "structure", {"f.csv": _csv(FLOWS_HEAD, "2020,03 01,3005,12")},
        [_imp("flows", "f.csv")], "error")
    add("code_sql", "structure",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301';DROP TABLE flows;--,3005,12")},
        [_imp("flows", "f.csv")], "error")
    add("year_out_of_range", "structure", {"f.csv": _csv(FLOWS_HEAD, "20200,0301,3005,12")},
        [_imp("flows", "f.csv")], "error")
    add("control_chars_in_name", "structure",
        {"f.csv": _csv(FLOWS_HEAD + ",origin_name", "2020,0301,3005,1,Oslo\x1b[2J\x1b[31m")},
        [_imp("flows", "f.csv")], "error")
    add("control_chars_in_attribute", "structure",
        {"f.csv": _csv(FLOWS_HEAD + ",sex", "2020,0301,3005,1,m\x07")},
        [_imp("flows", "f.csv")], "error")
    add("bidi_override_in_name", "structure",
        {"f.csv": _csv(FLOWS_HEAD + ",origin_name", "2020,0301,3005,1,Os\u202elo")},
        [_imp("flows", "f.csv")], "error")
    add("too_many_attribute_columns", "resources",
        {"f.csv": _csv(FLOWS_HEAD + "," + ",".join(f"a{i}" for i in range(20000)),
                       "2020,0301,3005,1," + ",".join("x" for _ in range(20000)))},
        [_imp("flows", "f.csv")], "error")
    add("many_bad_rows_short_message", "resources",
        {"f.csv": _csv(FLOWS_HEAD, *(f"2020,0301,{3000 + i},x{i}" for i in range(3000)))},
        [_imp("flows", "f.csv")], "error")
    add("one_huge_cell", "resources",
        {"f.csv": _csv(FLOWS_HEAD, "2020,0301,3005," + "9" * 200_000)},
        [_imp("flows", "f.csv")], "error")
    add("huge_header_population_json", "resources",
        {"p.json": ("{" + ",".join(f'"k{i}": {i}' for i in range(20000)) + "}").encode()},
        [_imp("population", "p.json")], "error")
    add("quoted_newline_row_number", "structure",
        {"f.csv": _csv(FLOWS_HEAD + ",origin_name", '2020,0301,3005,1,"Oslo\nby"',
                       "2020,3005,0301,x,Drammen")},
        [_imp("flows", "f.csv")], "error", names="row 4")
    add("unknown_code_after_regions", "structure",
        {"r.csv": _csv("code,name", "0301,Oslo", "3005,Drammen"),
         "f.csv": _csv(FLOWS_HEAD, "2020,0301,9999,12")},
        [_imp("regions", "r.csv"), _imp("flows", "f.csv")], "error")
    add("not_a_parquet", "structure", {"f.parquet": b"PAR1 not really"},
        [_imp("flows", "f.parquet")], "error")
    add("not_an_excel", "structure", {"f.xlsx": b"PK\x03\x04 broken"},
        [_imp("flows", "f.xlsx")], "error")
    add("no_such_file", "structure", {}, [_imp("flows", "nothere.csv")], "error")
    add("file_is_directory", "structure", {}, [_imp("flows", "adir")], "error",
        setup=lambda d: (d / "adir").mkdir())
    add("good_flows_ok", "structure", {"f.csv": GOOD_FLOWS}, [_imp("flows", "f.csv")], "ok",
        check=_store_flows_total(240))
    add("excel_good_ok", "structure", {}, [_imp("flows", "f.xlsx")], "ok",
        setup=lambda d: _excel(d / "f.xlsx", [["year", "origin_code", "destination_code",
                                              "moves"], [2020, "0301", "3005", 7]]))

    # --- the store given with --db
    add("db_is_directory", "store", {"f.csv": GOOD_FLOWS},
        [["import", "flows", "{dir}/f.csv", "--db", "{dir}/dbdir"]], "error", names="dbdir",
        setup=lambda d: (d / "dbdir").mkdir())
    add("db_not_duckdb", "store", {"f.csv": GOOD_FLOWS, "junk.duckdb": b"not a database" * 100},
        [["import", "flows", "{dir}/f.csv", "--db", "{dir}/junk.duckdb"]], "error",
        names="junk.duckdb")
    add("db_parent_is_file", "store", {"f.csv": GOOD_FLOWS, "afile": b"x"},
        [["import", "flows", "{dir}/f.csv", "--db", "{dir}/afile/store.duckdb"]], "error",
        names="afile")
    add("table_from_missing_store", "store", {},
        [["table", "od", "--db", "{dir}/nostore.duckdb", "--year", "2020"]], "error",
        names="nostore.duckdb")

    # --- outputs that attack their reader
    formula_names = ["=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "-2+3",
                     "@SUM(1+1)", "=1+1"]
    rows = [f"2020,{code},3005,{i + 1},\"{n.replace(chr(34), chr(34) * 2)}\",Drammen"
            for i, (code, n) in enumerate(zip(["0301", "1103", "4601", "5001", "1506"],
                                             formula_names))]
    formula_file = _csv(FLOWS_HEAD + ",origin_name,destination_name", *rows)
    for fmt in ("xlsx", "csv"):
        check = _xlsx_has_no_formula if fmt == "xlsx" else _csv_has_no_formula
        for kind in ("od", "balance", "net"):
            add(f"formula_names_{kind}_{fmt}", "outputs", {"f.csv": formula_file},
                [_imp("flows", "f.csv"),
                 ["table", kind, "--db", "{dir}/store.duckdb", "--year", "2020",
                  "--out", f"{{dir}}/out.{fmt}"]], "ok", check=check(f"out.{fmt}"))
    add("formula_group_names_xlsx", "outputs",
        {"f.csv": GOOD_FLOWS,
         "g.csv": _csv("code,group_code,group_name", "0301,A,=cmd()", "3005,B,@x")},
        [_imp("flows", "f.csv"), _imp("groups", "g.csv", "--name", "g"),
         ["table", "od", "--db", "{dir}/store.duckdb", "--year", "2020", "--grouping", "g",
          "--out", "{dir}/g.xlsx"]], "ok", check=_xlsx_has_no_formula("g.xlsx"))

    # --- output paths
    table = ["table", "balance", "--dataset", "ssb-counties", "--year", "2011"]
    add("out_is_directory", "output-path", {}, [table + ["--out", "{dir}/adir"]], "error",
        names="adir", setup=lambda d: (d / "adir").mkdir())
    add("out_is_directory_with_format", "output-path", {},
        [table + ["--out", "{dir}/adir", "--format", "csv"]], "error", names="adir",
        setup=lambda d: (d / "adir").mkdir())
    add("out_parent_is_file", "output-path", {"afile": b"x"},
        [table + ["--out", "{dir}/afile/t.csv"]], "error", names="afile")
    add("out_full_disk", "output-path", {}, [table + ["--out", "/dev/full", "--format", "csv"]],
        "error", names="/dev/full")
    add("out_unknown_suffix", "output-path", {}, [table + ["--out", "{dir}/t.xyz"]], "error",
        names="t.xyz")
    add("out_name_too_long", "output-path", {},
        [table + ["--out", "{dir}/" + "t" * 300 + ".csv"]], "error", names="too long")
    add("out_folder_missing_is_made_ok", "output-path", {},
        [table + ["--out", "{dir}/new/folder/t.csv"]], "ok")
    add("out_xlsx_to_terminal", "output-path", {}, [table + ["--format", "xlsx"]], "error",
        names="xlsx")
    add("out_good_ok", "output-path", {}, [table + ["--out", "{dir}/t.csv"]], "ok")
    return out


def _excel(path: Path, rows: list[list]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


# ----------------------------------------------------------------------------- running
@dataclass
class Outcome:
    case: Case
    verdict: str  # clear | ok | traceback | silent | refused | unclear
    code: int | None
    output: str
    detail: str = ""


def _snapshot(d: Path) -> dict[str, str]:
    """Every file under ``d`` with its sha256 (directories as '<dir>')."""
    found = {}
    for p in sorted(d.rglob("*")):
        rel = str(p.relative_to(d))
        if p.is_dir():
            found[rel] = "<dir>"
        else:
            try:
                found[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
            except OSError:
                found[rel] = "<unreadable>"
    return found


def invoke(argv: list[str]) -> tuple[int | None, str, BaseException | None]:
    """Run the CLI in this process as ``flytt ARGV``: exit code, stdout+stderr, and the
    exception that escaped (None when it exited)."""
    from flytt.cli.app import main

    buf = io.StringIO()
    old_argv = sys.argv
    sys.argv = ["flytt", *argv]
    code: int | None = 0
    escaped: BaseException | None = None
    env = {"COLUMNS": "120", "NO_COLOR": "1"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException as exc:  # noqa: BLE001 - that is what is measured
                escaped = exc
                code = None
                traceback.print_exc(file=buf)
    finally:
        sys.argv = old_argv
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return code, buf.getvalue(), escaped


def run_case(case: Case, root: Path) -> Outcome:
    d = root / case.name
    d.mkdir(parents=True)
    for name, content in case.files.items():
        (d / name).write_bytes(content)
    if case.setup:
        case.setup(d)
    steps = [[a.replace("{dir}", str(d)) for a in step] for step in case.steps]
    for step in steps[:-1]:
        code, output, escaped = invoke(step)
        if code != 0:
            return Outcome(case, "refused" if escaped is None else "traceback", code,
                           output, "a set-up step failed")
    before = _snapshot(d)
    code, output, escaped = invoke(steps[-1])
    after = _snapshot(d)
    if escaped is not None or "Traceback (most recent call last)" in output:
        return Outcome(case, "traceback", code, output)
    if case.expect == "ok":
        if code != 0:
            return Outcome(case, "refused", code, output)
        problem = case.check(d) if case.check else None
        return Outcome(case, "silent" if problem else "ok", code, output, problem or "")
    if code == 0:
        return Outcome(case, "silent", code, output, "accepted")
    wanted = case.names or Path(steps[-1][2] if steps[-1][0] == "import"
                                else steps[-1][-1]).name
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    if code != 2:
        return Outcome(case, "unclear", code, output, f"exit {code}")
    if wanted not in output:
        return Outcome(case, "unclear", code, output, f"does not name {wanted}")
    if changed:
        return Outcome(case, "unclear", code, output, f"changed {changed}")
    if len(output) > 2500 or len(output.splitlines()) > 16:
        return Outcome(case, "unclear", code, output,
                       f"message of {len(output)} characters")
    return Outcome(case, "clear", code, output)


class CaseTimeout(Exception):
    """A case ran longer than its time limit (counted as a traceback: it never ended)."""


def _run_limited(case: Case, root: Path, seconds: int) -> Outcome:
    import signal

    def alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        raise CaseTimeout(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return run_case(case, root)
    except CaseTimeout as exc:
        return Outcome(case, "traceback", None, "", str(exc))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_all(root: Path, only: str | None = None, seconds: int = 120) -> list[Outcome]:
    """Every case (or those of group ``only``, or whose name holds it), each within
    ``seconds``."""
    return [_run_limited(c, root, seconds) for c in cases()
            if only is None or only in c.name or only == c.group]


def main() -> None:
    import tempfile

    only = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = run_all(Path(tmp), only)
    totals = Counter(o.verdict for o in outcomes)
    for o in outcomes:
        if o.verdict not in ("clear", "ok"):
            first = (o.detail or o.output.strip().splitlines()[-1:] or [""])
            first = first if isinstance(first, str) else first[0]
            print(f"{o.verdict:9} {o.case.group:12} {o.case.name}: {first[:160]}")
    print(f"\n{len(outcomes)} cases: " + ", ".join(f"{k} {v}" for k, v in totals.most_common()))


if __name__ == "__main__":
    main()
