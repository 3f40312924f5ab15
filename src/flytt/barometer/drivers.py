"""What drives attractiveness (seed 003, chapter 5, Tables 1–8): a multiple linear
regression of net migration % (a stream's, at a level) on the drivers the panel has,
period by period, reported as standardized betas shaded by significance.

Drivers of a period ``a..b`` (all computed at the level of the units regressed):

* ``job_growth_pct`` — ``100 · (jobs(b)/jobs(a−1) − 1)``, as in the index;
* ``log_population`` — ``ln(population(a))``;
* ``neighbour_job_growth_pct`` — job growth of the neighbours: for a municipality the rest
  of its region, for a region the rest of its county (the county of its most populous
  member); taken from the panel instead when it has that column;
* ``housing_completions`` — dwellings completed in ``a..b`` in % of ``population(a)``;
* every other numeric panel column (e.g. ``integration, culture_index, cafe_density,
  education_level, university_staff``) — its mean over ``a..b``.

Standardized beta = coefficient · sd(driver) / sd(net migration %); p-values are two-sided
t tests of the OLS coefficients (n − k − 1 degrees of freedom). Units with a missing driver
are left out of that period's regression (``n`` says how many were used; the result's
``dropped`` says which and why). A period with fewer than 5 units per coefficient
(n < 5·(k + 1)) gets a warning in ``notes``; n ≤ k + 1 is an error. Asking for a driver the
panel does not have is an :class:`~flytt.errors.InputError` listing the available ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from .. import contracts as C
from ..errors import DataError, FlyttError, InputError
from ..flows import Grouping
from ..i18n import CATALOG, Join, Message, text_or
from ..results import InEnglish
from .index import SYNTHETIC_NOTE, Period, period_index, period_label
from .levels import Level, aggregate, grouping_for
from .panel import HOUSING_COMPLETIONS, STREAM_COLUMNS, Panel, Stream

NEIGHBOUR = "neighbour_job_growth_pct"
DRIVERS: tuple[str, ...] = ("job_growth_pct", "integration", "log_population", NEIGHBOUR,
                            "culture_index", "cafe_density", "education_level",
                            "university_staff", HOUSING_COMPLETIONS)
"""Seed 003's drivers in its table order (row names: ``drivers.label.<driver>``)."""
MIN_UNITS_PER_TERM = 5
"""Rule of thumb: a warning when a period has fewer than 5 units per estimated coefficient
(drivers + intercept), i.e. n < 5·(k + 1); n ≤ k + 1 cannot be fitted at all."""
DROPPED_COLUMNS = ["period", "period_end", C.REGION, C.REGION_NAME, "missing", "reason"]
STRONG, WEAK = 0.01, 0.1
"""Significance bands of the seed's shading: p < 0.01 dark, 0.01 ≤ p < 0.1 light."""


@dataclass(frozen=True)
class Regression:
    """One OLS fit: coefficients (intercept first), standard errors, p-values, betas."""

    names: list[str]
    coef: np.ndarray
    se: np.ndarray
    p_value: np.ndarray
    beta: np.ndarray
    r2: float
    n: int


def regress(y: np.ndarray, x: pd.DataFrame) -> Regression:
    """OLS of ``y`` on the columns of ``x`` with an intercept; standardized betas are
    ``coef · sd(x) / sd(y)``."""
    from scipy import linalg, stats

    n, k = x.shape
    if n <= k + 1:
        raise DataError(f"{n} units cannot fit {k} drivers (need more units than drivers + 1)")
    design = np.column_stack([np.ones(n), x.to_numpy(float)])
    q, r = np.linalg.qr(design)  # QR keeps ill-conditioned designs (e.g. Longley) accurate
    coef = linalg.solve_triangular(r, q.T @ y)
    resid = y - design @ coef
    df = n - k - 1
    sigma2 = resid @ resid / df
    r_inv = linalg.solve_triangular(r, np.eye(k + 1))
    se = np.sqrt(sigma2 * np.sum(r_inv ** 2, axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = coef / se
    p = 2 * stats.t.sf(np.abs(t), df)
    beta = coef[1:] * x.to_numpy(float).std(axis=0, ddof=1) / y.std(ddof=1)
    r2 = 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))
    return Regression(list(x.columns), coef, se, p, beta, float(r2), n)


