"""The report's sections. Each builder calls the analyses' public APIs and figure
functions on built-in data and returns a :class:`~.content.Section`; :func:`build_sections`
turns a missing module or unavailable data into a visible note instead of a crash."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import contracts as C
from .. import render
from ..errors import FlyttError, NotFoundError
from ..tables import FrameTable, MigrationTable
from .content import Figure, Note, Section, Table

if TYPE_CHECKING:
    from ..flows import Flows
from ..i18n import number, t
from ..options import Lang, Level


@dataclass(frozen=True)
class Context:
    """What every section builder gets."""

    lang: Lang
    out_dir: Path
    dataset: str = "ssb-counties"
    db: Path | None = None
    """A store whose barometer panel the barometer section shows (None: the demo panel)."""


def ssb_tables(dataset: str = "ssb-counties") -> list[MigrationTable]:
    """SSB's three tables from the dataset: the 2005 net matrix, the 2011 O-D matrix and
    the balances of 2011 (computed from flows) and 2015 (as published)."""
    from ..api import migration_table

    return [
        migration_table("net", dataset=dataset, year=2005),
        migration_table("od", dataset=dataset, year=2011),
        migration_table("balance", dataset=dataset, year=2011),
        migration_table("balance", dataset=dataset, year=2015),
    ]


def tables_section(ctx: Context) -> Section:
    """SSB's county tables, each with its chart."""
    from ..figures.tables import chart_labels, table_chart

    section = Section("tables", t("sec_tables", ctx.lang), t("sec_tables_intro", ctx.lang))
    for table in ssb_tables(ctx.dataset):
        stem = f"{table.kind}_{table.year}"
        section.items.append(Table(stem, table))
        title = render.caption(table, ctx.lang)
        section.items.append(Figure(stem, table_chart(table, title=title,
                                                      labels=chart_labels(ctx.lang))))
    return section


def _dataset_flows(dataset: str) -> Flows:
    """The flows of a built-in dataset; :class:`NotFoundError` if it has none."""
    from .. import datasets

    flows = datasets.load(dataset).flows
    if flows is None:
        raise NotFoundError(f"dataset '{dataset}' has no flows")
    return flows


def maps_section(ctx: Context, year: int = 2011, top: int = 25) -> Section:
    """Choropleth of net internal migration, flow map and chord diagram of the county flows."""
    from .. import geo
    from ..api import migration_table
    from ..figures.indices import chord_diagram
    from ..figures.maps import choropleth, flow_map, quintile_labels
    from ..flowlines import MAP_VINTAGE, top_flows
    from ..indices import ODMatrix
    from ..indices.geography import geography_for

    lang = ctx.lang
    section = Section("maps", t("sec_maps", lang), t("sec_maps_intro", lang))
    flows = _dataset_flows(ctx.dataset)
    boundaries = geo.boundaries("county", MAP_VINTAGE)
    section.items.append(_boundaries_note("county", MAP_VINTAGE, lang))
    balance = migration_table("balance", flows=flows, year=year).to_frame()
    balance = balance[balance[C.REGION] != C.TOTAL]
    values = pd.DataFrame({"code": balance[C.REGION], "value": balance["net_internal"]})
    section.items.append(Figure(
        f"map_net_internal_{year}",
        choropleth(boundaries, values, title=t("fig_choropleth", lang, year=year),
                   value_title=t("net_internal", lang),
                   class_labels=quintile_labels(lang), no_data=t("no_data", lang)),
        t("fig_choropleth_caption", lang)))
    lines = top_flows(flows, geography_for(flows.regions()).centroids, year=year, top=top)
    section.items.append(Figure(
        f"flowmap_{year}",
        flow_map(lines, boundaries, title=t("fig_flowmap", lang, top=top, year=year),
                 moves_title=t("moves", lang)),
        t("fig_flowmap_caption", lang, share=lines.shown_share)))
    section.items.append(Figure(f"chord_{year}", chord_diagram(
        ODMatrix.from_flows(flows, year),
        title=t("fig_chord", lang, year=year))))
    section.items.append(Table(f"flowmap_{year}", FrameTable(
        "flowlines", t("fig_flowmap", lang, top=top, year=year),
        lines.frame.drop(columns=[c for c in lines.frame.columns if c.endswith(("_lon", "_lat"))]),
    )))
    return section


def _capital(text: str) -> str:
    """``text`` starting with a capital letter (notes are sentences)."""
    return text[:1].upper() + text[1:]


BAROMETER_PERIOD = (2022, 2024)


def _map(stem: str, draw: Callable[..., object], *args: object, **kwargs: object
         ) -> Figure | Note:
    """A map figure, or a visible note when its boundaries cannot be had (e.g. the demo
    panel's invented municipalities when the data registry is out of reach)."""
    try:
        return Figure(stem, draw(*args, **kwargs))
    except FlyttError as exc:
        return Note(_capital(f"{stem}: {exc}"), missing=True)


