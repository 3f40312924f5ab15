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

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import contracts as C
from ..errors import DataError, FlyttError, InputError
from ..flows import Grouping
from .index import PLURAL, Period, period_index, period_label
from .levels import Level, aggregate, grouping_for
from .panel import HOUSING_COMPLETIONS, STREAM_COLUMNS, STREAM_LABELS, Panel, Stream

NEIGHBOUR = "neighbour_job_growth_pct"
DRIVER_LABELS: dict[str, str] = {
    "job_growth_pct": "Job growth (Arbeidsplassvekst)",
    "integration": "Labour-market integration (Integrasjon)",
    "log_population": "Population, log (Bef.størrelse)",
    NEIGHBOUR: "Neighbour job growth (Nabovekst)",
    "culture_index": "Culture index (Kulturindeks)",
    "cafe_density": "Café density (Kafe)",
    "education_level": "Education level (Utdanningsnivå)",
    "university_staff": "University/college staff (Univ/høgskole)",
    HOUSING_COMPLETIONS: "Housing completions (Boligbygging)",
}
"""Seed 003's drivers in its table order, with the seed's Norwegian row names."""
DRIVER_LABELS_NB: dict[str, str] = {
    "job_growth_pct": "Arbeidsplassvekst", "integration": "Integrasjon",
    "log_population": "Befolkningsstørrelse (log)", NEIGHBOUR: "Nabovekst",
    "culture_index": "Kulturindeks", "cafe_density": "Kafétetthet",
    "education_level": "Utdanningsnivå", "university_staff": "Ansatte ved univ./høgskole",
    HOUSING_COMPLETIONS: "Boligbygging", "r2": "R²", "n": "n (enheter)",
}
"""The drivers' Norwegian row names (``lang="nb"``), after the seed's."""
TEXT: dict[str, dict[str, str]] = {
    "en": {"title": "Drivers of {stream}, {levels}: standardized betas by {length}-year "
           "period (column = last year)", "synthetic": " (SYNTHETIC demo data)",
           "footnote": "Linear regression of net migration % on all drivers at once; values "
           "are standardized betas. Dark: p < 0.01, light: 0.01 ≤ p < 0.1 (blue positive, "
           "red negative), as seed 003's Tables 1–8.", "driver": "Driver",
           "left_out": "left out of the regression (periods ending {span}): {count} {what} "
           "with {reason}: {names}{more}", "more": " and {count} more"},
    "nb": {"title": "Forklaringsfaktorer for {stream}, {levels}: standardiserte betaer per "
           "{length}-årsperiode (kolonne = siste år)", "synthetic": " (SYNTETISKE demodata)",
           "footnote": "Lineær regresjon av nettoflytting i % på alle driverne samtidig; "
           "verdiene er standardiserte betaer. Mørk: p < 0,01, lys: 0,01 ≤ p < 0,1 (blå "
           "positiv, rød negativ), som tabell 1–8 i seed 003.", "driver": "Faktor",
           "left_out": "utelatt fra regresjonen (perioder som slutter {span}): {count} {what} "
           "med {reason}: {names}{more}", "more": " og {count} til"},
}
"""The drivers table's texts by language."""
UNITS_NB: dict[str, tuple[str, str]] = {
    "municipality": ("kommune", "kommuner"), "region": ("region", "regioner"),
    "county": ("fylke", "fylker"), "group": ("gruppe", "grupper")}
"""Singular and plural Norwegian names of the levels."""
MIN_UNITS_PER_TERM = 5
"""Rule of thumb: a warning when a period has fewer than 5 units per estimated coefficient
(drivers + intercept), i.e. n < 5·(k + 1); n ≤ k + 1 cannot be fitted at all."""
DROPPED_COLUMNS = ["period", "period_end", C.REGION, C.REGION_NAME, "missing", "reason"]
STRONG, WEAK = 0.01, 0.1
"""Significance bands of the seed's shading: p < 0.01 dark, 0.01 ≤ p < 0.1 light."""
_SHADES = {("pos", "strong"): "#2166ac", ("pos", "weak"): "#a6cbe3",
           ("neg", "strong"): "#b2182b", ("neg", "weak"): "#f4a9a0"}


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
    known = [c for c in DRIVER_LABELS if c in out.columns]
    return out[["net_migration_pct"] + known + [c for c in out.columns
                                                 if c not in known and c != "net_migration_pct"]]


