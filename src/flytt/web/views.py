"""What the dashboard shows, as JSON-ready views: each is a call into the core API and a
figure function, cached per parameter set (results are read-only, so the cache is safe to
share between requests)."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .. import render
from ..errors import FlyttError
from ..i18n import Message, msg, t
from ..options import Lang
from ..report import vega

CACHE_SIZE = 256


@dataclass(frozen=True)
class View:
    """One chart and its table: the answer of every page-facing API endpoint."""

    title: str
    spec: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    table_html: str
    notes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    more: list[dict[str, Any]] = field(default_factory=list)
    """Further charts (Vega-Lite specs) shown beside the main one."""

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-safe dicts: missing → null, numpy scalars → Python numbers."""
    out = frame.astype(object).where(frame.notna(), None)
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in out.to_dict(orient="records")]


def view(title: str, chart: Any, table: Any, *, notes: Sequence[str] = (),
         meta: dict[str, Any] | None = None, more: Sequence[Any] = (),
         lang: Lang = "en") -> View:
    """A :class:`View` of an Altair chart (and ``more`` charts) and anything with
    ``to_frame()``; the table's headings and row names in ``lang``."""
    frame = table.to_frame()
    return View(title=title, spec=vega.spec(chart, lang), columns=[str(c) for c in frame.columns],
                rows=records(frame),
                table_html=render.to_html(table, standalone=False, lang=lang),
                notes=list(notes), meta=meta or {}, more=[vega.spec(c, lang) for c in more])


STORE = "store"
"""The source name of the store given to ``flytt serve --db``."""


def store_version(db: Path) -> float:
    """When the store file last changed: part of the cache key of store views, so an import
    made while the dashboard runs shows at the next request."""
    return db.stat().st_mtime if db.exists() else 0.0


@lru_cache(maxsize=CACHE_SIZE)
def table_view(kind: str, dataset: str, year: int, lang: Lang, db: str = "",
               version: float = 0.0) -> bytes:
    """An SSB table of a built-in dataset, or of the store at ``db`` (opened read-only)
    when ``dataset`` is :data:`STORE`, with its chart."""
    from ..api import migration_table
    from ..figures.tables import chart_labels, table_chart

    if dataset == STORE:
        table = migration_table(kind, year=year, db=db)  # type: ignore[arg-type]
    else:
        table = migration_table(kind, dataset=dataset, year=year)  # type: ignore[arg-type]
    title = render.caption(table, lang)
    return view(title, table_chart(table, title=title, labels=chart_labels(lang)), table,
                meta={"kind": kind, "dataset": dataset, "year": table.year},
                lang=lang).to_json()


def flows_title(top: int, year: int, direction: str, names: Sequence[str], lang: Lang) -> str:
    """``The 3 largest flows into Oslo, 2011``; ``… between Oslo and Akershus``; without
    regions the title of every flow between the counties."""
    if not names:
        return t("fig_flowmap", lang, top=top, year=year)
    listed = names[0] if len(names) == 1 else \
        f"{', '.join(names[:-1])} {t('and', lang)} {names[-1]}"
    return t(f"flows_title.{direction}", lang, top=top, names=listed, year=year)


