"""The barometer's input: a yearly panel of regions (municipalities as a rule).

One row per (year, region): ``year, region_code, region_name, population,
net_migration, jobs`` and optionally the three migration streams
``net_immigration, net_domestic_immigrants, net_domestic_others`` (which must add up
to ``net_migration``), ``gross_migration`` (in + out moves, used by the uncertainty
intervals), ``housing_completions`` and any numeric driver columns.

Units and signs: ``population`` = persons on 1 January of ``year``; ``net_migration``
= in-migration minus out-migration during ``year``, moves to and from abroad included
(positive = net gain); ``jobs`` = jobs located in the region in ``year``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import contracts as C
from ..errors import DataError, InputError, NotFoundError, Problem
from ..flows import Grouping
from ..options import Stream
from ..readers import (
    check_codes,
    duplicate_columns,
    names_text,
    normal_names,
    parse_counts,
    parse_numbers,
    parse_years,
    read_raw,
)

if TYPE_CHECKING:
    from ..store import Store

NET_MIGRATION = "net_migration"
NET_IMMIGRATION = "net_immigration"
NET_DOMESTIC_IMMIGRANTS = "net_domestic_immigrants"
NET_DOMESTIC_OTHERS = "net_domestic_others"
GROSS_MIGRATION = "gross_migration"
HOUSING_COMPLETIONS = "housing_completions"

STREAM_COLUMNS: dict[str, str] = {
    "all": NET_MIGRATION,
    "immigration": NET_IMMIGRATION,
    "domestic_immigrants": NET_DOMESTIC_IMMIGRANTS,
    "domestic_others": NET_DOMESTIC_OTHERS,
}
"""The panel column holding each stream's net migration."""
PART_STREAMS: tuple[str, ...] = ("immigration", "domestic_immigrants", "domestic_others")

REQUIRED: tuple[str, ...] = (C.YEAR, C.REGION, C.POPULATION, NET_MIGRATION, C.JOBS)
COUNTS: tuple[str, ...] = (C.POPULATION, C.JOBS, GROSS_MIGRATION, HOUSING_COMPLETIONS)
"""Non-negative whole numbers; summed when regions are aggregated."""
SIGNED: tuple[str, ...] = (NET_MIGRATION, NET_IMMIGRATION, NET_DOMESTIC_IMMIGRANTS,
                           NET_DOMESTIC_OTHERS)
"""Whole numbers of either sign; summed when regions are aggregated."""
_ALIASES = {"region": C.REGION, "code": C.REGION, "name": C.REGION_NAME, "net": NET_MIGRATION}


@dataclass(frozen=True)
class Panel:
    """A validated panel plus what travels with it.

    ``groupings`` may hold ``"region"`` and ``"county"`` groupings of the panel's units
    (used by ``level="region"/"county"``); ``vintage`` is the year of the regional
    structure the codes follow (for maps); ``synthetic`` marks generated demo data, which
    every output then states.
    """

    frame: pd.DataFrame
    groupings: Mapping[str, Grouping] = field(default_factory=dict)
    vintage: int | None = None
    synthetic: bool = False
    source: str = ""
    rows: Mapping[tuple[int, str], int] = field(default_factory=dict, repr=False)
    """The row of the panel file each (year, region code) was read from (empty when the
    panel was not read from a file): errors found later name it."""

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame[C.YEAR].unique())

    @property
    def streams(self) -> list[str]:
        """Streams available: ``all`` and, when the three stream columns are given, the parts."""
        parts = [s for s in PART_STREAMS if STREAM_COLUMNS[s] in self.frame.columns]
        return ["all"] + parts

    @property
    def drivers(self) -> list[str]:
        """Numeric columns that are neither counts of the contract nor migration columns."""
        known = set(REQUIRED) | set(SIGNED) | {C.REGION_NAME, GROSS_MIGRATION}
        return [c for c in self.frame.columns if c not in known]

    @property
    def names(self) -> dict[str, str]:
        return dict(zip(self.frame[C.REGION], self.frame[C.REGION_NAME]))

    def with_groupings(self, **groupings: Grouping) -> Panel:
        return replace(self, groupings=dict(self.groupings) | groupings)


