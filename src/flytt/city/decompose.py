"""The change in out-migrants decomposed (Kitagawa) under disclosure control: the
published totals, the categories' published cells and the adjustment between them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..decomposition import EFFECT_COLUMNS, TOTAL, kitagawa
from ..disclosure import DisclosureRule
from ..i18n import t
from ..options import Lang
from ..tables import FrameTable
from .layouts import ADJUSTMENT, DECOMPOSITION_ATTRIBUTES, DECOMPOSITION_COLUMNS, DESTINATION_TYPES
from .tabulate import _label, out_by


def published_totals(out: pd.DataFrame, population: pd.DataFrame, years: Sequence[int],
                     rule: DisclosureRule | None = None) -> pd.DataFrame:
    """The city's published out-migrants and population per year (index ``year``):
    columns ``domestic``, ``abroad``, ``all`` (= published domestic + published abroad, as
    :mod:`flytt.disclosure` derives totals) and ``population``; NaN = suppressed. These are
    the numbers of trend.csv (flows ``out_domestic`` and ``emigration``)."""
    long = out_by(out, population, years, None)
    wide = long.pivot(index="year", columns="destination", values="out_migrants")
    pop = long[long["destination"] == "domestic"].set_index("year")["population"]
    frame = pd.DataFrame({"domestic": wide["domestic"], "abroad": wide["abroad"],
                          "population": pop}).astype("float64")
    if rule is not None:
        for col in list(frame.columns):
            frame[col] = rule.cells(frame[col].to_numpy())
    frame["all"] = frame["domestic"] + frame["abroad"]
    return frame.reindex(list(years))


def totals_from_trend(trend: pd.DataFrame, code: str) -> pd.DataFrame:
    """:func:`published_totals` read from a (published) trend part: the one set of
    published yearly totals that the headline and every file use."""
    t = trend[trend["municipality"] == code]
    flows = t.pivot(index="year", columns="flow", values="moves")
    pop = t.drop_duplicates("year").set_index("year")["population"]

    def floats(s: pd.Series) -> np.ndarray:
        return s.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)

    frame = pd.DataFrame({"domestic": floats(flows["out_domestic"]),
                          "abroad": floats(flows["emigration"]),
                          "population": floats(pop.reindex(flows.index))}, index=flows.index)
    frame["all"] = frame["domestic"] + frame["abroad"]
    return frame


def _published_cells(long: pd.DataFrame, rule: DisclosureRule | None) -> pd.DataFrame:
    """``out_by`` rows (domestic/abroad) → one row per year and category with the
    published ``domestic``, ``abroad``, ``all`` (= domestic + abroad) and ``population``
    (NaN = suppressed), categories in ``long``'s order."""
    order = list(dict.fromkeys(long["category"]))
    wide = long.pivot(index=["year", "category"], columns="destination",
                      values="out_migrants")
    pop = long[long["destination"] == "domestic"].set_index(["year", "category"])["population"]
    cells = pd.DataFrame({"domestic": wide["domestic"], "abroad": wide["abroad"],
                          "population": pop.reindex(wide.index)}).astype("float64")
    if rule is not None:
        for col in list(cells.columns):
            cells[col] = rule.cells(cells[col].to_numpy())
    cells["all"] = cells["domestic"] + cells["abroad"]
    cells = cells.reset_index()
    cells["_order"] = cells["category"].map({c: i for i, c in enumerate(order)})
    return cells.sort_values(["year", "_order"], kind="stable").drop(columns="_order")


