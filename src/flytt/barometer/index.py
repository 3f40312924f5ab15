"""The attractiveness index of seed 003 (Telemarksforsking's Attraktivitetsbarometer).

For a period ``a..b`` and every unit of a level:

* ``net_migration_pct = 100 · Σ_{y=a..b} net_migration(y) / population(a)``
  (percentage points of the population on 1 January of ``a``; positive = net gain);
* ``job_growth_pct = 100 · (jobs(b) / jobs(a−1) − 1)`` (per cent);
* an OLS line ``net_migration_pct ~ job_growth_pct`` across all units of the level
  (unweighted as published, or weighted by ``population(a)``);
* ``expected_pct`` = the fitted value, ``attractiveness = net_migration_pct − expected_pct``
  (percentage points; positive = more net in-migration than job growth explains).

Regions and counties sum their member municipalities' counts first. The long term is the
sum over the three consecutive periods ending in ``b``; each period has its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import contracts as C
from ..classes import quintile_classes
from ..errors import DataError, InputError, Problem
from ..flows import Grouping
from ..i18n import Message, Num
from ..readers import parse_year_range, years_text
from ..results import InEnglish
from .levels import Level, aggregate, grouping_for
from .panel import GROSS_MIGRATION, STREAM_COLUMNS, Panel, Stream
from .uncertainty import Uncertainty, estimate_uncertainty

Period = tuple[int, int]
CONTRACT_COLUMNS: tuple[str, ...] = ("rank", C.REGION, C.REGION_NAME, C.POPULATION,
                                     "net_migration_pct", "job_growth_pct", "expected_pct",
                                     "attractiveness")
"""``flytt barometer --format csv`` columns (then one ``attractiveness_A_B`` per period with
``--long-term``, then the uncertainty columns with ``--uncertainty``)."""
UNCERTAINTY_COLUMNS: tuple[str, ...] = ("attractiveness_low", "attractiveness_high",
                                        "rank_low", "rank_high", "attractiveness_shrunk",
                                        "rank_shrunk")
SYNTHETIC_NOTE = Message("synthetic_note")
"""The note every output of the synthetic demo panel carries."""


# --------------------------------------------------------------------------- OLS line
def ols(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
        ) -> tuple[np.ndarray, np.ndarray]:
    """Intercepts and slopes of (weighted) least-squares lines of each row of ``y`` on ``x``.

    ``y`` is ``(n,)`` or ``(k, n)``; returns arrays of shape ``()`` or ``(k,)``.
    """
    w = np.ones_like(x, dtype=float) if weights is None else np.asarray(weights, float)
    w = w / w.sum()
    xm = float(w @ x)
    sxx = float(w @ (x - xm) ** 2)
    if sxx <= 0:
        raise DataError("job growth is the same for every unit: the line cannot be fitted")
    ym = y @ w
    slope = ((y - ym[..., None]) * (w * (x - xm))).sum(axis=-1) / sxx
    return ym - slope * xm, slope


@dataclass(frozen=True)
class Line:
    """The fitted line ``net_migration_pct = intercept + slope · job_growth_pct``."""

    intercept: float
    slope: float
    r2: float
    n: int
    weighted: bool

    def predict(self, x: np.ndarray | pd.Series) -> np.ndarray:
        return self.intercept + self.slope * np.asarray(x, dtype=float)


def fit_line(x: pd.Series | np.ndarray, y: pd.Series | np.ndarray,
             weights: pd.Series | np.ndarray | None = None) -> Line:
    """OLS (or WLS with ``weights``) of ``y`` on ``x``; R² is the (weighted) share of variance
    explained. Needs at least three units."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if len(x) < 3:
        raise DataError(f"the line needs at least 3 units; the level has {len(x)}")
    w = None if weights is None else np.asarray(weights, dtype=float)
    a, b = ols(x, y, w)
    ww = np.ones_like(y) if w is None else w
    resid = y - a - b * x
    ym = (ww @ y) / ww.sum()
    total = ww @ (y - ym) ** 2
    r2 = 1 - (ww @ resid ** 2) / total if total > 0 else float("nan")
    return Line(float(a), float(b), float(r2), len(x), w is not None)