# --------------------------------------------------------------------------- validation
def _label(raw: pd.DataFrame, row: int | None) -> str:
    """``'unit 0301, year 2008'`` for a file row, from the raw text."""
    if row is None or row not in raw.index:
        return ""
    code = str(raw.at[row, C.REGION]).strip() if C.REGION in raw.columns else "?"
    year = str(raw.at[row, C.YEAR]).strip() if C.YEAR in raw.columns else "?"
    return f"unit {code}, year {year}: "


def validate_panel(raw: pd.DataFrame, source: str = "panel", *, gaps: bool = False
                   ) -> pd.DataFrame:
    """:func:`typed_panel` sorted by year and code, with a fresh index."""
    frame = typed_panel(raw, source, gaps=gaps)
    return frame.sort_values([C.YEAR, C.REGION]).reset_index(drop=True)


def typed_panel(raw: pd.DataFrame, source: str = "panel", *, gaps: bool = False
                ) -> pd.DataFrame:
    """Check a frame of strings (as from :func:`flytt.readers.read_raw`) and return it typed,
    in the rows and with the index (the file's row numbers) of ``raw``.

    Every problem names the file, row and column and the unit and year; raises
    :class:`InputError` listing all of them. Checks: required columns; years; codes
    (leading zeros); counts non-negative whole numbers (population may not be missing);
    net migration whole numbers (may be missing in years outside the periods asked for);
    one row per (year, region_code); streams adding up to ``net_migration`` when given.
    ``gaps=True`` (a panel assembled from the store's tables) also lets population and jobs
    be missing in a row: the index checks that each period has what it needs (population
    of its first year, jobs of the year before it and of its last year).
    """
    line = int(raw.attrs.get("header_line", 1))
    raw = raw.set_axis(normal_names(raw.columns, _ALIASES), axis=1)
    dup = duplicate_columns(list(raw.columns), source, line)
    if dup:
        raise InputError(dup)
    raw = raw[[c for c in raw.columns if c and not str(c).startswith("unnamed:")]]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InputError([Problem(f"missing column '{c}' (the panel needs "
                                  f"{', '.join(REQUIRED)}; found {names_text(list(raw.columns))})",
                                  source=source, row=line, column=c) for c in missing])
    streams = [STREAM_COLUMNS[s] for s in PART_STREAMS]
    given = [c for c in streams if c in raw.columns]
    if given and len(given) != len(streams):
        raise InputError(Problem(f"stream columns must come together: found {', '.join(given)}"
                                 f", missing {', '.join(c for c in streams if c not in given)}",
                                 source=source, row=1))
    frame = pd.DataFrame(index=raw.index)
    problems: list[Problem] = []
    frame[C.YEAR], found = parse_years(raw[C.YEAR], C.YEAR, source)
    problems += found
    frame[C.REGION], found = check_codes(raw[C.REGION], C.REGION, source)
    problems += found
    frame[C.REGION_NAME] = (raw[C.REGION_NAME].astype(str).str.strip()
                            if C.REGION_NAME in raw.columns else frame[C.REGION])
    frame[C.REGION_NAME] = frame[C.REGION_NAME].where(frame[C.REGION_NAME].ne(""),
                                                      frame[C.REGION])
    for col in raw.columns:
        if col in (C.YEAR, C.REGION, C.REGION_NAME):
            continue
        if col in COUNTS:
            frame[col], found = parse_counts(raw[col], col, source,
                                             allow_missing=gaps or col not in (
                                                 C.POPULATION, C.JOBS))
        elif col in SIGNED:
            frame[col], found = parse_numbers(raw[col], col, source, signed=True,
                                              allow_missing=True,
                                              what="net migration counts persons")
        else:
            frame[col], found = parse_numbers(raw[col], col, source, whole=False, signed=True,
                                              allow_missing=True)
        problems += found
    if problems:
        raise InputError([Problem(_label(raw, p.row) + p.message, p.source, p.row, p.column)
                          for p in problems])
    dup = frame.duplicated([C.YEAR, C.REGION], keep=False)
    if dup.any():
        for (year, code), rows in frame[dup].groupby([C.YEAR, C.REGION]).groups.items():
            problems.append(Problem(f"unit {code}, year {year}: duplicate row (also on rows "
                                    f"{', '.join(map(str, list(rows)[1:]))})", source=source,
                                    row=int(next(iter(rows)))))
        raise InputError(problems)
    if given:
        parts = frame[streams].sum(axis=1, min_count=len(streams))
        off = parts.ne(frame[NET_MIGRATION]).fillna(False)
        for i in frame.index[off.to_numpy()]:
            problems.append(Problem(
                f"unit {frame.at[i, C.REGION]}, year {frame.at[i, C.YEAR]}: the streams add up "
                f"to {parts[i]} but net_migration is {frame.at[i, NET_MIGRATION]} "
                "(net_immigration + net_domestic_immigrants + net_domestic_others must equal "
                "net_migration)", source=source, row=int(i), column=NET_MIGRATION))
        if problems:
            raise InputError(problems)
    return frame


