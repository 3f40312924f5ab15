"""``flytt synth``: write a synthetic individual-level move register (Parquet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def synth(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write DIR/moves/ and "
                                      "DIR/population/ (Parquet, partitioned by year).")],
    persons: Annotated[int, typer.Option("--persons", "-n", min=1, help="Persons living in "
                                         "Norway on 1 January of the first year (immigrants and "
                                         "births come on top). About 6 moves per 100 persons "
                                         "and year.")] = 100_000,
    years: Annotated[str, typer.Option("--years", help="Years of moves, FIRST-LAST.")]
    = "2010-2020",
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same register.")]
    = 1,
    geography: Annotated[str, typer.Option("--geography", help="auto: Norway's real 2024 "
                                           "municipalities when the data registry has them "
                                           "(FLYTT_DATA_MIRROR or download cache), else the "
                                           "built-in fallback; real; builtin.")] = "auto",
    no_scenario: Annotated[bool, typer.Option("--no-scenario", help="Leave out the 2020 "
                                              "scenario (more home-office occupations leaving "
                                              "Oslo).")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing "
                                            "register in DIR.")] = False,
) -> None:
    """Write a SYNTHETIC register: one row per move (person_id, year, date, origin,
    destination, age, sex, birthplace, immigrant_category, country_background, occupation,
    family_type) and the population at risk on 1 January by municipality and the same
    attributes. Moves follow a Rogers–Castro age schedule and a gravity model calibrated to
    SSB's 2011 county table; deterministic for a seed; streamed in chunks."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from flytt.errors import InputError
    from flytt.synth import check_arguments, load_geography, synthesize
    from flytt.synth.model import NO_SCENARIO

    if geography not in ("auto", "real", "builtin"):
        raise InputError(f"--geography must be auto, real or builtin, not '{geography}'")
    # everything that can fail is checked before the progress bar appears
    from flytt.readers import parse_year_range

    first, last = parse_year_range(years, "--years")
    year_range = range(first, last + 1)
    check_arguments(out, persons=persons, years=year_range, overwrite=overwrite,
                    option_names={"out": "--out", "years": "--years", "persons": "--persons",
                                  "overwrite": "--overwrite"})
    geo = load_geography(geography)  # type: ignore[arg-type]
    console = Console(stderr=True)
    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task("persons simulated", total=persons)
        result = synthesize(out, persons=persons, years=year_range, seed=seed, geography=geo,
                            scenario=NO_SCENARIO if no_scenario else None,
                            overwrite=overwrite,
                            progress=lambda done, total: bar.update(task, completed=done))
    console.print(f"[bold yellow]SYNTHETIC[/] register: {result.moves:,} moves of "
                  f"{result.persons:,} persons, {result.years[0]}–{result.years[-1]}, "
                  f"seed {result.seed}", highlight=False)
    console.print(f"geography: {result.geography_description}", highlight=False)
    if result.geography == "builtin":
        console.print("(set FLYTT_DATA_MIRROR to the project's shared data, or let the data "
                      "registry download, to use Norway's real 357 municipalities)",
                      highlight=False)
    console.print(f"wrote {result.moves_dir} and {result.population_dir}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("synth", short_help="Write a SYNTHETIC individual-level move register "
                "(Parquet) for demos, tests and benchmarks.")(synth)