def _boundaries_note(level: str, vintage: int, lang: Lang) -> Note:
    """Which boundaries the maps of ``level``/``vintage`` drew (registry or bundled)."""
    from .. import geo

    try:
        return Note(geo.boundary_source(level, vintage).message().text(lang))
    except FlyttError as exc:
        return Note(_capital(str(exc)), missing=True)


def barometer_section(ctx: Context, period: tuple[int, int] | None = None) -> Section:
    """The barometer on the store's panel (``ctx.db``) or the synthetic demo panel: scatter,
    rankings, quintile maps of municipalities and regions (period and long term),
    immigration, streams, uncertainty and drivers tables. ``period``: default the demo's
    :data:`BAROMETER_PERIOD`, or the store panel's last three years."""
    from ..api import dashboard_panel
    from ..barometer import barometer, drivers, long_term_periods, period_label, streams
    from ..barometer.panel import NET_IMMIGRATION
    from ..figures import barometer as fig

    lang = ctx.lang
    panel = dashboard_panel(ctx.db)
    if period is None:
        period = BAROMETER_PERIOD if panel.synthetic else (panel.years[-3], panel.years[-1])
    intro = (t("sec_barometer_intro", lang) if panel.synthetic else
             t("sec_barometer_intro_store", lang, source=panel.source))
    section = Section("barometer", t("sec_barometer", lang), intro)
    span = period_label(period)
    municipal = barometer(panel, period, uncertainty=True)
    # the long term's first period needs the jobs of the year before it
    has_long_term = long_term_periods(period)[0][0] - 1 >= panel.years[0]
    long_term = barometer(panel, period, long_term=True) if has_long_term else municipal

    items = section.items
    items.append(Figure("barometer_scatter", fig.scatter(municipal, lang=lang)))
    items.append(Figure("barometer_top", fig.bars(municipal, n=20, which="top", lang=lang)))
    items.append(Figure("barometer_bottom", fig.bars(municipal, n=15, which="bottom",
                                                     lang=lang)))
    items.append(Figure("barometer_top_long_term", fig.bars(long_term, n=20, lang=lang)))
    items.append(_map("barometer_map_municipalities", fig.quintile_maps, municipal, long_term,
                      lang=lang))
    maps: tuple[tuple[Level, str], ...] = (("region", "barometer_map_regions"),
                                           ("county", "barometer_map_counties"))
    for level, stem in maps:
        try:  # a panel of codes no grouping vintage covers has no regions or counties
            shown = barometer(panel, period, level=level)
            longer = barometer(panel, period, level=level, long_term=True) \
                if has_long_term and level == "region" else None
        except FlyttError as exc:
            items.append(Note(_capital(f"{stem}: {exc}"), missing=True))
            continue
        items.append(_map(stem, fig.quintile_maps, shown, longer, lang=lang) if longer
                     else _map(stem, fig.quintile_map, shown, lang=lang))
    if municipal.vintage is not None:
        items.append(_boundaries_note("municipality", municipal.vintage, lang))
    if NET_IMMIGRATION in panel.frame.columns:
        items.append(Figure("barometer_immigration", fig.immigration_line(panel, lang=lang)))
    levels = t("municipalities", lang)
    items.append(Table("barometer_top", FrameTable(
        "barometer", t("tab_top", lang, n=20, levels=levels, period=span),
        municipal.top(20)[list(municipal.to_frame().columns[:8])],
        render.footnote_text(municipal, lang))))
    uncertainty = municipal.to_frame().head(20)[
        ["rank", C.REGION, C.REGION_NAME, "attractiveness", "attractiveness_low",
         "attractiveness_high", "rank_low", "rank_high", "attractiveness_shrunk",
         "rank_shrunk"]]
    items.append(Table("barometer_uncertainty", FrameTable(
        "uncertainty", t("tab_uncertainty", lang, period=span), uncertainty,
        municipal.uncertainty.describe(lang) if municipal.uncertainty else "")))
    if len(panel.streams) > 1:
        items.append(Table("barometer_streams", FrameTable(
            "streams", t("tab_streams", lang, period=span),
            streams(panel, period).head(20))))
    items.append(Table("barometer_drivers", drivers(panel)))  # as seed 003
    return section


CITY_REGISTER: dict[str, Any] = {"persons": 50_000, "seed": 2020,
                                 "folder": "synthetic-register"}
"""The synthetic register the city section generates into the report folder."""


