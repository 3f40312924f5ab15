"""Recipes: ready-made StatBank queries that fill the store.

=====================  ======  ================================================  ==========================
recipe                 table   what                                              store table
=====================  ======  ================================================  ==========================
``population``         07459   persons 1 January by municipality × age × sex     ``population``
``changes``            01222   quarterly population changes per municipality:   ``ssb_changes``
                               births, deaths, immigration, emigration,
                               in- and out-migration
``immigrant-streams``  07210   internal net migration by immigration category    ``ssb_immigrant_streams``
                               (the barometer's three streams)
``region-levels``      09587   internal migration by region level                ``ssb_region_levels``
``jobs``               13470   employed persons by municipality of work          ``jobs``
=====================  ======  ================================================  ==========================

The table of every recipe can be overridden (``--table``) for when SSB replaces a table.
Municipalities use the value set of all municipality codes (``vs_Kommun``), so each year
comes with the codes valid that year; harmonise them with :mod:`flytt.harmonize`.
Region codes are stored without StatBank's ``K-`` prefix. ``jobs`` takes the table's first
contents variable (persons) and sums over the dimensions that cannot be eliminated. Long recipes (``changes``,
``immigrant-streams``, ``region-levels``) keep every dimension as ``D`` / ``D_label``
columns plus ``year``, ``period``, ``region_code``, ``region_name`` and ``value``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from .. import contracts as C
from ..errors import DataError, InputError
from ..readers import parse_year_range
from .client import StatBank, StatBankResult
from .query import Query

RecipeName = Literal["population", "changes", "immigrant-streams", "region-levels", "jobs"]
_REGION_IDS = ("Region", "KOKkommuneregion0000", "ArbstedKomm", "Bostedkommune")


@dataclass(frozen=True)
class Recipe:
    """A StatBank query and how its answer becomes a store table."""

    name: str
    table: str
    description: str
    store_table: str
    selection: Callable[[int, int, bool], dict[str, tuple[str, ...]]]
    """(first year, last year, quarterly time codes?) → selection."""
    shape: Callable[[pd.DataFrame], pd.DataFrame]
    quarterly: bool = False


def _years(first: int, last: int, quarterly: bool) -> tuple[str, ...]:
    if quarterly:
        return (f"range({first}K1,{last}K4)",)
    return (f"range({first},{last})",)


def _region_column(frame: pd.DataFrame) -> str:
    for c in _REGION_IDS:
        if c in frame.columns:
            return c
    raise DataError(f"no region dimension in the answer (columns: {', '.join(frame.columns)})")


def _time_column(frame: pd.DataFrame) -> str:
    if "Tid" not in frame.columns:
        raise DataError("no time dimension 'Tid' in the answer")
    return "Tid"


def _long(frame: pd.DataFrame) -> pd.DataFrame:
    """Generic shape: year, period, region_code, region_name, other dimensions, value."""
    region, tid = _region_column(frame), _time_column(frame)
    frame = frame[frame["value"].notna()]
    out = pd.DataFrame({C.YEAR: frame[tid].str[:4].astype("int64"), "period": frame[tid],
                        C.REGION: frame[region].str.replace(r"^[KFB][-_]", "", regex=True),
                        C.REGION_NAME: frame[f"{region}_label"]})
    others = [c for c in frame.columns
              if c not in (region, f"{region}_label", tid, f"{tid}_label", "value")]
    for c in others:
        out[c] = frame[c]
    out["value"] = frame["value"]
    return out.reset_index(drop=True)


def _drop_empty_regions(frame: pd.DataFrame, count: str) -> pd.DataFrame:
    """Drop region-years with no persons at all (codes not in use that year)."""
    totals = frame.groupby([C.YEAR, C.REGION])[count].transform("sum")
    return frame[totals > 0].reset_index(drop=True)


_AGE = re.compile(r"^(\d+)\+?$")
_SEX = {"1": "M", "2": "F"}


def _population(frame: pd.DataFrame) -> pd.DataFrame:
    """Persons per year and region, by single-year age (``Alder``) and sex (``Kjonn``)
    when the answer has them (an answer that eliminated them holds the totals)."""
    long = _long(frame)
    out = pd.DataFrame({C.YEAR: long[C.YEAR], C.REGION: long[C.REGION],
                        C.REGION_NAME: long[C.REGION_NAME]})
    if "Alder" in long.columns:
        age = long["Alder"].astype(str).str.extract(_AGE)[0]
        if age.isna().any():
            bad = sorted(set(long.loc[age.isna(), "Alder"]))[:5]
            raise DataError(f"unexpected age codes {bad}; select single years (Alder=*)")
        out[C.AGE] = age.astype(int).astype(str)
    if "Kjonn" in long.columns:
        sex = long["Kjonn"].astype(str)
        out[C.SEX] = sex.map(_SEX).fillna(sex)
    out[C.POPULATION] = long["value"].astype("Int64")
    return _drop_empty_regions(out, C.POPULATION)


def _jobs(frame: pd.DataFrame) -> pd.DataFrame:
    long = _long(frame)
    out = (long.groupby([C.YEAR, C.REGION, C.REGION_NAME], as_index=False)["value"].sum()
           .rename(columns={"value": C.JOBS}))
    out[C.JOBS] = out[C.JOBS].astype("Int64")
    return _drop_empty_regions(out, C.JOBS)


def _municipalities(first: int, last: int, quarterly: bool,
                    **extra: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {"Region": ("*",), "ContentsCode": ("*",), "Tid": _years(first, last, quarterly)
            } | extra


RECIPES: dict[str, Recipe] = {r.name: r for r in (
    Recipe("population", "07459",
           "Persons 1 January by municipality, single-year age and sex", "population",
           lambda a, b, q: _municipalities(a, b, q, Alder=("*",), Kjonn=("1", "2"),
                                           ContentsCode=("Personer1",)),
           _population),
    Recipe("changes", "01222",
           "Population changes per municipality and quarter: births, deaths, immigration, "
           "emigration, in- and out-migration", "ssb_changes",
           lambda a, b, q: _municipalities(a, b, q), _long, quarterly=True),
    Recipe("immigrant-streams", "07210",
           "Internal net migration by immigration category (the barometer's streams)",
           "ssb_immigrant_streams", lambda a, b, q: _municipalities(a, b, q), _long),
    Recipe("region-levels", "09587", "Internal migration by region level",
           "ssb_region_levels", lambda a, b, q: _municipalities(a, b, q), _long),
    Recipe("jobs", "13470", "Employed persons by municipality of work (4th quarter)", "jobs",
           lambda a, b, q: _municipalities(a, b, q, ContentsCode=("top(1)",)), _jobs),
)}


def parse_years(text: str) -> tuple[int, int]:
    """``"2010-2024"`` or ``"2024"`` → (first, last)."""
    return parse_year_range(text, "--years")


@dataclass(frozen=True)
class RecipeResult:
    """A recipe's answer shaped for the store."""

    recipe: Recipe
    table: str
    frame: pd.DataFrame
    raw: StatBankResult

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()