# --------------------------------------------------------------------------- periods
def parse_period(text: str, length: int = 3) -> Period:
    """``"2008-2010"`` → ``(2008, 2010)``; ``"2010"`` → the ``length``-year period ending 2010."""
    first, last = parse_year_range(str(text), "period")
    if str(text).strip().isdigit():
        first = last - length + 1
    if not C.MIN_YEAR <= first <= C.MAX_YEAR:
        raise InputError(f"period '{text}' starts in {first}, outside "
                         f"{C.MIN_YEAR}-{C.MAX_YEAR}")
    return first, last


def long_term_periods(period: Period) -> list[Period]:
    """The three consecutive periods of the same length ending in ``period``'s last year."""
    a, b = period
    n = b - a + 1
    return [(a - 2 * n, b - 2 * n), (a - n, b - n), (a, b)]


def period_label(period: Period) -> str:
    return f"{period[0]}-{period[1]}" if period[0] != period[1] else str(period[0])


def _located(messages: list[tuple[int, str, str | None, str]],
             where: Panel | None) -> list[str]:
    """``(year, code, column, message)`` as error lines naming the file, row and column of
    the panel file ``where`` was read from when it has that row (else the message alone)."""
    rows = where.rows if where is not None else {}
    return [str(Problem(message, where.source, rows[(year, code)], column))
            if where is not None and (year, code) in rows else message
            for year, code, column, message in messages]


def _check_years(frame: pd.DataFrame, period: Period, column: str,
                 where: Panel | None = None) -> None:
    """Every unit needs population(a), jobs(a−1), jobs(b) and the stream for a..b;
    ``where``: the panel ``frame``'s rows are (errors then name its file rows)."""
    a, b = period
    have = set(frame[C.YEAR].unique())
    needs = {a - 1: "jobs (the year before the period, for job growth)",
             **{y: f"{column}" for y in range(a, b + 1)}}
    gone = [y for y in needs if y not in have]
    if gone:
        raise DataError(f"the panel has no rows for {', '.join(map(str, gone))}; the period "
                        f"{period_label(period)} needs " + "; ".join(
                            f"{y}: {needs[y]}" for y in gone))
    units = sorted(set(frame[C.REGION]))
    index = pd.MultiIndex.from_product([range(a - 1, b + 1), units], names=[C.YEAR, C.REGION])
    present = frame.set_index([C.YEAR, C.REGION])
    if column not in present.columns:
        raise DataError(f"the panel has no column '{column}'")
    present = present.reindex(index)
    need = pd.DataFrame(False, index=index, columns=[C.JOBS, C.POPULATION, column])
    years = need.index.get_level_values(C.YEAR)
    need.loc[years == a - 1, C.JOBS] = True
    need.loc[years == b, C.JOBS] = True
    need.loc[years == a, C.POPULATION] = True
    need.loc[years >= a, column] = True
    lacking = need & present[need.columns].isna().to_numpy()
    whole = lacking.groupby(level=C.YEAR).all() & need.groupby(level=C.YEAR).any()
    gaps = [f"{year}: no {col} for any unit" for year, row in whole.iterrows()
            for col in row.index if row[col]]
    if gaps:
        raise DataError(f"the period {period_label(period)} needs " + "; ".join(gaps)
                        + (f" (the panel's {column} covers "
                           f"{years_text(frame[frame[column].notna()][C.YEAR])})")
                        + (f"; panel: {where.source}" if where is not None and where.source
                           else ""))
    names = dict(zip(frame[C.REGION], frame[C.REGION_NAME]))
    problems = []
    for (year, code), row in lacking[lacking.any(axis=1)].iterrows():
        gone = pd.isna(present.at[(year, code), C.REGION_NAME])
        cols = [c for c in row.index if row[c]]
        what = "no row" if gone else "no " + ", ".join(cols)
        problems.append((int(year), code, None if gone else cols[0],
                         f"unit {code} ({names[code]}), year {year}: {what} "
                         f"(needed for {period_label(period)})"))
    if problems:
        more = f"\n... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise DataError("\n".join(_located(problems[:10], where)) + more)


