"""``flytt report``: the main job — every analysis on built-in data, written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flytt.i18n import t

from .common import LangOption


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_command(
        out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the report "
                       "into.")] = Path("flytt-report"),
        lang: LangOption = "en",
        pdf: Annotated[bool, typer.Option("--pdf", help="Also print report.pdf with headless "
                       "Chromium (extra 'pdf').")] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the tables.")]
        = False,
        db: Annotated[Path | None, typer.Option("--db", help="A store (DuckDB file) whose "
                      "barometer panel (population, jobs, net migration) the barometer "
                      "section shows instead of the synthetic demo panel.",
                      show_default=False)] = None,
    ) -> None:
        """Write the flytt report on built-in data: SSB's county tables, maps and flows,
        the barometer, a city analysis and the indices — index.html (works offline), every
        figure as PNG and SVG, every table as CSV, Excel and Markdown."""
        from rich.console import Console

        from flytt import render
        from flytt.report import build_report, check_out_dir

        check_out_dir(out, "--out")
        if db is not None and not db.is_file():
            raise typer.BadParameter(f"no store at {db}", param_hint="--db")
        console = Console()
        with console.status(t("cli.report.writing", lang)):
            result = build_report(out, lang=lang, pdf=pdf, db=db)
        if not quiet:
            for table in result.tables:
                console.print(render.to_rich(table, lang=lang))
        for title in result.missing:
            console.print(t("cli.report.incomplete", lang, title=title))
        console.print(t("cli.report.wrote", lang, n=len(result.files), index=result.index)
                      + (f" (PDF: {result.pdf})" if result.pdf else ""))
