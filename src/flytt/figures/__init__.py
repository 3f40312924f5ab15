"""Charts (Altair/Vega-Lite) and their export to PNG, SVG and HTML via vl-convert.

Figure modules turn result objects into ``alt.Chart`` s; :func:`save` writes them. Altair
is imported only when a figure is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..i18n import chart_locale
from ..options import Lang

if TYPE_CHECKING:
    import altair as alt

_ChartT = TypeVar("_ChartT", bound="alt.TopLevelMixin")

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
PALETTE = {"primary": "#1f5f8b", "highlight": "#c0392b", "muted": "#9aa7b1",
           "positive": "#1f5f8b", "negative": "#c0392b"}
QUINTILE_COLOURS = ["#b2182b", "#ef8a62", "#f7f7f7", "#67a9cf", "#2166ac"]
"""Lowest to highest quintile (red = least attractive, blue = most), as seed 003's maps."""


def localised_spec(spec: dict, lang: Lang = "en") -> dict:
    """A Vega-Lite spec dict with ``config.locale`` set for ``lang``
    (:func:`flytt.i18n.chart_locale`: the numbers of the tables, in the charts)."""
    locale = chart_locale(lang)
    config = dict(spec.get("config", {}))
    config["locale"] = {**config.get("locale", {}), "number": locale}
    return {**spec, "config": config}


def theme() -> dict:
    """A quiet, print-friendly Vega-Lite config shared by every flytt figure."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e9ec"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12},
            "title": {"fontSize": 14, "anchor": "start", "fontWeight": 600},
        }
    }


def configure(chart: _ChartT) -> _ChartT:
    cfg = theme()["config"]
    return (chart.configure(font=cfg["font"]).configure_view(stroke=None)
            .configure_axis(labelFontSize=11, titleFontSize=12, gridColor="#e6e9ec")
            .configure_title(fontSize=14, anchor="start"))


def save(chart: alt.TopLevelMixin, stem: str | Path,
         formats: Iterable[str] = ("png", "svg", "html"), scale: float = 2.0,
         locale: dict | str | None = None) -> list[Path]:
    """Write ``chart`` as ``stem.png``/``stem.svg``/``stem.html``; returns the paths.

    PNG and SVG are rendered by vl-convert (no browser); HTML embeds the Vega libraries
    inline so the file works offline. ``locale`` is a d3-format number locale (a dict
    from :func:`flytt.i18n.chart_locale`, or a language code ``"nb"``/``"en"``); default: the
    chart's own ``config.locale``, else English (the numbers of flytt's tables).
    """
    import vl_convert as vlc

    from ..output import write_file

    stem = Path(stem)
    spec = chart.to_dict()
    if isinstance(locale, str):
        locale = chart_locale(locale)  # type: ignore[arg-type]
    if locale is None:  # the chart's own (a figure that set its language), else English
        locale = spec.get("config", {}).get("locale", {}).get("number") or chart_locale("en")
    config = dict(spec.get("config", {}))
    config["locale"] = {**config.get("locale", {}), "number": locale}
    spec = {**spec, "config": config}
    opts: dict[str, Any] = {"format_locale": locale}
    written = []
    for fmt in formats:
        path = stem.with_suffix(f".{fmt}")
        content: str | bytes
        if fmt == "png":
            content = vlc.vegalite_to_png(spec, scale=scale, **opts)
        elif fmt == "svg":
            content = vlc.vegalite_to_svg(spec, **opts)
        elif fmt == "html":
            content = vlc.vegalite_to_html(spec, bundle=True, **opts)
        elif fmt == "json":
            import json

            content = json.dumps(spec)
        else:
            raise ValueError(f"unknown figure format '{fmt}'")
        write_file(path, content)
        written.append(path)
    return written