def period_index(frame: pd.DataFrame, period: Period, column: str = "net_migration",
                 weighted: bool = False, where: Panel | None = None
                 ) -> tuple[pd.DataFrame, Line]:
    """Net migration %, job growth %, expected % and attractiveness of each unit of
    ``frame`` (a panel frame at one level) for ``period``; returns the table (indexed by
    region code) and the fitted line. ``where``: the panel whose rows ``frame`` holds as
    read (errors then name its file rows)."""
    a, b = period
    _check_years(frame, period, column, where)
    by = frame.set_index([C.YEAR, C.REGION])
    units = sorted(set(frame[C.REGION]))
    pop = by.loc[a, C.POPULATION].reindex(units).astype(float)
    jobs0 = by.loc[a - 1, C.JOBS].reindex(units).astype(float)
    jobs1 = by.loc[b, C.JOBS].reindex(units).astype(float)
    years = frame[frame[C.YEAR].between(a, b)]
    net = years.groupby(C.REGION)[column].sum().reindex(units).astype(float)
    names = dict(zip(frame[C.REGION], frame[C.REGION_NAME]))
    for label, series in (("population", pop), ("jobs", jobs0)):
        zero = series[series <= 0]
        if not zero.empty:
            year = a if label == "population" else a - 1
            col = C.POPULATION if label == "population" else C.JOBS
            raise DataError("; ".join(_located(
                [(year, c, col, f"unit {c} ({names[c]}), year {year}: {label} is 0, so the "
                  "index is undefined") for c in zero.index[:10]], where)))
    out = pd.DataFrame({C.REGION_NAME: [names[c] for c in units], C.POPULATION: pop.astype(
        "int64"), "net_migration": net, "net_migration_pct": 100 * net / pop,
        "job_growth_pct": 100 * (jobs1 / jobs0 - 1)}, index=pd.Index(units, name=C.REGION))
    line = fit_line(out["job_growth_pct"], out["net_migration_pct"],
                    out[C.POPULATION] if weighted else None)
    out["expected_pct"] = line.predict(out["job_growth_pct"])
    out["attractiveness"] = out["net_migration_pct"] - out["expected_pct"]
    if column == STREAM_COLUMNS["all"] and GROSS_MIGRATION in frame.columns:
        gross = years.groupby(C.REGION)[GROSS_MIGRATION].sum(min_count=len(range(a, b + 1)))
        out[GROSS_MIGRATION] = gross.reindex(units).astype(float)
    return out, line


# --------------------------------------------------------------------------- result
@dataclass(frozen=True)
class BarometerResult(InEnglish):
    """The barometer of one level, stream and period (or long term).

    ``frame`` holds, per unit and sorted by rank: the contract columns, the per-period
    parts (long term), ``quintile`` (5 = most attractive fifth) and, when asked for, the
    uncertainty columns. Percentages are percentage points of the start population
    (job growth: per cent); ``rank`` 1 = most attractive.
    """

    frame: pd.DataFrame
    period: Period
    periods: tuple[Period, ...]
    lines: dict[Period, Line]
    parts: dict[Period, pd.DataFrame]
    level: str
    stream: str
    long_term: bool
    weighted: bool
    min_population: int | None = None
    synthetic: bool = False
    source: str = ""
    vintage: int | None = None
    uncertainty: Uncertainty | None = None
    grouping: Grouping | None = field(default=None, repr=False)
    incomplete: tuple[tuple[str, str, int, int], ...] = ()
    """Groups summed from only some of their members: (code, name, members in the panel,
    members in the grouping)."""

    @property
    def kind(self) -> str:
        return "barometer"

    @property
    def title_message(self) -> Message:
        """Attractiveness barometer (long term): level, periods, stream, synthetic."""
        stream: Message | str = "" if self.stream == "all" else Message(
            "barometer.stream_suffix", {"stream": Message(f"stream.{self.stream}.long")})
        return Message("barometer.title_long" if self.long_term else "barometer.title", {
            "levels": Message(f"level.{self.level}.plural"),
            "span": " + ".join(period_label(p) for p in self.periods), "stream": stream,
            "synthetic": Message("synthetic.title_suffix") if self.synthetic else ""})

    @property
    def footnote_messages(self) -> tuple[Message, ...]:
        """What the index is, then the long term, the smallest units ranked, the
        uncertainty, incomplete groups; the synthetic note first."""
        notes = [Message("barometer.note_index", {
            "fit": "WLS" if self.weighted else "OLS",
            "levels": Message(f"level.{self.level}.plural"),
            "weighted": Message("barometer.weighted") if self.weighted else ""})]
        if self.long_term:
            notes.append(Message("barometer.note_long"))
        if self.min_population:
            notes.append(Message("barometer.note_min_population",
                                 {"n": Num(self.min_population)}))
        if self.uncertainty is not None:
            notes.extend(self.uncertainty.messages())
        if self.incomplete:
            notes.append(coverage_message(self.incomplete))
        if self.synthetic:
            notes.insert(0, SYNTHETIC_NOTE)
        return tuple(notes)

    @property
    def period_columns(self) -> list[str]:
        return [f"attractiveness_{a}_{b}" for a, b in self.periods] if self.long_term else []

    def to_frame(self) -> pd.DataFrame:
        """The published table: contract columns, period parts (long term), uncertainty."""
        cols = list(CONTRACT_COLUMNS) + self.period_columns
        if self.uncertainty is not None:
            cols += list(UNCERTAINTY_COLUMNS)
        return self.frame[cols].reset_index(drop=True)

    def tidy(self) -> pd.DataFrame:
        """Every column, one row per unit (incl. ``quintile`` and ``net_migration`` count)."""
        return self.frame.reset_index(drop=True)

    def top(self, n: int = 20) -> pd.DataFrame:
        """The ``n`` most attractive units (rank order)."""
        return self.to_frame().head(n)

    def bottom(self, n: int = 15) -> pd.DataFrame:
        """The ``n`` least attractive units, least attractive first."""
        return self.to_frame().tail(n).iloc[::-1].reset_index(drop=True)

    def line(self, period: Period | None = None) -> Line:
        return self.lines[period or self.periods[-1]]

    def quintiles(self) -> pd.Series:
        """Quintile class per region code: 1 = least attractive fifth … 5 = most."""
        return self.frame.set_index(C.REGION)["quintile"]

    def attractiveness(self, code: str) -> float:
        match = self.frame.loc[self.frame[C.REGION] == code, "attractiveness"]
        if match.empty:
            raise KeyError(code)
        return float(match.iloc[0])


