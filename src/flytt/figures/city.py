"""Figures of the city out-migration analysis (seed 004, figures 1–6 and the
decomposition) and its HTML section.

Each function takes a :class:`flytt.city.CityResult` and returns an Altair chart that
reads like SSB's figures: grouped bars with one bar per year, the focus year darkest, and
two panels (to the rest of Norway / abroad) where the seed has them. Labels follow the
result's language (``nb``/``en``).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pandas as pd

from ..i18n import chart_locale, number, t, words
from ..microdata import country_name
from ..options import Lang
from . import FONT, configure, save

if TYPE_CHECKING:
    import altair as alt

    from ..city import CityResult
    from ..tables import FrameTable

    _CityChart: TypeAlias = "alt.Chart | alt.ConcatChart | alt.VConcatChart"

BASELINE_COLOURS = ("#dbe6f1", "#b7cde3", "#93b4d5", "#6f9bc7", "#4b82b9")
FOCUS_COLOUR = "#0b2f5b"
FLOW_COLOURS = ("#0b2f5b", "#c0392b", "#4b82b9", "#e59866")
TOP_MUNICIPALITIES = 15
LABEL_LIMIT = 260
"""The widest category label of a bar chart (pixels)."""
FIGURES: tuple[str, ...] = ("trend", "age", "occupation", "background", "birthplace_family",
                            "destinations", "decomposition")
"""Figure names = the CSV they draw (``age.png`` draws ``age.csv`` and ``age_groups.csv``)."""
SPARSE_AGES = 0.5
"""Below this share of published single-year rates (ages 0–90 with inhabitants) the age
figure shows 5-year age groups only, with a note (suppressed cells leave no readable line)."""
def _t(result: CityResult, key: str, **extra: object) -> str:
    years = f"{result.baseline[0]}–{result.focus}" if result.focus == result.baseline[1] + 1 \
        else f"{result.baseline[0]}–{result.baseline[1]}, {result.focus}"
    fields = {"city": result.name, "years": years, "focus": result.focus,
              "baseline": f"{result.baseline[0]}–{result.baseline[1]}",
              "bg": country_name(result.country_background, result.lang)} | extra
    return words("city.fig.", result.lang)[key].format(**fields)




def _nice_max(value: float) -> float:
    """A round upper end of a scale above ``value`` with some headroom (a 1, 2 or 5 step),
    so the highest line or bar is never at or beyond the top of the plot."""
    if value is None or not math.isfinite(value) or value <= 0:
        return 1.0
    top = value * 1.08
    magnitude = 10.0 ** math.floor(math.log10(top / 4))
    step = max(k * magnitude for k in (1, 2, 5) if k * magnitude <= top / 4)
    return round(math.ceil(top / step - 1e-9) * step, 10)


def _y_scale(values: pd.Series) -> alt.Scale:
    """A linear scale from 0 covering the largest (published) value with headroom."""
    import altair as alt

    top = pd.to_numeric(values, errors="coerce").max()
    return alt.Scale(domain=[0, _nice_max(float(top) if pd.notna(top) else 0.0)],
                     nice=False)


def _year_scale(years: Iterable[int], focus: int) -> alt.Scale:
    """Baseline years in light blues (older lighter), the focus year dark."""
    import altair as alt

    others = [y for y in sorted(set(years)) if y != focus]
    shades = list(BASELINE_COLOURS[-len(others):]) if len(others) <= len(BASELINE_COLOURS) \
        else [BASELINE_COLOURS[min(i * len(BASELINE_COLOURS) // len(others),
                                   len(BASELINE_COLOURS) - 1)] for i in range(len(others))]
    return alt.Scale(domain=[str(y) for y in others] + [str(focus)],
                     range=shades + [FOCUS_COLOUR])


def _value(frame: pd.DataFrame, lang: Lang) -> tuple[str, str]:
    """Rate per 100 where a population at risk exists, else counts."""
    if "rate_per_100" in frame and frame["rate_per_100"].notna().any():
        return "rate_per_100", words("city.fig.", lang)["rate"]
    return "out_migrants", words("city.fig.", lang)["out_migrants"]


def grouped_bars(frame: pd.DataFrame, *, category: str, value: str, value_title: str,
                 order: list[str], years: Iterable[int], focus: int,
                 title: str | alt.TitleParams = "", width: int = 430,
                 label_width: int | None = None) -> alt.Chart:
    """Horizontal bars, one group per category and one bar per year (focus darkest);
    ``label_width``: room for the category labels (charts stacked with it line up)."""
    import altair as alt

    data = frame.assign(year=frame["year"].astype(str))
    data[value] = data[value].astype("float64")
    years = sorted(set(years))
    band = 5 if len(years) > 2 else 8
    return alt.Chart(data, title=title or alt.Undefined).mark_bar().encode(
        y=alt.Y(f"{category}:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=LABEL_LIMIT, minExtent=label_width or alt.Undefined)),
        yOffset=alt.YOffset("year:N", sort=[str(y) for y in years]),
        x=alt.X(f"{value}:Q", title=value_title),
        color=alt.Color("year:N", scale=_year_scale(years, focus),
                        legend=alt.Legend(title=None, orient="top", direction="horizontal")),
        tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip("year:N"),
                 alt.Tooltip(f"{value}:Q", format=",.2f")],
    ).properties(width=width, height=alt.Step(band))


def _panels(result: CityResult, frame: pd.DataFrame, category: str, order: list[str],
            title: str) -> alt.VConcatChart:
    """Two panels as the seed: to the rest of Norway (top) and abroad (bottom)."""
    import altair as alt

    value, value_title = _value(frame, result.lang)
    years = [*result.baseline_years, result.focus]
    charts = [grouped_bars(frame[frame["destination"] == d], category=category, value=value,
                           value_title=value_title, order=order, years=years,
                           focus=result.focus, title=words("city.fig.", result.lang)[d])
              for d in ("domestic", "abroad")]
    return alt.vconcat(*charts, title=title).resolve_scale(color="shared")


def trend_chart(result: CityResult) -> alt.ConcatChart:
    """Seed figure 1: in/out-migration and immigration/emigration per year, counts (top
    row) and per 100 inhabitants (bottom row), for the city and the comparison cities."""
    return trend_part_chart(result.trend.frame, lang=result.lang,
                            title=_t(result, "trend" if result.compare else "trend_city",
                                     years=_span_of(result.trend.frame)),
                            order=[result.names.get(c, c) for c in (result.code,
                                                                    *result.compare)])


def _span_of(frame: pd.DataFrame) -> str:
    return f"{frame['year'].min()}–{frame['year'].max()}"


def trend_part_chart(frame: pd.DataFrame, *, lang: Lang, title: str,
                     order: list[str] | None = None) -> alt.ConcatChart:
    """The trend chart of a trend table (from microdata or SSB's table 06913): counts (top
    row) and per 100 inhabitants (bottom row), one column per city. Every panel has its own
    y scale from 0 that covers its highest value; lines join the published points."""
    import altair as alt

    t = words("city.fig.", lang)
    data = frame.melt(id_vars=["year", "municipality_name", "label"],
                      value_vars=["moves", "rate_per_100"], var_name="measure")
    data["value"] = pd.to_numeric(data["value"], errors="coerce").astype("float64")
    data = data[data["value"].notna()]
    labels = list(dict.fromkeys(frame["label"]))
    cities = list(dict.fromkeys([*(order or []), *frame["municipality_name"]]))
    cities = [c for c in cities if c in set(frame["municipality_name"])]
    years = frame["year"].nunique()
    first, last = int(frame["year"].min()), int(frame["year"].max())
    colour = alt.Color("label:N", sort=labels, title=None,
                       scale=alt.Scale(domain=labels, range=list(FLOW_COLOURS[:len(labels)])),
                       legend=alt.Legend(orient="top", columns=2, labelLimit=400))
    cells = []
    for r, (measure, measure_title) in enumerate((("moves", t["moves"]),
                                                  ("rate_per_100", t["rate"]))):
        for c, city in enumerate(cities):
            cell = data[(data["measure"] == measure) & (data["municipality_name"] == city)]
            bottom = r == 1
            cells.append(alt.Chart(cell, title=city if r == 0 else alt.Undefined).mark_line(
                point=alt.OverlayMarkDef(size=18) if years <= 25 else False).encode(
                x=alt.X("year:Q", title=None,
                        scale=alt.Scale(domain=[first, last], zero=False, nice=False),
                        axis=alt.Axis(format="d", tickMinStep=1, labels=bottom,
                                      labelAngle=-90 if years <= 25 else 0,
                                      labelOverlap=True)),
                y=alt.Y("value:Q", title=measure_title if c == 0 else None,
                        scale=_y_scale(cell["value"])),
                color=colour,
                tooltip=["municipality_name:N", "label:N", "year:O",
                         alt.Tooltip("value:Q", format=",.2f")],
            ).properties(width=200 if len(cities) > 2 else 520, height=150))
    # a grid (rows: measures, columns: cities) keeps the panels aligned like a facet
    return alt.concat(*cells, columns=max(len(cities), 1), title=title, spacing=12
                      ).resolve_scale(color="shared")


def age_chart(result: CityResult) -> alt.VConcatChart:
    """Seed figure 2: out-migrations per 100 inhabitants by single year of age (lines
    through the published points) and by 5-year age group (grouped bars), focus year
    against each baseline year. Where fewer than :data:`SPARSE_AGES` of the single-year
    rates are published (disclosure control) only the 5-year groups are shown, with a
    note."""
    import altair as alt

    t = words("city.fig.", result.lang)
    years = [*result.baseline_years, result.focus]
    single = result.age.frame.assign(year=result.age.frame["year"].astype(str))
    single = single[single["age"] <= 90]
    single["rate_per_100"] = pd.to_numeric(single["rate_per_100"],
                                           errors="coerce").astype("float64")
    published = single[single["rate_per_100"].notna()]
    at_risk = single[~(pd.to_numeric(single["population"], errors="coerce") == 0)] \
        if "population" in single else single
    sparse = len(published) < SPARSE_AGES * max(len(at_risk), 1)
    groups = result.age_groups.frame
    order = list(dict.fromkeys(groups["age_group"]))
    data = groups.assign(year=groups["year"].astype(str))
    data["rate_per_100"] = pd.to_numeric(data["rate_per_100"],
                                         errors="coerce").astype("float64")
    bars = alt.Chart(data, title=t["groups"]).mark_bar().encode(
        x=alt.X("age_group:N", sort=order, title=t["age_group"], axis=alt.Axis(labelAngle=-45)),
        xOffset=alt.XOffset("year:N", sort=[str(y) for y in years]),
        y=alt.Y("rate_per_100:Q", title=t["rate"], scale=_y_scale(data["rate_per_100"])),
        color=alt.Color("year:N", scale=_year_scale(years, result.focus),
                        legend=alt.Legend(title=None, orient="top", direction="horizontal")
                        if sparse else None),
        tooltip=["year:N", "age_group:N", alt.Tooltip("rate_per_100:Q", format=".2f")],
    ).properties(width=620, height=200)
    if sparse:
        return alt.vconcat(bars, title=alt.TitleParams(
            _t(result, "age"), subtitle=[t["age_sparse"]], anchor="start"))
    lines = alt.Chart(published, title=t["single"]).mark_line(
        point=alt.OverlayMarkDef(size=10, filled=True), interpolate="linear").encode(
        x=alt.X("age:Q", title=t["age_axis"], scale=alt.Scale(domain=[0, 90])),
        y=alt.Y("rate_per_100:Q", title=t["rate"], scale=_y_scale(published["rate_per_100"])),
        color=alt.Color("year:N", scale=_year_scale(years, result.focus),
                        legend=alt.Legend(title=None, orient="top", direction="horizontal")),
        strokeWidth=alt.condition(f"datum.year == '{result.focus}'", alt.value(3),
                                  alt.value(1.5)),
        order=alt.Order("age:Q"),
        tooltip=["year:N", "age:Q", alt.Tooltip("rate_per_100:Q", format=".2f")],
    ).properties(width=620, height=230)
    return alt.vconcat(lines, bars, title=_t(result, "age")).resolve_scale(color="shared")


def occupation_chart(result: CityResult) -> alt.VConcatChart:
    """Seed figure 3: out-migration by occupation group, to the rest of Norway (top) and
    abroad (bottom), per 100 inhabitants in the group, focus year darkest."""
    frame = result.occupation.frame
    return _panels(result, frame, "label", list(dict.fromkeys(frame["label"])),
                   _t(result, "occupation"))


def background_chart(result: CityResult) -> alt.Chart:
    """Seed figure 4: emigration of persons with the chosen country background by
    occupation, the last baseline year beside the focus year."""
    import altair as alt

    frame = result.background.frame
    value, value_title = _value(frame, result.lang)
    years = sorted(set(frame["year"]))
    values = pd.to_numeric(frame[value], errors="coerce") if value in frame else pd.Series()
    if not (values > 0).any():  # no bar to draw: say why instead of an empty frame
        key = ("no_emigrations" if result.disclosure == "none" else
               "all_suppressed" if values.isna().all() else "none_published")
        message = pd.DataFrame({"text": [words("city.fig.", result.lang)[key]]})
        return alt.Chart(message, title=_t(
            result, "background", years="–".join(map(str, years)) or str(result.focus))
        ).mark_text(fontSize=14, color="#444", align="left", baseline="middle").encode(
            text="text:N", x=alt.value(0), y=alt.value(30)).properties(width=560, height=60)
    return grouped_bars(frame, category="label", value=value, value_title=value_title,
                        order=list(dict.fromkeys(frame["label"])), years=years,
                        focus=result.focus,
                        title=_t(result, "background", years="–".join(map(str, years))))


def birthplace_family_chart(result: CityResult) -> alt.VConcatChart:
    """Seed figure 5: out-migration to the rest of Norway (top) and abroad (bottom), each
    grouped by attribute under its heading: birthplace, family type, immigrant category
    (one x scale per destination, so the groups compare)."""
    import altair as alt

    from ..city import BIRTHPLACE_FAMILY_ATTRIBUTES

    frame = result.birthplace_family.frame
    value, value_title = _value(frame, result.lang)
    years = [*result.baseline_years, result.focus]
    panels = []
    for destination in ("domestic", "abroad"):
        rows = frame[frame["destination"] == destination]
        groups = [rows[rows["attribute"] == a] for a in BIRTHPLACE_FAMILY_ATTRIBUTES]
        charts = [grouped_bars(
            group, category="label", value=value,
            value_title=value_title if i == len(groups) - 1 else "",
            order=list(dict.fromkeys(group["label"])), years=years, focus=result.focus,
            label_width=LABEL_LIMIT, title=alt.TitleParams(t(f"city.{attribute}", result.lang), fontSize=12,
                                  fontStyle="italic", anchor="start"))
            for i, (attribute, group) in enumerate(zip(BIRTHPLACE_FAMILY_ATTRIBUTES, groups))]
        panels.append(alt.vconcat(*charts, spacing=8, title=alt.TitleParams(
            words("city.fig.", result.lang)[destination], fontSize=14, anchor="start")
        ).resolve_scale(x="shared"))
    return alt.vconcat(*panels, spacing=24, title=_t(result, "birthplace_family")
                       ).resolve_scale(color="shared")


def destinations_chart(result: CityResult, top: int = TOP_MUNICIPALITIES
                       ) -> alt.VConcatChart:
    """Seed figure 6: out-migrants to the rest of Norway by destination county (top) and
    the ``top`` destination municipalities of the focus year (bottom; ``*`` = in the
    city's BA region)."""
    import altair as alt

    t = words("city.fig.", result.lang)
    frame = result.destinations.frame
    years = [*result.baseline_years, result.focus]
    ranked = frame[frame["rank"].notna()]  # published (> 0, not suppressed) in the focus year
    county = ranked[ranked["level"] == "county"]
    municipality = ranked[(ranked["level"] == "municipality")
                          & (ranked["rank"] <= top)].copy()
    marked = municipality["in_ba_region"].fillna(False).astype(bool)
    municipality["destination_name"] = municipality["destination_name"].where(
        ~marked, municipality["destination_name"] + " *")
    charts = []
    for part, key in ((county, "county"), (municipality, "municipality")):
        order = list(part.sort_values(["rank", "year"])["destination_name"].drop_duplicates())
        charts.append(grouped_bars(part, category="destination_name", value="out_migrants",
                                   value_title=t["out_migrants"], order=order, years=years,
                                   focus=result.focus, title=t[key]))
    chart = alt.vconcat(*charts, title=_t(result, "destinations")).resolve_scale(
        color="shared")
    if municipality["in_ba_region"].notna().any():
        chart = chart.properties(title=alt.TitleParams(
            _t(result, "destinations"), subtitle=_t(result, "ba"), anchor="start"))
    return chart


def decomposition_chart(result: CityResult) -> alt.VConcatChart:
    """The change in out-migrants from the baseline mean to the focus year split into
    population growth, composition (by age group), rates and out-migrants without population
    at risk, for all destinations, the rest of Norway and abroad (top); the rate effect
    by occupation group (bottom)."""
    import altair as alt

    from ..city import ADJUSTMENT

    t = words("city.fig.", result.lang)
    d = result.decomposition.frame
    effects = ["size_effect", "composition_effect", "rate_effect", "unmatched_effect",
               *(["disclosure_adjustment"] if result.disclosure != "none" else []), "change"]
    top = d[(d["attribute"] == "age_group") & (d["category"] == "TOTAL")]
    data = top.melt(id_vars=["destination"], value_vars=effects, var_name="effect")
    data["value"] = data["value"].astype("float64")
    data["effect_label"] = data["effect"].map(lambda e: t[e])
    data["destination_label"] = data["destination"].map(lambda e: t[e])
    data["sign"] = (data["value"] >= 0).map({True: "+", False: "−"})
    data.loc[data["effect"] == "change", "sign"] = "="
    colour = alt.Color("sign:N", scale=alt.Scale(domain=["+", "−", "="],
                                                 range=["#4b82b9", "#c0392b", FOCUS_COLOUR]),
                       legend=None)
    parts = alt.Chart(data).mark_bar().encode(
        y=alt.Y("effect_label:N", sort=[t[e] for e in effects], title=None,
                axis=alt.Axis(labelLimit=260)),
        x=alt.X("value:Q", title=t["persons"]), color=colour,
        tooltip=["destination_label:N", "effect_label:N", alt.Tooltip("value:Q", format=",.1f")],
    ).properties(width=220, height=alt.Step(22)).facet(
        column=alt.Column("destination_label:N", title=t["by_age"],
                          sort=[t["all"], t["domestic"], t["abroad"]]))
    occ = d[(d["attribute"] == "occupation") & (d["destination"] == "all")
            & ~d["category"].isin(["TOTAL", ADJUSTMENT])].copy()
    occ["rate_effect"] = occ["rate_effect"].astype("float64")
    occ["sign"] = (occ["rate_effect"] >= 0).map({True: "+", False: "−"})
    by_occupation = alt.Chart(occ, title=t["rate_by_occupation"]).mark_bar().encode(
        y=alt.Y("label:N", sort=list(occ["label"]), title=None,
                axis=alt.Axis(labelLimit=260)),
        x=alt.X("rate_effect:Q", title=t["persons"]), color=colour,
        tooltip=["label:N", alt.Tooltip("rate_effect:Q", format=",.1f")],
    ).properties(width=420, height=alt.Step(16))
    return alt.vconcat(parts, by_occupation, title=alt.TitleParams(
        _t(result, "decomposition"), subtitle=t["rate_note"], anchor="start"))


CHARTS: dict[str, Callable[[CityResult], _CityChart]] = {
    "trend": trend_chart, "age": age_chart, "occupation": occupation_chart,
    "background": background_chart, "birthplace_family": birthplace_family_chart,
    "destinations": destinations_chart, "decomposition": decomposition_chart}


def _subtitled(c: _CityChart, first: list[str], last: list[str]) -> _CityChart:
    """``c`` with ``first`` before and ``last`` after the lines of its subtitle."""
    import altair as alt

    title = c.title
    text = title.text if isinstance(title, alt.TitleParams) else title
    lines: list[str] = []
    if isinstance(title, alt.TitleParams):
        subtitle = title.subtitle
        if isinstance(subtitle, str):
            lines = [subtitle]
        elif subtitle is not alt.Undefined:
            lines = list(subtitle)
    return c.properties(title=alt.TitleParams(text, subtitle=first + lines + last,
                                              anchor="start"))


def chart(result: CityResult, name: str) -> alt.TopLevelMixin:
    """The figure ``name`` (one of :data:`FIGURES`), configured with flytt's theme. The
    subtitle says SYNTHETIC first for a synthetic register and, under disclosure control,
    that missing bars are suppressed cells."""
    import altair as alt

    c = CHARTS[name](result)
    first = [result.synthetic_note] if result.synthetic else []
    last = [words("city.fig.", result.lang)["suppressed"]] \
        if result.disclosure != "none" and name != "decomposition" else []
    if first or last:
        c = _subtitled(c, first, last)
    c = configure(c)
    c.config.locale = alt.Locale(number=chart_locale(result.lang))
    return c


def save_figures(result: CityResult, directory: str | Path,
                 formats: Iterable[str] = ("png", "svg")) -> dict[str, list[Path]]:
    """Write every figure as ``<name>.<format>`` into ``directory``; paths by figure."""
    directory = Path(directory)
    return {name: save(chart(result, name), directory / name, formats=tuple(formats))
            for name in FIGURES}


def _number(value: float, lang: Lang, signed: bool = False) -> str:
    """Whole persons (:func:`flytt.i18n.number`: ``1 525``), ``+`` / minus / ``±`` (zero) if
    ``signed``."""
    if signed and round(value) == 0:
        return "±" + number(0, lang)
    return number(value, lang, signed=signed)


def summary_text(result: CityResult) -> str:
    """Out-migrants in the focus year vs the baseline mean and the parts (by age group);
    the totals are the published ones of trend.csv, and under disclosure control a second
    sentence gives the part that rounding and suppression account for. On a synthetic
    register the text starts with :attr:`CityResult.synthetic_note`."""
    s = result.summary("all")
    lang = result.lang
    text = _t(result, "summary", focus_n=_number(s["focus_out_migrants"], lang),
              base_n=_number(s["baseline_out_migrants"], lang),
              change=_number(s["change"], lang, True), size=_number(s["size_effect"], lang, True),
              comp=_number(s["composition_effect"], lang, True),
              rate=_number(s["rate_effect"], lang, True))
    if result.disclosure != "none":
        text += _t(result, "summary_adjustment",
                   adj=_number(s["disclosure_adjustment"], lang, True))
    return f"{result.synthetic_note}. {text}" if result.synthetic else text


def html_section(result: CityResult, images: Mapping[str, str]) -> str:
    """An HTML ``<section>`` with the summary, every figure (``images``: figure name →
    ``src``, e.g. ``age.svg``) with a link to its CSV, and the notes."""
    figures = [(result.part(n), images[n]) for n in FIGURES if n in images]
    return section_html(_t(result, "section"), summary_text(result), figures, result.notes,
                        result.lang, words("city.fig.", result.lang)["source"])


def city_page(result: CityResult, images: Mapping[str, str]) -> str:
    """A standalone HTML page with :func:`html_section`."""
    return html_page(html_section(result, images), _t(result, "section"), result.lang)


def section_html(title: str, summary: str, figures: Iterable[tuple[FrameTable, str]],
                 notes: Iterable[str], lang: Lang, source: str) -> str:
    """An HTML ``<section>``: heading, summary, figures (part, image ``src``; captions link
    the part's CSV), notes and the source line."""
    e = html.escape
    t = words("city.fig.", lang)
    parts = [f'<section class="flytt-city" lang="{lang}">', f"<h2>{e(title)}</h2>"]
    if summary:
        parts.append(f"<p>{e(summary)}</p>")
    for part, src in figures:
        csvs = [part.name] + (["age_groups"] if part.name == "age" else [])
        links = " · ".join(f'<a href="{n}.csv">{n}.csv</a>' for n in csvs)
        foot = f". {e(part.footnote)}" if part.footnote else ""
        parts.append(f'<figure><img src="{e(src)}" alt="{e(part.title)}" '
                     f'style="max-width:100%"><figcaption>{e(part.title)} ({links}){foot}'
                     "</figcaption></figure>")
    notes = list(notes)
    if notes:
        parts.append(f"<h3>{e(t['notes'])}</h3><ul>"
                     + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul>")
    parts.append(f"<p><small>{e(source)}</small></p></section>")
    return "\n".join(parts)


def html_page(section: str, title: str, lang: Lang) -> str:
    """A standalone HTML page around a section from :func:`html_section`."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>body{{font-family:{FONT};"
            "margin:1.5rem;max-width:70rem;color:#1b1b1b}figure{margin:2rem 0}"
            f"figcaption{{font-size:.85rem;color:#444}}</style></head><body>{section}"
            "</body></html>\n")


__all__ = [
    "CHARTS",
    "FIGURES",
    "age_chart",
    "background_chart",
    "birthplace_family_chart",
    "chart",
    "city_page",
    "decomposition_chart",
    "destinations_chart",
    "grouped_bars",
    "html_page",
    "html_section",
    "occupation_chart",
    "save_figures",
    "section_html",
    "summary_text",
    "trend_chart",
    "trend_part_chart",
]
