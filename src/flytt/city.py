"""Who leaves the city: SSB's analysis of out-migration from Oslo in 2020 (seed 004) for
any municipality, focus year and baseline, from the individual move register.

Conventions
-----------
* *Out-migration* from the city: moves with ``origin`` = the city and ``destination`` ≠ the
  city; *domestic* when the destination is a Norwegian municipality, *abroad*
  (emigration) when it is ``ABROAD``.
* *Population at risk*: persons living in the city on 1 January of the year (the
  register's ``population/``). Rates are **per 100 inhabitants** of the group.
* Ages are the age recorded on the move and the age on 1 January in the population.
* The baseline is every year of an inclusive range (``2016–2019``); "baseline" values in
  the decomposition are means over those years.

:func:`analyse` reads a register directory (``DIR/moves``, ``DIR/population``, see
:mod:`flytt.microdata`) with DuckDB and hands the rows that concern the cities to the pure
core :func:`analyse_register`. :func:`trend_from_ssb_table` gives the trend part from SSB's
population-change table 06913 when no microdata exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import microdata as M
from .contracts import ABROAD
from .decomposition import EFFECT_COLUMNS, TOTAL, kitagawa
from .disclosure import DisclosureRule, protect, resolve
from .errors import FlyttError, InputError, NotFoundError
from .i18n import CATALOG, t
from .options import DISCLOSURES, LANGS, Disclosure, Lang, check
from .readers import parse_year_range
from .tables import FrameTable

DestinationType = Literal["domestic", "abroad"]

DESTINATION_TYPES: tuple[str, ...] = ("domestic", "abroad")
TREND_FLOWS: tuple[str, ...] = ("in_domestic", "out_domestic", "immigration", "emigration")
"""Flows of the trend part from microdata (SSB's table 06913 gives ``in_all``/``out_all``)."""
AGE_GROUP_WIDTH = 5
AGE_OPEN_GROUP = 90
"""5-year age groups 0–4 … 85–89 and an open group 90+."""
DEFAULT_BACKGROUND = "SE"
MIN_BACKGROUND_EMIGRANTS = 20
"""Emigrants in the two years figure 4 shows that the default background needs for the
figure to show more than suppressed cells; with fewer, the most common foreign background
among emigrants is used."""
BIRTHPLACE_FAMILY_ATTRIBUTES: tuple[str, ...] = (M.BIRTHPLACE, M.FAMILY_TYPE,
                                                 M.IMMIGRANT_CATEGORY)
"""The attributes of seed figure 5, in its order (``birthplace_family.csv``)."""
DECOMPOSITION_ATTRIBUTES: tuple[str, ...] = ("total", "age_group", M.SEX, M.OCCUPATION,
                                             M.BIRTHPLACE, M.FAMILY_TYPE,
                                             M.IMMIGRANT_CATEGORY)

# --- CSV layouts (public contracts: extend, never rename) ------------------------------
TREND_COLUMNS = ("year", "municipality", "municipality_name", "flow", "label", "moves",
                 "population", "rate_per_100", "source")
AGE_COLUMNS = ("year", "age", "out_domestic", "out_abroad", "population", "rate_per_100")
AGE_GROUP_COLUMNS = ("year", "age_group", "out_domestic", "out_abroad", "population",
                     "rate_per_100")
OCCUPATION_COLUMNS = ("year", "destination", "occupation", "label", "out_migrants",
                      "population", "rate_per_100")
BACKGROUND_COLUMNS = ("year", "country_background", "occupation", "label", "out_migrants",
                      "population", "rate_per_100")
BIRTHPLACE_FAMILY_COLUMNS = ("year", "destination", "attribute", "category", "label",
                             "out_migrants", "population", "rate_per_100")
DESTINATION_COLUMNS = ("year", "level", "destination_code", "destination_name",
                       "out_migrants", "share_pct", "rank", "in_ba_region", "status")
DESTINATION_STATUS: tuple[str, ...] = ("published", "suppressed", "zero")
"""``status`` of a destinations.csv row: a published count > 0, a suppressed small count
(empty ``out_migrants``) or no out-migrants (0)."""
DECOMPOSITION_COLUMNS = ("destination", "attribute", "category", "label",
                         "baseline_population", "focus_population", "baseline_out_migrants",
                         "focus_out_migrants", "baseline_rate_per_100", "focus_rate_per_100",
                         "size_effect", "composition_effect", "population_effect",
                         "rate_effect", "unmatched_effect", "change", "disclosure_adjustment")
ADJUSTMENT = "DISCLOSURE_ADJUSTMENT"
MICRODATA_SOURCE = "microdata"
SYNTHETIC_SOURCE = "synthetic register (flytt synth)"
"""``source`` of the trend part from a register: a synthetic one (:func:`microdata.is_synthetic`)
or real microdata."""
"""Category of the decomposition row that reconciles the published categories of a grouping
with the published total (only under disclosure control)."""

_ORDER: dict[str, tuple[str, ...]] = {
    M.SEX: M.SEXES, M.BIRTHPLACE: M.BIRTHPLACES, M.OCCUPATION: M.OCCUPATIONS,
    M.FAMILY_TYPE: M.FAMILY_TYPES, M.IMMIGRANT_CATEGORY: M.IMMIGRANT_CATEGORIES,
}


# =========================================================================== results
@dataclass(frozen=True)
class Register:
    """The rows of a move register that concern some municipalities.

    ``moves`` has :data:`microdata.MOVE_COLUMNS` (moves from or to the municipalities),
    ``population`` has :data:`microdata.POPULATION_COLUMNS` (their population on 1 January).
    """

    moves: pd.DataFrame
    population: pd.DataFrame
    source: str = "register"
    synthetic: bool = False
    """Written by ``flytt synth`` (:func:`microdata.is_synthetic`)."""
    move_years: tuple[int, ...] = ()
    """Years of the whole register's moves (default: the years in ``moves``)."""
    municipalities: tuple[str, ...] = ()
    """Every municipality with a population in the whole register (default: those in
    ``population`` and ``moves``); used to suggest a code such as ``0301`` for ``301``."""

    @property
    def known(self) -> set[str]:
        """Municipality codes the register knows."""
        if self.municipalities:
            return set(self.municipalities)
        return ({str(c) for c in self.population[M.MUNICIPALITY].unique()}
                | {str(c) for c in self.moves[M.ORIGIN].unique()}
                | {str(c) for c in self.moves[M.DESTINATION].unique()}) - {ABROAD}

    @property
    def years(self) -> list[int]:
        """Years with a population at risk, within the span of years with moves."""
        moved = list(self.move_years) or [int(y) for y in self.moves[M.YEAR].unique()]
        if not moved:
            return []
        return sorted(y for y in {int(v) for v in self.population[M.YEAR].unique()}
                      if min(moved) <= y <= max(moved))


@dataclass(frozen=True)
class CityResult:
    """The out-migration analysis of one municipality: every part and its notes."""

    code: str
    name: str
    focus: int
    baseline: tuple[int, int]
    compare: tuple[str, ...]
    lang: Lang
    disclosure: Disclosure
    country_background: str | None
    trend: FrameTable
    age: FrameTable
    age_groups: FrameTable
    occupation: FrameTable
    background: FrameTable
    birthplace_family: FrameTable
    destinations: FrameTable
    decomposition: FrameTable
    names: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    synthetic: bool = False
    """The register is synthetic: every output says so (:attr:`synthetic_note`)."""

    @property
    def synthetic_note(self) -> str:
        """``city.synthetic_note`` in the result's language, empty for real microdata."""
        return t("city.synthetic_note", self.lang) if self.synthetic else ""

    @property
    def baseline_years(self) -> list[int]:
        return list(range(self.baseline[0], self.baseline[1] + 1))

    @property
    def parts(self) -> dict[str, FrameTable]:
        """Every part by CSV name (``age`` → ``age.csv``), in figure order."""
        return {p.name: p for p in (self.trend, self.age, self.age_groups, self.occupation,
                                    self.background, self.birthplace_family,
                                    self.destinations, self.decomposition)}

    def part(self, name: str) -> FrameTable:
        try:
            return self.parts[name]
        except KeyError:
            raise NotFoundError(f"no part '{name}'; parts: {', '.join(self.parts)}") from None

    def to_frame(self, part: str = "decomposition") -> pd.DataFrame:
        return self.part(part).to_frame()

    def summary(self, destination: str = "all", attribute: str = "age_group"
                ) -> dict[str, float]:
        """The decomposition by ``attribute`` (``total`` = no grouping) summed over its
        categories for ``destination`` (all/domestic/abroad): baseline mean and focus
        out-migrants and the effects, in persons. Under disclosure control these are the
        published totals (trend.csv), the same for every ``attribute``."""
        d = self.decomposition.frame
        row = d[(d["destination"] == destination) & (d["attribute"] == attribute)
                & (d["category"] == TOTAL)].iloc[0]
        cols = ("baseline_out_migrants", "focus_out_migrants", "size_effect",
                "composition_effect", "population_effect", "rate_effect", "unmatched_effect",
                "disclosure_adjustment", "change")
        return {c: float(row[c]) if pd.notna(row[c]) else float("nan") for c in cols}

    def write_csv(self, directory: str | Path) -> list[Path]:
        """Write every part as ``<name>.csv`` into ``directory`` and ``notes.txt`` (what
        was analysed, the disclosure control applied, notes); returns the CSV paths."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for p in self.parts.values():
            path = directory / f"{p.name}.csv"
            p.frame.to_csv(path, index=False, lineterminator="\n")
            paths.append(path)
        word = {w: t(f"city.{w}", self.lang) for w in ("focus", "baseline", "compared_with")}
        head = (f"flytt city {self.code} ({self.name}): {word['focus']} {self.focus}, "
                f"{word['baseline']} {self.baseline[0]}-{self.baseline[1]}"
                + (f", {word['compared_with']} {', '.join(self.compare)}" if self.compare
                   else ""))
        lines = [head, *filter(None, [self.synthetic_note]), *self.notes, "",
                 *(f"{p.name}.csv: {p.title}. {p.footnote}".strip()
                   for p in self.parts.values())]
        (directory / "notes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return paths


# =========================================================================== reading
def read_register(directory: str | Path, codes: Iterable[str]) -> Register:
    """Moves from or to ``codes`` and the population of ``codes`` from a register
    directory (``DIR/moves``, ``DIR/population``: Parquet, hive-partitioned by year)."""
    import duckdb

    directory = Path(directory)
    parts = {}
    for sub in ("moves", "population"):
        path = directory / sub
        if not path.is_dir() or not any(path.rglob("*.parquet")):
            raise InputError(f"{path} holds no Parquet files; --moves takes the register "
                             "directory written by `flytt synth` (with moves/ and population/)")
        parts[sub] = f"read_parquet('{(path / '**' / '*.parquet').as_posix()}', "
        parts[sub] += "hive_partitioning = true, union_by_name = true)"
    codes = sorted(set(codes))
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        moves = con.execute(
            f"SELECT * FROM {parts['moves']} WHERE list_contains($codes, origin) "
            "OR list_contains($codes, destination)", {"codes": codes}).df()
        population = con.execute(
            f"SELECT * FROM {parts['population']} WHERE list_contains($codes, municipality)",
            {"codes": codes}).df()
        all_years = con.execute(f"SELECT DISTINCT year FROM {parts['moves']}").fetchall()
        known = sorted(str(m) for (m,) in con.execute(
            f"SELECT DISTINCT municipality FROM {parts['population']}").fetchall())
    except duckdb.Error as exc:
        raise InputError(f"cannot read the register in {directory}: {exc}") from exc
    finally:
        con.close()
    for frame, columns, what in ((moves, M.MOVE_COLUMNS, "moves"),
                                 (population, M.POPULATION_COLUMNS, "population")):
        missing = [c for c in columns if c not in frame.columns and c != M.DATE]
        if missing:
            raise InputError(f"{directory / what} lacks column(s) {', '.join(missing)}")
    if moves.empty and population.empty:
        hints = [h for h in (_suggest(c, set(known)) for c in codes) if h]
        raise NotFoundError(f"no moves from or to and no population for {', '.join(codes)} in "
                            f"{directory} ({len(known)} municipalities, "
                            f"years {_span(sorted(int(y) for (y,) in all_years))})"
                            + (f"; {'; '.join(hints)}" if hints else ""))
    return Register(moves=_typed(moves), population=_typed(population), source=str(directory),
                    synthetic=M.is_synthetic(directory),
                    move_years=tuple(sorted(int(y) for (y,) in all_years)),
                    municipalities=tuple(known))


def _suggest(code: str, known: set[str]) -> str:
    """``did you mean 0301?`` for ``301`` (a code typed without its leading zero), else
    an empty string."""
    code = code.strip()
    if code.isdigit() and len(code) < 4 and code.zfill(4) in known:
        return f"did you mean {code.zfill(4)}?"
    return ""


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if col in (M.YEAR, M.AGE, M.PERSONS):
            out[col] = pd.to_numeric(out[col]).astype("int64")
        elif col not in (M.DATE, M.PERSON_ID):
            out[col] = out[col].astype(str)
    return out


# =========================================================================== helpers
def _span(years: Sequence[int]) -> str:
    if not years:
        return "none"
    return f"{years[0]}–{years[-1]}" if list(years) == list(range(years[0], years[-1] + 1)) \
        else ", ".join(map(str, years))


def _label(lang: Lang, attribute: str, category: str) -> str:
    key = f"category.{attribute}.{category}"
    return t(key, lang) if key in CATALOG else category


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


def _labelled(long: pd.DataFrame, attribute: str, lang: Lang) -> pd.DataFrame:
    return long.assign(label=[_label(lang, attribute, c) for c in long["category"]])


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


@dataclass(frozen=True)
class Places:
    """Names, counties and BA regions of municipality codes (from :mod:`flytt.geo`)."""

    names: dict[str, str]
    county: dict[str, str]
    county_names: dict[str, str]
    ba: dict[str, str] | None
    notes: tuple[str, ...] = ()


@lru_cache(maxsize=16)
def _municipality_list(vintage: int, source: str | None) -> pd.DataFrame:
    """:func:`flytt.geo.municipalities`, cached per vintage and data mirror (``source``)."""
    from . import geo

    return geo.municipalities(vintage)


@lru_cache(maxsize=4)
def _ba_mapping(vintage: int, source: str | None) -> dict[str, str]:
    """:func:`flytt.geo.ba_grouping` as a dict, cached per vintage and data mirror."""
    from . import geo

    return geo.ba_grouping(vintage).mapping  # type: ignore[arg-type]


def places(codes: Iterable[str], year: int) -> Places:
    """Names, county and BA region of ``codes``; the code list (vintage) is the one among
    ``year``, 2024 and 2020 that knows most of the codes. Without data (no mirror, no
    network) counties are the codes' first two digits and the BA marking is left out."""
    from .registry import data_root

    source = str(data_root())  # the cache key: another mirror holds other files
    codes = set(codes) - {ABROAD}
    notes = []
    try:
        lists = {v: _municipality_list(v, source) for v in dict.fromkeys((year, 2024, 2020))}
        vintage = max(lists, key=lambda v: len(codes & set(lists[v]["code"])))
        m = lists[vintage]
        names = dict(zip(m["code"], m["name"]))
        county = dict(zip(m["code"], m["county_code"]))
        county_names = dict(zip(m["county_code"], m["county_name"]))
    except FlyttError as exc:
        names, county, county_names = {}, {}, {}
        notes.append(f"municipality names and counties unavailable ({exc}); counties are the "
                     "first two digits of the municipality code")
        vintage = year
    try:
        ba: dict[str, str] | None = _ba_mapping(2024 if vintage >= 2024 else 2020, source)
    except FlyttError as exc:
        ba = None
        notes.append(f"BA regions unavailable ({exc}); the BA marking is omitted")
    for code in codes - set(county):
        county[code] = code[:2]
    return Places(names, county, county_names, ba, tuple(notes))


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


def disclosure_note(rule: DisclosureRule | None, lang: Lang) -> str:
    """The disclosure control applied (or that none was), one complete sentence in
    ``lang`` (English: as :meth:`DisclosureRule.describe` / :data:`NO_CONTROL`)."""
    if rule is None:
        return t("disclosure.none", lang)
    return t("disclosure.rule", lang, below=rule.threshold - 1, base=rule.base)


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


# =========================================================================== the analysis
def parse_years(text: str) -> tuple[int, int]:
    """``"2016-2019"`` (or ``2016–2019``, ``2016:2019``, ``2019``) → ``(2016, 2019)``."""
    return parse_year_range(text, "year range")


def _check(register: Register, code: str, focus: int, baseline: tuple[int, int],
           compare: Sequence[str]) -> None:
    """Clear errors for an unknown municipality, a focus year without data and a
    baseline that is empty or lacks data."""
    start, end = baseline
    if start > end:
        raise InputError(f"the baseline {start}–{end} is empty: {start} is after {end}")
    if start <= focus <= end:
        raise InputError(f"the focus year {focus} lies inside the baseline {start}–{end}")
    pop = register.population
    known = set(pop[M.MUNICIPALITY].unique())
    for c in (code, *compare):
        if c not in known:
            hint = _suggest(c, register.known) or "is the code right (4 digits, e.g. 0301)?"
            raise NotFoundError(f"municipality '{c}' has no population in the register "
                                f"{register.source}; {hint}")
    have = sorted({int(y) for y in pop.loc[pop[M.MUNICIPALITY] == code, M.YEAR].unique()}
                  & set(register.years))
    if focus not in have:
        raise NotFoundError(f"no data for {code} in {focus}: the register has moves and "
                            f"population for {_span(have)}")
    missing = [y for y in range(start, end + 1) if y not in have]
    if len(missing) == end - start + 1:
        raise NotFoundError(f"the baseline {start}–{end} has no data for {code}: the register "
                            f"has moves and population for {_span(have)}")
    if missing:
        raise NotFoundError(f"the baseline {start}–{end} lacks data for {_span(missing)}; the "
                            f"register has moves and population for {_span(have)}")


def _choose_background(out: pd.DataFrame, population: pd.DataFrame,
                       background: str | None, lang: Lang = "en",
                       years: Sequence[int] | None = None) -> tuple[str | None, str | None]:
    """The country background of seed figure 4 (emigrants counted in ``years``, the years
    the figure shows; default all) and a note when it was chosen here. The note gives no
    counts: they would bypass the disclosure control of the published parts."""
    found = set(population[M.COUNTRY_BACKGROUND].unique()) | set(
        out[M.COUNTRY_BACKGROUND].unique())
    if background is not None:
        if background not in found:
            raise NotFoundError(f"no persons with country background '{background}' in the "
                                f"city; backgrounds found: {', '.join(sorted(found)) or 'none'}")
        return background, None
    shown = out if years is None else out[out[M.YEAR].isin(list(years))]
    emigrants = shown[(shown["destination_type"] == "abroad")
                      & ~shown[M.COUNTRY_BACKGROUND].isin(["NO", "ZZ", "", "none", "nan"])]
    counts = emigrants[M.COUNTRY_BACKGROUND].value_counts()
    default = int(counts.get(DEFAULT_BACKGROUND, 0))
    if default >= MIN_BACKGROUND_EMIGRANTS or (DEFAULT_BACKGROUND in found and counts.empty):
        return DEFAULT_BACKGROUND, None
    if counts.empty:
        return None, t("city.no_background", lang)
    chosen = str(counts.index[0])
    if chosen == DEFAULT_BACKGROUND:
        return chosen, None
    default_name, chosen_name = (M.country_name(c, lang) for c in (DEFAULT_BACKGROUND, chosen))
    return chosen, t("city.other_background", lang, default=default_name, chosen=chosen_name)


def analyse_register(register: Register, code: str, *, focus: int,
                     baseline: tuple[int, int], compare: Sequence[str] = (),
                     background: str | None = None, lang: Lang = "en",
                     disclosure: Disclosure = "default") -> CityResult:
    """The out-migration analysis of municipality ``code`` in ``focus`` against the
    inclusive ``baseline`` year range (pure: register rows in, tables out).

    ``compare``: other municipalities for the trend part. ``background``: the country
    background of part 4 (default ``SE``, else the most common foreign background among
    emigrants). ``disclosure="default"`` applies :mod:`flytt.disclosure` to every part.
    """
    check(lang, LANGS, "lang")
    check(disclosure, DISCLOSURES, "disclosure")
    compare = tuple(c for c in dict.fromkeys(compare) if c != code)
    _check(register, code, focus, baseline, compare)
    baseline_years = list(range(baseline[0], baseline[1] + 1))
    years = [*baseline_years, focus]
    out = out_migrations(register.moves, code)
    population = register.population[register.population[M.MUNICIPALITY] == code]
    where = places(set(register.moves[M.DESTINATION].unique()) | {code, *compare}, focus)
    notes = list(where.notes)
    pair = [baseline_years[-1], focus]
    chosen, note = _choose_background(out, population, background, lang, pair)
    if note:
        notes.append(note)
    age, age_groups = age_parts(out, population, years, lang)
    parts = {
        "trend": trend_part(register, (code, *compare), where.names, lang),
        "age": age, "age_groups": age_groups,
        "occupation": occupation_part(out, population, years, lang),
        "background": background_part(out, population, pair, chosen or "", lang),
        "birthplace_family": birthplace_family_part(out, population, years, lang),
        "destinations": destinations_part(out, code, years, focus, where, lang),
    }
    rule = resolve(disclosure)
    if rule is not None:
        parts["trend"] = protect_part(parts["trend"], rule, focus, lang=lang)
    # one set of published yearly totals (trend.csv) for the headline and every file
    totals = totals_from_trend(parts["trend"].frame, code)
    if rule is not None:
        parts = {name: p if name == "trend" else
                 protect_part(p, rule, focus, lang=lang, totals=totals)
                 for name, p in parts.items()}
    parts["decomposition"] = decomposition_part(out, population, focus, baseline_years, lang,
                                                rule, totals=totals)
    if rule is not None:
        d = parts["decomposition"]
        parts["decomposition"] = FrameTable(d.name, d.title, d.frame,
                                          f"{d.footnote} {disclosure_note(rule, lang)}.")
    notes.append(disclosure_note(rule, lang))
    if rule is not None:
        notes.append(t("city.note.decomposition_disclosure", lang))
    if register.synthetic:  # every table says it, wherever it is shown
        parts = {name: _footnoted(p, f"{t('city.synthetic_note', lang)}.") for name, p in parts.items()}
    return CityResult(code=code, name=where.names.get(code, code), focus=focus,
                      baseline=(baseline[0], baseline[1]), compare=compare, lang=lang,
                      disclosure=disclosure, country_background=chosen,
                      names={c: where.names.get(c, c) for c in (code, *compare)},
                      notes=tuple(notes), synthetic=register.synthetic, **parts)


def _footnoted(part: FrameTable, first: str) -> FrameTable:
    """``part`` with ``first`` before its footnote."""
    return replace(part, footnote=f"{first} {part.footnote}".strip())


def analyse(moves_dir: str | Path, code: str = "0301", *, focus: int = 2020,
            baseline: tuple[int, int] = (2016, 2019), compare: Sequence[str] = (),
            background: str | None = None, lang: Lang = "en",
            disclosure: Disclosure = "default") -> CityResult:
    """The out-migration analysis of ``code`` from the register in ``moves_dir``
    (``DIR/moves``, ``DIR/population``); see :func:`analyse_register`."""
    register = read_register(moves_dir, (code, *compare))
    return analyse_register(register, code, focus=focus, baseline=baseline, compare=compare,
                            background=background, lang=lang, disclosure=disclosure)


# =========================================================================== SSB table path
_SSB_MEASURES = {
    "population": ("befolkning 1. januar", "population 1 january", "population 1st january"),
    "in_all": ("innflyttinger", "in-migration", "in-migrations"),
    "out_all": ("utflyttinger", "out-migration", "out-migrations"),
}


def trend_from_ssb_table(path: str | Path, lang: Lang = "en",
                         encoding: str | None = None) -> FrameTable:
    """The trend part (seed figure 1) from SSB's table 06913 *Population and population
    changes* as exported from StatBank (CSV, one row per region, columns
    ``"<year> <measure>"``): in- and out-migration (domestic and international together,
    flows ``in_all``/``out_all``) per year, counts and per 100 inhabitants on 1 January."""
    import re

    from .readers import parse_counts, read_raw

    raw = read_raw(path, encoding=encoding)
    source = str(path)
    region_col = raw.columns[0]
    found: dict[tuple[int, str], str] = {}
    for col in raw.columns[1:]:
        m = re.fullmatch(r"\s*(\d{4})\s+(.+?)\s*", str(col))
        if not m:
            continue
        measure = m.group(2).casefold()
        for key, names in _SSB_MEASURES.items():
            if measure in names:
                found[(int(m.group(1)), key)] = col
    years = sorted({y for y, k in found if k == "out_all"})
    if not years:
        raise InputError(f"{source}: no '<year> Utflyttinger' / '<year> Out-migration' "
                         "columns; export SSB table 06913 with in- and out-migration")
    rows = []
    for line, row in raw.iterrows():
        label = str(row[region_col]).strip()
        m = re.fullmatch(r"(?:K[-_])?(\d{4})\s*(.*)", label)
        code, name = (m.group(1), m.group(2) or m.group(1)) if m else (label, label)
        for year in years:
            values = {}
            for key in _SSB_MEASURES:
                col = found.get((year, key))
                if col is None:
                    values[key] = pd.NA
                    continue
                parsed, problems = parse_counts(pd.Series([row[col]], index=[line]), col,
                                                source, allow_missing=True)
                if problems:
                    raise InputError(problems)
                values[key] = parsed.iloc[0]
            for flow in ("in_all", "out_all"):
                rows.append((year, code, name, flow, t(f"city.{flow}", lang), values[flow],
                             values["population"]))
    frame = pd.DataFrame(rows, columns=list(TREND_COLUMNS[:-2]))
    frame["moves"] = frame["moves"].astype("Int64")
    frame["population"] = frame["population"].astype("Int64")
    frame["rate_per_100"] = _rate(frame["moves"], frame["population"])
    frame["source"] = "ssb-06913"
    title = t("city.title.ssb_trend", lang)
    return FrameTable("trend", title, frame[list(TREND_COLUMNS)],
                    "Source: Statistics Norway, table 06913 (CC BY 4.0)")


def select_municipality(part: FrameTable, code: str) -> FrameTable:
    """The rows of a trend part for one municipality (:class:`NotFoundError` if absent)."""
    frame = part.frame[part.frame["municipality"] == code]
    if frame.empty:
        have = ", ".join(sorted(set(part.frame["municipality"])))
        raise NotFoundError(f"municipality '{code}' is not in the table; it has {have}")
    return FrameTable(part.name, part.title, frame.reset_index(drop=True), part.footnote)


_OUT_ALL = {"out_all": {"out_domestic": 1, "out_abroad": 1}}
_PROTECTION: dict[str, tuple[tuple[str, ...], dict, dict]] = {
    "trend": (("moves", "population"), {}, {"rate_per_100": ("moves", "population", 100.0)}),
    "age": (("out_domestic", "out_abroad", "population"), _OUT_ALL,
            {"rate_per_100": ("out_all", "population", 100.0)}),
    "occupation": (("out_migrants", "population"), {},
                   {"rate_per_100": ("out_migrants", "population", 100.0)}),
    "destinations": (("out_migrants",), {}, {}),
}
"""Per part: count cells, derived totals and rates (per 100) for :func:`protect_part`."""
_PROTECTION["age_groups"] = _PROTECTION["age"]
_PROTECTION["background"] = _PROTECTION["birthplace_family"] = _PROTECTION["occupation"]


def protect_part(part: FrameTable, rule: DisclosureRule, focus: int, lang: Lang = "en",
                 totals: pd.DataFrame | None = None) -> FrameTable:
    """``part`` with :func:`flytt.disclosure.protect` applied: counts suppressed/rounded,
    rates and shares recomputed from the published counts (missing if one is); shares of
    destinations are of the published domestic total of the year in ``totals``
    (:func:`totals_from_trend`) when given. The footnote states the rule in ``lang``."""
    import pyarrow as pa

    cells, derived, rates = _PROTECTION[part.name]
    frame = part.frame
    if derived:
        frame = frame.assign(**{c: 0 for c in derived})
    table = pa.Table.from_pandas(frame, preserve_index=False)
    published = protect(table, rule, cells=cells, derived=derived, rates=rates).to_pandas(
        types_mapper={pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
                      pa.bool_(): pd.BooleanDtype()}.get)
    published = published.drop(columns=list(derived))
    for col in frame.columns:
        if col in published and pd.api.types.is_integer_dtype(frame[col]) \
                and col not in cells:
            published[col] = published[col].astype(frame[col].dtype)
    if part.name == "destinations":
        published = shares_and_ranks(published, focus, None if totals is None
                                     else totals["domestic"])
    footnote = f"{part.footnote} {disclosure_note(rule, lang)}.".strip()
    return FrameTable(part.name, part.title, published[list(part.frame.columns)], footnote)
