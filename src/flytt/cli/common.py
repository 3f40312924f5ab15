"""Options and output helpers shared by the command modules."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

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


class Lang(str, Enum):
    """Language of what people read: Norwegian Bokmål or English."""

    nb = "nb"
    en = "en"


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"
    md = "md"
    json_stat2 = "json-stat2"


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="Output format. Default: a readable table in the "
                 "terminal, or from the --out file's suffix."),
]


def emit(table: object, fmt: OutputFormat | None, out: Path | None, lang: str = "en") -> None:
    """Print ``table`` to the terminal or write it to ``out`` in ``fmt``; ``lang`` sets the
    headings and number format of the human formats (terminal, md, html, xlsx)."""
    from flytt import render

    chosen = fmt.value if fmt else (render.format_from_suffix(out) if out else None)
    if out is None:
        if chosen in (None, "table"):
            from rich.console import Console

            Console().print(render.to_rich(table, lang=lang))
            return
        if chosen == "xlsx":
            raise typer.BadParameter("xlsx needs --out FILE", param_hint="--format")
        typer.echo(render.render(table, chosen, lang), nl=False)
        return
    path = render.write(table, chosen or "csv", out, lang)
    typer.echo(f"Wrote {path}", err=True)
