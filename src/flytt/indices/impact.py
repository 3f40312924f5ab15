"""Migration impact: how much migration redistributes the population.

References: Shryock & Siegel (1976) *The Methods and Materials of Demography*; Bell et al.
(2002) "Cross-national comparison of internal migration: issues and measures", *JRSS A*
165(3), 435–464; UN DESA (1983) *Methods of Measuring Internal Migration*.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .matrix import ODMatrix, population_vector


def mei(m: ODMatrix) -> float:
    """Migration effectiveness index, MEI = 100 · Σ_i |D_i − O_i| / Σ_i (D_i + O_i), in [0, 100]
    (Shryock & Siegel 1976; Bell et al. 2002). 0: flows balance exactly; 100: all one-way."""
    turnover = m.turnover.sum()
    return float(100 * np.abs(m.net).sum() / turnover) if turnover > 0 else float("nan")


def anmr(m: ODMatrix, population: Mapping[str, float] | pd.Series) -> float:
    """Aggregate net migration rate, ANMR = 100 · ½ Σ_i |D_i − O_i| / Σ_i P_i (per 100 persons;
    Bell et al. 2002). Equals CMI · MEI / 100."""
    p = population_vector(m, population)
    return float(100 * 0.5 * np.abs(m.net).sum() / p.sum())


def preference(m: ODMatrix, population: Mapping[str, float] | pd.Series) -> float:
    """Index of preference (Bachi 1957; UN DESA 1983), I = Σ_ij M_ij / (M · p_i · p_j) with
    p_i = P_i / P the population shares and M the total of flows between regions (the
    diagonal contributes 0). 1 per cell when flows follow population shares."""
    p = population_vector(m, population)
    share = p / p.sum()
    return float((m.between / (m.total * np.outer(share, share))).sum())


def velocity(m: ODMatrix, population: Mapping[str, float] | pd.Series) -> float:
    """Index of velocity (Bogue, Shryock & Hoermann 1957; UN DESA 1983),
    V = Σ_ij M_ij · P / (P_i · P_j). Depends on the unit of P (persons here); migest's
    example gives populations in millions, which multiplies V by 10⁶."""
    p = population_vector(m, population)
    return float((m.between / np.outer(p, p) * p.sum()).sum())
