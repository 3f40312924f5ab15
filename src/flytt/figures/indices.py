"""Figures of the migration indices and models: chord diagram of the flows, distance decay,
age schedule with its fitted Rogers–Castro curve, and indices across scales (MAUP).

Vega-Lite has no chord mark: the chord diagram is drawn as polygons computed here (sector
arcs and ribbons whose sides are quadratic Bézier curves through the centre) and rendered
with ``mark_geoshape`` under an identity projection; labels use the same projection.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ..i18n import number, t, words
from ..options import Lang
from . import FONT, PALETTE, configure

if TYPE_CHECKING:
    import altair as alt

    from ..indices.age import RogersCastroFit
    from ..indices.distance import DistanceDecay
    from ..indices.matrix import ODMatrix
    from ..indices.scale import ScaleAnalysis

CATEGORY_COLOURS = ("#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a",
                    "#d62728", "#ff9896", "#9467bd", "#c5b0d5", "#8c564b", "#c49c94",
                    "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7", "#bcbd22", "#dbdb8d",
                    "#17becf", "#9edae5")
"""Tableau-20: one colour per region of the chord diagram (cycled beyond 20)."""


def _arc(a0: float, a1: float, r: float, steps: int) -> list[list[float]]:
    t = np.linspace(a0, a1, max(2, steps))
    return [[float(r * math.sin(a)), float(r * math.cos(a))] for a in t]


def _bezier(p0: list[float], p1: list[float], steps: int = 24) -> list[list[float]]:
    """Quadratic Bézier from p0 to p1 with its control point at the centre."""
    t = np.linspace(0, 1, steps)[1:-1]
    x = (1 - t) ** 2 * p0[0] + t ** 2 * p1[0]
    y = (1 - t) ** 2 * p0[1] + t ** 2 * p1[1]
    return [[float(a), float(b)] for a, b in zip(x, y)]


def _polygon(ring: list[list[float]], props: dict) -> dict:
    ring = ring + [ring[0]]
    # d3-geo wants clockwise exterior rings in spherical terms; with an identity projection
    # the orientation decides inside vs outside, so use the one that fills the small part
    area = sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring))
    if area > 0:
        ring = ring[::-1]
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": props}


def chord_layout(m: ODMatrix, *, gap: float = 0.012, min_flow: float = 0.0
                 ) -> tuple[list[dict], pd.DataFrame]:
    """Polygons of a directed chord diagram and the label positions.

    Each region's sector has length ∝ its out- plus in-migration (out part first, clockwise
    from the top); the ribbon of flow i → j leaves i's out part and lands, slightly inside
    the circle, on j's in part, both ends of width ∝ M_ij, coloured by origin. Flows below
    ``min_flow`` are not drawn (their sector space stays)."""
    b = m.between
    n = m.n
    size = b.sum(axis=1) + b.sum(axis=0)
    free = 2 * math.pi - gap * 2 * math.pi * n
    unit = free / size.sum()
    starts, a = [], 0.0
    for i in range(n):
        starts.append(a)
        a += size[i] * unit + gap * 2 * math.pi
    out_cursor = list(starts)
    in_cursor = [starts[i] + b[i].sum() * unit for i in range(n)]
    r, r_target = 1.0, 0.97
    source: dict[tuple[int, int], tuple[float, float]] = {}
    for i in range(n):  # out parts: destinations clockwise from the origin
        for j in sorted(range(n), key=lambda j: (j - i) % n):
            if i != j and b[i, j] > 0:
                source[(i, j)] = (out_cursor[i], out_cursor[i] + b[i, j] * unit)
                out_cursor[i] += b[i, j] * unit
    target: dict[tuple[int, int], tuple[float, float]] = {}
    for j in range(n):  # in parts: origins counter-clockwise from the destination
        for i in sorted(range(n), key=lambda i: (j - i) % n):
            if (i, j) in source:
                target[(i, j)] = (in_cursor[j], in_cursor[j] + b[i, j] * unit)
                in_cursor[j] += b[i, j] * unit
    features = []
    for (i, j) in sorted(source, key=lambda key: -b[key]):  # big ribbons first, small on top
        if b[i, j] < min_flow:
            continue
        (s0, s1), (t0, t1) = source[(i, j)], target[(i, j)]
        src = _arc(s0, s1, r, int(40 * (s1 - s0)) + 2)
        dst = _arc(t0, t1, r_target, int(40 * (t1 - t0)) + 2)
        ring = src + _bezier(src[-1], dst[0]) + dst + _bezier(dst[-1], src[0])
        features.append(_polygon(ring, {"kind": "ribbon", "region": m.codes[i],
                                        "label": f"{m.name(m.codes[i])} → "
                                                 f"{m.name(m.codes[j])}",
                                        "moves": float(b[i, j])}))
    labels = []
    for i in range(n):
        a0, a1 = starts[i], starts[i] + size[i] * unit
        outer = _arc(a0, a1, 1.07, int(60 * (a1 - a0)) + 2)
        inner = _arc(a1, a0, 1.01, int(60 * (a1 - a0)) + 2)
        features.insert(0, _polygon(outer + inner, {"kind": "sector", "region": m.codes[i],
                                                    "label": m.name(m.codes[i]),
                                                    "moves": float(size[i])}))
        mid = (a0 + a1) / 2
        right = math.sin(mid) >= 0
        labels.append({"region": m.codes[i], "label": m.name(m.codes[i]),
                       "lon": 1.1 * math.sin(mid), "lat": 1.1 * math.cos(mid),
                       "side": "right" if right else "left",
                       "angle": math.degrees(mid) + (-90 if right else 90)})
    return features, pd.DataFrame(labels)


def chord_diagram(m: ODMatrix, *, title: str | None = None, min_flow: float = 0.0,
                  size: int = 620) -> alt.LayerChart:
    """Chord diagram of the flows between the regions of ``m`` (see :func:`chord_layout`)."""
    import altair as alt

    features, labels = chord_layout(m, min_flow=min_flow)
    colours = [CATEGORY_COLOURS[k % len(CATEGORY_COLOURS)] for k in range(m.n)]
    colour = alt.Color("properties.region:N", legend=None,
                       scale=alt.Scale(domain=list(m.codes), range=colours))
    # a frame of invisible points fixes the extent so labels are not cut
    frame = [_polygon([[-1.6, -1.6], [1.6, -1.6], [1.6, 1.6], [-1.6, 1.6]],
                      {"kind": "frame", "region": "", "label": "", "moves": 0.0})]
    data = alt.Data(values=frame + features)
    base = alt.Chart(data).mark_geoshape(strokeWidth=0.3).encode(
        color=colour,
        tooltip=[alt.Tooltip("properties.label:N", title="flow"),
                 alt.Tooltip("properties.moves:Q", title="moves", format=",.0f")])
    frame_layer = base.transform_filter("datum.properties.kind == 'frame'").mark_geoshape(
        fillOpacity=0, strokeOpacity=0)
    ribbons = base.transform_filter("datum.properties.kind == 'ribbon'").mark_geoshape(
        fillOpacity=0.7, strokeWidth=0)
    sectors = base.transform_filter("datum.properties.kind == 'sector'").mark_geoshape(
        stroke="white", strokeWidth=0.6)
    text = []
    sides: tuple[tuple[str, Literal["left", "right"], int], ...] = (
        ("right", "left", 3), ("left", "right", -3))
    for side, align, dx in sides:
        text.append(alt.Chart(labels[labels["side"] == side]).mark_text(
            align=align, baseline="middle", dx=dx, fontSize=11, font=FONT, color="#333"
        ).encode(longitude="lon:Q", latitude="lat:Q", text="label:N",
                 angle=alt.Angle("angle:Q", scale=None)))
    chart = alt.LayerChart(layer=[frame_layer, ribbons, sectors, *text]).project(type="identity", reflectY=True).properties(
        width=size, height=size,
        title=title or f"Moves between regions{f', {m.year}' if m.year else ''}")
    return configure(chart)


def distance_decay_plot(decay: DistanceDecay, *, title: str | None = None,
                        lang: Lang = "en") -> alt.Chart:
    """Flows net of origin and destination effects against distance (log–log), with the
    fitted deterrence exp(β f(d)) of the Poisson model; axis texts in ``lang``."""
    import altair as alt

    frame = decay.to_frame()
    frame = frame[frame["partial"] > 0]
    grid = np.geomspace(frame["distance_km"].min(), frame["distance_km"].max(), 60)
    line = pd.DataFrame({"distance_km": grid, "partial": decay.curve(grid)})
    dmin, dmax = frame["distance_km"].min(), frame["distance_km"].max()
    pmin, pmax = frame["partial"].min(), frame["partial"].max()
    texts = words("indices.fig.", lang)
    x = alt.X("distance_km:Q", title=texts["distance"],
              scale=alt.Scale(type="log", nice=False, domain=[dmin / 1.2, dmax * 1.2]))
    y = alt.Y("partial:Q", title=texts["partial"],
              scale=alt.Scale(type="log", nice=False, domain=[pmin / 1.3, pmax * 1.3]))
    points = alt.Chart(frame).mark_circle(size=28, opacity=0.55, color=PALETTE["primary"]
                                          ).encode(x=x, y=y, tooltip=["origin_code",
                                                                      "destination_code",
                                                                      "moves", "distance_km"])
    fitted = alt.Chart(line).mark_line(color=PALETTE["highlight"], strokeWidth=2).encode(x=x,
                                                                                          y=y)
    form = "d^β" if decay.deterrence == "power" else "e^{βd}"
    chart = (points + fitted).properties(
        width=520, height=340,
        title=title or texts["decay"].format(form=form, beta=number(decay.beta, lang, 3)))
    return configure(chart)


def age_schedule_plot(fit: RogersCastroFit, *, title: str | None = None,
                      per: float = 100.0) -> alt.Chart:
    """Observed age-specific migration rates (points) and the fitted Rogers–Castro schedule
    (line), per ``per`` persons."""
    import altair as alt

    obs = fit.schedule()
    ages = np.linspace(obs["age"].min(), obs["age"].max(), 300)
    curve = pd.DataFrame({"age": ages, "fitted": fit.predict(ages) * per})
    obs = obs.assign(observed=obs["observed"] * per)
    x = alt.X("age:Q", title="Age")
    points = alt.Chart(obs).mark_circle(size=22, color=PALETTE["primary"], opacity=0.7).encode(
        x=x, y=alt.Y("observed:Q", title=f"Migration rate per {per:g} persons"))
    line = alt.Chart(curve).mark_line(color=PALETTE["highlight"], strokeWidth=2).encode(
        x=x, y="fitted:Q")
    peak = fit.params["mu2"]
    chart = (points + line).properties(
        width=540, height=320,
        title=title or f"Rogers–Castro schedule ({fit.form} parameters), μ₂ = {peak:.1f}")
    return configure(chart)


SCALE_MEASURES: tuple[str, ...] = ("cmi", "mei", "gini_total", "connectivity", "cv")
"""The measures of the scale figure, in panel order (titles: ``indices.scale.<m>``)."""


def scale_plot(analysis: ScaleAnalysis, *, title: str | None = None,
               lang: Lang = "en") -> alt.ConcatChart:
    """Indices against the number of zones k: mean over random contiguous zonings with the
    range (band); k = n is the original regions. Texts in ``lang``."""
    import altair as alt

    s = analysis.summary()
    varying = [m for m in analysis.measures if analysis.frame[m].nunique() > 1]
    s = s[s["measure"].isin(varying)]
    names = {m: t(f"indices.scale.{m}", lang) for m in SCALE_MEASURES}
    texts = words("indices.fig.", lang)
    s = s.assign(measure=s["measure"].map(lambda m: names.get(m, m)))
    order = [names[m] for m in SCALE_MEASURES if m in varying]
    x = alt.X("k:Q", title=texts["zones"], scale=alt.Scale(domain=[1, analysis.n_regions]))
    # one chart per measure, concatenated: a facet grid with an odd number of measures left
    # an empty panel (with an x axis) in its last row
    panels = []
    for measure in order:
        band = alt.Chart().mark_area(opacity=0.25, color=PALETTE["primary"]).encode(
            x=x, y=alt.Y("min:Q", title=None, scale=alt.Scale(zero=False)), y2="max:Q")
        line = alt.Chart().mark_line(point=True, color=PALETTE["primary"]).encode(
            x=x, y="mean:Q")
        panels.append(alt.layer(band, line, data=s[s["measure"] == measure]).properties(
            width=230, height=160, title=alt.TitleParams(measure, fontSize=12,
                                                         fontWeight="normal", anchor="middle")))
    columns = 2 if len(panels) == 4 else max(1, min(len(panels), 3))
    chart = alt.concat(*panels, columns=columns).properties(
        title=title or texts["scale"])
    return configure(chart)