def read_panel(path: str | Path, *, encoding: str | None = None,
               delimiter: str | None = None) -> Panel:
    """Read and validate a panel file (CSV in any common encoding, Parquet or Excel)."""
    typed = typed_panel(read_raw(path, encoding=encoding, delimiter=delimiter), str(path))
    rows = {(int(y), str(c)): int(line)
            for line, y, c in zip(typed.index, typed[C.YEAR], typed[C.REGION])}
    frame = typed.sort_values([C.YEAR, C.REGION]).reset_index(drop=True)
    return Panel(frame, vintage=detect_vintage(frame[C.REGION], int(frame[C.YEAR].max())),
                 source=str(path), rows=rows)


def panel_from_frame(frame: pd.DataFrame, source: str = "panel", *, gaps: bool = False,
                     **kwargs: object) -> Panel:
    """Validate an in-memory frame (any dtypes) into a :class:`Panel` (``gaps``: see
    :func:`validate_panel`)."""
    raw = frame.astype(str).where(frame.notna(), "")
    raw.index = pd.RangeIndex(2, len(raw) + 2, name="line")
    typed = validate_panel(raw, source, gaps=gaps)
    kwargs.setdefault("vintage", detect_vintage(typed[C.REGION], int(typed[C.YEAR].max())))
    return Panel(typed, source=source, **kwargs)  # type: ignore[arg-type]


