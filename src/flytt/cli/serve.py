"""``flytt serve``: the web dashboard on this machine (extra ``web``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer


def _check_free(host: str, port: int) -> None:
    """A clear error, before announcing the address, when ``host:port`` cannot be listened
    on (in use, or not an address of this machine)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise typer.BadParameter(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                                     "choose another --port (or --host)") from None


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by "
                        "default; anything else shares the dashboard on your network). On "
                        "loopback the dashboard answers only the host names localhost, "
                        "127.0.0.1 and [::1] (a guard against DNS rebinding); on another "
                        "address that address too, on 0.0.0.0 any name.")]
        = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535,
                        help="Port.")] = 8000,
        db: Annotated[Path | None, typer.Option("--db", help="A store (DuckDB file) whose "
                      "tables the dashboard also shows, read-only. Default: FLYTT_DB when that "
                      "file exists.", show_default=False)] = None,
    ) -> None:
        """Start the web dashboard: tables, flow map, barometer and city analysis, and a
        JSON API (schema at /api/openapi.json). Stop with Ctrl+C."""
        try:
            import uvicorn
        except ImportError as exc:
            raise typer.BadParameter("the dashboard needs the web extra: "
                                     "pip install 'flytt[web]'") from exc
        from flytt.web import create_app
        from flytt.web.app import allowed_hosts

        if db is not None and not db.exists():
            raise typer.BadParameter(f"no store at {db}", param_hint="--db")
        if db is None and os.environ.get("FLYTT_DB") and Path(os.environ["FLYTT_DB"]).is_file():
            db = Path(os.environ["FLYTT_DB"])
        _check_free(host, port)
        hosts = allowed_hosts(host)
        dashboard = create_app(db, hosts)
        from flytt.web.views import barometer_panel

        panel = barometer_panel(str(db) if db is not None else "")
        typer.echo(f"barometer: {'the SYNTHETIC demo panel' if panel.synthetic else panel.source}"
                   + (" (the store holds no barometer panel: population, jobs and net "
                      "migration)" if panel.synthetic and db is not None else ""), err=True)
        if hosts == ("*",):
            typer.echo(f"warning: listening on {host}: the dashboard answers every host name "
                       "and everyone on your network can read it", err=True)
        typer.echo(f"flytt dashboard on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
        uvicorn.run(dashboard, host=host, port=port, log_level="warning")
