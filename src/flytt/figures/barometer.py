"""Figures of the attractiveness barometer, after seed 003: the scatter of units by job
growth and net migration with the line and the top units in red (figs 2, 3, 8), top and
bottom bars, stacked by period for the long term (figs 4–6, 9–11), quintile maps of
municipalities and regions (figs 7, 12) and net immigration to the country (fig 13).

Every function takes a :class:`~flytt.barometer.BarometerResult` (or a panel) and returns
an Altair chart; :func:`flytt.figures.save` writes PNG/SVG/HTML. Texts are Norwegian
(``lang="nb"``, as the seed) or English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeGuard, get_args

import numpy as np
import pandas as pd

from .. import contracts as C
from ..i18n import text, words
from ..options import Lang
from . import PALETTE, configure
from .maps import for_vega

if TYPE_CHECKING:
    import altair as alt

    from ..barometer import BarometerResult, Panel
    from ..geo import Level, Vintage


PERIOD_COLOURS = ["#9ecae1", "#4292c6", "#08519c"]
"""Oldest to latest period of the long term."""


def _stream_axis(result: BarometerResult, lang: Lang) -> str:
    """The net-migration axis title of the result's stream (% of the population)."""
    words = text(f"stream.{result.stream}", lang)
    return text("barometer.fig.net_migration", lang, Stream=words[0].upper() + words[1:])


def _span(result: BarometerResult, lang: Lang) -> str:
    from ..barometer import period_label

    if result.long_term:
        first, last = result.periods[0], result.periods[-1]
        return f"{text('barometer.fig.long', lang)} {first[0]}–{last[1]}"
    return period_label(result.period).replace("-", "–")


TITLE_SIZE, LABEL_SIZE = 14, 11
"""Font sizes (px) of chart titles (:func:`flytt.figures.configure`) and point labels."""
CHAR_WIDTH, LABEL_CHAR_WIDTH = 0.6, 0.68
"""Average width of a bold character in em (DejaVu Sans Bold, the renderer's font): for
wrapping titles, and (with room to spare) for the boxes of point labels."""


