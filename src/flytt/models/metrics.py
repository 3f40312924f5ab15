"""Goodness of fit of modelled flows T̂ against observed flows T (cells i ≠ j).

References: Lenormand, Huet, Gargiulo & Deffuant (2012) "A universal model of mobility and
migration patterns", *PLoS ONE* 7(10) (common part of commuters); Knudsen & Fotheringham
(1986) "Matrix comparison, goodness-of-fit, and spatial interaction modeling", *Int. Reg.
Sci. Rev.* 10(2) (SRMSE); scikit-mobility ``skmob.measures.evaluation``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


def _cells(observed: np.ndarray, predicted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    o, p = np.asarray(observed, float), np.asarray(predicted, float)
    if o.shape != p.shape:
        raise ValueError(f"observed {o.shape} and predicted {p.shape} differ in shape")
    if o.ndim == 2 and o.shape[0] == o.shape[1]:
        mask = ~np.eye(len(o), dtype=bool)
        return o[mask], p[mask]
    return o.ravel(), p.ravel()


def common_part_of_commuters(observed: np.ndarray, predicted: np.ndarray) -> float:
    """CPC = 2 Σ min(T_ij, T̂_ij) / (Σ T_ij + Σ T̂_ij), in [0, 1]; 1 = identical."""
    o, p = _cells(observed, predicted)
    return float(2 * np.minimum(o, p).sum() / (o.sum() + p.sum()))


def srmse(observed: np.ndarray, predicted: np.ndarray) -> float:
    """Standardised root mean square error, √(Σ (T − T̂)² / N) / (Σ T / N); 0 = perfect."""
    o, p = _cells(observed, predicted)
    return float(np.sqrt(np.mean((o - p) ** 2)) / o.mean())


def r_squared(observed: np.ndarray, predicted: np.ndarray) -> float:
    """Coefficient of determination 1 − Σ (T − T̂)² / Σ (T − T̄)²."""
    o, p = _cells(observed, predicted)
    return float(1 - ((o - p) ** 2).sum() / ((o - o.mean()) ** 2).sum())


@dataclass(frozen=True)
class FitMetrics:
    """CPC, SRMSE, R², Pearson's r and Spearman's ρ of modelled against observed flows."""

    cpc: float
    srmse: float
    r_squared: float
    pearson: float
    spearman: float

    def to_dict(self) -> dict[str, float]:
        return dict(self.__dict__)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"measure": list(self.to_dict()), "value": list(self.to_dict().values())})


def fit_metrics(observed: np.ndarray, predicted: np.ndarray) -> FitMetrics:
    """All of :mod:`flytt.models.metrics` at once (Pearson and Spearman from scipy)."""
    from scipy import stats

    o, p = _cells(observed, predicted)
    return FitMetrics(common_part_of_commuters(o, p), srmse(o, p), r_squared(o, p),
                      float(stats.pearsonr(o, p)[0]), float(stats.spearmanr(o, p)[0]))