def _side(cells: pd.DataFrame, destination: str, years: Sequence[int]
          ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Mean over ``years`` of the published cells per category (suppressed = 0) and
    whether any of them was suppressed (events, population)."""
    order = list(dict.fromkeys(cells["category"]))
    sub = cells[cells["year"].isin(years)]
    by = sub["category"]
    frame = pd.DataFrame({
        "category": order,
        "out_migrants": (sub[destination].fillna(0).groupby(by).sum().reindex(order,
                         fill_value=0) / len(years)).to_numpy(),
        "population": (sub["population"].fillna(0).groupby(by).sum().reindex(order,
                       fill_value=0) / len(years)).to_numpy()})
    hide_e = sub[destination].isna().groupby(by).any().reindex(order, fill_value=False)
    hide_p = sub["population"].isna().groupby(by).any().reindex(order, fill_value=False)
    return frame, hide_e.to_numpy(dtype=bool), hide_p.to_numpy(dtype=bool)


def decomposition_part(out: pd.DataFrame, population: pd.DataFrame, focus: int,
                       baseline_years: Sequence[int], lang: Lang,
                       rule: DisclosureRule | None = None,
                       totals: pd.DataFrame | None = None) -> FrameTable:
    """The change in out-migrants from the baseline mean to the focus year, split into a
    population effect (size + composition) and a rate effect, for all destinations,
    domestic and abroad, without grouping (``attribute = total``) and by each attribute
    (Kitagawa with midpoint weights, see :mod:`flytt.decomposition`). Counts in persons;
    parts add up to ``change`` in every row.

    ``totals`` (:func:`published_totals`, default computed here) are the city's published
    yearly totals; every ``TOTAL`` row holds them, so every grouping decomposes the same
    change. With a disclosure ``rule`` the categories are decomposed from their *published*
    yearly cells (the cells of age_groups.csv, occupation.csv, ...; a suppressed cell
    counts as 0 and is shown empty, as is a baseline mean with a suppressed year) and the
    row :data:`ADJUSTMENT` takes the difference between the published total and the sum of
    the published categories (``disclosure_adjustment``; 0 without disclosure control)::

        change = population_effect + rate_effect + unmatched_effect + disclosure_adjustment
    """
    years = [*baseline_years, focus]
    if totals is None:
        totals = published_totals(out, population, years, rule)
    total_cells = totals.reindex(years).rename_axis("year").reset_index().assign(
        category=TOTAL)
    rows = []
    for attribute in DECOMPOSITION_ATTRIBUTES:
        if attribute == "total":
            cells = total_cells
        else:
            cells = _published_cells(out_by(out, population, years, attribute), rule)
        for destination in ("all", *DESTINATION_TYPES):
            base, hb_e, hb_p = _side(cells, destination, baseline_years)
            now, hf_e, hf_p = _side(cells, destination, [focus])
            d = kitagawa(base, now, group="category", events="out_migrants").to_frame()
            d = d.rename(columns=lambda c: c.replace("_events", "_out_migrants"))
            d["disclosure_adjustment"] = 0.0
            d = _hide(d, {"baseline": (hb_e, hb_p), "focus": (hf_e, hf_p)})
            if attribute == "total":  # the one category is the published total
                d = d.iloc[[0]]
            else:
                d = _with_published_total(d, total_cells, destination, baseline_years,
                                          focus, adjust=rule is not None)
            d.insert(0, "destination", destination)
            d.insert(1, "attribute", attribute)
            d.insert(3, "label", [t(f"city.{c}", lang) if c in (TOTAL, ADJUSTMENT) else
                                  _label(lang, attribute, c) for c in d["category"]])
            rows.append(d)
    frame = pd.concat(rows, ignore_index=True)
    for col in ("baseline_population", "focus_population", "baseline_out_migrants",
                "focus_out_migrants", "baseline_rate_per_100", "focus_rate_per_100"):
        frame[col] = frame[col].astype("Float64").where(frame[col].notna())
    title = t("city.title.decomposition", lang)
    note = t("city.note.decomposition", lang)
    if rule is not None:
        note = f"{note} {t('city.note.decomposition_disclosure', lang)}"
    return FrameTable("decomposition", title, frame[list(DECOMPOSITION_COLUMNS)], note)


def _hide(d: pd.DataFrame, hidden: dict[str, tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """Show suppressed category cells (and their rates) as missing; the first rows of
    ``d`` are the categories (then ``TOTAL``)."""
    d = d.copy()
    for name, (events, pop) in hidden.items():
        n = len(events)
        for col, mask in ((f"{name}_out_migrants", events), (f"{name}_population", pop),
                          (f"{name}_rate_per_100", events | pop)):
            cells = d[col].astype("Float64")
            cells.iloc[:n] = cells.iloc[:n].mask(mask)
            d[col] = cells
    return d


def _with_published_total(d: pd.DataFrame, totals: pd.DataFrame, destination: str,
                          baseline_years: Sequence[int], focus: int, adjust: bool
                          ) -> pd.DataFrame:
    """``d`` (categories, then kitagawa's ``TOTAL``) with the published totals in the
    ``TOTAL`` row and, if ``adjust``, the :data:`ADJUSTMENT` row before it."""
    cats, total = d.iloc[:-1].copy(), d.iloc[-1].copy()
    published = {}
    for name, years in (("baseline", baseline_years), ("focus", [focus])):
        sub = totals[totals["year"].isin(years)]
        for col, src in (("out_migrants", destination), ("population", "population")):
            published[f"{name}_{col}"] = (float(sub[src].fillna(0).sum()) / len(years),
                                          bool(sub[src].isna().any()))
    if not adjust:  # exact counts: the categories add up to the totals already
        return d
    # kitagawa's TOTAL row sums the values used (suppressed cells = 0)
    sums = {col: float(total[col]) for col in published}
    adj: dict[str, Any] = {c: np.nan for c in d.columns}
    adj.update({c: 0.0 for c in EFFECT_COLUMNS})
    adj["category"] = ADJUSTMENT
    for col, (value, _) in published.items():
        adj[col] = value - sums[col]
    adj["change"] = adj["disclosure_adjustment"] = (adj["focus_out_migrants"]
                                                    - adj["baseline_out_migrants"])
    for col, (value, hidden) in published.items():
        total[col] = np.nan if hidden else value
    for name in ("baseline", "focus"):
        e, p = published[f"{name}_out_migrants"][0], published[f"{name}_population"][0]
        shown = not (published[f"{name}_out_migrants"][1] or published[f"{name}_population"][1])
        total[f"{name}_rate_per_100"] = 100 * e / p if p > 0 and shown else np.nan
    total["disclosure_adjustment"] = adj["disclosure_adjustment"]
    total["change"] = (published["focus_out_migrants"][0]
                       - published["baseline_out_migrants"][0])
    out = pd.concat([cats, pd.DataFrame([adj], columns=d.columns), total.to_frame().T],
                    ignore_index=True)
    numeric = [c for c in out.columns if c != "category"]
    out[numeric] = out[numeric].astype("Float64").astype("float64")
    out["category"] = out["category"].astype(str)
    return out