def panel_from_store(db: str | Path | None = None, *,
                     contents: Mapping[str, str] | None = None) -> Panel:
    """A panel from the store: the population and jobs tables plus net migration.

    Net migration comes from the store's ``flows`` when they cover any of the population's
    years (flows win): moves into the region minus moves out of it, abroad included
    (moves inside a region are not counted). Otherwise from ``ssb_changes`` (``flytt fetch
    ssb changes``, table 01222): in − out + immigration − emigration, quarters summed
    (:mod:`.ssb_inputs`), with ``net_immigration`` and, from ``ssb_immigrant_streams``
    (07210), the other two streams. Years the source does not cover keep population and
    jobs with net migration missing (the index says which years a period lacks). Every table must follow one municipality structure (:func:`check_one_vintage`).
    The panel's ``source`` says where net migration came from. ``contents``: SSB content
    codes by kind (:func:`.ssb_inputs.changes_by_year`).
    """
    from ..store import Store
    from .ssb_inputs import CHANGES, STREAMS, Migration, migration_from_ssb

    with Store(db, read_only=True) as store:
        pop = store.population()
        jobs = store.jobs()
        names = store.names()
        years = sorted(int(y) for y in pop[C.YEAR].unique()) if not pop.empty else []
        try:
            flows: pd.DataFrame | None = store.flows(years).frame
        except NotFoundError:
            flows = None
        changes = _store_table(store, CHANGES) if flows is None else None
        streams = _store_table(store, STREAMS) if changes is not None else None
    if pop.empty or jobs.empty:
        raise NotFoundError("the store needs population and jobs to make a barometer panel; "
                            "fetch them with 'flytt fetch ssb population|jobs' or import them "
                            "with 'flytt import population|jobs FILE', or give a panel file "
                            "(panel; the CLI's --panel FILE)")
    where = f"store {db or 'default'}"
    if flows is not None:
        migration = Migration(_net_from_flows(flows), "net migration from flows")
        check_one_vintage({"population": pop, "jobs": jobs})
    elif changes is not None:
        check_one_vintage({"population": pop, "jobs": jobs, CHANGES: changes})
        migration = migration_from_ssb(changes, streams, contents)
    else:
        raise NotFoundError(f"the {where} has neither flows nor '{CHANGES}' for the years "
                            f"{years[0]}–{years[-1]}; fetch net migration with 'flytt fetch ssb "
                            "changes --years A-B' or import flows with 'flytt import flows "
                            "FILE'")
    p = pop.groupby([C.YEAR, C.REGION])[C.POPULATION].sum().reset_index()
    j = jobs.groupby([C.YEAR, C.REGION])[C.JOBS].sum().reset_index()
    frame = p.merge(j, how="outer")
    if flows is not None:
        frame = frame.merge(migration.frame, how="left")
        covered = frame[C.YEAR].isin(set(flows[C.YEAR]))  # a region without moves: net 0
        frame[NET_MIGRATION] = frame[NET_MIGRATION].mask(
            covered & frame[NET_MIGRATION].isna(), 0)
    else:
        frame = _join_ssb_migration(frame, migration.frame)
    from ..geo import complete_names

    names = complete_names(names, set(frame[C.REGION]), int(frame[C.YEAR].max()))
    frame[C.REGION_NAME] = [names.get(c, c) for c in frame[C.REGION]]
    return panel_from_frame(frame, source=f"{where}: {migration.source}", gaps=True)


def _store_table(store: Store, name: str) -> pd.DataFrame | None:
    """Table ``name`` of the store, or None when it is missing or empty."""
    from ..store import scalar

    found = scalar(store.con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                   [name])
    if not found:
        return None
    frame = store.con.execute(f"SELECT * FROM {name}").df()
    return None if frame.empty else frame


def _net_from_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """``net_migration`` (in − out) and ``gross_migration`` (in + out) per year and region
    from flows, abroad included; moves inside a region are not counted."""
    moves = flows[flows[C.ORIGIN] != flows[C.DESTINATION]].dropna(subset=[C.MOVES])
    inflow = moves.groupby([C.YEAR, C.DESTINATION])[C.MOVES].sum().rename_axis([C.YEAR, C.REGION])
    outflow = moves.groupby([C.YEAR, C.ORIGIN])[C.MOVES].sum().rename_axis([C.YEAR, C.REGION])
    net = pd.DataFrame({
        NET_MIGRATION: inflow.sub(outflow, fill_value=0),
        GROSS_MIGRATION: inflow.add(outflow, fill_value=0),
    }).fillna(0).reset_index()
    return net[net[C.REGION] != C.ABROAD]


def _join_ssb_migration(frame: pd.DataFrame, migration: pd.DataFrame) -> pd.DataFrame:
    """Population and jobs rows joined to SSB's migration columns: years the migration
    does not cover keep net migration missing; a region missing from a year it covers is
    an error."""
    years = set(migration[C.YEAR])
    frame = frame.merge(migration, how="left")
    lacking = frame[frame[C.YEAR].isin(years) & frame[NET_MIGRATION].isna()]
    if not lacking.empty:
        first = lacking.iloc[0]
        raise DataError(
            f"table 'ssb_changes' has no net migration for region {first[C.REGION]} in "
            f"{first[C.YEAR]} ({len(lacking)} region-years of the population/jobs tables "
            "lack it); fetch the changes for the same municipalities ('flytt fetch ssb "
            "changes') or harmonise both to one vintage ('flytt harmonize --to 2024')")
    if not frame[C.YEAR].isin(years).any():
        raise DataError("table 'ssb_changes' covers none of the years of the population and "
                        "jobs tables (complete years only)")
    return frame


