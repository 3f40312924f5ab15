"""Kitagawa decomposition of a change in event counts into population and rate effects.

For groups ``g`` (age groups, occupations, ...) with population at risk ``P_g`` and events
``E_g`` (e.g. out-migrants) in a baseline and a focus period, rates are ``r_g = E_g / P_g``
and the change splits with midpoint weights, exactly::

    ΔE = Σ_g ½(r_g⁰ + r_g¹)·ΔP_g   +   Σ_g ½(P_g⁰ + P_g¹)·Δr_g
         (population effect)            (rate effect)

The population effect splits further, again exactly, with ``P_g = P·s_g`` (``s_g`` the
group's share of the total ``P``)::

    ½(r⁰+r¹)·ΔP_g = ½(r⁰+r¹)·½(s⁰+s¹)·ΔP  +  ½(r⁰+r¹)·½(P⁰+P¹)·Δs_g
                    (size effect)            (composition effect)

The size effect is the change expected from population growth alone ("controlling for
population growth"); the rate effect is the change from people moving more or less often.

Groups with events but no population at risk in a period have no rate; their events go to
an ``unmatched`` effect, and where a rate is missing the other period's rate stands in.
So ``population_effect + rate_effect + unmatched_effect == change`` for every group.
Counts are in persons (events), rates in the result are per 100 inhabitants.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TOTAL = "TOTAL"

EFFECT_COLUMNS: tuple[str, ...] = ("size_effect", "composition_effect", "population_effect",
                                   "rate_effect", "unmatched_effect", "change")
COLUMNS: tuple[str, ...] = (
    "category", "baseline_population", "focus_population", "baseline_events", "focus_events",
    "baseline_rate_per_100", "focus_rate_per_100") + EFFECT_COLUMNS
"""Columns of :meth:`Decomposition.to_frame`; the last row is ``category = TOTAL``."""


@dataclass(frozen=True)
class Decomposition:
    """Per-group effects (rows in group order) and their total (last row, ``TOTAL``)."""

    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def _total(self, column: str) -> float:
        return float(self.frame[column].iloc[-1])

    @property
    def change(self) -> float:
        """Focus events − baseline events (persons)."""
        return self._total("change")

    @property
    def population_effect(self) -> float:
        return self._total("population_effect")

    @property
    def size_effect(self) -> float:
        return self._total("size_effect")

    @property
    def composition_effect(self) -> float:
        return self._total("composition_effect")

    @property
    def rate_effect(self) -> float:
        return self._total("rate_effect")

    @property
    def unmatched_effect(self) -> float:
        return self._total("unmatched_effect")


def kitagawa(baseline: pd.DataFrame, focus: pd.DataFrame, *, group: str,
             events: str = "events", population: str = "population") -> Decomposition:
    """Decompose ``Σ focus[events] − Σ baseline[events]`` over the groups in ``group``.

    ``baseline`` and ``focus`` hold one row per group with non-negative ``events`` and
    ``population`` (a baseline is typically a mean over years, so floats are fine). Groups
    missing from one side count as zero there.
    """
    for name, frame in (("baseline", baseline), ("focus", focus)):
        missing = {group, events, population} - set(frame.columns)
        if missing:
            raise ValueError(f"{name} frame lacks column(s) {sorted(missing)}")
        if frame[group].duplicated().any():
            raise ValueError(f"{name} frame has duplicate groups in '{group}'")
    b = baseline.set_index(group)[[population, events]].astype(float)
    f = focus.set_index(group)[[population, events]].astype(float)
    order = list(dict.fromkeys(list(b.index) + list(f.index)))
    b = b.reindex(order, fill_value=0.0)
    f = f.reindex(order, fill_value=0.0)
    p0, p1 = b[population].to_numpy(), f[population].to_numpy()
    e0, e1 = b[events].to_numpy(), f[events].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        r0 = np.where(p0 > 0, e0 / p0, np.nan)
        r1 = np.where(p1 > 0, e1 / p1, np.nan)
        r0_fill = np.where(np.isnan(r0), np.nan_to_num(r1), r0)
        r1_fill = np.where(np.isnan(r1), r0_fill, r1)
        total0, total1 = p0.sum(), p1.sum()
        s0 = p0 / total0 if total0 > 0 else np.zeros_like(p0)
        s1 = p1 / total1 if total1 > 0 else np.zeros_like(p1)
    r_mid = (r0_fill + r1_fill) / 2
    population_effect = r_mid * (p1 - p0)
    size_effect = r_mid * (s0 + s1) / 2 * (total1 - total0)
    composition_effect = population_effect - size_effect
    rate_effect = (p0 + p1) / 2 * (r1_fill - r0_fill)
    unmatched = np.where(p1 > 0, 0.0, e1) - np.where(p0 > 0, 0.0, e0)
    out = pd.DataFrame({
        "category": order,
        "baseline_population": p0, "focus_population": p1,
        "baseline_events": e0, "focus_events": e1,
        "baseline_rate_per_100": 100 * r0, "focus_rate_per_100": 100 * r1,
        "size_effect": size_effect, "composition_effect": composition_effect,
        "population_effect": population_effect, "rate_effect": rate_effect,
        "unmatched_effect": unmatched, "change": e1 - e0,
    })
    total = {c: out[c].sum() for c in out.columns if c != "category"}
    total["category"] = TOTAL
    total["baseline_rate_per_100"] = 100 * e0.sum() / total0 if total0 > 0 else np.nan
    total["focus_rate_per_100"] = 100 * e1.sum() / total1 if total1 > 0 else np.nan
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    out[list(EFFECT_COLUMNS)] = out[list(EFFECT_COLUMNS)] + 0.0  # no negative zeros
    out["category"] = out["category"].astype(str)
    return Decomposition(frame=out[list(COLUMNS)])


__all__ = ["COLUMNS", "EFFECT_COLUMNS", "TOTAL", "Decomposition", "kitagawa"]
