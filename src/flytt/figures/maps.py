"""Maps: choropleths in quintile classes (as seed 003, fig. 7) and flow maps.

Boundaries come as GeoJSON FeatureCollections with string properties ``code`` and
``name`` (:func:`flytt.geo.boundaries`); values as a frame ``code, value``. Norway is
drawn in a transverse Mercator projection centred on 15° E (UTM zone 33's meridian).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..classes import quintile_classes
from ..i18n import text
from ..options import Lang
from . import PALETTE, QUINTILE_COLOURS

if TYPE_CHECKING:
    import altair as alt

    from ..flowlines import FlowLines



def quintile_labels(lang: Lang = "en") -> tuple[str, ...]:
    """The legend of a quintile map, lowest fifth first, in ``lang``."""
    return tuple(text(f"quintile.{q}", lang) for q in range(1, 6))
NO_DATA_COLOUR = "#d9d9d9"
LAND_COLOUR = "#eef0f2"


PROJECTION: dict[str, Any] = {"type": "transverseMercator", "rotate": [-15, 0, 0]}
"""Transverse Mercator on 15° E: Norway upright, as on Kartverket's maps
(keyword arguments of ``Chart.project``)."""


def compact(geojson: dict, digits: int = 3) -> dict:
    """A copy of ``geojson`` with coordinates rounded to ``digits`` decimals (3 ≈ 100 m) and
    repeated points dropped: a third of the size, the same map at report scale."""
    def ring(points: list) -> list:
        out: list = []
        for x, y, *_ in points:
            p = [round(x, digits), round(y, digits)]
            if not out or p != out[-1]:
                out.append(p)
        return out if len(out) >= 4 else [[round(x, digits), round(y, digits)]
                                          for x, y, *_ in points]

    features = []
    for f in geojson["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        geometry = {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in polys]}
        features.append({"type": "Feature", "properties": dict(f["properties"]),
                         "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def for_vega(geojson: dict, min_area: float = 1e-5) -> dict:
    """A copy for drawing with Vega: exterior rings clockwise (d3 reads a counter-clockwise
    exterior, GeoJSON's RFC 7946 order, as the globe minus the polygon) and polygon parts
    under ``min_area`` square degrees (≈ 0.05 km², invisible on a map of Norway) dropped,
    since rounding coordinates can turn such slivers inside out.

    Invalid parts are repaired first (``shapely.make_valid``): a self-intersecting ring
    (a "bow-tie", e.g. in Larvik 3814 of the 2020 boundaries) has lobes of both
    orientations, and d3 draws such a part as the whole globe."""
    import shapely
    from shapely.geometry import mapping, shape

    features = []
    for f in geojson["features"]:
        geom = shapely.make_valid(shape(f["geometry"]))
        parts = [p for g in shapely.get_parts(geom) for p in shapely.get_parts(g)
                 if p.geom_type == "Polygon" and p.area >= min_area]
        if parts:
            geom = shapely.orient_polygons(shapely.MultiPolygon(parts), exterior_cw=True)
            features.append({**f, "geometry": mapping(geom)})
    return {"type": "FeatureCollection", "features": features}


def shapes(geojson: dict) -> alt.Data:
    """The features of ``geojson`` (oriented for Vega, compacted) as inline Vega-Lite data. They are passed as
    one JSON string, which Vega parses: Altair then copies and validates a string instead
    of walking every coordinate (seconds → milliseconds for a municipality map)."""
    import json

    import altair as alt

    features = compact(for_vega(geojson))["features"]
    return alt.Data(values=json.dumps(features, separators=(",", ":")),
                     format=alt.DataFormat(type="json"))


def choropleth(geojson: dict, values: pd.DataFrame, *, title: str, value_title: str,
               class_labels: Sequence[str] | None = None, no_data: str | None = None,
               value_format: str = ",.0f", width: int = 360, height: int = 460) -> alt.Chart:
    """Regions coloured by the quintile class of ``values.value`` (red = lowest fifth,
    blue = highest), tooltips with name, code and value; regions without a value grey."""
    class_labels = class_labels or quintile_labels()
    no_data = no_data or text("no_data")
    import altair as alt

    by_code = values.set_index("code")["value"]
    classes = quintile_classes(by_code)
    features = []
    for f in geojson["features"]:
        code = f["properties"]["code"]
        value = by_code.get(code)
        known = value is not None and pd.notna(value)
        label = class_labels[int(classes[code]) - 1] if known else no_data
        features.append({**f, "properties": {**f["properties"],
                                             "value": float(value) if known else None,
                                             "class": label}})
    domain = list(class_labels) + [no_data]
    colours = list(QUINTILE_COLOURS) + [NO_DATA_COLOUR]
    return (
        alt.Chart(shapes({"features": features}), title=title, width=width, height=height)
        .mark_geoshape(stroke="#7b8794", strokeWidth=0.35)
        .encode(
            color=alt.Color("properties.class:N", title=value_title,
                            scale=alt.Scale(domain=domain, range=colours),
                            legend=alt.Legend(orient="bottom-right", fillColor="#ffffffcc")),
            tooltip=[alt.Tooltip("properties.name:N", title="Name"),
                     alt.Tooltip("properties.code:N", title="Code"),
                     alt.Tooltip("properties.value:Q", title=value_title,
                                 format=value_format)],
        )
        .project(**PROJECTION)
    )


FLOW_WIDTH_RANGE = (2.0, 14.0)
"""Line width in pixels of the smallest and the largest flow shown on a flow map."""


def _nice_step(span: float, target: int) -> float:
    """A 1–2–2.5–5 × 10^k step giving about ``target`` steps over ``span``."""
    import math

    raw = span / max(target, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)


def flow_legend_values(lo: float, hi: float, entries: int = 4) -> list[float]:
    """Values for a flow map's width legend, all within the data's range ``[lo, hi]``: the
    smallest flow rounded up to two significant digits, then round numbers up to ``hi``
    (never 0 or a value no line has)."""
    import math

    lo, hi = float(lo), float(hi)
    if hi <= lo:
        return [hi]
    digits = 10 ** max(math.floor(math.log10(lo)) - 1, 0) if lo >= 1 else 1
    first = min(math.ceil(lo / digits) * digits, hi)
    step = _nice_step(hi - first, entries - 1)
    rest = [k * step for k in range(math.ceil(first / step), int(hi // step) + 1)]
    values = [first] + [v for v in rest if v - first >= step / 2]
    return [v for v in values if v > 0] or [hi]


HEAD_SHARE = 0.78
"""Where on a flow line its arrowhead sits: this share of the way to the destination."""


LANE_DEGREES = 0.06
"""How far (degrees of latitude) a flow line is moved to its right-hand side, so that the
flows A→B and B→A are two lanes instead of one line."""


def _lanes(frame: pd.DataFrame) -> pd.DataFrame:
    """Flow lines moved to the right of their direction by :data:`LANE_DEGREES`, with an
    arrowhead point near the destination end and the bearing of the line (degrees clockwise
    from north; east–west distances shrunk by cos(latitude), as on the map)."""
    scale = np.cos(np.radians((frame["origin_lat"] + frame["destination_lat"]) / 2))
    east = (frame["destination_lon"] - frame["origin_lon"]) * scale
    north = frame["destination_lat"] - frame["origin_lat"]
    length = np.hypot(east, north).replace(0, np.nan)
    shift_lon = (LANE_DEGREES * north / length / scale).fillna(0)
    shift_lat = (-LANE_DEGREES * east / length).fillna(0)
    out = frame.assign(origin_lon=frame["origin_lon"] + shift_lon,
                       origin_lat=frame["origin_lat"] + shift_lat,
                       destination_lon=frame["destination_lon"] + shift_lon,
                       destination_lat=frame["destination_lat"] + shift_lat)
    return out.assign(
        head_lon=out["origin_lon"] + HEAD_SHARE * (out["destination_lon"] - out["origin_lon"]),
        head_lat=out["origin_lat"] + HEAD_SHARE * (out["destination_lat"] - out["origin_lat"]),
        bearing=np.degrees(np.arctan2(east, north)))


LABEL_SPOTS: dict[str, tuple[str, int, int]] = {
    "right": ("left", 7, -5), "left": ("right", -7, -5),
    "above": ("center", 0, -13), "below": ("center", 0, 14)}
"""Where a region's name may go around its point: (text align, dx, dy) in pixels."""


def _label_spots(points: pd.DataFrame, px_per_degree: float = 37.0) -> pd.Series:
    """A spot of :data:`LABEL_SPOTS` per name, chosen greedily in the order of ``points``
    (busiest first): the first spot whose box overlaps no name placed before. Boxes are
    estimated in pixels from a local projection (``px_per_degree`` of latitude; 10 px
    bold type about 6.5 px per letter)."""
    x = points["lon"] * np.cos(np.radians(points["lat"].mean())) * px_per_degree
    y = -points["lat"] * px_per_degree
    placed: list[tuple[float, float, float, float]] = []
    spots = []
    for (_, p), px, py in zip(points.iterrows(), x, y):
        width, height = 6.5 * len(str(p["name"])), 12.0
        chosen = "right"
        for spot, (align, dx, dy) in LABEL_SPOTS.items():
            left = px + dx - {"left": 0, "right": width, "center": width / 2}[align]
            box = (left, py + dy - height / 2, left + width, py + dy + height / 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for b in placed):
                chosen = spot
                break
        else:
            align, dx, dy = LABEL_SPOTS[chosen]
            left = px + dx
            box = (left, py + dy - height / 2, left + width, py + dy + height / 2)
        placed.append(box)
        spots.append(chosen)
    return pd.Series(spots, index=points.index)


def _busiest(lines: FlowLines, n: int) -> pd.DataFrame:
    """Points of the ``n`` regions with the most moves on the lines drawn, and of the
    selected regions: the ones the map names."""
    frame = lines.frame
    volume = pd.concat([frame.groupby("origin_code")["moves"].sum(),
                        frame.groupby("destination_code")["moves"].sum()]).groupby(level=0).sum()
    named = list(dict.fromkeys([*lines.regions, *volume.nlargest(n).index]))
    have = set(lines.points["code"])
    return lines.points.set_index("code").loc[[c for c in named if c in have]].reset_index()


def flow_map(lines: FlowLines, basemap: dict, *, title: str, moves_title: str = "Moves",
             width: int = 380, height: int = 480, named: int = 8) -> alt.LayerChart:
    """The flows of ``lines`` as straight lines between region centroids over ``basemap``:
    line width by the number of moves, an arrowhead pointing to the destination, the
    selected regions in red and the ``named`` busiest regions labelled."""
    import altair as alt

    land = (alt.Chart(shapes(basemap))
            .mark_geoshape(fill=LAND_COLOUR, stroke="#b8c2cc", strokeWidth=0.5))
    frame = _lanes(lines.frame) if len(lines.frame) else lines.frame.copy()
    frame["label"] = frame["origin_name"] + " → " + frame["destination_name"]
    # widths over the range of the flows shown (not from 0: the legend has only values a
    # line can have); the legend symbols are drawn by the same scale as the lines
    lo = float(frame["moves"].min()) if len(frame) else 0.0
    top = float(frame["moves"].max()) if len(frame) else 1.0
    domain = [lo, top] if top > lo else [0.0, max(top, 1.0)]
    flows = alt.Chart(frame).mark_rule(opacity=0.7, strokeCap="round").encode(
        longitude="origin_lon:Q", latitude="origin_lat:Q",
        longitude2="destination_lon:Q", latitude2="destination_lat:Q",
        strokeWidth=alt.StrokeWidth(
            "moves:Q", scale=alt.Scale(domain=domain, range=list(FLOW_WIDTH_RANGE), zero=False,
                                       nice=False),
            title=moves_title,
            legend=alt.Legend(orient="bottom-right", format=",.0f", symbolSize=300,
                              values=flow_legend_values(lo, top) if len(frame) else alt.Undefined)),
        color=alt.value(PALETTE["primary"]),
        tooltip=[alt.Tooltip("label:N", title=" "),
                 alt.Tooltip("moves:Q", title=moves_title, format=",.0f")],
    )
    heads = alt.Chart(frame).mark_point(
        shape="triangle-up", filled=True, opacity=0.9, color=PALETTE["primary"]).encode(
        longitude="head_lon:Q", latitude="head_lat:Q", angle=alt.Angle("bearing:Q", scale=None),
        size=alt.Size("moves:Q", scale=alt.Scale(domain=domain, range=[40, 160], zero=False,
                                                 nice=False), legend=None),
        tooltip=[alt.Tooltip("label:N", title=" "),
                 alt.Tooltip("moves:Q", title=moves_title, format=",.0f")],
    )
    points = lines.points.assign(selected=lines.points["code"].isin(lines.regions))
    dots = alt.Chart(points).mark_circle(opacity=0.9, stroke="#ffffff").encode(
        longitude="lon:Q", latitude="lat:Q",
        size=alt.condition("datum.selected", alt.value(140), alt.value(30)),
        color=alt.condition("datum.selected", alt.value(PALETTE["highlight"]),
                            alt.value("#34495e")),
        tooltip=[alt.Tooltip("name:N", title="Name"), alt.Tooltip("code:N", title="Code")],
    )
    names = _busiest(lines, named) if len(frame) else lines.points.head(0)
    names = names.assign(spot=_label_spots(names))
    layers = [land, flows, heads, dots]
    for spot, (align, dx, dy) in LABEL_SPOTS.items():
        chart = alt.Chart(names[names["spot"] == spot])
        text: dict[str, Any] = dict(align=align, dx=dx, dy=dy, fontSize=10, fontWeight="bold")
        layers += [chart.mark_text(**text, stroke="white", strokeWidth=3, strokeOpacity=0.9)
                   .encode(longitude="lon:Q", latitude="lat:Q", text="name:N"),
                   chart.mark_text(**text, color="#1b2631")
                   .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")]
    # alt.LayerChart, not alt.layer: no layer has facet channels, so alt.layer would
    # build the same chart, but its return type also allows a FacetChart
    return (alt.LayerChart(layer=layers, title=title)
            .properties(width=width, height=height).project(**PROJECTION))


__all__ = [
    "PROJECTION",
    "choropleth",
    "compact",
    "flow_legend_values",
    "flow_map",
    "shapes",
]