def _neighbour_growth(panel: Panel, level: Level, groups: Grouping | None,
                      period: Period) -> pd.Series | None:
    """Neighbours' job growth % by unit code (None when no grouping defines neighbours)."""
    a, b = period
    frame = panel.frame[panel.frame[C.YEAR].isin([a - 1, b])]
    jobs = frame.pivot_table(index=C.REGION, columns=C.YEAR, values=C.JOBS, aggfunc="sum")
    try:
        if level == "municipality":
            outer = grouping_for(panel, "region")
            inner = None
        elif level == "region":
            outer = grouping_for(panel, "county")
            inner = grouping_for(panel, "region", groups)
        else:
            return None
    except FlyttError:  # no grouping to be had: the driver is left out
        return None
    assert outer is not None
    jobs = jobs.astype(float)
    if inner is None:
        unit = pd.Series(jobs.index, index=jobs.index)
    else:
        unit = inner.map_codes(pd.Series(jobs.index, index=jobs.index), C.REGION)
    pop = panel.frame[panel.frame[C.YEAR] == a].set_index(C.REGION)[C.POPULATION]
    member_outer = outer.map_codes(pd.Series(jobs.index, index=jobs.index), C.REGION)
    # each unit's outer area: the outer group of its most populous member
    biggest = (pd.DataFrame({"unit": unit, "outer": member_outer, "pop": pop.reindex(jobs.index)})
               .sort_values("pop", ascending=False).drop_duplicates("unit")
               .set_index("unit")["outer"])
    outer_jobs = jobs.groupby(member_outer).sum()
    unit_jobs_in_outer = jobs.groupby([unit, member_outer]).sum()
    rows = {}
    for code, area in biggest.items():
        own = (unit_jobs_in_outer.loc[(code, area)] if (code, area) in unit_jobs_in_outer.index
               else pd.Series(0.0, index=jobs.columns))
        rest = outer_jobs.loc[area] - own
        rows[code] = 100 * (rest[b] / rest[a - 1] - 1) if rest[a - 1] > 0 else np.nan
    return pd.Series(rows, dtype=float)


def driver_frame(panel: Panel, period: Period, *, level: Level = "municipality",
                 stream: Stream = "all", groups: Grouping | None = None) -> pd.DataFrame:
    """Net migration % and every driver of ``period`` per unit of ``level`` (indexed by
    region code; column ``net_migration_pct`` first)."""
    a, b = period
    column = STREAM_COLUMNS[stream]
    if column not in panel.frame.columns:
        raise DataError(f"the panel has no '{column}' column, needed for stream '{stream}'")
    frame = aggregate(panel.frame, grouping_for(panel, level, groups))
    table, _ = period_index(frame, period, column,
                            where=panel if level == "municipality" else None)
    out = table[["net_migration_pct", "job_growth_pct"]].copy()
    years = frame[frame[C.YEAR].between(a, b)]
    extra = [c for c in panel.drivers if c in frame.columns]
    out["log_population"] = np.log(table[C.POPULATION].astype(float))
    if NEIGHBOUR in extra:
        out[NEIGHBOUR] = years.groupby(C.REGION)[NEIGHBOUR].mean()
    else:
        growth = _neighbour_growth(panel, level, groups, period)
        if growth is not None:
            out[NEIGHBOUR] = growth.reindex(out.index)
    for col in extra:
        if col == NEIGHBOUR:
            continue
        if col == HOUSING_COMPLETIONS:
            out[col] = 100 * years.groupby(C.REGION)[col].sum() / table[C.POPULATION]
        else:
            out[col] = years.groupby(C.REGION)[col].mean()
    known = [c for c in DRIVERS if c in out.columns]
    return out[["net_migration_pct"] + known + [c for c in out.columns
                                                 if c not in known and c != "net_migration_pct"]]


def label(driver: str) -> str:
    """The contract label of ``driver`` (or ``r2``, ``n``): the English row name with the
    seed's Norwegian one, as in the CSV's ``label`` column."""
    return text_or(f"drivers.label.{driver}", driver)


def significance(beta: float, p: float) -> tuple[Literal["pos", "neg"], Literal["strong", "weak"]] | None:
    """The seed's significance band of a beta: sign and ``strong`` (p < 0.01) or ``weak``
    (0.01 ≤ p < 0.1); None when not significant or p is missing."""
    if not np.isfinite(p) or p >= WEAK:
        return None
    return ("pos" if beta >= 0 else "neg", "strong" if p < STRONG else "weak")


