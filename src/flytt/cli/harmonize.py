"""``flytt harmonize``: municipality codes of any year → the 2020 or 2024 municipalities."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from .common import (
    DelimiterOption,
    EncodingOption,
    FormatOption,
    FormulaGuardOption,
    OutOption,
    emit,
)

if TYPE_CHECKING:
    from flytt.harmonize import Target


class Kind(str, Enum):
    population = "population"
    flows = "flows"
    jobs = "jobs"


class Vintage(str, Enum):
    v2020 = "2020"
    v2024 = "2024"


def register(app: typer.Typer) -> None:
    @app.command("harmonize")
    def harmonize_command(
        file: Annotated[Path, typer.Argument(help="Population, flows or jobs file (CSV in "
                        "any common encoding, Parquet, Excel) with a year column.",
                        show_default=False)],
        to: Annotated[Vintage, typer.Option("--to", help="Target: the municipalities of "
                      "1 January 2020 (356) or 2024 (357).")] = Vintage.v2024,
        kind: Annotated[Kind, typer.Option("--kind", "-k", help="What the file holds (its "
                        "contract; flows are harmonised at both ends).")] = Kind.population,
        weights_from: Annotated[Path | None, typer.Option(
            "--weights-from", help="Population file (year,region_code,population) for the "
            "split shares: the successors in the year after the split and their other "
            "predecessors the year before. Default: the input itself when it is a "
            "population holding all those numbers, else SSB's exports from the data "
            "registry (the source is printed with the shares).")] = None,
        weights_out: Annotated[Path | None, typer.Option(
            "--weights-out", help="Also write the split shares used to this CSV.")] = None,
        fmt: FormatOption = None,
        out: OutOption = None,
        encoding: EncodingOption = None,
        delimiter: DelimiterOption = None,
        formula_guard: FormulaGuardOption = True,
    ) -> None:
        """Translate municipality codes to one vintage: merges sum, renumberings map, splits
        are apportioned by population (shares shown), unknown codes are kept and reported.
        Totals are preserved exactly."""
        from rich.console import Console

        from flytt import contracts as C
        from flytt.harmonize import harmonize
        from flytt.readers import read_input

        frame = read_input(file, kind.value, encoding=encoding, delimiter=delimiter)
        population = (read_input(weights_from, "population", encoding=encoding)
                      if weights_from else None)
        columns = (C.ORIGIN, C.DESTINATION) if kind is Kind.flows else (C.REGION,)
        result = harmonize(frame, cast("Target", int(to.value)), code_columns=columns,
                           population=population)
        err = Console(stderr=True, soft_wrap=True)
        err.print(result.summary(), highlight=False)
        if not result.weights.empty:
            err.print("Split shares used:", highlight=False)
            for r in result.weights.itertuples(index=False):
                err.print(f"  {r.split_code} → {r.successor_code} {r.successor_name}: "
                          f"{r.share:.4f} ({r.basis}; {r.source})", highlight=False)
        if not result.unknown.empty:
            err.print(f"[yellow]warning:[/] {len(result.unknown)} year×code pairs are not "
                      "municipality codes and were kept unchanged", highlight=False)
        if weights_out:
            from flytt.output import csv_text, write_file

            write_file(weights_out, csv_text(result.weights, formula_guard=formula_guard))
        emit(result, fmt, out, formula_guard=formula_guard)