def _age_schedule(result, lang: Lang) -> Figure | Note:  # result: flytt.city.CityResult
    """The Rogers–Castro model schedule (:mod:`flytt.indices`) fitted to the city's
    out-migration rates by single year of age in the focus year (published cells only)."""
    from ..figures.indices import age_schedule_plot
    from ..indices import fit_rogers_castro

    ages = result.age.frame
    ages = ages[(ages["year"] == result.focus) & ages["rate_per_100"].notna()]
    try:
        fit = fit_rogers_castro(ages["age"].to_numpy(float),
                                ages["rate_per_100"].to_numpy(float) / 100)  # per person
    except (FlyttError, ValueError, RuntimeError) as exc:
        return Note(f"{t('fig_age_schedule', lang, name=result.name, year=result.focus)}: "
                    f"{exc}", missing=True)
    return Figure("city_age_schedule", age_schedule_plot(
        fit, title=t("fig_age_schedule", lang, name=result.name, year=result.focus)),
        t("fig_age_schedule_caption", lang))


def city_section(ctx: Context, code: str = "0301", focus: int = 2020,
                 baseline: tuple[int, int] = (2016, 2019)) -> Section:
    """The city analysis (seed 004) on a synthetic register generated into the report
    folder: every figure of :mod:`flytt.figures.city` and every part as a table."""
    from .. import city
    from ..figures import city as fig
    from ..synth import synthesize

    lang = ctx.lang
    persons, seed, folder = (CITY_REGISTER[k] for k in ("persons", "seed", "folder"))
    register = synthesize(ctx.out_dir / str(folder), persons=int(persons),
                          years=range(baseline[0], focus + 1), seed=int(seed), overwrite=True)
    result = city.analyse(register.out_dir, code, focus=focus, baseline=baseline, lang=lang)
    section = Section("city", t("sec_city", lang),
                      t("sec_city_intro", lang, persons=number(int(persons), lang), seed=seed,
                        folder=folder),
                      [Note(_capital(t("synthetic_label", lang))),
                       *(Note(_capital(n)) for n in result.notes)])
    for name in fig.CHARTS:
        section.items.append(Figure(f"city_{name}", fig.chart(result, name)))
    section.items.append(_age_schedule(result, lang))
    for name, part in result.parts.items():
        section.items.append(Table(f"city_{name}", part))
    return section


def indices_section(ctx: Context, year: int = 2011) -> Section:
    """The migration indices of the county flows: the summary, corridors and regions
    tables, distance decay and the indices by number of zones.

    Without the counties' geography (data registry out of reach) the section keeps every
    part that needs none — the summary without the distance indices, corridors, regions
    and the chord diagram (whose maps section then cannot be made) — and a visible note
    names the distance indices, the distance-decay and the scale figure as missing."""
    from ..figures.indices import chord_diagram, distance_decay_plot, scale_plot
    from ..indices import ODMatrix, corridors, distance_decay, region_summary, summary
    from ..indices.geography import geography_for
    from ..indices.scale import indices_by_scale
    from ..registry import ENV_MIRROR

    lang = ctx.lang
    matrix = ODMatrix.from_flows(_dataset_flows(ctx.dataset), year)
    try:
        geography = geography_for(matrix.codes)
    except FlyttError as exc:
        geography, missing = None, exc
    distances = geography.distances() if geography is not None else None
    section = Section("indices", t("sec_indices", lang), t("sec_indices_intro", lang))
    table = summary(matrix, distances=distances).to_frame()
    table["description"] = [t(f"indices.{m}", lang) for m in table["measure"]]
    section.items.append(
        Table(f"indices_{year}", FrameTable("indices", t("tab_indices", lang, year=year), table)))
    if geography is not None:
        section.items += [
            Figure(f"distance_decay_{year}", distance_decay_plot(
                distance_decay(matrix, distances), lang=lang)),
            Figure(f"indices_by_scale_{year}", scale_plot(indices_by_scale(
                matrix, geography.neighbours), lang=lang)),
        ]
    else:
        section.items += [
            Note(t("no_geography", lang, exc=missing, env=ENV_MIRROR), missing=True),
            Figure(f"chord_{year}", chord_diagram(matrix, title=t("fig_chord", lang,
                                                                  year=year))),
        ]
    section.items += [
        Table(f"corridors_{year}", FrameTable("corridors", t("tab_corridors", lang, year=year),
                                              corridors(matrix).top(15))),
        Table(f"regions_{year}", FrameTable("regions", t("tab_regions", lang, year=year),
                                            region_summary(matrix).to_frame())),
    ]
    return section


SECTION_BUILDERS: tuple[tuple[str, str, Callable[[Context], Section]], ...] = (
    ("tables", "sec_tables", tables_section),
    ("maps", "sec_maps", maps_section),
    ("barometer", "sec_barometer", barometer_section),
    ("city", "sec_city", city_section),
    ("indices", "sec_indices", indices_section),
)


def build_sections(ctx: Context) -> list[Section]:
    """Every section; one whose module is missing or whose data cannot be had becomes a
    section with a visible note saying so."""
    sections = []
    for sid, title_key, builder in SECTION_BUILDERS:
        try:
            sections.append(builder(ctx))
        except (ImportError, FlyttError) as exc:
            sections.append(Section(sid, t(title_key, ctx.lang), items=[
                Note(f"{t('missing', ctx.lang)}: {exc}", missing=True)]))
    return sections
