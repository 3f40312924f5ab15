"""``flytt report``: the main job — every analysis on built-in data, written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_command(
        out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the report "
                       "into.")] = Path("flytt-report"),
        lang: Annotated[str, typer.Option("--lang", help="Language of labels: nb or en.")]
        = "en",
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the tables.")]
        = False,
    ) -> None:
        """Write the flytt report on built-in data: SSB's county tables (and every other
        analysis) as HTML, CSV, Excel and Markdown."""
        from rich.console import Console

        from flytt import render
        from flytt.report import build_report

        if lang not in ("nb", "en"):
            raise typer.BadParameter("nb or en", param_hint="--lang")
        result = build_report(out, lang=lang)  # type: ignore[arg-type]
        console = Console()
        if not quiet:
            for table in result.tables:
                console.print(render.to_rich(table))
        console.print(f"Wrote {len(result.files)} files; open [bold]{result.index}[/]")
