"""The parts of seed 004, one per figure: trend, age, occupation, background,
birthplace and family type, destinations."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import microdata as M
from ..contracts import ABROAD
from ..i18n import t
from ..options import Lang
from ..tables import FrameTable
from .layouts import (
    AGE_COLUMNS,
    AGE_GROUP_COLUMNS,
    BACKGROUND_COLUMNS,
    BIRTHPLACE_FAMILY_ATTRIBUTES,
    BIRTHPLACE_FAMILY_COLUMNS,
    DESTINATION_COLUMNS,
    DESTINATION_TYPES,
    MICRODATA_SOURCE,
    OCCUPATION_COLUMNS,
    SYNTHETIC_SOURCE,
    TREND_COLUMNS,
)
from .places import Places
from .register import Register
from .tabulate import _age_group_order, _labelled, _rate, _wide_by_destination, out_by


# =========================================================================== the parts
def trend_part(register: Register, codes: Sequence[str], names: dict[str, str],
               lang: Lang) -> FrameTable:
    """Seed figure 1: domestic in/out-migration, immigration and emigration per year for
    each municipality in ``codes``: counts and per 100 inhabitants on 1 January."""
    mv, pop = register.moves, register.population
    persons = pop.groupby([M.YEAR, M.MUNICIPALITY])[M.PERSONS].sum()
    years = register.years
    rows = []
    for code in codes:
        o, d = mv[M.ORIGIN], mv[M.DESTINATION]
        masks = {
            "in_domestic": (d == code) & (o != code) & (o != ABROAD),
            "out_domestic": (o == code) & (d != code) & (d != ABROAD),
            "immigration": (d == code) & (o == ABROAD),
            "emigration": (o == code) & (d == ABROAD),
        }
        for flow, mask in masks.items():
            per_year = mv.loc[mask, M.YEAR].value_counts()
            for year in years:
                rows.append((year, code, names.get(code, code), flow, t(f"city.{flow}", lang),
                             int(per_year.get(year, 0)), int(persons.get((year, code), 0))))
    frame = pd.DataFrame(rows, columns=list(TREND_COLUMNS[:-2]))
    frame["rate_per_100"] = _rate(frame["moves"], frame["population"])
    frame["source"] = SYNTHETIC_SOURCE if register.synthetic else MICRODATA_SOURCE
    title = t("city.title.trend", lang)
    return FrameTable("trend", title, frame[list(TREND_COLUMNS)])


def age_parts(out: pd.DataFrame, population: pd.DataFrame, years: Sequence[int],
              lang: Lang) -> tuple[FrameTable, FrameTable]:
    """Seed figure 2: out-migrations (domestic + abroad) per 100 inhabitants by single
    year of age (``age``) and by 5-year age group (``age_groups``), per year."""
    oldest = max([int(f[M.AGE].max()) for f in (out, population) if len(f)], default=0)
    single = _wide_by_destination(
        out_by(out, population, years, M.AGE, categories=[str(a) for a in range(oldest + 1)]),
        "age").astype({"age": "int64"})
    groups = _wide_by_destination(
        out_by(out, population, years, "age_group", categories=_age_group_order()),
        "age_group")
    title = t("city.title.age", lang)
    return (FrameTable("age", title, single[list(AGE_COLUMNS)]),
            FrameTable("age_groups", title, groups[list(AGE_GROUP_COLUMNS)]))


def occupation_part(out: pd.DataFrame, population: pd.DataFrame, years: Sequence[int],
                    lang: Lang) -> FrameTable:
    """Seed figure 3: out-migrants to the rest of Norway and abroad by occupation group
    (ISCO-08 major groups), per 100 inhabitants of the group (count where no population)."""
    long = _labelled(out_by(out, population, years, M.OCCUPATION), M.OCCUPATION, lang)
    long = long.rename(columns={"category": "occupation"})
    title = t("city.title.occupation", lang)
    return FrameTable("occupation", title, long[list(OCCUPATION_COLUMNS)])


def background_part(out: pd.DataFrame, population: pd.DataFrame, years: Sequence[int],
                    background: str, lang: Lang) -> FrameTable:
    """Seed figure 4: emigration of persons with country background ``background`` by
    occupation, per 100 inhabitants with that background and occupation."""
    sub_out = out[out[M.COUNTRY_BACKGROUND] == background]
    sub_pop = population[population[M.COUNTRY_BACKGROUND] == background]
    long = out_by(sub_out, sub_pop, years, M.OCCUPATION, destinations=("abroad",),
                  categories=M.OCCUPATIONS)
    long = _labelled(long, M.OCCUPATION, lang).rename(columns={"category": "occupation"})
    long["country_background"] = background
    country = M.country_name(background, lang)
    title = t("city.title.background", lang, country=country)
    return FrameTable("background", title, long[list(BACKGROUND_COLUMNS)])


def birthplace_family_part(out: pd.DataFrame, population: pd.DataFrame,
                           years: Sequence[int], lang: Lang) -> FrameTable:
    """Seed figure 5: out-migrants by birthplace (born in the city / elsewhere in Norway /
    abroad), family type and immigrant category, per 100 inhabitants of the group."""
    frames = []
    for attribute in BIRTHPLACE_FAMILY_ATTRIBUTES:
        long = _labelled(out_by(out, population, years, attribute), attribute, lang)
        frames.append(long.assign(attribute=attribute))
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.sort_values(["year", "destination"], kind="stable",
                              key=lambda s: s.map({d: i for i, d in enumerate(
                                  DESTINATION_TYPES)}) if s.name == "destination" else s)
    title = t("city.title.birthplace_family", lang)
    return FrameTable("birthplace_family", title,
                    frame[list(BIRTHPLACE_FAMILY_COLUMNS)].reset_index(drop=True))


def destinations_part(out: pd.DataFrame, code: str, years: Sequence[int], focus: int,
                      where: Places, lang: Lang) -> FrameTable:
    """Seed figure 6: domestic out-migrants by destination county and municipality, per
    year, with the share of the year's domestic out-migrants (%), the rank in the focus
    year (1 = most) and whether the destination is in the city's BA region."""
    dom = out[(out["destination_type"] == "domestic") & out[M.YEAR].isin(years)]
    home_ba = where.ba.get(code) if where.ba else None
    frames = []
    for level in ("county", "municipality"):
        keys = dom[M.DESTINATION].map(where.county) if level == "county" else dom[M.DESTINATION]
        counts = dom.assign(dest=keys).groupby([M.YEAR, "dest"]).size()
        dests = sorted(set(keys))
        grid = pd.MultiIndex.from_product([list(years), dests], names=["year", "dest"])
        f = grid.to_frame(index=False)
        f["out_migrants"] = [int(counts.get(k, 0)) for k in grid]
        names = where.county_names if level == "county" else where.names
        f["destination_name"] = [names.get(d, d) for d in f["dest"]]
        if level == "municipality" and home_ba is not None and where.ba is not None:
            f["in_ba_region"] = pd.array([where.ba.get(d) == home_ba for d in f["dest"]],
                                         dtype="boolean")
        else:
            f["in_ba_region"] = pd.array([pd.NA] * len(f), dtype="boolean")
        frames.append(f.assign(level=level).rename(columns={"dest": "destination_code"}))
    frame = shares_and_ranks(pd.concat(frames, ignore_index=True), focus)
    title = t("city.title.destinations", lang)
    note = t("city.note.destinations", lang)
    return FrameTable("destinations", title, frame[list(DESTINATION_COLUMNS)], note)


