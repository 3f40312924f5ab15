"""``flytt barometer`` and ``flytt drivers``: Telemarksforsking's attractiveness barometer
(seed 003) and its driver regressions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flytt.options import Lang, Level, Stream

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
    import altair as alt


PanelOption = Annotated[Path | None, typer.Option(
    "--panel", help="Panel file: year,region_code,region_name,population,net_migration,jobs "
    "(+ net_immigration,net_domestic_immigrants,net_domestic_others, gross_migration, "
    "driver columns). Default: built from the store's population, jobs and flows, or "
    "without flows from ssb_changes and ssb_immigrant_streams ('flytt fetch ssb changes|"
    "immigrant-streams').")]
DemoOption = Annotated[bool, typer.Option(
    "--demo", help="Use the built-in SYNTHETIC municipal panel 2009–2024 (no network needed; "
    "every output says it is synthetic).")]
GroupsOption = Annotated[Path | None, typer.Option(
    "--groups", help="Groups file (code,group_code,group_name): the grouping for --level "
    "group, or your own regions/counties for --level region|county.")]
LevelOption = Annotated[Level, typer.Option(
    "--level", "-l", help="municipality (the panel's units), region (BA regions, or the "
    "panel's/--groups regions), county, or group (--groups). Regions sum their members' "
    "counts, then the line is fitted across regions.")]
ContentOption = Annotated[list[str] | None, typer.Option(
    "--content", help="KIND=CODE, repeatable: which SSB content code of ssb_changes is "
    "in-migration (in), out-migration (out), immigration, emigration or net migration "
    "(net), when recognising it by code and label is not enough, e.g. --content "
    "out=Fraflytting8.")]
StreamOption = Annotated[Stream, typer.Option(
    "--stream", "-s", help="Net migration measured: all, immigration (from abroad, net), "
    "domestic_immigrants (domestic moves of the immigrant population), domestic_others.")]


def _contents(items: list[str] | None) -> dict[str, str] | None:
    """``["out=Fraflytting8"]`` → ``{"out": "Fraflytting8"}``."""
    if not items:
        return None
    kinds = ("in", "out", "immigration", "emigration", "net", "net_immigration")
    chosen = {}
    for item in items:
        kind, sep, code = item.partition("=")
        if not sep or kind.strip() not in kinds or not code.strip():
            raise typer.BadParameter(f"'{item}': use KIND=CODE with KIND one of "
                                     f"{', '.join(kinds)}", param_hint="--content")
        if kind.strip() in chosen:
            raise typer.BadParameter(f"'{item}': {kind.strip()} is chosen twice",
                                     param_hint="--content")
        chosen[kind.strip()] = code.strip()
    return chosen


def _groups(groups: Path | None, encoding: str | None, delimiter: str | None):
    if groups is None:
        return None
    from flytt.api import read_grouping

    return read_grouping(groups, encoding=encoding, delimiter=delimiter)


def _note_synthetic(synthetic: bool, lang: Lang) -> None:
    if synthetic:
        from flytt.barometer.index import SYNTHETIC_NOTE

        typer.secho(f"note: {SYNTHETIC_NOTE.text(lang)}", err=True, fg="yellow")


def register(app: typer.Typer) -> None:
    @app.command("barometer")
    def barometer_command(
        period: Annotated[str | None, typer.Option(
            "--period", "-p", help="Period A-B (e.g. 2008-2010), or its last year (a "
            "--length-year period). Default: the latest period the panel supports.")] = None,
        length: Annotated[int, typer.Option(
            "--length", min=1, help="Period length in years when --period is one year or "
            "not given (seed 003: 3).")] = 3,
        level: LevelOption = "municipality",
        stream: StreamOption = "all",
        long_term: Annotated[bool, typer.Option(
            "--long-term", help="Sum the index over the three consecutive periods ending in "
            "the period's last year; one extra column per period holds its part.")] = False,
        min_population: Annotated[int | None, typer.Option(
            "--min-population", min=0, help="Rank only units with at least this population "
            "(start of the last period); the line is still fitted on all units.")] = None,
        top: Annotated[int | None, typer.Option(
            "--top", min=1, help="Show only the N most attractive.")] = None,
        bottom: Annotated[int | None, typer.Option(
            "--bottom", min=1, help="Show only the N least attractive (least first).")] = None,
        weighted: Annotated[bool, typer.Option(
            "--weighted", help="Population-weighted line (WLS) instead of the published "
            "unweighted OLS.")] = False,
        uncertainty: Annotated[bool, typer.Option(
            "--uncertainty", help="Add Poisson-bootstrap intervals for index and rank and the "
            "empirical-Bayes shrunk index and rank (columns after the published ones).")] = False,
        draws: Annotated[int, typer.Option("--draws", min=10, help="Bootstrap draws.")] = 1000,
        seed: Annotated[int, typer.Option("--seed", help="Random seed of the bootstrap.")] = 2011,
        interval: Annotated[float, typer.Option(
            "--interval", min=0.5, max=0.999, help="Interval coverage, e.g. 0.9.")] = 0.9,
        turnover_rate: Annotated[float, typer.Option(
            "--turnover-rate", min=0.0, help="Gross moves (in + out) per inhabitant per year "
            "assumed by the bootstrap when the panel has no gross_migration.")] = 0.11,
        figures: Annotated[Path | None, typer.Option(
            "--figures", help="Also write the seed's figures (scatter, top 20, bottom 15, "
            "quintile map, net immigration when the panel has it; with --uncertainty the "
            "index with its intervals) as PNG, SVG and HTML into this directory.")] = None,
        lang: LangOption = "en",
        formula_guard: FormulaGuardOption = True,
        panel: PanelOption = None,
        demo: DemoOption = False,
        groups: GroupsOption = None,
        content: ContentOption = None,
        fmt: FormatOption = None,
        out: OutOption = None,
        db: DbOption = None,
        encoding: EncodingOption = None,
        delimiter: DelimiterOption = None,
    ) -> None:
        """Attractiveness as a place to live: net migration (% of the population) minus the
        net migration expected from job growth, ranked (rank 1 = most attractive).

        CSV columns: rank,region_code,region_name,population,net_migration_pct,
        job_growth_pct,expected_pct,attractiveness (+ attractiveness_A_B per period with
        --long-term, + uncertainty columns with --uncertainty).
        """
        from dataclasses import replace

        from flytt.api import barometer_panel
        from flytt.barometer import barometer, parse_period

        data = barometer_panel(panel=panel, demo=demo, db=db, encoding=encoding,
                               delimiter=delimiter, contents=_contents(content))
        chosen = (parse_period(period, length) if period else
                  (data.years[-1] - length + 1, data.years[-1]))
        result = barometer(data, chosen, level=level, stream=stream,
                           long_term=long_term, groups=_groups(groups, encoding, delimiter),
                           weighted=weighted, min_population=min_population,
                           uncertainty=uncertainty, draws=draws, seed=seed, interval=interval,
                           turnover_rate=turnover_rate)
        if figures is not None:
            _write_figures(result, data, figures, lang)
        shown = result
        if top is not None or bottom is not None:
            rows = result.frame
            parts = ([rows.head(top)] if top else []) + (
                [rows.tail(bottom).iloc[::-1]] if bottom else [])
            import pandas as pd

            shown = replace(result, frame=pd.concat(parts).drop_duplicates(
                "region_code").reset_index(drop=True))
        emit(shown, fmt, out, lang, formula_guard)
        _note_synthetic(result.synthetic, lang)

    @app.command("drivers")
    def drivers_command(
        ends: Annotated[str | None, typer.Option(
            "--ends", help="Last years of the periods, A-B (e.g. 2003-2010 as seed 003's "
            "Tables 1–8). Default: every period the panel supports.")] = None,
        length: Annotated[int, typer.Option(
            "--length", min=1, help="Period length in years (seed 003: 3).")] = 3,
        level: LevelOption = "municipality",
        stream: StreamOption = "all",
        include: Annotated[str | None, typer.Option(
            "--include", help="Comma-separated drivers to use (default: all the panel has), "
            "e.g. job_growth_pct,integration,log_population; a name the panel lacks is an "
            "error listing the available ones. Units left out for missing values, and "
            "periods with fewer than 5 units per coefficient, are reported.")] = None,
        panel: PanelOption = None,
        demo: DemoOption = False,
        groups: GroupsOption = None,
        content: ContentOption = None,
        fmt: FormatOption = None,
        out: OutOption = None,
        db: DbOption = None,
        encoding: EncodingOption = None,
        delimiter: DelimiterOption = None,
        lang: LangOption = "en",
        formula_guard: FormulaGuardOption = True,
    ) -> None:
        """What drives attractiveness (seed 003, chapter 5): standardized betas of a linear
        regression of net migration % on job growth, labour-market integration, log
        population, neighbour job growth, culture, cafés, education, university staff and
        housing completions, per period; shaded dark for p < 0.01, light for 0.01–0.1
        (blue positive, red negative)."""
        from flytt.api import barometer_panel
        from flytt.barometer import drivers, parse_period
        from flytt.barometer.drivers import rolling_periods

        data = barometer_panel(panel=panel, demo=demo, db=db, encoding=encoding,
                               delimiter=delimiter, contents=_contents(content))
        periods = None
        if ends:
            first, last = parse_period(ends, 1)
            periods = rolling_periods(list(range(first, last + 1)), length)
        result = drivers(data, periods, level=level, stream=stream,
                         groups=_groups(groups, encoding, delimiter), length=length,
                         include=include.split(",") if include is not None else None)
        emit(result, fmt, out, lang, formula_guard)
        if not _to_terminal_table(fmt, out):  # the terminal table shows them itself
            for message in result.messages():
                typer.secho(f"note: {message.text(lang)}", err=True, fg="yellow")
        _note_synthetic(result.synthetic, lang)


def _to_terminal_table(fmt, out: Path | None) -> bool:
    from flytt import render

    chosen = fmt if fmt else (render.format_from_suffix(out) if out else None)
    return chosen in (None, "table") and out is None


def _write_figures(result, panel, directory: Path, lang: Lang) -> None:
    """The seed's figures of ``result`` (+ the intervals with --uncertainty) and, when the
    panel has net immigration, its national line (fig 13) as PNG, SVG and HTML."""
    from flytt.barometer.panel import NET_IMMIGRATION
    from flytt.errors import FlyttError
    from flytt.figures import barometer as fig
    from flytt.figures import save

    stem = f"barometer-{result.level}-{result.stream}" + ("-long" if result.long_term else "")
    charts: dict[str, Callable[[], alt.TopLevelMixin]] = {
        f"{stem}-scatter": lambda: fig.scatter(result, lang=lang),
        f"{stem}-top": lambda: fig.bars(result, n=20, which="top", lang=lang),
        f"{stem}-bottom": lambda: fig.bars(result, n=15, which="bottom", lang=lang),
        f"{stem}-map": lambda: fig.quintile_map(result, lang=lang)}
    if result.uncertainty is not None:
        charts[f"{stem}-intervals"] = lambda: fig.intervals(result, lang=lang)
    if NET_IMMIGRATION in panel.frame.columns:
        charts["barometer-net-immigration"] = lambda: fig.immigration_line(panel, lang=lang)
    for name, make in charts.items():
        try:
            paths = save(make(), directory / name, locale=lang)
        except FlyttError as exc:  # e.g. no boundaries for these codes: skip that map
            typer.secho(f"note: no {name} figure: {exc}", err=True, fg="yellow")
            continue
        typer.echo(f"Wrote {', '.join(str(p) for p in paths)}", err=True)