def run(client: StatBank, name: str, years: tuple[int, int], *, table: str | None = None,
        on_part: Callable[[int, int], None] | None = None,
        lang: Literal["en", "no"] = "en") -> RecipeResult:
    """Run recipe ``name`` for ``years`` (first, last) and shape the answer."""
    try:
        recipe = RECIPES[name]
    except KeyError:
        raise InputError(f"no recipe '{name}'; recipes: {', '.join(RECIPES)}") from None
    table_id = table or recipe.table
    query = Query(table_id, recipe.selection(*years, recipe.quarterly),
                  codelists={"Region": "vs_Kommun"}, lang=lang)
    result = client.data(query, on_part=on_part)
    return RecipeResult(recipe, table_id, recipe.shape(result.frame), result)


def store(result: RecipeResult, db: str | None, *, source: str) -> str:
    """Write a recipe result into the store; returns a one-line summary (see
    :func:`store_frame`)."""
    return store_frame(result.recipe.store_table, result.frame, db, source=source)


def store_frame(name: str, frame: pd.DataFrame, db: str | None, *, source: str) -> str:
    """Write a shaped StatBank frame into store table ``name``; returns a one-line summary.

    ``population`` and ``jobs`` go through the store's validated import (the years
    fetched replace those years); the long recipes and tidy StatBank tables replace their
    years in their own ``ssb_*`` table (:func:`store_table`).
    """
    from ..readers import validate
    from ..store import Store

    if name in ("population", "jobs"):
        spec = C.INPUT_SPECS[name]
        typed = validate(frame.astype("str"), spec, source)
        with Store(db) as st:
            return st.import_frame(spec.kind, typed, source=source).summary()
    return store_table(frame, name, db)


def store_table(frame: pd.DataFrame, name: str, db: str | None) -> str:
    """Write a tidy StatBank frame into table ``name`` of the store, atomically: with a
    ``year`` column those years are replaced, otherwise the whole table."""
    from ..store import Store

    if not re.fullmatch(r"ssb_[a-z0-9_]+", name):
        raise InputError(f"store table '{name}' must look like ssb_<letters/digits>")
    frame = frame.astype({c: "str" for c in frame.columns  # DuckDB would make ENUMs
                          if isinstance(frame[c].dtype, pd.CategoricalDtype)})
    with Store(db) as st, st.transaction() as con:
        con.register("incoming", frame)
        if C.YEAR in frame.columns:
            years = sorted(int(y) for y in frame[C.YEAR].unique())
            con.execute(f"CREATE TABLE IF NOT EXISTS {name} AS SELECT * FROM incoming LIMIT 0")
            con.execute(f"DELETE FROM {name} WHERE {C.YEAR} IN (SELECT unnest(?::INTEGER[]))",
                        [years])
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
            what = f" ({years[0]}–{years[-1]})" if years else ""
        else:
            con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM incoming")
            what = ""
        con.unregister("incoming")
    return f"Stored {len(frame):,} rows in '{name}'{what}"