def shares_and_ranks(frame: pd.DataFrame, focus: int,
                     totals: pd.Series | None = None) -> pd.DataFrame:
    """``status`` (``published`` count > 0, ``suppressed``, ``zero``), ``share_pct`` (of
    the year's domestic out-migrants: ``totals`` by year, e.g. the published total of
    trend.csv, default the sum of the level's counts) and ``rank`` (by the focus year's
    count, ties by code; only destinations *published* in the focus year are ranked, the
    others have no rank). Rows sorted by level, rank (unranked last, by code), year."""
    frame = frame.copy()
    counts = frame["out_migrants"].astype("Float64")
    frame["status"] = np.where(counts.isna(), "suppressed",
                               np.where(counts.fillna(0) > 0, "published", "zero"))
    if totals is None:
        per_year = counts.groupby([frame["level"], frame["year"]]).transform("sum")
    else:
        per_year = pd.Series(frame["year"].map(totals).astype("Float64").to_numpy(),
                             index=frame.index)
    frame["share_pct"] = (100 * counts / per_year.where(per_year > 0)).astype("Float64")
    now = frame[(frame["year"] == focus) & (frame["status"] == "published")]
    ranked = now.assign(n=now["out_migrants"].astype("float64")).sort_values(
        ["level", "n", "destination_code"], ascending=[True, False, True])
    ranked["rank"] = ranked.groupby("level").cumcount() + 1
    rank = dict(zip(zip(ranked["level"], ranked["destination_code"]), ranked["rank"]))
    frame["rank"] = pd.array([rank.get(k, pd.NA) for k in zip(frame["level"],
                                                               frame["destination_code"])],
                             dtype="Int64")
    level = frame["level"].map({"county": 0, "municipality": 1})
    return (frame.assign(_level=level, _unranked=frame["rank"].isna())
            .sort_values(["_level", "_unranked", "rank", "destination_code", "year"],
                         kind="stable")
            .drop(columns=["_level", "_unranked"]).reset_index(drop=True))