def _wrap(text: str, width: float) -> str | list[str]:
    """``text`` as lines no wider than ``width`` px (at :data:`TITLE_SIZE`): split at "; "
    first, then at spaces."""
    import textwrap

    chars = max(20, int(width / (CHAR_WIDTH * TITLE_SIZE)))
    if len(text) <= chars:
        return text
    lines: list[str] = []
    for part in text.split("; "):
        count = -(-len(part) // chars)  # balanced lines: no short orphan at the end
        lines += textwrap.wrap(part, min(chars, -(-len(part) // count) + 6))
    return lines


def _title(result: BarometerResult, key: str, lang: Lang, width: float | None = None,
           **fields: object) -> dict:
    """The figure title (wrapped to ``width`` px when given) and the synthetic subtitle."""
    words = text(f"barometer.fig.{key}", lang, levels=text(f"level.{result.level}.plural", lang),
                 period=_span(result, lang), stream=text(f"stream.{result.stream}", lang),
                 **fields)
    words = words[0].upper() + words[1:]
    title: dict = {"text": _wrap(words, width) if width else words}
    if result.synthetic:
        title["subtitle"] = text("barometer.fig.synthetic", lang)
        title["subtitleColor"] = PALETTE["highlight"]
    return title


# label boxes around a point (centre offsets in px, as multiples of the box's half width w
# and half height h plus a gap): right, left, above, below, and the four diagonals
_PLACES = ((1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1))


def place_labels(points: pd.DataFrame, labelled: pd.DataFrame, names: pd.Series,
                 to_px, width: int, height: int, gap: float = 7.0) -> pd.DataFrame:
    """Where to put each name of ``labelled`` (x, y in px via ``to_px``) so that its box
    covers no point of ``points``, no other label and stays inside the plot: the first
    of eight places around the point (right first) with the fewest collisions.

    Returns ``dx, dy, w, h``: the offset (px) of the label's centre from its point and
    the label box size."""
    px, py = to_px(points["x"].to_numpy(float), points["y"].to_numpy(float))
    boxes: list[tuple[float, float, float, float]] = []
    out = []
    for (x, y), name in zip(labelled[["x", "y"]].to_numpy(float), names):
        cx, cy = to_px(np.array([x]), np.array([y]))
        cx, cy = float(cx[0]), float(cy[0])
        w = LABEL_CHAR_WIDTH * LABEL_SIZE * len(str(name)) / 2 + 2
        h = LABEL_SIZE * 0.65 + 1
        best = None
        for i, (sx, sy) in enumerate(_PLACES):
            dx = sx * (w + gap) if sy == 0 else sx * (w - 2 * gap) if sx else 0.0
            dy = sy * (h + gap - 1)
            bx, by = cx + dx, cy + dy
            hits = np.sum((np.abs(px - bx) < w + 3) & (np.abs(py - by) < h + 3))
            overlap = sum(abs(bx - ox) < w + ow and abs(by - oy) < h + oh
                          for ox, oy, ow, oh in boxes)
            outside = (bx - w < 0) + (bx + w > width) + (by - h < 0) + (by + h > height)
            score = 1000 * overlap + 100 * outside + 10 * hits + i
            if best is None or score < best[0]:
                best = (score, dx, dy)
        assert best is not None
        boxes.append((cx + best[1], cy + best[2], w, h))
        out.append({"dx": best[1], "dy": best[2], "w": 2 * w, "h": 2 * h})
    return pd.DataFrame(out, index=labelled.index)


def _domain(values: pd.Series, pad: float = 0.05) -> list[float]:
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo or 1.0
    return [lo - pad * span, hi + pad * span]


def scatter(result: BarometerResult, *, top: int = 5, lang: Lang = "en",
            width: int = 520, height: int = 380) -> alt.LayerChart:
    """Every unit by job growth (x) and net migration (y) in the (last) period, the fitted
    line, and the ``top`` most attractive units in red with their names.

    The names sit where they cover no point and no other name (:func:`place_labels`, on
    the explicit scale domains, so pixel positions are known), drawn over a white halo;
    the title wraps to the chart width."""
    import altair as alt

    period = result.periods[-1]
    part = result.parts[period].reset_index()
    ranked = result.frame.set_index(C.REGION)["rank"]
    part["rank"] = part[C.REGION].map(ranked)
    part["top"] = part["rank"].le(top).fillna(False)
    line = result.lines[period]
    lo, hi = float(part["job_growth_pct"].min()), float(part["job_growth_pct"].max())
    fit = pd.DataFrame({"job_growth_pct": [lo, hi],
                        "net_migration_pct": [line.intercept + line.slope * lo,
                                              line.intercept + line.slope * hi]})
    xd = _domain(part["job_growth_pct"])
    yd = _domain(pd.concat([part["net_migration_pct"], fit["net_migration_pct"]]))

    def to_px(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return ((x - xd[0]) / (xd[1] - xd[0]) * width,
                height - (y - yd[0]) / (yd[1] - yd[0]) * height)

    t = words("barometer.fig.", lang)
    xs = alt.Scale(domain=xd, zero=False, nice=False)
    ys = alt.Scale(domain=yd, zero=False, nice=False)
    x = alt.X("job_growth_pct:Q", title=t["job_growth"], scale=xs)
    y = alt.Y("net_migration_pct:Q", title=_stream_axis(result, lang), scale=ys)
    tooltip = [alt.Tooltip(f"{C.REGION_NAME}:N", title="Name"),
               alt.Tooltip("job_growth_pct:Q", format=".2f", title=t["job_growth"]),
               alt.Tooltip("net_migration_pct:Q", format=".2f", title=_stream_axis(result, lang)),
               alt.Tooltip("attractiveness:Q", format=".2f", title=t["attractiveness"])]
    base = alt.Chart(part[~part["top"]]).mark_circle(size=28, opacity=0.75,
                                                      color=PALETTE["primary"]).encode(
        x=x, y=y, tooltip=tooltip)
    rule = alt.Chart(fit).mark_line(color="#333333", strokeWidth=1.5).encode(x=x, y=y)
    hot = part[part["top"]].sort_values("rank")
    red = alt.Chart(hot).mark_circle(size=70, color=PALETTE["highlight"]).encode(
        x=x, y=y, tooltip=tooltip)
    xy = part[["job_growth_pct", "net_migration_pct"]].set_axis(["x", "y"], axis=1)
    spots = place_labels(xy, xy.loc[hot.index], hot[C.REGION_NAME], to_px, width, height)
    span_x, span_y = (xd[1] - xd[0]) / width, (yd[1] - yd[0]) / height
    names = hot[[C.REGION_NAME]].assign(
        label_x=hot["job_growth_pct"] + spots["dx"] * span_x,
        label_y=hot["net_migration_pct"] - spots["dy"] * span_y)
    lx, ly = alt.X("label_x:Q", scale=xs), alt.Y("label_y:Q", scale=ys)
    text: dict[str, Any] = {"align": "center", "baseline": "middle", "fontSize": LABEL_SIZE,
                            "fontWeight": "bold"}
    halo = alt.Chart(names).mark_text(color="white", stroke="white", strokeWidth=4,
                                      strokeJoin="round",
                                      opacity=0.8, **text).encode(
        x=lx, y=ly, text=f"{C.REGION_NAME}:N")
    labels = alt.Chart(names).mark_text(color=PALETTE["highlight"], **text).encode(
        x=lx, y=ly, text=f"{C.REGION_NAME}:N")
    chart = alt.LayerChart(layer=[base, rule, red, halo, labels]).properties(
        width=width, height=height, title=_title(result, "scatter", lang, width + 60, n=top))
    return configure(chart)


def bars(result: BarometerResult, *, n: int = 20, which: Literal["top", "bottom"] = "top",
         lang: Lang = "en", width: int = 420) -> alt.Chart:
    """Horizontal bars of the ``n`` most (or least) attractive units in rank order; for the
    long term the bar is stacked by period (each period's part of the sum)."""
    import altair as alt

    from ..barometer import period_label

    rows = result.top(n) if which == "top" else result.bottom(n)
    order = rows[C.REGION_NAME].tolist()
    t = words("barometer.fig.", lang)
    y = alt.Y(f"{C.REGION_NAME}:N", sort=order, title=None)
    if result.long_term:
        cols = result.period_columns
        labels = [period_label(p) for p in result.periods]
        long = rows.melt(id_vars=[C.REGION_NAME, "rank"], value_vars=cols, var_name="col",
                         value_name="part")
        long["period"] = long["col"].map(dict(zip(cols, labels)))
        long["order"] = long["col"].map({c: i for i, c in enumerate(cols)})
        chart = alt.Chart(long).mark_bar().encode(
            y=y, x=alt.X("sum(part):Q", title=t["attractiveness"]),
            color=alt.Color("period:N", title=t["period"],
                            scale=alt.Scale(domain=labels, range=PERIOD_COLOURS),
                            legend=alt.Legend(orient="bottom")),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip(f"{C.REGION_NAME}:N", title="Name"),
                     alt.Tooltip("period:N", title=t["period"]),
                     alt.Tooltip("part:Q", format=".2f", title=t["attractiveness"])])
    else:
        chart = alt.Chart(rows).mark_bar().encode(
            y=y, x=alt.X("attractiveness:Q", title=t["attractiveness"]),
            color=alt.condition("datum.attractiveness >= 0", alt.value(PALETTE["positive"]),
                                alt.value(PALETTE["negative"])),
            tooltip=[alt.Tooltip(f"{C.REGION_NAME}:N", title="Name"),
                     alt.Tooltip("rank:Q", title="Rank"),
                     alt.Tooltip("attractiveness:Q", format=".2f",
                                 title=t["attractiveness"])])
    chart = chart.properties(width=width, height=16 * len(rows),
                             title=_title(result, which, lang, width + 120, n=len(rows)))
    return configure(chart)


def intervals(result: BarometerResult, *, n: int = 15, lang: Lang = "en",
              width: int = 420) -> alt.LayerChart:
    """The ``n`` most and ``n`` least attractive units in rank order (the most attractive
    on top): the published index as a dot, its bootstrap interval as a bar and the
    empirical-Bayes shrunk index as a diamond (percentage points; needs a result made
    with ``uncertainty=True``)."""
    import altair as alt

    from ..errors import DataError

    if result.uncertainty is None:
        raise DataError("the result has no uncertainty: make it with uncertainty=True "
                        "(--uncertainty)")
    t = words("barometer.fig.", lang)
    rows = pd.concat([result.top(n), result.bottom(n)]).drop_duplicates(C.REGION)
    rows = rows.sort_values("rank")
    marks = rows.melt(id_vars=[C.REGION_NAME, "rank"],
                      value_vars=["attractiveness", "attractiveness_shrunk"],
                      var_name="measure", value_name="value")
    marks["measure"] = marks["measure"].map({"attractiveness": t["published"],
                                             "attractiveness_shrunk": t["shrunk"]})
    y = alt.Y(f"{C.REGION_NAME}:N", sort=rows[C.REGION_NAME].tolist(), title=None)
    x_title = t["attractiveness"]
    bar = alt.Chart(rows).mark_rule(strokeWidth=3, color=PALETTE["muted"]).encode(
        y=y, x=alt.X("attractiveness_low:Q", title=x_title), x2="attractiveness_high:Q",
        tooltip=[alt.Tooltip(f"{C.REGION_NAME}:N", title="Name"),
                 alt.Tooltip("rank:Q", title=t["rank"]),
                 alt.Tooltip("attractiveness_low:Q", format=".2f", title=t["interval"]),
                 alt.Tooltip("attractiveness_high:Q", format=".2f", title=t["interval"])])
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#333333").encode(x="x:Q")
    points = alt.Chart(marks).mark_point(filled=True, size=60, opacity=0.9).encode(
        y=y, x=alt.X("value:Q", title=x_title),
        color=alt.Color("measure:N", title=None,
                        legend=alt.Legend(orient="bottom", labelLimit=400),
                        scale=alt.Scale(domain=[t["published"], t["shrunk"]],
                                        range=[PALETTE["primary"], PALETTE["highlight"]])),
        shape=alt.Shape("measure:N", title=None,
                        scale=alt.Scale(domain=[t["published"], t["shrunk"]],
                                        range=["circle", "diamond"])),
        tooltip=[alt.Tooltip(f"{C.REGION_NAME}:N", title="Name"),
                 alt.Tooltip("measure:N", title=" "),
                 alt.Tooltip("value:Q", format=".2f", title=x_title)])
    share = f"{result.uncertainty.interval:.0%}".replace("%", " %" if lang == "nb" else "%")
    chart = alt.LayerChart(layer=[zero, bar, points]).properties(
        width=width, height=16 * len(rows),
        title=_title(result, "intervals", lang, width + 120, n=n, share=share))
    return configure(chart)


def dissolve(geojson: dict, mapping: dict[str, str], names: dict[str, str]) -> dict:
    """Merge features into groups (``mapping``: feature code → group code) with shapely;
    features outside ``mapping`` are dropped."""
    import shapely
    from shapely.geometry import mapping as to_geojson
    from shapely.geometry import shape

    parts: dict[str, list] = {}
    for f in geojson["features"]:
        group = mapping.get(f["properties"]["code"])
        if group is not None:
            parts.setdefault(group, []).append(shapely.make_valid(shape(f["geometry"])))
    features = []
    for group, geoms in sorted(parts.items()):
        merged = shapely.set_precision(shapely.union_all(geoms), 1e-6)
        features.append({"type": "Feature", "properties": {"code": group,
                                                           "name": names.get(group, group)},
                         "geometry": to_geojson(merged)})
    return {"type": "FeatureCollection", "features": features}


def _is_vintage(year: int) -> TypeGuard[Vintage]:
    from .. import geo

    return year in get_args(geo.Vintage)


def _boundaries(level: Level, vintage: int) -> dict:
    """:func:`flytt.geo.boundaries` of a vintage held as a plain ``int`` (as panels and
    results hold it); a year that is no vintage is geo's :class:`NotFoundError`."""
    from .. import geo

    if _is_vintage(vintage):
        return geo.boundaries(level, vintage)
    geo.boundary_source(level, vintage)  # raises NotFoundError naming the vintages
    raise AssertionError(f"{vintage} passed geo's vintage check but is no Vintage")


def quintile_map(result: BarometerResult, *, lang: Lang = "en", boundaries: dict | None = None,
                 width: int = 330, height: int = 430) -> alt.Chart:
    """Units coloured by quintile of the index (see :func:`_quintile_layer`)."""
    return configure(_quintile_layer(result, lang, boundaries, width, height))


def _quintile_layer(result: BarometerResult, lang: Lang, boundaries: dict | None,
                    width: int, height: int) -> alt.Chart:
    """Units coloured by quintile of the index (red = least attractive fifth, blue = most),
    on real boundaries of the panel's vintage (:func:`flytt.geo.boundaries`, the vintage
    whose code list covers the panel's codes); regions and groups are dissolved from the
    municipalities. Units the boundaries lack are a :class:`NotFoundError` naming them
    (no half-empty map). ``boundaries`` overrides the lookup."""
    from ..errors import NotFoundError
    from .maps import choropleth, quintile_labels

    if boundaries is None:
        from .. import geo

        if result.vintage is None:
            raise NotFoundError("no boundaries for these codes (not municipality codes of "
                                "2018, 2020 or 2024)")
        if result.level == "county":
            boundaries = _boundaries("county", result.vintage)
        else:
            boundaries = _boundaries("municipality", result.vintage)
            if result.grouping is not None:
                boundaries = dissolve(boundaries, result.grouping.mapping,
                                      result.grouping.names)
        drawn = {f["properties"]["code"] for f in boundaries["features"]}
        missing = sorted(set(result.frame[C.REGION]) - drawn)
        if missing and result.level == "municipality":
            from ..barometer.levels import uncovered_message

            raise NotFoundError(uncovered_message(result.frame[C.REGION], geo.VINTAGES,
                                                  "map boundaries", groups=False))
        if missing:
            raise NotFoundError(f"no boundaries of {result.vintage} for {', '.join(missing[:20])}"
                                + (f" and {len(missing) - 20} more" if len(missing) > 20
                                   else ""))
    boundaries = for_vega(boundaries)
    values = result.frame[[C.REGION, "attractiveness"]].set_axis(["code", "value"], axis=1)
    chart = choropleth(boundaries, values, title="",
                       value_title=text("barometer.fig.attractiveness", lang),
                       class_labels=quintile_labels(lang), no_data=text("not_ranked", lang),
                       value_format=".2f", width=width, height=height)
    return chart.properties(title=_title(result, "map", lang, width + 60))


def quintile_maps(period: BarometerResult, long_term: BarometerResult, *, lang: Lang = "en",
                  boundaries: dict | None = None) -> alt.HConcatChart:
    """Seed 003's figs 7 and 12: the long term on the left, the period on the right."""
    import altair as alt

    left = _quintile_layer(long_term, lang, boundaries, 330, 430)
    right = _quintile_layer(period, lang, boundaries, 330, 430)
    return configure(alt.hconcat(left, right).resolve_scale(color="shared"))


def immigration_line(panel: Panel, *, lang: Lang = "en", width: int = 480,
                     height: int = 260) -> alt.Chart:
    """Net immigration to the country per year: the panel's ``net_immigration`` summed over
    its units (seed 003, fig 13)."""
    import altair as alt

    from ..barometer import national_series

    t = words("barometer.fig.", lang)
    series = national_series(panel)
    title: dict = {"text": t["immigration"]}
    if panel.synthetic:
        title |= {"subtitle": t["synthetic"], "subtitleColor": PALETTE["highlight"]}
    chart = alt.Chart(series).mark_line(point=True, color=PALETTE["primary"]).encode(
        x=alt.X(f"{C.YEAR}:O", title=t["year"], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("net_immigration:Q", title=t["persons"], axis=alt.Axis(
            labelExpr="replace(format(datum.value, ',.0f'), /,/g, ' ')")),
        tooltip=[alt.Tooltip(f"{C.YEAR}:O", title=t["year"]),
                 alt.Tooltip("net_immigration:Q", format=",.0f", title=t["persons"])],
    ).properties(width=width, height=height, title=title)
    return configure(chart)


__all__ = [
    "bars",
    "dissolve",
    "immigration_line",
    "intervals",
    "quintile_map",
    "scatter",
]