@dataclass(frozen=True)
class DriversResult(InEnglish):
    """Chapter-5 regressions for a sequence of periods of one stream and level.

    ``frame`` (see :meth:`tidy`) has one row per period × driver: ``period, period_end,
    driver, label, beta, coef, se, p_value, n, r2``. ``dropped`` has one row per unit left
    out of a period's regression: ``period, period_end, region_code, region_name, missing,
    reason``; ``notes`` are warnings (few units per driver, drivers missing everywhere).
    The faces (:mod:`flytt.render.barometer`) draw it shaded like seed 003's Tables 1–8.
    """

    frame: pd.DataFrame
    level: str
    stream: str
    length: int
    synthetic: bool = False
    source: str = ""
    dropped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DROPPED_COLUMNS))
    notes: tuple[Message, ...] = ()

    kind = "drivers"

    @property
    def title_message(self) -> Message:
        return Message("drivers.title", {
            "stream": Message(f"stream.{self.stream}.long"),
            "levels": Message(f"level.{self.level}.plural"), "length": self.length,
            "synthetic": Message("synthetic.title_suffix") if self.synthetic else ""})

    @property
    def footnote_messages(self) -> tuple[Message, ...]:
        note = Message("drivers.footnote")
        return (SYNTHETIC_NOTE, note) if self.synthetic else (note,)

    def tidy(self) -> pd.DataFrame:
        return self.frame.copy()

    def messages(self, shown: int = 12) -> tuple[Message, ...]:
        """The notes, then one message per reason units were left out: how many, in which
        periods (by last year), and the first ``shown`` of them (all are in ``dropped``)."""
        lines = list(self.notes)
        for missing, group in self.dropped.groupby("missing", sort=False):
            units = group.drop_duplicates(C.REGION)
            ends = sorted(set(group["period_end"]))
            span = (f"{ends[0]}–{ends[-1]}" if ends == list(range(ends[0], ends[-1] + 1))
                    and len(ends) > 1 else ", ".join(map(str, ends)))
            names = ", ".join(f"{c} {n}" for c, n in zip(units[C.REGION][:shown],
                                                           units[C.REGION_NAME][:shown]))
            more = (Message("drivers.more", {"count": len(units) - shown})
                    if len(units) > shown else "")
            what = Message(f"level.{self.level}.{'one' if len(units) == 1 else 'plural'}")
            reasons = tuple(why(c, self.level) for c in missing.split(", "))
            lines.append(Message("drivers.left_out", {
                "span": span, "count": len(units), "what": what,
                "reason": Join(reasons, "; "), "names": names,
                "more": more}))
        return tuple(lines)

    def table(self, value: str = "beta") -> pd.DataFrame:
        """Drivers × periods (columns = the period's last year) of ``value``."""
        wide = self.frame.pivot(index="driver", columns="period_end", values=value)
        order = list(dict.fromkeys(self.frame["driver"]))
        wide = wide.reindex(order)
        wide.columns = [str(c) for c in wide.columns]
        return wide

    def to_frame(self) -> pd.DataFrame:
        """``driver, label,`` one beta column per period end year, then rows ``r2`` and ``n``."""
        betas = self.table("beta")
        stats = (self.frame.drop_duplicates("period_end").set_index("period_end")[["r2", "n"]].T)
        stats.columns = [str(c) for c in stats.columns]
        out = pd.concat([betas, stats.astype(float)])
        out.insert(0, "label", [label(d) for d in out.index])
        out.index.name = "driver"
        return out.reset_index()


def rolling_periods(ends: list[int], length: int = 3) -> list[Period]:
    """Periods of ``length`` years ending in each of ``ends`` (seed 003: 2003 = 2001–2003)."""
    return [(b - length + 1, b) for b in ends]


