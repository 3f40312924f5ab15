"""``flytt table od|net|balance``: SSB's three migration tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import (
    DbOption,
    DelimiterOption,
    EncodingOption,
    FormatOption,
    FormulaGuardOption,
    LangOption,
    OutOption,
    emit,
)

if TYPE_CHECKING:
    from flytt.tables import TableKind

_KINDS: dict[TableKind, str] = {
    "od": "The full origin–destination matrix (as SSB's table 'Migration within and between "
          "counties and between counties and foreign countries'): origins as rows, "
          "destinations as columns, totals, within-region moves on the diagonal, ABROAD.",
    "net": "The net-migration matrix (lower triangle): cell (row r, column c) = moves c→r − "
           "moves r→c, the net in-migration of r from c; 'net total' = net with all other "
           "regions, internal moves only.",
    "balance": "In-, out- and net migration per region, all / abroad / internal, moves "
               "within a region excluded; first row the whole country (TOTAL).",
}


def _command(kind: TableKind):
    def command(
        year: Annotated[int | None, typer.Option("--year", "-y", help="Year of the moves "
                        "(needed when the data hold several years or the flows file has no "
                        "year column).")] = None,
        dataset: Annotated[str | None, typer.Option("--dataset", "-d", help="A built-in "
                           "dataset (see 'flytt datasets'), e.g. ssb-counties.")] = None,
        flows: Annotated[Path | None, typer.Option("--flows", help="Flows file "
                         "(year,origin_code,destination_code,moves) to use directly, without "
                         "importing.")] = None,
        groups: Annotated[Path | None, typer.Option("--groups", help="Groups file "
                          "(code,group_code,group_name): aggregate regions first; moves inside "
                          "a group become within-group moves.")] = None,
        grouping: Annotated[str | None, typer.Option("--grouping", help="Name of a grouping "
                            "imported into the store.")] = None,
        fmt: FormatOption = None,
        out: OutOption = None,
        db: DbOption = None,
        encoding: EncodingOption = None,
        delimiter: DelimiterOption = None,
        lang: LangOption = "en",
        formula_guard: FormulaGuardOption = True,
    ) -> None:
        from flytt.api import migration_table

        table = migration_table(kind, year=year, dataset=dataset, flows=flows, groups=groups,
                                grouping=grouping, db=db, encoding=encoding,
                                delimiter=delimiter)
        emit(table, fmt, out, lang, formula_guard)

    command.__doc__ = _KINDS[kind]
    return command


def register(app: typer.Typer) -> None:
    table_app = typer.Typer(help="SSB's migration tables from flows: od, net, balance.",
                            no_args_is_help=True)
    for kind in _KINDS:
        table_app.command(kind)(_command(kind))
    app.add_typer(table_app, name="table")