@lru_cache(maxsize=CACHE_SIZE)
def flows_view(dataset: str, year: int, top: int, direction: str, regions: tuple[str, ...],
               lang: Lang) -> bytes:
    """The largest flows of a built-in dataset between its regions' centroids, drawn on the
    map of the 19 counties of 1972–2017."""
    from .. import datasets, geo
    from ..figures.maps import flow_map
    from ..flowlines import MAP_VINTAGE, top_flows
    from ..indices.geography import geography_for
    from ..tables import FrameTable

    flows = datasets.load(dataset).flows
    if flows is None:
        from ..errors import NotFoundError

        raise NotFoundError(f"dataset '{dataset}' has no flows")
    lines = top_flows(flows, geography_for(flows.regions()).centroids, year=year, top=top,
                      direction=direction, regions=regions)  # type: ignore[arg-type]
    if lines.frame.empty:
        from ..errors import NotFoundError

        raise NotFoundError(f"no flow in {lines.year} matches direction '{direction}'"
                            + (f" and regions {', '.join(regions)}" if regions else ""))
    names = dict(zip(lines.points["code"], lines.points["name"]))
    title = flows_title(len(lines.frame), lines.year, direction,
                        [names.get(r, r) for r in regions], lang)
    chart = flow_map(lines, geo.boundaries("county", MAP_VINTAGE), title=title,
                     moves_title=t("moves", lang))
    shown = lines.frame.drop(columns=[c for c in lines.frame.columns
                                      if c.endswith(("_lon", "_lat"))])
    return view(title, chart, FrameTable("flowlines", title, shown),
                notes=[t("flowmap_note", lang),
                       geo.boundary_source("county", MAP_VINTAGE).message().text(lang)],
                lang=lang,
                meta={"year": lines.year, "direction": direction, "regions": list(regions),
                      "total_moves": lines.total_moves,
                      "shown_share": round(lines.shown_share, 6),
                      "choices": [{"code": c, "name": n} for c, n in
                                  zip(lines.points["code"], lines.points["name"])]}).to_json()


# --------------------------------------------------------------------------- barometer
PERIOD_LENGTH = 3


@cache
def barometer_panel(source: str = ""):  # -> flytt.barometer.Panel
    """The barometer's panel (built once per process): the store at ``source`` when it holds
    what a panel needs (:func:`flytt.api.dashboard_panel`), else the SYNTHETIC demo panel."""
    from ..api import dashboard_panel

    return dashboard_panel(source or None)


@cache
def barometer_periods(source: str = "") -> tuple[str, ...]:
    """The three-year periods of the panel, latest first (``2022-2024``, ``2019-2021``, …);
    each needs the jobs of the year before it."""
    years = barometer_panel(source).years
    ends = range(years[-1], years[0] + PERIOD_LENGTH - 1, -PERIOD_LENGTH)
    return tuple(f"{end - PERIOD_LENGTH + 1}-{end}" for end in ends)


@lru_cache(maxsize=CACHE_SIZE)
def barometer_result(period: str, level: str, stream: str, long_term: bool, source: str = ""):
    """The barometer of the panel (cached)."""
    from ..barometer import barometer, parse_period
    from ..errors import InputError

    problem = long_term_problem(period, source) if long_term else None
    if problem is not None:
        raise InputError(problem.text("en"))
    return barometer(barometer_panel(source), parse_period(period),  # type: ignore[arg-type]
                     level=level, stream=stream, long_term=long_term)  # type: ignore[arg-type]


def long_term_periods(source: str = "") -> tuple[str, ...]:
    """The periods whose long term (the sum over it and the two periods before it) the panel
    supports: all but the two oldest."""
    periods = barometer_periods(source)
    return periods[:max(len(periods) - 2, 0)]


def long_term_problem(period: str, source: str = "") -> Message | None:
    """Why ``period`` has no long term (a catalog message naming what exists), or None."""
    supported = long_term_periods(source)
    if period in supported:
        return None
    if not supported:
        return msg("barometer.long_term_none", periods=len(barometer_periods(source)))
    return msg("barometer.long_term_from", first=supported[-1])


@lru_cache(maxsize=CACHE_SIZE)
def barometer_view(period: str, level: str, stream: str, long_term: bool, lang: Lang,
                   source: str = "") -> bytes:
    """Quintile map (click a unit for its history), scatter, top bars and the ranking."""
    from ..figures import barometer as fig
    from ..tables import FrameTable

    result = barometer_result(period, level, stream, long_term, source)
    title, footnote = render.title_text(result, lang), render.footnote_text(result, lang)
    more: list[Any] = [fig.scatter(result, lang=lang), fig.bars(result, n=20, lang=lang)]
    try:
        chart = fig.quintile_map(result, lang=lang)
        hint = t(f"click_hint.{level}", lang)
    except FlyttError as exc:  # no boundaries (offline, or codes of no known vintage)
        chart, more = more[0], more[1:]
        hint = t("map_left_out", lang, reason=exc)
    shown = view(title, chart, FrameTable("barometer", title, result.to_frame(), footnote),
                 notes=[hint, footnote], more=more, lang=lang,
                 meta={"period": period, "level": level, "stream": stream,
                       "long_term": long_term, "units": len(result.frame),
                       "synthetic": result.synthetic, "source": result.source})
    return shown.to_json()  # the figures name the stream themselves


