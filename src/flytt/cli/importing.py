"""``flytt import flows|population|jobs|groups|regions|statbank FILE``: validated, atomic
imports."""

from pathlib import Path
from typing import Annotated

import typer

from .common import DbOption, DelimiterOption, EncodingOption

_HELP = {
    "flows": "Moves: year,origin_code,destination_code,moves (+ origin_name, destination_name, "
             "attribute columns such as age, sex). ABROAD = abroad.",
    "population": "Persons on 1 January: year,region_code,population (+ region_name, age, sex).",
    "jobs": "Jobs located in the region: year,region_code,jobs.",
    "groups": "A grouping of regions: code,group_code,group_name (e.g. municipality → county).",
    "regions": "Region names: code,name (+ level, valid_from, valid_to). Once imported, other "
               "imports must use known codes.",
}


def _command(kind: str):
    # options evaluated here, per kind (so no `from __future__ import annotations` in this
    # module): --year only for the yearly kinds, --name only for groups
    yearly = kind in ("flows", "population", "jobs")

    def command(
        file: Annotated[Path, typer.Argument(help="CSV/TSV (any common encoding and "
                        "delimiter), Parquet or Excel file.", show_default=False)],
        year: Annotated[int | None, typer.Option("--year", "-y", help="Year for a file "
                        "without a year column, or the one year to take from it.",
                        hidden=not yearly)] = None,
        name: Annotated[str | None, typer.Option("--name", help="Name of the grouping "
                        "(default: the file name).", hidden=kind != "groups")] = None,
        sheet: Annotated[str | None, typer.Option("--sheet", help="Excel sheet.")] = None,
        db: DbOption = None,
        encoding: EncodingOption = None,
        delimiter: DelimiterOption = None,
    ) -> None:
        from flytt.api import import_file
        from flytt.errors import visible

        report = import_file(kind, file, db=db, year=year, name=name, sheet=sheet,
                             encoding=encoding, delimiter=delimiter)
        typer.echo(visible(report.summary()))

    command.__doc__ = _HELP[kind]
    return command


def register(app: typer.Typer) -> None:
    import_app = typer.Typer(help="Import files into the store (atomic; re-importing a year "
                             "replaces it).", no_args_is_help=True)
    for kind in _HELP:
        import_app.command(kind)(_command(kind))

    @import_app.command("statbank")
    def statbank_command(
        file: Annotated[Path, typer.Argument(help="A table saved from ssb.no's StatBank: "
                        "JSON-stat 2 or 1, PX, CSV or Excel (detected from the content).",
                        show_default=False)],
        table: Annotated[str | None, typer.Option(
            "--table", help="The table number (e.g. 01222) when the file does not say it.")
        ] = None,
        db: DbOption = None,
    ) -> None:
        """A StatBank table into the store, as 'flytt fetch ssb' would store it: 07459
        (population), 01222 (changes), 07210, 09587, 13470 (jobs); any other table as the
        tidy table ssb_<number>."""
        from flytt.api import import_statbank
        from flytt.errors import visible

        typer.echo(visible(import_statbank(file, db=db, table=table).summary()))

    app.add_typer(import_app, name="import")

    @app.command("store")
    def store_summary(db: DbOption = None) -> None:
        """What the store holds: rows and years per table."""
        from rich.console import Console
        from rich.table import Table

        from flytt.readers import years_text
        from flytt.store import Store

        with Store(db) as store:
            summary = store.summary()
            path = store.path
        table = Table()
        for col in summary.columns:
            table.add_column(col, justify="right" if col == "rows" else "left")
        for row in summary.itertuples(index=False):
            table.add_row(str(row.table), f"{row.rows:,}".replace(",", " "),
                          years_text(row.years) if row.years else "", row.contents)
        console = Console()
        console.print(f"Store: {path}", highlight=False, soft_wrap=True)
        console.print(table)