def drivers(panel: Panel, periods: list[Period] | None = None, *,
            level: Level = "municipality", stream: Stream = "all",
            groups: Grouping | None = None, include: list[str] | None = None,
            length: int = 3) -> DriversResult:
    """Seed 003's driver regressions for each period (default: every ``length``-year period
    the panel supports). ``include`` limits the drivers used."""
    if periods is None:
        years = panel.years
        periods = rolling_periods(list(range(years[0] + length, years[-1] + 1)), length)
        if not periods:
            raise DataError(f"the panel's years {years[0]}–{years[-1]} hold no {length}-year "
                            "period with the year before it")
    if include is not None:
        include = list(dict.fromkeys(c.strip() for c in include if c.strip()))
        if not include:
            raise InputError("include names no driver (give driver names, e.g. "
                             "job_growth_pct,log_population)")
    grouping = grouping_for(panel, level, groups)
    names = {**panel.names, **(grouping.names if grouping is not None else {})}
    rows, dropped, notes = [], [], []
    units = CATALOG[f"level.{level}.plural"]["en"]
    for period in periods:
        name = period_label(period)
        data = driver_frame(panel, period, level=level, stream=stream, groups=groups)
        available = list(data.columns[1:])
        if include is not None:
            unknown = [c for c in include if c not in available]
            if unknown:
                raise InputError(_unknown_message(unknown, available, level))
        cols = [c for c in available if include is None or c in include]
        data = data[["net_migration_pct"] + cols]
        empty = [c for c in cols if data[c].isna().all()]
        if empty:
            notes.append(Message("drivers.note_empty", {
                "period": name, "drivers": ", ".join(empty),
                "levels": Message(f"level.{level}.plural")}))
            data = data.drop(columns=empty)
        missing = data.isna()
        for code in data.index[missing.any(axis=1).to_numpy()]:
            gaps = [c for c in data.columns if missing.at[code, c]]
            dropped.append({"period": name, "period_end": period[1], C.REGION: code,
                            C.REGION_NAME: names.get(code, code), "missing": ", ".join(gaps),
                            "reason": "; ".join(why(c, level).text("en") for c in gaps)})
        data = data[~missing.any(axis=1)]
        n, k = data.shape[0], data.shape[1] - 1
        left_out = [d for d in dropped if d["period"] == name]
        gap_text = (f"; {len(left_out)} {units} left out for missing values: "
                    + ", ".join(f"{d[C.REGION]} ({d['missing']})" for d in left_out[:10])
                    + (" ..." if len(left_out) > 10 else "") if left_out else "")
        if k == 0:
            raise DataError(f"{name}: no driver left to regress on{gap_text}")
        if n <= k + 1:
            raise DataError(f"{name}: {n} {units} cannot fit {k} drivers (a regression needs "
                            f"more units than drivers + 1){gap_text}; use fewer drivers "
                            "(include) or more units")
        if n < MIN_UNITS_PER_TERM * (k + 1):
            notes.append(Message("drivers.note_few", {
                "period": name, "n": n, "levels": Message(f"level.{level}.plural"), "k": k,
                "per": MIN_UNITS_PER_TERM, "need": MIN_UNITS_PER_TERM * (k + 1)}))
        fit = regress(data["net_migration_pct"].to_numpy(float), data[data.columns[1:]])
        for i, driver in enumerate(fit.names):
            rows.append({"period": name, "period_end": period[1],
                         "driver": driver, "label": label(driver),
                         "beta": fit.beta[i], "coef": fit.coef[i + 1], "se": fit.se[i + 1],
                         "p_value": fit.p_value[i + 1], "n": fit.n, "r2": fit.r2})
    return DriversResult(pd.DataFrame(rows), level, stream, periods[0][1] - periods[0][0] + 1,
                         panel.synthetic, panel.source,
                         pd.DataFrame(dropped, columns=DROPPED_COLUMNS), tuple(notes))


def why(column: str, level: str) -> Message:
    """Why a unit lacks ``column`` (a driver or net migration %)."""
    outer = Message(f"drivers.outer.{level if level in ('municipality', 'region') else 'other'}")
    key = f"drivers.why.{column}"  # str.format leaves a parameter its text does not use
    return Message(key if key in CATALOG else "drivers.why.other",
                   {"outer": outer, "column": column})


def _unknown_message(unknown: list[str], available: list[str], level: str) -> str:
    hints = []
    for c in unknown:
        if c == NEIGHBOUR:
            hints.append(f"{c} needs a region/county grouping of the panel's codes (or a "
                         f"'{c}' column)")
        elif c in DRIVERS:
            hints.append(f"{c} is one of seed 003's drivers, but the panel has no '{c}' "
                         "column")
    hint = f" ({'; '.join(hints)})" if hints else ""
    return (f"unknown driver(s) in include: {', '.join(unknown)}{hint}. Available at level "
            f"{level}: {', '.join(available)}")


__all__ = [
    "DRIVERS",
    "DriversResult",
    "Regression",
    "driver_frame",
    "drivers",
    "label",
    "significance",
    "why",
    "regress",
    "rolling_periods",
]
