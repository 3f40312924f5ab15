"""Options and output helpers shared by the command modules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flytt.options import Format, Lang

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="FLYTT_DB", help="Store (DuckDB file). Default: FLYTT_DB, "
                 "else ~/.local/share/flytt/flytt.duckdb.", show_default=False),
]
EncodingOption = Annotated[
    str | None,
    typer.Option("--encoding", help="Text encoding of CSV input (default: detect UTF-8 / "
                 "Windows-1252 / UTF-16)."),
]
DelimiterOption = Annotated[
    str | None,
    typer.Option("--delimiter", help="CSV delimiter (default: detect , ; tab |)."),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write to this file instead of the terminal."),
]


LangOption = Annotated[
    Lang,
    typer.Option("--lang", help="Language of everything printed and drawn: titles, "
                 "headings, labels and number format (en or nb). Data columns (csv, "
                 "json-stat2) keep the contract's names in both."),
]
FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Output format. Default: a readable table in the "
                 "terminal, or from the --out file's suffix."),
]


FormulaGuardOption = Annotated[
    bool,
    typer.Option("--formula-guard/--no-formula-guard", help="In CSV, prefix ' to names "
                 "that start with = + - @ so that a spreadsheet shows them instead of running "
                 "them as formulas. Turn off for programs that read the names exactly."),
]


def emit(table: object, fmt: Format | None, out: Path | None, lang: Lang = "en",
         formula_guard: bool = True) -> None:
    """Print ``table`` to the terminal or write it to ``out`` in ``fmt``; ``lang`` sets the
    headings and number format of the human formats (terminal, md, html, xlsx);
    ``formula_guard``: see :func:`flytt.render.guard_formulas`."""
    from flytt import render

    chosen = fmt if fmt else (render.format_from_suffix(out) if out else None)
    if out is None:
        if chosen in (None, "table"):
            from rich.console import Console

            Console().print(render.to_rich(table, lang=lang))
            return
        if chosen == "xlsx":
            raise typer.BadParameter("xlsx needs --out FILE", param_hint="--format")
        text = render.render(table, chosen, lang, formula_guard=formula_guard)
        import sys

        from flytt.errors import visible

        typer.echo(visible(str(text)) if sys.stdout.isatty() else text, nl=False)
        return
    path = render.write(table, chosen or "csv", out, lang, formula_guard=formula_guard)
    typer.echo(f"Wrote {path}", err=True)