def check_one_vintage(tables: Mapping[str, pd.DataFrame]) -> None:
    """Raise :class:`DataError` when the tables' years follow different municipality
    structures (e.g. 2019 in the 2018 municipalities, 2024 in the 2024 ones): the barometer
    compares each municipality across years, so the codes must be harmonised first."""
    covering: dict[tuple[str, int], set[int]] = {}
    for name, table in tables.items():
        for year, codes in table.groupby(C.YEAR)[C.REGION]:
            found = _covering_vintages(codes.astype(str))
            if found is None:
                return
            covering[(name, int(year))] = found
    if not covering or set.intersection(*covering.values()):
        return
    parts: dict[tuple[str, int], list[int]] = {}
    for (name, year), found in covering.items():
        parts.setdefault((name, _in_force(found, year)), []).append(year)
    listed = "; ".join(f"{name} {min(ys)}{f'–{max(ys)}' if max(ys) > min(ys) else ''}: "
                       f"the {v} municipalities" for (name, v), ys in parts.items())
    raise DataError(f"the store mixes municipality structures ({listed}); harmonise every "
                    "table to one vintage with 'flytt harmonize FILE --to 2024' (fetch with "
                    "--out FILE, harmonise, import the result) and build the panel again")


def _covering_vintages(codes: pd.Series) -> set[int] | None:
    """The vintages whose municipality list holds every 4-digit code (the county-prefix
    guess when none does); None when the code lists cannot be had or codes are not
    municipality codes."""
    four = set(codes[codes.str.fullmatch(r"\d{4}")])
    if not four or len(four) < codes.nunique() / 2:
        return None
    from .. import geo
    from ..errors import FlyttError

    try:
        found = {v for v in geo.VINTAGES if geo.covering_vintage(four, vintages=(v,))}
    except (FlyttError, OSError):
        return None
    return found or {_vintage_by_prefix(pd.Series(sorted(four)))}


def _in_force(vintages: set[int], year: int) -> int:
    """Of ``vintages``, the one nearest to the structure in force in ``year``."""
    return min(vintages, key=lambda v: (abs(v - year), -v))


# --------------------------------------------------------------------------- vintages
_PREFIX_2024 = {"31", "32", "33", "39", "40", "55", "56"}
_PREFIX_2020 = {"30", "38", "54"}
_PREFIX_SINCE_2020 = {"34", "42", "46", "50"}


def _vintage_by_prefix(four: pd.Series) -> int:
    prefixes = set(four.str[:2])
    if prefixes & _PREFIX_2024:
        return 2024
    if prefixes & (_PREFIX_2020 | _PREFIX_SINCE_2020):
        return 2020
    return 2018


def detect_vintage(codes: pd.Series, year: int | None = None) -> int | None:
    """The regional structure 4-digit municipality codes follow: 2024, 2020 or 2018;
    None for other codes.

    The vintage whose municipality list holds every code (:func:`flytt.geo.covering_vintage`,
    preferring the one in force in ``year``, the panel's last year); when none does, or the
    code lists cannot be had, a guess from the county part of the codes."""
    codes = pd.Series(codes).astype(str)
    four = codes[codes.str.fullmatch(r"\d{4}")]
    if four.empty or len(four) < len(codes) / 2:
        return None
    try:
        from .. import geo
        from ..errors import FlyttError

        try:
            found = geo.covering_vintage(set(four), year=year)
        except (FlyttError, OSError):
            found = None
    except ImportError:
        found = None
    return found if found is not None else _vintage_by_prefix(four)


__all__ = [
    "STREAM_COLUMNS",
    "Panel",
    "Stream",
    "check_one_vintage",
    "detect_vintage",
    "panel_from_frame",
    "panel_from_store",
    "read_panel",
    "validate_panel",
]
