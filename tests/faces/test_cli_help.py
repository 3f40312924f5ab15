"""What a new user reads first: `--help` texts, and `flytt serve` on a port that is taken."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from flytt.cli.app import app

runner = CliRunner()
WIDE = {"COLUMNS": "250"}


def test_command_list_has_whole_sentences():
    """Docstring line breaks do not cut sentences in the command list (at 250 columns the
    report's summary fits on one line)."""
    out = runner.invoke(app, ["--help"], env=WIDE).output
    line = next(x for x in out.splitlines() if "Write the flytt report" in x)
    assert "county tables, maps and flows, the barometer, a city analysis" in line


def test_install_hints_keep_their_brackets():
    out = runner.invoke(app, ["aggregate", "--help"], env=WIDE).output
    assert "pip install 'flytt[spark]'" in out


def test_serve_on_a_taken_port_is_a_clear_error_before_any_address_is_announced():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        res = runner.invoke(app, ["serve", "--port", str(port)])
    assert res.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in res.output
    assert "flytt dashboard on" not in res.output


def test_store_lists_every_table_with_its_years_as_runs(tmp_path):
    import pandas as pd

    from flytt.readers import years_text
    from flytt.ssb.recipes import store_table

    flows = tmp_path / "f.csv"
    flows.write_text("year,origin_code,destination_code,moves\n2021,0301,4601,3\n"
                     "2023,0301,4601,5\n2022,4601,0301,2\n2019,0301,4601,1\n")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["import", "flows", str(flows), "--db", db]).exit_code == 0
    store_table(pd.DataFrame({"year": [2020], "region_code": ["0301"], "value": [1]}),
                "ssb_changes", db)
    out = runner.invoke(app, ["store", "--db", db], env=WIDE).output
    flows_row = next(line for line in out.splitlines() if "│ flows" in line)
    assert "2019, 2021–2023" in flows_row and "│    4 │" in flows_row
    assert any("ssb_changes" in line and "2020" in line for line in out.splitlines())
    assert years_text([2020, 2020]) == "2020" and years_text([]) == "no year"


def test_import_offers_only_the_options_of_its_kind():
    population = runner.invoke(app, ["import", "population", "--help"], env=WIDE).output
    groups = runner.invoke(app, ["import", "groups", "--help"], env=WIDE).output
    assert "--year" in population and "--name" not in population
    assert "--name" in groups and "--year" not in groups


def test_a_code_missing_from_the_grouping_says_how_often_it_is_used(tmp_path):
    flows = tmp_path / "flows.csv"
    flows.write_text("year,origin_code,destination_code,moves\n2023,0301,4601,5\n"
                     "2023,0301,5001,2\n2023,4601,5001,1\n")
    groups = tmp_path / "partial.csv"
    groups.write_text("code,group_code,group_name\n0301,03,Oslo\n4601,46,Vestland\n")
    res = runner.invoke(app, ["table", "balance", "--flows", str(flows), "--groups",
                              str(groups)])
    message = str(res.exception)
    assert "code '5001' (2 rows of the data) is not in grouping" in message
    assert "partial.csv" in message and "add it to the grouping" in message


def test_serve_uses_the_flytt_db_store_when_it_exists(tmp_path, monkeypatch):
    import uvicorn

    import flytt.web
    from flytt.store import Store

    db = tmp_path / "mine.duckdb"
    with Store(db):
        pass
    seen = {}
    monkeypatch.setattr(flytt.web, "create_app",
                        lambda store, hosts: seen.setdefault("db", store) and
                        seen.setdefault("hosts", hosts))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.setdefault("run", kw))
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    monkeypatch.setenv("FLYTT_DB", str(db))
    assert runner.invoke(app, ["serve", "--port", port]).exit_code == 0
    assert seen["db"] == db and seen["run"]["host"] == "127.0.0.1"
    assert seen["hosts"] == ("localhost", "127.0.0.1", "[::1]")  # the DNS-rebinding guard
    seen.clear()
    monkeypatch.setenv("FLYTT_DB", str(tmp_path / "none.duckdb"))
    assert runner.invoke(app, ["serve", "--port", port]).exit_code == 0
    assert seen["db"] is None
