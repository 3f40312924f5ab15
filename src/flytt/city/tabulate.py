"""Cross-tabulation of out-migrations and the population at risk (rates per 100)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .. import microdata as M
from ..contracts import ABROAD
from ..decomposition import TOTAL
from ..i18n import text_or
from ..options import Lang
from .layouts import _ORDER, AGE_GROUP_WIDTH, AGE_OPEN_GROUP, DESTINATION_TYPES


# =========================================================================== helpers
def _span(years: Sequence[int]) -> str:
    if not years:
        return "none"
    return f"{years[0]}–{years[-1]}" if list(years) == list(range(years[0], years[-1] + 1)) \
        else ", ".join(map(str, years))


def _label(lang: Lang, attribute: str, category: str) -> str:
    key = f"category.{attribute}.{category}"
    return text_or(key, category, lang)


def _rate(out: pd.Series, population: pd.Series) -> pd.Series:
    """100 · out / population; missing where the population is 0 or unknown."""
    pop = population.astype("Float64")
    return (100 * out.astype("Float64") / pop.where(pop > 0)).astype("Float64")


def age_group(age: pd.Series) -> pd.Series:
    """5-year age groups as text: ``0-4`` … ``85-89``, ``90+``."""
    lower = (age.clip(upper=AGE_OPEN_GROUP) // AGE_GROUP_WIDTH) * AGE_GROUP_WIDTH
    return pd.Series([f"{lo}+" if lo >= AGE_OPEN_GROUP else f"{lo}-{lo + AGE_GROUP_WIDTH - 1}"
                      for lo in lower], index=age.index, dtype=str)


def _age_group_order() -> list[str]:
    return list(age_group(pd.Series(range(0, AGE_OPEN_GROUP + 1, AGE_GROUP_WIDTH))))


def out_migrations(moves: pd.DataFrame, code: str) -> pd.DataFrame:
    """Out-migrations from ``code`` with a ``destination_type`` column (domestic/abroad)."""
    out = moves[(moves[M.ORIGIN] == code) & (moves[M.DESTINATION] != code)].copy()
    out["destination_type"] = out[M.DESTINATION].eq(ABROAD).map({True: "abroad",
                                                                 False: "domestic"})
    out["age_group"] = age_group(out[M.AGE])
    return out


def _categories(attribute: str, *frames: pd.DataFrame) -> list[str]:
    seen: set[str] = set()
    for f in frames:
        seen |= {str(v) for v in f[attribute].unique()}
    order = list(_ORDER.get(attribute, ()))
    if attribute == "age_group":
        order = _age_group_order()
    return [c for c in order if c in seen or attribute in _ORDER] + sorted(seen - set(order))


def _counts(out: pd.DataFrame, key: str, destinations: Sequence[str]) -> pd.Series:
    """Out-migrants by (year, destination type, key); destination ``all`` sums both types."""
    by_type = out.groupby([M.YEAR, "destination_type", key]).size()
    if "all" not in destinations:
        return by_type
    total = out.assign(destination_type="all").groupby([M.YEAR, "destination_type", key]).size()
    return pd.concat([by_type, total])


def out_by(out: pd.DataFrame, population: pd.DataFrame, years: Sequence[int],
           attribute: str | None, destinations: Sequence[str] = DESTINATION_TYPES,
           categories: Sequence[str] | None = None) -> pd.DataFrame:
    """Out-migrants and population at risk by year, destination type and ``attribute``
    (``None``: everyone, category ``TOTAL``), every combination present (zeros where no one
    moved).

    ``out`` comes from :func:`out_migrations`. Columns ``year, destination, category,
    out_migrants, population, rate_per_100`` (per 100 inhabitants of the category;
    missing where the population is 0). ``"all"`` in ``destinations`` sums both types.
    ``categories`` fixes the categories and their order (default: the known codes of the
    attribute, then any others found).
    """
    out = out[out[M.YEAR].isin(years)]
    population = population[population[M.YEAR].isin(years)]
    key = attribute or "_all"
    if attribute is None:
        out, population = out.assign(_all=TOTAL), population.assign(_all=TOTAL)
    elif attribute == "age_group":
        population = population.assign(age_group=age_group(population[M.AGE]))
    elif attribute == M.AGE:
        out = out.assign(**{M.AGE: out[M.AGE].astype(str)})
        population = population.assign(**{M.AGE: population[M.AGE].astype(str)})
    cats = [TOTAL] if attribute is None else list(categories or
                                                   _categories(attribute, out, population))
    counts = _counts(out, key, destinations)
    pop = population.groupby([M.YEAR, key])[M.PERSONS].sum()
    grid = pd.MultiIndex.from_product([list(years), list(destinations), cats],
                                      names=["year", "destination", "category"])
    frame = grid.to_frame(index=False)
    frame["category"] = frame["category"].astype(str)
    frame["out_migrants"] = [int(counts.get((y, d, c), 0)) for y, d, c in grid]
    frame["population"] = [int(pop.get((y, c), 0)) for y, _, c in grid]
    frame["rate_per_100"] = _rate(frame["out_migrants"], frame["population"])
    return frame


def _wide_by_destination(long: pd.DataFrame, column: str) -> pd.DataFrame:
    """``out_by`` rows → one row per year and category with out_domestic, out_abroad."""
    wide = long.pivot(index=["year", "category"], columns="destination",
                      values="out_migrants").reset_index()
    pops = long[long["destination"] == "domestic"][["year", "category", "population"]]
    wide = pops.merge(wide, on=["year", "category"], how="left")  # keeps long's order
    wide = wide.rename(columns={"category": column, "domestic": "out_domestic",
                                "abroad": "out_abroad"})
    wide["rate_per_100"] = _rate(wide["out_domestic"] + wide["out_abroad"], wide["population"])
    return wide


def _labelled(long: pd.DataFrame, attribute: str, lang: Lang) -> pd.DataFrame:
    return long.assign(label=[_label(lang, attribute, c) for c in long["category"]])
