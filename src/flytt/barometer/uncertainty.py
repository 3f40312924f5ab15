"""Uncertainty of the index for small units (beyond seed 003, which only warns that tiny
municipalities such as Vevelstad and Træna jump around by chance).

**Parametric Poisson bootstrap.** A unit's net migration over a period is in-moves minus
out-moves. With gross moves ``T = in + out`` (the panel's ``gross_migration`` when given,
else ``turnover_rate · population(a)`` per year, and never less than ``|net|``) the period's
in- and out-moves are ``(T ± net) / 2``; each draw replaces them by Poisson counts with
those means, recomputes net migration %, refits the line across all units and takes the
residual. The interval is the central ``interval`` share of the draws, for the index and
for the rank (among the ranked units). Job counts are held fixed. For regions the members'
gross moves are summed, which also counts moves between members: their intervals are on
the safe (wide) side.

**Empirical Bayes.** The sampling variance of a unit's index is ``v = 10⁴ · T / pop(a)²``
(the Skellam variance of net moves, summed over periods in the long term). With a normal
prior ``N(0, τ²)`` for true attractiveness, ``τ²`` estimated by moments
(``mean(A²) · n/(n−2) − mean(v)``, at least 0), the shrunk index is
``A · τ² / (τ² + v)``: large units keep their index, tiny ones are pulled toward 0.
Both are reported beside the published index, never instead of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from .. import contracts as C
from ..i18n import Message, Num
from ..options import Lang
from .panel import GROSS_MIGRATION


@dataclass(frozen=True)
class Uncertainty:
    """Intervals and shrunk index per unit (``table``, indexed by region code) and how
    they were made."""

    table: pd.DataFrame
    draws: int
    seed: int
    interval: float
    turnover_rate: float
    tau2: float
    gross_given: bool

    def messages(self) -> tuple[Message, ...]:
        """How the intervals and the shrunk index were made (and, when τ² = 0, that the
        shrunk ranks say nothing)."""
        basis = (Message("barometer.gross_given") if self.gross_given else
                 Message("barometer.gross_assumed", {"rate": Num(self.turnover_rate, spec="g")}))
        note = Message("barometer.note_uncertainty", {
            "percent": round(self.interval * 100), "draws": Num(self.draws), "basis": basis,
            "seed": self.seed, "tau2": Num(self.tau2, spec=".3g")})
        return (note, Message("barometer.note_tau0")) if self.tau2 == 0 else (note,)

    def describe(self, lang: Lang = "en") -> str:
        """:meth:`messages` as text in ``lang``."""
        return " ".join(m.text(lang) for m in self.messages())


def turnover(part: pd.DataFrame, years: int, turnover_rate: float) -> tuple[np.ndarray, bool]:
    """Gross moves (in + out) of each unit over a period of ``years`` years."""
    net = part["net_migration"].to_numpy(float)
    if GROSS_MIGRATION in part.columns and part[GROSS_MIGRATION].notna().all():
        gross, given = part[GROSS_MIGRATION].to_numpy(float), True
    else:
        gross, given = turnover_rate * years * part[C.POPULATION].to_numpy(float), False
    return np.maximum(gross, np.abs(net)), given


def simulate_index(part: pd.DataFrame, gross: np.ndarray, weighted: bool, draws: int,
                   rng: np.random.Generator) -> np.ndarray:
    """``draws × units`` bootstrap replicates of one period's attractiveness."""
    from .index import ols

    net = part["net_migration"].to_numpy(float)
    pop = part[C.POPULATION].to_numpy(float)
    x = part["job_growth_pct"].to_numpy(float)
    moves_in = rng.poisson((gross + net) / 2, size=(draws, len(net)))
    moves_out = rng.poisson((gross - net) / 2, size=(draws, len(net)))
    y = 100 * (moves_in - moves_out) / pop
    a, b = ols(x, y, pop if weighted else None)
    return y - a[:, None] - b[:, None] * x


def shrink(attractiveness: np.ndarray, variance: np.ndarray) -> tuple[np.ndarray, float]:
    """Empirical-Bayes posterior means toward 0 and the prior variance τ² (moments)."""
    n = len(attractiveness)
    tau2 = max(0.0, float(np.mean(attractiveness ** 2)) * n / max(n - 2, 1)
               - float(np.mean(variance)))
    if tau2 == 0:
        return np.zeros_like(attractiveness), 0.0
    return attractiveness * tau2 / (tau2 + variance), tau2


def estimate_uncertainty(parts: dict, shown: list[str], *, weighted: bool,
                         draws: int, seed: int, interval: float,
                         turnover_rate: float) -> Uncertainty:
    """Bootstrap intervals and empirical-Bayes shrinkage for the units in ``shown``, from
    the per-period tables of :func:`~flytt.barometer.index.period_index`."""
    rng = np.random.default_rng(seed)
    units = list(next(iter(parts.values())).index)
    reps = np.zeros((draws, len(units)))
    variance = np.zeros(len(units))
    observed = np.zeros(len(units))
    given_all = True
    for (a, b), part in parts.items():
        gross, given = turnover(part, b - a + 1, turnover_rate)
        given_all &= given
        reps += simulate_index(part, gross, weighted, draws, rng)
        variance += 1e4 * gross / part[C.POPULATION].to_numpy(float) ** 2
        observed += part["attractiveness"].to_numpy(float)
    shrunk, tau2 = shrink(observed, variance)
    pos = [units.index(c) for c in shown]
    reps = reps[:, pos]
    lo, hi = (1 - interval) / 2, 1 - (1 - interval) / 2
    ranks = rankdata(-reps, axis=1, method="min")
    shrunk_shown = pd.Series(shrunk[pos], index=shown)
    table = pd.DataFrame({
        "attractiveness_low": np.quantile(reps, lo, axis=0),
        "attractiveness_high": np.quantile(reps, hi, axis=0),
        "rank_low": np.floor(np.quantile(ranks, lo, axis=0)).astype("int64"),
        "rank_high": np.ceil(np.quantile(ranks, hi, axis=0)).astype("int64"),
        "attractiveness_shrunk": shrunk_shown,
        "rank_shrunk": shrunk_shown.rank(ascending=False, method="min").astype("int64"),
    }, index=pd.Index(shown, name=C.REGION))
    return Uncertainty(table, draws, seed, interval, turnover_rate, tau2, given_all)


__all__ = ["Uncertainty", "estimate_uncertainty", "shrink", "simulate_index", "turnover"]