def barometer(
    panel: Panel,
    period: Period = (2008, 2010),
    *,
    level: Level = "municipality",
    stream: Stream = "all",
    long_term: bool = False,
    groups: Grouping | None = None,
    weighted: bool = False,
    min_population: int | None = None,
    uncertainty: bool = False,
    draws: int = 1000,
    seed: int = 2011,
    interval: float = 0.9,
    turnover_rate: float = 0.11,
) -> BarometerResult:
    """The attractiveness barometer (seed 003) of ``panel`` for ``period`` at ``level``.

    ``stream`` picks the net migration measured; ``long_term`` sums the index over the
    three consecutive periods ending in ``period[1]``. ``min_population`` leaves smaller
    units out of the ranking (they still count for the line). ``uncertainty`` adds a
    parametric Poisson bootstrap interval (``interval``, e.g. 0.9) for the index and rank,
    and an empirical-Bayes shrunk index and rank (see :mod:`flytt.barometer.uncertainty`).
    """
    if stream not in STREAM_COLUMNS:
        raise InputError(f"unknown stream '{stream}'; one of {', '.join(STREAM_COLUMNS)}")
    column = STREAM_COLUMNS[stream]
    if column not in panel.frame.columns:
        raise DataError(f"the panel has no '{column}' column, needed for stream '{stream}' "
                        "(give net_immigration, net_domestic_immigrants, net_domestic_others "
                        "in the panel file, or fill the store with 'flytt fetch ssb changes' "
                        "and 'flytt fetch ssb immigrant-streams' for the same years)")
    grouping = grouping_for(panel, level, groups)
    periods = long_term_periods(period) if long_term else [period]
    for p in periods:  # completeness is checked on the units as given, before summing
        _check_years(panel.frame, p, column, panel)
    frame = aggregate(panel.frame, grouping)
    parts, lines = {}, {}
    for p in periods:
        parts[p], lines[p] = period_index(frame, p, column, weighted,
                                          panel if grouping is None else None)
    last = parts[periods[-1]]
    out = last[[C.REGION_NAME, C.POPULATION, "net_migration"]].copy()
    for col in ("net_migration_pct", "job_growth_pct", "expected_pct", "attractiveness"):
        out[col] = sum(parts[p][col] for p in periods)
    if long_term:
        for p, name in zip(periods, [f"attractiveness_{a}_{b}" for a, b in periods]):
            out[name] = parts[p]["attractiveness"]
    shown = out.index if not min_population else out.index[out[C.POPULATION] >= min_population]
    if len(shown) == 0:
        raise DataError(f"no {level} has at least {min_population:,} inhabitants")
    out = out.loc[shown]
    # rank on 10 decimals so that floating-point noise does not split real ties
    out["rank"] = out["attractiveness"].round(10).rank(ascending=False,
                                                       method="min").astype("int64")
    out["quintile"] = quintile_classes(out["attractiveness"])
    unc = None
    if uncertainty:
        unc = estimate_uncertainty(parts, list(shown), weighted=weighted, draws=draws,
                                   seed=seed, interval=interval, turnover_rate=turnover_rate)
        out = out.join(unc.table)
    out = out.reset_index().sort_values(["rank", C.REGION], kind="stable")
    out = out[list(CONTRACT_COLUMNS) + [c for c in out.columns if c not in CONTRACT_COLUMNS]]
    return BarometerResult(
        frame=out.reset_index(drop=True), period=period, periods=tuple(periods), lines=lines,
        parts=parts, level=level, stream=stream, long_term=long_term, weighted=weighted,
        min_population=min_population, synthetic=panel.synthetic, source=panel.source,
        vintage=panel.vintage, uncertainty=unc, grouping=grouping,
        incomplete=incomplete_groups(grouping, set(panel.frame[C.REGION])))


