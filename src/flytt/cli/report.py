"""``flytt report``: the main job — every analysis on built-in data, written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import LangOption

_WORDS = {
    "en": {"writing": "Writing the report…",
           "incomplete": "[yellow]note:[/] section '{title}' is incomplete; see the page",
           "wrote": "Wrote {n} files; open [bold]{index}[/]"},
    "nb": {"writing": "Skriver rapporten…",
           "incomplete": "[yellow]merknad:[/] delen «{title}» er ufullstendig; se siden",
           "wrote": "Skrev {n} filer; åpne [bold]{index}[/]"},
}
"""The command's own terminal lines, by --lang."""


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
    ) -> None:
        """Write the flytt report on built-in data: SSB's county tables, maps and flows,
        the barometer, a city analysis and the indices — index.html (works offline), every
        figure as PNG and SVG, every table as CSV, Excel and Markdown."""
        from rich.console import Console

        from flytt import render
        from flytt.report import build_report, check_out_dir

        check_out_dir(out, "--out")
        words = _WORDS[lang]
        console = Console()
        with console.status(words["writing"]):
            result = build_report(out, lang=lang, pdf=pdf)
        if not quiet:
            for table in result.tables:
                console.print(render.to_rich(table, lang=lang))
        for title in result.missing:
            console.print(words["incomplete"].format(title=title))
        console.print(words["wrote"].format(n=len(result.files), index=result.index)
                      + (f" (PDF: {result.pdf})" if result.pdf else ""))
