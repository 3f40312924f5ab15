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
