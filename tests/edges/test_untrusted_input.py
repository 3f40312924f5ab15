"""Untrusted input stays data (issue 19): headers and names never become SQL, formulas or
terminal escapes; numbers that do not fit are row/column errors; outputs are all or
nothing; the dashboard answers only its own host names and says 503 while the store is
locked.

The property tests draw header names and cell texts from the whole of Unicode (quotes,
semicolons, comments, control characters, bidirectional marks) and check the promises of
README's "Bad input" section, not particular messages.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hostile_corpus import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flytt import contracts as C
from flytt.errors import InputError, OutputError
from flytt.output import guard_formulas, write_file
from flytt.readers import parse_numbers, read_input
from flytt.store import Store

HEAD = "year,origin_code,destination_code,moves"
FORMATS = ("csv", "xlsx", "html", "md", "json")


def _files(d: Path) -> dict[str, str]:
    return {str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(d.rglob("*")) if p.is_file()}


def _csv_line(cells: list[str]) -> str:
    buf = io.StringIO()
    pd.DataFrame([cells]).to_csv(buf, header=False, index=False, lineterminator="\n")
    return buf.getvalue()


def _no_live_formula(path: Path) -> None:
    """No cell of the workbook is a formula (openpyxl reads ``=…`` text cells back as
    strings only when they were written as strings)."""
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"


texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
                max_size=20)


# ----------------------------------------------------------------------------- properties
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=texts, value=texts, name=texts)
def test_any_header_and_name_is_a_clear_error_or_data_everywhere(header, value, name,
                                                                 tmp_path_factory):
    d = tmp_path_factory.mktemp("prop")
    (d / "f.csv").write_text(HEAD + ",origin_name," + _csv_line([header]).strip() + "\n"
                             + _csv_line(["2020", "0301", "3005", "7", name, value]),
                             encoding="utf-8")
    before = _files(d)
    code, output, escaped = invoke(["import", "flows", f"{d}/f.csv", "--db",
                                    f"{d}/store.duckdb", "--delimiter", ","])
    assert escaped is None and "Traceback" not in output
    assert code in (0, 2), output
    if code == 2:
        assert "f.csv" in output and _files(d) == before  # no store was made
        assert len(output) < 2500
        return
    con = duckdb.connect(str(d / "store.duckdb"), read_only=True)
    try:
        columns = [r[0] for r in con.execute("DESCRIBE flows").fetchall()]
        assert con.execute("SELECT sum(moves) FROM flows").fetchone()[0] == 7
        assert set(con.execute("SHOW TABLES").fetchall()) >= {("flows",), ("regions",)}
    finally:
        con.close()
    extra = [c for c in columns if c not in C.FLOWS.required]
    assert all(C.ATTRIBUTE_PATTERN.match(c) for c in extra)
    for fmt in FORMATS:
        out = d / f"t.{fmt}"
        code, output, escaped = invoke(["table", "od", "--db", f"{d}/store.duckdb", "--year",
                                        "2020", "--out", str(out)])
        assert escaped is None and code == 0, output
        if fmt == "xlsx":
            _no_live_formula(out)
        if fmt == "csv":
            frame = pd.read_csv(out, dtype=str, keep_default_na=False)
            cells = frame["origin_name"].tolist()
            assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    code, output, escaped = invoke(["table", "od", "--db", f"{d}/store.duckdb", "--year",
                                    "2020"])
    assert escaped is None and code == 0
    assert "\x1b" not in output and "\u202e" not in output


@given(st.text(max_size=30))
def test_parse_numbers_never_raises_and_returns_only_bounded_whole_counts(text):
    parsed, problems = parse_numbers(pd.Series([text], index=[2]), "moves", "f.csv")
    value = parsed.iloc[0]
    if problems:
        assert pd.isna(value) and all(p.row == 2 and p.column == "moves" for p in problems)
    else:
        assert pd.isna(value) or 0 <= int(value) <= C.MAX_COUNT


# ----------------------------------------------------------------------------- SQL
@pytest.mark.parametrize("header", [
    'x" VARCHAR); COPY flows TO \'{d}/pwned.csv\'; --',
    "x\" VARCHAR); ATTACH '{d}/pwned.duckdb' AS p; --",
    'x"; DROP TABLE population; --', 'a"b', "a;b", "-- c", "/* c */", "a\tb", "a\nb",
])
def test_a_header_carrying_sql_is_refused_by_name_and_runs_nothing(header, tmp_path):
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        good = read_input(_write(tmp_path, "good.csv", HEAD + "\n2020,0301,3005,5\n"), "flows")
        store.import_frame("flows", good, source="good.csv")
        before = store.snapshot()
    quoted = '"' + header.replace("{d}", str(tmp_path)).replace('"', '""') + '"'
    bad = _write(tmp_path, "bad.csv", f"{HEAD},{quoted}\n2021,0301,3005,5,x\n")
    code, output, escaped = invoke(["import", "flows", str(bad), "--db", str(db),
                                    "--delimiter", ","])
    assert escaped is None and code == 2
    assert "bad.csv, row 1, column" in output
    assert not list(tmp_path.glob("pwned*"))
    with Store(db, read_only=True) as store:
        after = store.snapshot()
    assert all(after[t].equals(before[t]) for t in before)


def _write(d: Path, name: str, text: str) -> Path:
    (d / name).write_text(text, encoding="utf-8")
    return d / name


def test_the_store_quotes_identifiers_even_for_a_frame_past_the_readers(tmp_path):
    """Second lock: a frame built in Python (the API) with a hostile column name is stored
    as a column of that name, and nothing else happens."""
    frame = pd.DataFrame({C.YEAR: [2020], C.ORIGIN: ["0301"], C.DESTINATION: ["3005"],
                          C.MOVES: [5], 'x" VARCHAR); DROP TABLE jobs; --': ["a"]})
    with Store(tmp_path / "s.duckdb") as store:
        store.import_frame("flows", frame, source="api")
        assert 'x" VARCHAR); DROP TABLE jobs; --' in store._columns("flows")
        assert store.jobs().empty  # the table is still there


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("value", ["inf", "-inf", "1e400", "9223372036854775808", "1e19",
                                   "Infinity", "12.5", "-3"])
@pytest.mark.parametrize("kind,head,row", [
    ("flows", HEAD, "2020,0301,3005,{v}"),
    ("population", "year,region_code,population", "2020,0301,{v}"),
    ("jobs", "year,region_code,jobs", "2020,0301,{v}"),
])
def test_numbers_that_do_not_fit_name_the_row_and_column(value, kind, head, row, tmp_path):
    path = _write(tmp_path, "f.csv", f"{head}\n{row.format(v=value)}\n")
    with pytest.raises(InputError) as err:
        read_input(path, kind)
    assert f"f.csv, row 2, column '{head.split(',')[-1]}'" in str(err.value)


def test_a_parquet_file_with_floats_and_huge_integers_is_checked_the_same(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"year": [2020, 2020], "origin_code": ["0301", "3005"],
                             "destination_code": ["3005", "0301"],
                             "moves": pa.array([float("inf"), 2.0])}), tmp_path / "f.parquet")
    with pytest.raises(InputError, match=r"row 1, column 'moves': 'inf' is not a finite"):
        read_input(tmp_path / "f.parquet", "flows")
    pq.write_table(pa.table({"year": [2020], "region_code": ["0301"],
                             "population": pa.array([2**64 - 1], pa.uint64())}),
                   tmp_path / "p.parquet")
    with pytest.raises(InputError, match="larger than 10,000,000,000"):
        read_input(tmp_path / "p.parquet", "population")


def test_a_column_that_would_overflow_when_summed_is_refused(tmp_path, monkeypatch):
    rows = "".join(f"2020,{1000 + i},3005,{C.MAX_COUNT}\n" for i in range(3))
    path = _write(tmp_path, "f.csv", HEAD + "\n" + rows)
    assert read_input(path, "flows")[C.MOVES].sum() == 3 * C.MAX_COUNT  # big but fine
    monkeypatch.setattr(C, "MAX_TOTAL", 2 * C.MAX_COUNT)  # as if the file had 2**32 rows
    with pytest.raises(InputError, match="column 'moves': the numbers sum to more than"):
        read_input(path, "flows")


# ----------------------------------------------------------------------------- silent accepts
@pytest.mark.parametrize("kind,text,expected", [
    ("flows", HEAD + ",moves\n2020,0301,3005,1,2\n", "row 1, column 'moves': appears more "
     "than once (columns 4 and 5)"),
    ("flows", HEAD + ",Age,age\n2020,0301,3005,1,2,3\n", "column 'age': appears more than once"),
    ("flows", HEAD + "\n2020,ABROAD,abroad,100\n", "row 2, column 'moves': 100 moves from "
     "ABROAD to ABROAD"),
    ("groups", "code,group_code,group_name\n0301,03,Oslo\n3005,30,Buskerud\n3006,30,Viken\n",
     "row 4, column 'group_name': code 30 is named 'Viken' here but 'Buskerud' on row 3"),
    ("regions", "code,name\n0301,Oslo\n3005,  \n", "row 3, column 'name': missing name"),
    ("flows", HEAD + ",origin_name\n2020,0301,3005,1,\"Os\x1b[31mlo\"\n",
     "'Os\\x1b[31mlo' holds a control character"),
    ("flows", HEAD + ",origin_name\n2020,0301,3005,1,\"Oslo\nby\"\n2020,3005,0301,x,D\n",
     "row 4, column 'moves': 'x' is not a number"),
])
def test_what_was_accepted_silently_is_an_error_on_its_row(kind, text, expected, tmp_path):
    with pytest.raises(InputError) as err:
        read_input(_write(tmp_path, "f.csv", text), kind)
    assert expected in str(err.value)


def test_a_file_mixing_utf8_and_latin1_names_both_lines(tmp_path):
    raw = ("year,region_code,population,region_name\n2020,5501,77000,Tromsø\n".encode()
           + "2020,1103,144000,Bodø\n".encode("latin-1"))
    (tmp_path / "p.csv").write_bytes(raw)
    with pytest.raises(InputError, match=r"p.csv, row 3: mixes encodings: line 2 is UTF-8"):
        read_input(tmp_path / "p.csv", "population")


def test_the_ssb_seed_with_an_empty_abroad_to_abroad_cell_still_reads(tmp_path):
    text = HEAD + "\n2020,ABROAD,ABROAD,\n2020,ABROAD,0301,4\n"
    assert read_input(_write(tmp_path, "f.csv", text), "flows")[C.MOVES].sum() == 4


# ----------------------------------------------------------------------------- resources
def test_twenty_thousand_attribute_columns_are_refused_before_any_work(tmp_path):
    head = HEAD + "," + ",".join(f"a{i}" for i in range(20_000))
    path = _write(tmp_path, "f.csv", head + "\n2020,0301,3005,1," + ",".join("x" * 20_000)
                  + "\n")
    with pytest.raises(InputError) as err:
        read_input(path, "flows")
    message = str(err.value)
    assert "20,000 attribute columns" in message and f"at most {C.MAX_ATTRIBUTES}" in message
    assert len(message) < 400


def test_a_message_quotes_at_most_a_clipped_line_of_the_file(tmp_path):
    path = _write(tmp_path, "f.csv", HEAD + "\n2020,0301,3005," + "9" * 200_000 + "\n")
    with pytest.raises(InputError) as err:
        read_input(path, "flows")
    assert len(str(err.value)) < 300 and "(200,000 characters)" in str(err.value)


def test_many_bad_rows_give_the_first_ten_then_a_count(tmp_path):
    rows = "".join(f"2020,0301,{3000 + i},x{i}\n" for i in range(3000))
    with pytest.raises(InputError) as err:
        read_input(_write(tmp_path, "f.csv", HEAD + "\n" + rows), "flows")
    lines = str(err.value).splitlines()
    assert len(lines) == 11 and lines[-1] == "... and 2990 more problem(s) of the same kind"


# ----------------------------------------------------------------------------- outputs
def test_a_write_that_fails_midway_keeps_the_older_file(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    target.write_text("old,good\n")
    from flytt import output

    def broken(self, data, *a, **kw):
        self.open("w").write(data[:2])  # half of it, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", broken)
    with pytest.raises(OutputError, match="cannot write .*t.csv: no space left on the device"):
        output.write_file(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "old,good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temporary file left


def test_a_renderer_that_fails_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"older workbook")
    from flytt import render

    def fail(*a, **kw):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(render, "to_xlsx", fail)
    code, output, escaped = invoke(["table", "balance", "--dataset", "ssb-counties",
                                    "--year", "2011", "--out", str(target)])
    assert code == 1 and escaped is None
    assert "internal error: RuntimeError: rendering failed" in output
    assert "Traceback" not in output and "-vv" in output
    assert target.read_bytes() == b"older workbook" and len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize("make,out,reason", [
    (lambda d: (d / "adir").mkdir(), "adir", "it is a directory"),
    (lambda d: (d / "afile").write_text("x"), "afile/t.csv", "is a file, not a folder"),
    (lambda d: None, "t.xyz", "unknown suffix '.xyz': use one of .csv, .xlsx"),
    (lambda d: None, "t" * 300 + ".csv", "the file name is too long"),
])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(make, out, reason, tmp_path):
    make(tmp_path)
    code, output, escaped = invoke(["table", "balance", "--dataset", "ssb-counties", "--year",
                                    "2011", "--out", str(tmp_path / out)])
    assert escaped is None and code == 2
    assert output.startswith("error: cannot write ") and reason in output
    assert len(output.strip().splitlines()) == 1


def test_a_full_disk_is_an_output_error():
    with pytest.raises(OutputError, match="cannot write /dev/full: no space left"):
        write_file("/dev/full", "x" * 100_000)


def test_xlsx_cells_are_text_and_csv_cells_are_guarded(tmp_path):
    from flytt.flows import Flows
    from flytt.render import render
    from flytt.tables import build_table

    frame = pd.DataFrame({C.YEAR: [2020, 2020], C.ORIGIN: ["0301", "3005"],
                          C.DESTINATION: ["3005", "0301"], C.MOVES: [5, 3]})
    names = {"0301": '=HYPERLINK("http://x","click")', "3005": "@SUM(1+1)"}
    table = build_table("balance", Flows.from_frame(frame, names), 2020)
    book = render(table, "xlsx")
    assert isinstance(book, bytes)
    (tmp_path / "t.xlsx").write_bytes(book)
    _no_live_formula(tmp_path / "t.xlsx")
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    guarded = render(table, "csv")
    assert '\n0301,"\'=HYPERLINK(""http' in guarded and "\n3005,'@SUM(1+1)," in guarded
    raw = render(table, "csv", formula_guard=False)
    assert '\n0301,"=HYPERLINK(""http://x"",""click"")"' in raw


def test_the_guard_leaves_numbers_and_plain_text_alone():
    frame = pd.DataFrame({"name": ["-3", "-2+3", "Oslo", "+47", "=1", None], "n": range(6)})
    guarded = guard_formulas(frame)["name"].tolist()
    assert guarded[:5] == ["-3", "'-2+3", "Oslo", "+47", "'=1"] and pd.isna(guarded[5])
    assert guard_formulas(frame)["n"].tolist() == list(range(6))


def test_names_cannot_steer_the_terminal_or_become_markup():
    from rich.console import Console

    from flytt.flows import Flows
    from flytt.render import to_html, to_markdown, to_rich
    from flytt.tables import build_table

    frame = pd.DataFrame({C.YEAR: [2020], C.ORIGIN: ["0301"], C.DESTINATION: ["3005"],
                          C.MOVES: [5]})
    names = {"0301": "[bold red]Os\x1b[2Jlo[/]", "3005": "Dram\u202emen<script>"}
    table = build_table("od", Flows.from_frame(frame, names), 2020)
    console = Console(file=io.StringIO(), width=200, force_terminal=True)
    console.print(to_rich(table))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[2J" not in shown and "\u202e" not in shown
    assert "[bold red]Os\\x1b[2Jlo[/]" in shown  # as written: neither markup nor escape
    page = to_html(table)
    assert "<script>" not in page and "Dram\\u202emen&lt;script&gt;" in page
    assert "Dram\\u202emen&lt;script&gt;" in to_markdown(table)


# ----------------------------------------------------------------------------- store
def test_a_failed_import_into_a_new_store_leaves_no_store(tmp_path):
    code, output, _ = invoke(["import", "flows", str(_write(tmp_path, "f.csv", HEAD +
                              "\n2020,0301,3005,x\n")), "--db", str(tmp_path / "new.duckdb")])
    assert code == 2 and not (tmp_path / "new.duckdb").exists()


@pytest.mark.parametrize("make,reason", [
    (lambda p: p.mkdir(), "it is a directory"),
    (lambda p: p.write_bytes(b"not a database at all" * 100), "cannot open the store"),
])
def test_a_store_path_that_is_no_store_is_a_clear_error(make, reason, tmp_path):
    db = tmp_path / "s.duckdb"
    make(db)
    code, output, escaped = invoke(["import", "flows", str(_write(tmp_path, "f.csv", HEAD +
                                    "\n2020,0301,3005,1\n")), "--db", str(db)])
    assert escaped is None and code == 2 and reason in output
    assert len(output.strip().splitlines()) <= 2


# ----------------------------------------------------------------------------- dashboard
def _client(db=None, hosts=None, base="http://localhost"):
    from fastapi.testclient import TestClient

    from flytt.web import create_app

    app = create_app(db) if hosts is None else create_app(db, hosts)
    return TestClient(app, base_url=base)


@pytest.mark.parametrize("host,status", [("localhost:8000", 200), ("127.0.0.1:8000", 200),
                                         ("[::1]:8000", 200), ("evil.example", 400),
                                         ("localhost.evil.example", 400)])
def test_the_dashboard_answers_only_loopback_host_names(host, status):
    response = _client().get("/api/datasets", headers={"Host": host})
    assert response.status_code == status


def test_host_widens_the_names_knowingly():
    from flytt.web.app import LOOPBACK_HOSTS, allowed_hosts

    assert allowed_hosts("127.0.0.1") == LOOPBACK_HOSTS
    assert allowed_hosts("192.168.1.5") == (*LOOPBACK_HOSTS, "192.168.1.5")
    assert allowed_hosts("0.0.0.0") == ("*",)
    wide = _client(hosts=allowed_hosts("192.168.1.5"))
    assert wide.get("/api/datasets", headers={"Host": "192.168.1.5:8000"}).status_code == 200
    assert wide.get("/api/datasets", headers={"Host": "evil.example"}).status_code == 400


def test_a_store_locked_by_an_import_is_503_with_a_short_sentence(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        frame = read_input(_write(tmp_path, "f.csv", HEAD + "\n2020,0301,3005,1\n"), "flows")
        store.import_frame("flows", frame, source="f.csv")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('locked', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        client = _client(db)
        for lang, word in (("en", "The store is busy"), ("nb", "Lageret er opptatt")):
            response = client.get(f"/api/tables/balance?dataset=store&year=2020&lang={lang}")
            assert response.status_code == 503
            assert response.headers["retry-after"] == "5"
            detail = response.json()["detail"]
            assert detail.startswith(word) and str(tmp_path) not in detail
    finally:
        holder.kill()
        holder.wait()
