"""``flytt indices``: system-wide migration indices of an O-D table (IMAGE, migest)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from flytt.options import Convention

from .common import DelimiterOption, EncodingOption


class IndexFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def indices(
    flows: Annotated[Path | None, typer.Option("--flows", help="Flows file "
                     "(year,origin_code,destination_code,moves); moves to/from ABROAD and "
                     "within regions are left out.")] = None,
    dataset: Annotated[str | None, typer.Option("--dataset", "-d", help="A built-in "
                       "dataset instead of --flows, e.g. ssb-counties (2011).")] = None,
    population: Annotated[Path | None, typer.Option("--population", help="Population at "
                          "risk (year,region_code,population; persons, summed over age/sex). "
                          "Needed for cmi, courgeau_k, anmr, preference, velocity.")] = None,
    distances: Annotated[str | None, typer.Option("--distances", help="Distance table "
                         "(origin_code,destination_code,distance_km), or 'centroids' for "
                         "great-circle distances between the regions' boundary centroids "
                         "(Norwegian codes, via the data registry).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Year of the flows (and "
                    "of the population).")] = None,
    convention: Annotated[Convention, typer.Option("--convention", help="Textbook "
                          "definitions, or those of the R package migest (see "
                          "docs/INDICES.md).")] = "textbook",
    fmt: Annotated[IndexFormat, typer.Option("--format", "-f", help="json (keys as in the "
                   "docs), csv (measure,description,value) or a terminal table.")
                   ] = IndexFormat.table,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")
                   ] = None,
    figures: Annotated[Path | None, typer.Option("--figures", help="Also write figures "
                       "(PNG and SVG) to this folder: chord diagram, distance decay (with "
                       "distances), indices by number of zones (regions with known "
                       "boundaries).")] = None,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
) -> None:
    """Migration indices (IMAGE, migest) of the flows between regions.

    Intensity (cmi, courgeau_k), impact (mei, anmr, preference, velocity), connectivity and
    spatial focusing (connectivity, inequality, Ginis, cv, acv) and distance (mean, median,
    decay). Formulas and references: docs/INDICES.md.

    Example: flytt indices -d ssb-counties -y 2011 --distances centroids -f json
    """
    import json

    from flytt.api import read_flows
    from flytt.errors import InputError
    from flytt.indices import ODMatrix, summary
    from flytt.indices.inputs import population_totals, read_distances

    if (flows is None) == (dataset is None):
        raise InputError("give either --flows FILE or --dataset NAME")
    if dataset is not None:
        from flytt import datasets

        ds = datasets.load(dataset)
        if ds.flows is None:
            raise InputError(f"dataset '{dataset}' has no flows")
        source_flows = ds.flows
    else:
        assert flows is not None  # exactly one of flows and dataset (checked above)
        source_flows = read_flows(flows, year=year, encoding=encoding, delimiter=delimiter)
    matrix = ODMatrix.from_flows(source_flows, year)
    pop = population_totals(population, year or matrix.year) if population else None
    dist = None
    if distances == "centroids":
        from flytt.indices.geography import centroid_distances

        dist = centroid_distances(matrix.codes)
    elif distances is not None:
        dist = read_distances(Path(distances))
    result = summary(matrix, population=pop, distances=dist, convention=convention)
    if figures is not None:
        _write_figures(figures, matrix, pop, dist)
    if fmt is IndexFormat.json:
        text = json.dumps(result.to_dict(), indent=2) + "\n"
    elif fmt is IndexFormat.csv:
        from flytt.output import csv_text

        text = csv_text(result.to_frame())
    else:
        text = None
    if out is not None:
        if text is None:
            text = result.to_frame().to_string(index=False) + "\n"
        from flytt.output import write_file

        write_file(out, text)
        typer.echo(f"Wrote {out}", err=True)
    elif text is not None:
        typer.echo(text, nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"Migration indices, {result.n_regions} regions, "
                      f"{result.year}, {result.total_moves:,.0f} moves between regions"
                      .replace(",", " "), title_justify="left")
        table.add_column("measure")
        table.add_column("description")
        table.add_column("value", justify="right")
        for key, desc, value in result.to_frame().itertuples(index=False):
            table.add_row(key, desc, f"{value:.4g}")
        Console().print(table)
        if pop is None:
            Console(stderr=True).print("cmi, courgeau_k, anmr, preference and velocity need "
                                       "--population", style="dim")


def _write_figures(folder: Path, matrix, population, distances) -> None:
    """Chord diagram, distance decay and the scale (MAUP) plot into ``folder``."""
    from flytt.errors import NotFoundError
    from flytt.figures import save
    from flytt.figures.indices import chord_diagram, distance_decay_plot, scale_plot
    from flytt.indices import distance_decay
    from flytt.indices.geography import geography_for
    from flytt.indices.scale import indices_by_scale

    written = save(chord_diagram(matrix), folder / "chord", formats=("png", "svg"))
    if distances is not None:
        written += save(distance_decay_plot(distance_decay(matrix, distances)),
                        folder / "distance_decay", formats=("png", "svg"))
    try:
        neighbours = geography_for(matrix.codes).linked_neighbours()
    except NotFoundError:
        typer.echo("no boundaries for these regions: scale plot skipped", err=True)
    else:
        analysis = indices_by_scale(matrix, neighbours, population=population)
        written += save(scale_plot(analysis), folder / "scale", formats=("png", "svg"))
    for path in written:
        typer.echo(f"Wrote {path}", err=True)


def register(app: typer.Typer) -> None:
    app.command("indices")(indices)