@lru_cache(maxsize=CACHE_SIZE)
def history_view(code: str, level: str, stream: str, lang: Lang, source: str = "") -> bytes:
    """One unit's index, rank and quintile in every period of the panel."""
    from ..errors import NotFoundError
    from ..figures.history import period_history
    from ..tables import FrameTable

    rows = []
    for period in reversed(barometer_periods(source)):
        frame = barometer_result(period, level, stream, False, source).frame
        match = frame[frame["region_code"] == code]
        if match.empty:
            raise NotFoundError(f"no {level} '{code}' in the barometer; codes are like "
                                f"{', '.join(frame['region_code'].head(3))}")
        rows.append(match.iloc[0][["region_code", "region_name", "rank", "quintile",
                                   "net_migration_pct", "job_growth_pct",
                                   "attractiveness"]].to_dict() | {"period": period})
    frame = pd.DataFrame(rows)[["period", "region_code", "region_name", "rank", "quintile",
                                "net_migration_pct", "job_growth_pct", "attractiveness"]]
    name = frame["region_name"].iloc[0]
    synthetic = barometer_panel(source).synthetic
    title = f"{t('history', lang)}: {code} {name}" + (
        t("synthetic.title_suffix", lang) if synthetic else "")
    chart = period_history(frame, title=title, value="attractiveness",
                           value_title=t("attractiveness", lang))
    return view(title, chart, FrameTable("history", title, frame),
                notes=[t("synthetic_note", lang)] if synthetic else [], lang=lang,
                meta={"code": code, "name": name, "level": level, "stream": stream}).to_json()


# --------------------------------------------------------------------------- city
CITY_PERSONS, CITY_SEED, CITY_YEARS = 50_000, 2020, (2016, 2020)
CITIES: dict[str, str] = {"0301": "Oslo", "4601": "Bergen", "5001": "Trondheim",
                          "1103": "Stavanger", "4204": "Kristiansand"}
"""The cities offered on the page (2024 codes; the synthetic register uses that map)."""
CITY_PARTS: tuple[str, ...] = ("trend", "age", "occupation", "background",
                               "birthplace_family", "destinations", "decomposition")
_register_lock = threading.Lock()


def city_register() -> Path:
    """A synthetic register for the city page, generated once into the user cache
    (``$FLYTT_CACHE_DIR``) and reused; labelled synthetic in every view."""
    from ..cache import cache_root
    from ..synth import synthesize

    folder = cache_root() / "web" / f"synthetic-register-{CITY_PERSONS}-{CITY_SEED}"
    with _register_lock:
        if not (folder / "complete").exists():
            synthesize(folder, persons=CITY_PERSONS, years=range(CITY_YEARS[0],
                                                                 CITY_YEARS[1] + 1),
                       seed=CITY_SEED, overwrite=True)
            (folder / "complete").write_text("flytt synth\n", encoding="utf-8")
    return folder


@lru_cache(maxsize=32)
def city_result(code: str, focus: int, lang: Lang):
    """The out-migration analysis of ``code`` in ``focus`` against the years before it."""
    from .. import city

    return city.analyse(city_register(), code, focus=focus,
                        baseline=(CITY_YEARS[0], focus - 1), lang=lang)


@lru_cache(maxsize=CACHE_SIZE)
def city_view(code: str, focus: int, part: str, lang: Lang) -> bytes:
    """One part of the city analysis: its figure and its table."""
    from ..figures import city as fig

    result = city_result(code, focus, lang)
    data = result.part(part)
    notes = [*filter(None, [result.synthetic_note]), *result.notes]
    shown = dataclasses.replace(data, footnote=result.own_footnotes.get(part, data.footnote))
    return view(data.title, fig.chart(result, part), shown, notes=notes, lang=lang,
                meta={"code": code, "name": result.name, "focus": focus, "part": part,
                      "summary": result.summary()}).to_json()
