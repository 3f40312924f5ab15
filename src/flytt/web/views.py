"""What the dashboard shows, as JSON-ready views: each is a call into the core API and a
figure function, cached per parameter set (results are read-only, so the cache is safe to
share between requests)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from .. import render
from ..report import vega
from ..report.i18n import Lang, t

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

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-safe dicts: missing → null, numpy scalars → Python numbers."""
    out = frame.astype(object).where(frame.notna(), None)
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in out.to_dict(orient="records")]


def view(title: str, chart: Any, table: Any, *, notes: Sequence[str] = (),
         meta: dict[str, Any] | None = None) -> View:
    """A :class:`View` of an Altair chart and anything with ``to_frame()``."""
    frame = table.to_frame()
    return View(title=title, spec=vega.spec(chart), columns=[str(c) for c in frame.columns],
                rows=records(frame), table_html=render.to_html(table, standalone=False),
                notes=list(notes), meta=meta or {})


@lru_cache(maxsize=CACHE_SIZE)
def table_view(kind: str, dataset: str, year: int, lang: Lang) -> bytes:
    """An SSB table of a built-in dataset with its chart."""
    import dataclasses

    from ..api import migration_table
    from ..figures.tables import table_chart

    table = migration_table(kind, dataset=dataset, year=year)  # type: ignore[arg-type]
    if lang == "nb":
        table = dataclasses.replace(table, title=t(f"title_{kind}", lang))
    title = f"{table.title}, {table.year}"
    labels = {"net_internal": t("net_internal", lang), "net_abroad": t("net_abroad", lang),
              "net_total": t("net", lang), "moves": t("moves", lang)}
    return view(title, table_chart(table, title=title, labels=labels), table,
                meta={"kind": kind, "dataset": dataset, "year": table.year}).to_json()


@lru_cache(maxsize=CACHE_SIZE)
def flows_view(dataset: str, year: int, top: int, direction: str, regions: tuple[str, ...],
               lang: Lang) -> bytes:
    """The largest flows of a built-in county dataset on the 2018 county map."""
    from .. import geo
    from ..figures.maps import flow_map
    from ..flowlines import MAP_VINTAGE, county_flows_on_map, top_flows
    from ..report.content import FrameTable

    flows = county_flows_on_map(dataset)
    lines = top_flows(flows, geo.centroids("county", MAP_VINTAGE), year=year, top=top,
                      direction=direction, regions=regions)  # type: ignore[arg-type]
    title = t("fig_flowmap", lang, top=len(lines.frame), year=lines.year)
    chart = flow_map(lines, geo.boundaries("county", MAP_VINTAGE), title=title,
                     moves_title=t("moves", lang))
    shown = lines.frame.drop(columns=[c for c in lines.frame.columns
                                      if c.endswith(("_lon", "_lat"))])
    return view(title, chart, FrameTable("flowlines", title, shown),
                notes=[t("sec_maps_intro", lang)],
                meta={"year": lines.year, "direction": direction, "regions": list(regions),
                      "total_moves": lines.total_moves,
                      "shown_share": round(lines.shown_share, 6),
                      "choices": [{"code": c, "name": n} for c, n in
                                  zip(lines.points["code"], lines.points["name"])]}).to_json()
