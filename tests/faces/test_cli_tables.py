"""The CLI as a user meets it: tables from a built-in dataset, files and the store."""

from __future__ import annotations

import io
import json

import pandas as pd
from typer.testing import CliRunner

from flytt import contracts as C
from flytt.cli.app import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def test_balance_prints_a_readable_table():
    result = run("table", "balance", "--dataset", "ssb-counties", "--year", "2011")
    assert result.exit_code == 0
    out = result.output
    assert "The whole country" in out and "Møre og Romsdal" in out
    assert "131 711" in out  # thousands separator, SSB style
    assert "Moves between municipalities within the same region" in out


def test_balance_csv_contract():
    result = run("table", "balance", "-d", "ssb-counties", "-y", "2011", "--format", "csv")
    frame = pd.read_csv(io.StringIO(result.output), dtype={C.REGION: str})
    assert list(frame.columns) == list(C.BALANCE_COLUMNS)
    assert frame.iloc[0][C.REGION] == C.TOTAL
    assert frame["in_internal"].iloc[0] == 131711  # plain numbers, no separators


def test_net_and_od_csv_contracts(tmp_path):
    out = tmp_path / "net.csv"
    assert run("table", "net", "-d", "ssb-counties", "-y", "2005", "--out", str(out)).exit_code == 0
    net = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(net.columns[:3]) == list(C.NET_LEADING_COLUMNS)
    assert list(net.columns[3:]) == net[C.REGION].tolist()
    assert net.loc[1, "01"] == "-448" and net.loc[0, "01"] == "" and net.loc[0, "02"] == ""
    od = pd.read_csv(io.StringIO(run("table", "od", "-d", "ssb-counties", "-y", "2011",
                                     "-f", "csv").output), dtype=str, keep_default_na=False)
    assert list(od.columns[:3]) == list(C.OD_LEADING_COLUMNS) and od.columns[-1] == C.ABROAD
    assert od.iloc[-1][C.ORIGIN] == C.TOTAL and od.iloc[-1]["total"] == "338325"
    assert od.set_index(C.ORIGIN).loc["03", "03"] == ""  # not applicable


def test_other_formats(tmp_path):
    for fmt, check in (("md", "| 01 | Østfold |"), ("html", "<table"), ("json-stat2", '"version"')):
        result = run("table", "balance", "-d", "ssb-counties", "-y", "2015", "-f", fmt)
        assert result.exit_code == 0 and check in result.output, fmt
    data = json.loads(run("table", "balance", "-d", "ssb-counties", "-y", "2015", "-f",
                          "json-stat2").output)
    assert data["size"] == [1, 20, 9] and len(data["value"]) == 180
    assert data["value"][0] == 212994  # in_all of the whole country, as printed
    assert data["role"]["time"] == ["year"] and "2015" in data["dimension"]["year"]["category"]["index"]
    xlsx = tmp_path / "b.xlsx"
    assert run("table", "balance", "-d", "ssb-counties", "-y", "2015", "-o", str(xlsx)).exit_code == 0
    back = pd.read_excel(xlsx, skiprows=1, dtype={C.REGION: str})
    assert back["net_all"].iloc[0] == 29802


def test_flows_file_directly_with_groups(tmp_path):
    flows = tmp_path / "flows.csv"
    flows.write_text("origin_code;destination_code;moves\n0101;0102;10\n0102;0301;4\n"
                     "0301;0101;6\n", encoding="latin-1")
    groups = tmp_path / "g.csv"
    groups.write_text("code,group_code,group_name\n0101,01,Østfold\n0102,01,Østfold\n"
                      "0301,03,Oslo\n", encoding="utf-8")
    missing_year = runner.invoke(app, ["table", "balance", "--flows", str(flows)])
    assert missing_year.exit_code != 0
    result = run("table", "balance", "--flows", str(flows), "--groups", str(groups),
                 "--year", "2021", "-f", "csv")
    frame = pd.read_csv(io.StringIO(result.output), dtype={C.REGION: str}).set_index(C.REGION)
    assert frame.loc["01", "in_internal"] == 6 and frame.loc["01", "out_internal"] == 4
    assert frame.loc["01", "region_name"] == "Østfold"


def test_import_then_table_from_store(tmp_path):
    db = tmp_path / "s.duckdb"
    flows = tmp_path / "flows.csv"
    flows.write_text("year,origin_code,destination_code,moves\n2022,0301,3201,7\n"
                     "2022,3201,0301,2\n", encoding="utf-8")
    first = run("import", "flows", str(flows), "--db", str(db))
    assert first.exit_code == 0 and "Imported 2 flows rows" in first.output
    again = run("import", "flows", str(flows), "--db", str(db))
    assert "replaced 2 earlier rows for 2022" in again.output
    table = run("table", "net", "--year", "2022", "--db", str(db), "-f", "csv")
    net = pd.read_csv(io.StringIO(table.output), dtype={C.REGION: str}).set_index(C.REGION)
    assert net.loc["3201", "0301"] == 7 - 2
    assert "flows" in run("store", "--db", str(db)).output


def test_errors_are_clear_and_exit_2(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "bad.csv"
    bad.write_text("year,origin_code,destination_code,moves\n2020,0301,3005,-3\n")
    proc = subprocess.run([sys.executable, "-m", "flytt.cli.app", "import", "flows", str(bad),
                           "--db", str(tmp_path / "x.duckdb")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "row 2" in proc.stderr and "moves" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_datasets_lists_source_and_licence():
    result = run("datasets")
    assert "ssb-counties" in result.output and "CC BY 4.0" in result.output


def test_version():
    from flytt import __version__

    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output