def incomplete_groups(grouping: Grouping | None, units: set[str]
                      ) -> tuple[tuple[str, str, int, int], ...]:
    """The groups of ``grouping`` of which ``units`` hold some but not all members:
    (code, name, members present, members in all)."""
    if grouping is None:
        return ()
    out = []
    for group, members in grouping.members().items():
        present = len(set(members) & units)
        if 0 < present < len(members):
            out.append((group, grouping.names.get(group, group), present, len(members)))
    return tuple(out)


def coverage_message(incomplete: tuple[tuple[str, str, int, int], ...], limit: int = 5
                     ) -> Message:
    """Not every member is in the panel: ``50 Trøndelag (1 of 38), …`` for the first
    ``limit`` incomplete groups, then how many more."""
    items = [Message("barometer.coverage_item", {"code": c, "name": n, "present": k,
                                                 "total": m})
             for c, n, k, m in incomplete[:limit]]
    rest = len(incomplete) - limit
    return Message("barometer.note_incomplete", {
        "groups": tuple(items),
        "more": Message("barometer.coverage_more", {"n": rest}) if rest > 0 else ""})


def streams(panel: Panel, period: Period = (2008, 2010), **kwargs: object) -> pd.DataFrame:
    """Attractiveness per stream side by side: ``region_code, region_name, attractiveness``
    (all) and ``attractiveness_<stream>`` for the three parts, which add up to the whole
    (OLS is linear in the dependent variable). Keyword arguments go to :func:`barometer`."""
    if len(panel.streams) < 4:
        raise DataError("the panel has no stream columns (net_immigration, "
                        "net_domestic_immigrants, net_domestic_others)")
    kwargs = {k: v for k, v in kwargs.items() if k != "stream"}
    whole = barometer(panel, period, **kwargs).frame  # type: ignore[arg-type]
    out = whole[[C.REGION, C.REGION_NAME, "attractiveness"]].set_index(C.REGION)
    for s in panel.streams[1:]:
        part = barometer(panel, period, stream=s, **kwargs).frame  # type: ignore[arg-type]
        out[f"attractiveness_{s}"] = part.set_index(C.REGION)["attractiveness"]
    return out.reset_index()


def national_series(panel: Panel, column: str = "net_immigration") -> pd.DataFrame:
    """``year, <column>``: the panel's units summed per year (e.g. net immigration to the
    country, seed 003's figure 13)."""
    if column not in panel.frame.columns:
        raise DataError(f"the panel has no '{column}' column")
    return (panel.frame.groupby(C.YEAR)[column].sum().astype("int64").reset_index())


__all__ = [
    "CONTRACT_COLUMNS",
    "SYNTHETIC_NOTE",
    "UNCERTAINTY_COLUMNS",
    "BarometerResult",
    "Line",
    "barometer",
    "fit_line",
    "long_term_periods",
    "national_series",
    "ols",
    "parse_period",
    "period_index",
    "period_label",
    "streams",
]