@dataclass(frozen=True)
class DriversResult:
    """Chapter-5 regressions for a sequence of periods of one stream and level.

    ``frame`` (see :meth:`tidy`) has one row per period × driver: ``period, period_end,
    driver, label, beta, coef, se, p_value, n, r2``. ``dropped`` has one row per unit left
    out of a period's regression: ``period, period_end, region_code, region_name, missing,
    reason``; ``notes`` are warnings (few units per driver, drivers missing everywhere).
    """

    frame: pd.DataFrame
    level: str
    stream: str
    length: int
    synthetic: bool = False
    source: str = ""
    dropped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DROPPED_COLUMNS))
    notes: tuple[str, ...] = ()
    lang: str = "en"
    """Language of the title, footnote, messages and row names in the terminal and HTML
    (``en`` or ``nb``); :meth:`to_frame` and :meth:`tidy` keep the contract's labels."""

    kind = "drivers"

    def _units(self, count: int) -> str:
        """The level's name for ``count`` units in :attr:`lang`."""
        if self.lang == "nb":
            return UNITS_NB[self.level][count != 1]
        return PLURAL[self.level] if count != 1 else self.level

    @property
    def title(self) -> str:
        if self.lang == "nb":
            from ..figures.barometer import STREAM_TEXT

            stream = STREAM_TEXT["nb"][self.stream]
        else:
            stream = STREAM_LABELS[self.stream]
        text = TEXT[self.lang]
        return (text["title"].format(stream=stream, levels=self._units(2), length=self.length)
                + (text["synthetic"] if self.synthetic else ""))

    @property
    def footnote(self) -> str:
        note = TEXT[self.lang]["footnote"]
        if self.synthetic:
            from ..report.i18n import synthetic
            from .index import SYNTHETIC_NOTE

            note = synthetic(SYNTHETIC_NOTE, self.lang) + " " + note  # type: ignore[arg-type]
        return note

    def label(self, driver: str) -> str:
        """The row name of ``driver`` (or ``r2``, ``n``) in :attr:`lang`."""
        names = DRIVER_LABELS_NB if self.lang == "nb" else {
            **DRIVER_LABELS, "r2": "R²", "n": "n (units)"}
        return names.get(driver, driver)

    def tidy(self) -> pd.DataFrame:
        return self.frame.copy()

    def messages(self, shown: int = 12) -> list[str]:
        """The notes, then one line per reason units were left out: how many, in which
        periods (by last year), and the first ``shown`` of them (all are in ``dropped``)."""
        lines = list(self.notes)
        text = TEXT[self.lang]
        for missing, group in self.dropped.groupby("missing", sort=False):
            units = group.drop_duplicates(C.REGION)
            ends = sorted(set(group["period_end"]))
            span = (f"{ends[0]}–{ends[-1]}" if ends == list(range(ends[0], ends[-1] + 1))
                    and len(ends) > 1 else ", ".join(map(str, ends)))
            names = ", ".join(f"{c} {n}" for c, n in zip(units[C.REGION][:shown],
                                                           units[C.REGION_NAME][:shown]))
            more = (text["more"].format(count=len(units) - shown) if len(units) > shown
                    else "")
            reason = "; ".join(_why(c, self.level, self.lang) for c in missing.split(", "))
            lines.append(text["left_out"].format(span=span, count=len(units),
                                                 what=self._units(len(units)), reason=reason,
                                                 names=names, more=more))
        return lines

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
        labels = {**DRIVER_LABELS, "r2": "R²", "n": "n (units)"}
        out.insert(0, "label", [labels.get(d, d) for d in out.index])
        out.index.name = "driver"
        return out.reset_index()

    @staticmethod
    def shade(beta: float, p: float) -> str | None:
        """The seed's cell colour for a beta and its p-value (None: not significant)."""
        if not np.isfinite(p) or p >= WEAK:
            return None
        return _SHADES[("pos" if beta >= 0 else "neg", "strong" if p < STRONG else "weak")]

    def _cells(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        return self.table("beta"), self.table("p_value"), self.to_frame()

    def to_html(self, standalone: bool = True) -> str:
        """An HTML table shaded like seed 003's Tables 1–8."""
        from ..render import TABLE_CSS

        betas, pvals, full = self._cells()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in [TEXT[self.lang]["driver"]]
                       + list(betas.columns))
        rows = []
        for _, row in full.iterrows():
            cells = [f'<td class="text">{html.escape(self.label(row["driver"]))}</td>']
            for col in betas.columns:
                v = row[col]
                if row["driver"] in betas.index:
                    colour = self.shade(v, pvals.at[row["driver"], col])
                    text = "" if pd.isna(v) else self._number(v)
                    style = (f' style="background:{colour};color:'
                             f'{"#fff" if colour in (_SHADES[("pos", "strong")], _SHADES[("neg", "strong")]) else "#111"}"'
                             if colour else "")
                else:
                    text = "" if pd.isna(v) else self._number(v, row["driver"] == "n")
                    style = ""
                cells.append(f'<td class="num"{style}>{text}</td>')
            rows.append(f"<tr>{''.join(cells)}</tr>")
        body = (f'<table class="flytt-table"><caption>{html.escape(self.title)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
                f'<p class="footnote">{html.escape(self.footnote)}</p>'
                + "".join(f'<p class="footnote">{html.escape(m)}</p>' for m in self.messages()))
        if not standalone:
            return body
        return (f'<!DOCTYPE html><html lang="{self.lang}"><head><meta charset="utf-8">'
                f"<title>{html.escape(self.title)}</title><style>{TABLE_CSS}</style></head>"
                f"<body>{body}</body></html>\n")

    def to_rich(self, width: int | None = None) -> PagedDrivers:
        """A terminal table shaded like seed 003's Tables 1–8, its period columns paged
        into blocks that fit ``width`` characters (default: the console's width when
        printed), each block repeating the driver column and numbered (1/n)."""
        return PagedDrivers(self, width)

    def rich_blocks(self, width: int) -> list:  # -> list of rich renderables
        """The blocks of :meth:`to_rich` for a ``width``-character terminal, then the
        footnote and messages."""
        from rich import box
        from rich.table import Table
        from rich.text import Text

        from ..render import column_blocks

        betas, pvals, full = self._cells()
        cells = {col: [self._rich_cell(row, col, pvals, betas.index) for _, row in full.iterrows()]
                 for col in betas.columns}
        labels = [self.label(d) for d in full["driver"]]
        header = TEXT[self.lang]["driver"]
        label_width = min(max(len(x) for x in labels + [header]), max(14, width // 2))
        widths = {c: max(len(c), *(len(t.plain) for t in cells[c])) + COLUMN_GAP
                  for c in betas.columns}
        blocks = column_blocks(widths, width - label_width - 1)
        parts: list = []
        for i, block in enumerate(blocks):
            number = f" ({i + 1}/{len(blocks)})" if len(blocks) > 1 else ""
            parts.append(Text(self.title + number, style="bold"))
            table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
            table.add_column(header, overflow="fold", width=label_width)
            for col in block:
                table.add_column(col, justify="right", no_wrap=True)
            for j, label in enumerate(labels):
                table.add_row(label, *(cells[col][j] for col in block))
            parts.append(table)
        return parts + [Text(self.footnote, style="dim"),
                        *(Text(m, style="yellow") for m in self.messages())]

    def _rich_cell(self, row: pd.Series, col: str, pvals: pd.DataFrame,
                   drivers: pd.Index):  # -> rich.text.Text
        """One terminal cell: a beta shaded by significance, or a dim ``r2``/``n``."""
        from rich.text import Text

        v = row[col]
        if pd.isna(v):
            return Text("")
        if row["driver"] in drivers:
            colour = self.shade(v, pvals.at[row["driver"], col])
            return Text(self._number(v), style=f"on {colour}" if colour else "")
        return Text(self._number(v, row["driver"] == "n"), style="dim")

    def _number(self, value: float, whole: bool = False) -> str:
        """A beta or R² with 2 decimals (``whole``: a count), true minus, decimal comma in
        Norwegian."""
        text = f"{value:.0f}" if whole else f"{value:.2f}".replace("-", "−")
        return text.replace(".", ",") if self.lang == "nb" else text


COLUMN_GAP = 3
"""Characters a terminal table column takes beyond its text (padding and separator)."""


@dataclass(frozen=True)
class PagedDrivers:
    """The drivers table as a rich renderable paged to ``width`` (or the console's width)."""

    result: DriversResult
    width: int | None = None

    def __rich_console__(self, console, options):  # -> rich RenderResult
        yield from self.result.rich_blocks(self.width or options.max_width)


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
            raise InputError("--include names no driver (give comma-separated names, e.g. "
                             "job_growth_pct,log_population)")
    grouping = grouping_for(panel, level, groups)
    names = {**panel.names, **(grouping.names if grouping is not None else {})}
    rows, dropped, notes = [], [], []
    for period in periods:
        label = period_label(period)
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
            notes.append(f"{label}: {', '.join(empty)} missing for every {level}; "
                         "left out of the regression")
            data = data.drop(columns=empty)
        missing = data.isna()
        for code in data.index[missing.any(axis=1).to_numpy()]:
            gaps = [c for c in data.columns if missing.at[code, c]]
            dropped.append({"period": label, "period_end": period[1], C.REGION: code,
                            C.REGION_NAME: names.get(code, code), "missing": ", ".join(gaps),
                            "reason": "; ".join(_why(c, level) for c in gaps)})
        data = data[~missing.any(axis=1)]
        n, k = data.shape[0], data.shape[1] - 1
        left_out = [d for d in dropped if d["period"] == label]
        why = (f"; {len(left_out)} {PLURAL[level]} left out for missing values: "
               + ", ".join(f"{d[C.REGION]} ({d['missing']})" for d in left_out[:10])
               + (" ..." if len(left_out) > 10 else "") if left_out else "")
        if k == 0:
            raise DataError(f"{label}: no driver left to regress on{why}")
        if n <= k + 1:
            raise DataError(f"{label}: {n} {PLURAL[level]} cannot fit {k} drivers (a regression "
                            f"needs more units than drivers + 1){why}; use fewer drivers "
                            "(--include) or more units")
        if n < MIN_UNITS_PER_TERM * (k + 1):
            notes.append(f"{label}: only {n} {PLURAL[level]} for {k} drivers: fewer than "
                         f"{MIN_UNITS_PER_TERM} units per estimated coefficient "
                         f"(n < {MIN_UNITS_PER_TERM * (k + 1)} here), so betas and p-values are "
                         "unstable; use fewer drivers (--include) or more units")
        fit = regress(data["net_migration_pct"].to_numpy(float), data[data.columns[1:]])
        for i, name in enumerate(fit.names):
            rows.append({"period": label, "period_end": period[1],
                         "driver": name, "label": DRIVER_LABELS.get(name, name),
                         "beta": fit.beta[i], "coef": fit.coef[i + 1], "se": fit.se[i + 1],
                         "p_value": fit.p_value[i + 1], "n": fit.n, "r2": fit.r2})
    return DriversResult(pd.DataFrame(rows), level, stream, periods[0][1] - periods[0][0] + 1,
                         panel.synthetic, panel.source,
                         pd.DataFrame(dropped, columns=DROPPED_COLUMNS), tuple(notes))


_WHY: dict[str, dict[str, str]] = {
    "en": {NEIGHBOUR: "no neighbour job growth (no other unit of its {outer} in the panel, "
           "or no jobs there)",
           "net_migration_pct": "no net migration % (population missing or zero)",
           "job_growth_pct": "no job growth (no jobs in the year before the period)",
           "other": "{column} missing"},
    "nb": {NEIGHBOUR: "ingen nabovekst (ingen annen enhet i samme {outer} i panelet, eller "
           "ingen arbeidsplasser der)",
           "net_migration_pct": "ingen nettoflytting i % (folketall mangler eller er 0)",
           "job_growth_pct": "ingen arbeidsplassvekst (ingen arbeidsplasser året før "
           "perioden)", "other": "{column} mangler"},
}
_OUTER: dict[str, dict[str, str]] = {
    "en": {"municipality": "region", "region": "county"},
    "nb": {"municipality": "region", "region": "fylke"}}


def _why(column: str, level: str, lang: str = "en") -> str:
    """Why a unit lacks ``column`` (a driver or net migration %), in ``lang``."""
    outer = _OUTER[lang].get(level, "area" if lang == "en" else "område")
    return _WHY[lang].get(column, _WHY[lang]["other"]).format(outer=outer, column=column)


def _unknown_message(unknown: list[str], available: list[str], level: str) -> str:
    hints = []
    for c in unknown:
        if c == NEIGHBOUR:
            hints.append(f"{c} needs a region/county grouping of the panel's codes (or a "
                         f"'{c}' column)")
        elif c in DRIVER_LABELS:
            hints.append(f"{c} is one of seed 003's drivers, but the panel has no '{c}' "
                         "column")
    hint = f" ({'; '.join(hints)})" if hints else ""
    return (f"unknown driver(s) in --include: {', '.join(unknown)}{hint}. Available at level "
            f"{level}: {', '.join(available)}")


__all__ = [
    "DRIVER_LABELS",
    "DriversResult",
    "Regression",
    "driver_frame",
    "drivers",
    "regress",
    "rolling_periods",
]
