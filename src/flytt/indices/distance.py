"""Migration distance: how far people move, and how fast flows fall off with distance.

References: Bell et al. (2002) *JRSS A* 165(3), 435–464 (mean and median distance, Table 6);
Stillwell et al. (2014) IMAGE Studio; migest ``index_distance`` (Abel).
Distances in km; flows between regions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .. import contracts as C
from ..errors import DataError
from .matrix import ODMatrix, distance_matrix

Convention = Literal["textbook", "migest"]
Deterrence = Literal["power", "exponential"]


def _pairs(m: ODMatrix, distances: pd.DataFrame | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = distance_matrix(m, distances)
    mask = ~np.eye(m.n, dtype=bool)
    return m.between[mask], d[mask]


def mean_distance(m: ODMatrix, distances: pd.DataFrame | np.ndarray) -> float:
    """Flow-weighted mean migration distance, Σ_ij M_ij d_ij / Σ_ij M_ij (km)."""
    flow, dist = _pairs(m, distances)
    return float((flow * dist).sum() / flow.sum())


def weighted_median(x: np.ndarray, w: np.ndarray, convention: Convention = "textbook") -> float:
    """Weighted median of ``x``.

    ``textbook``: the smallest x with at least half the weight at or below it (the distance
    half of all migrants do not exceed). ``migest``: matrixStats' ``weightedMedian`` with
    interpolation — linear between the two x whose half-weight midpoints bracket ½ Σw.
    """
    order = np.argsort(x, kind="stable")
    x, w = np.asarray(x, float)[order], np.asarray(w, float)[order]
    keep = w > 0
    x, w = x[keep], w[keep]
    if len(x) == 0:
        raise DataError("no positive weights")
    total = w.sum()
    if convention == "textbook":
        return float(x[np.searchsorted(np.cumsum(w), total / 2)])
    mid = np.cumsum(w) - w / 2
    return float(np.interp(total / 2, mid, x))


def median_distance(m: ODMatrix, distances: pd.DataFrame | np.ndarray,
                    convention: Convention = "textbook") -> float:
    """Flow-weighted median migration distance (km); see :func:`weighted_median`."""
    flow, dist = _pairs(m, distances)
    return weighted_median(dist, flow, convention)


@dataclass(frozen=True)
class DistanceDecay:
    """Fit of the Poisson model log E[M_ij] = a_i + b_j + β f(d_ij) on the flows between regions
    (f = ln d for ``power``, d for ``exponential``). ``beta`` is the distance-decay parameter
    (negative when flows fall with distance); ``partial`` = M_ij / exp(a_i + b_j), the flows
    net of origin and destination effects, which the fit says follow exp(β f(d))."""

    beta: float
    std_error: float
    deterrence: Deterrence
    origin: np.ndarray
    destination: np.ndarray
    distance: np.ndarray
    flow: np.ndarray
    partial: np.ndarray
    fitted: np.ndarray

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({C.ORIGIN: self.origin, C.DESTINATION: self.destination,
                             "distance_km": self.distance, C.MOVES: self.flow,
                             "fitted": self.fitted, "partial": self.partial})

    def curve(self, distance: np.ndarray) -> np.ndarray:
        """exp(β f(d)): the fitted deterrence function."""
        f = np.log(distance) if self.deterrence == "power" else distance
        return np.exp(self.beta * f)


def distance_decay(m: ODMatrix, distances: pd.DataFrame | np.ndarray,
                   deterrence: Deterrence = "power") -> DistanceDecay:
    """Distance-decay parameter β from the Poisson GLM ``flow ~ origin + destination + f(d)``
    (maximum likelihood, statsmodels), as migest's ``index_distance`` ``decay``.
    Flows are rounded to whole persons as in migest."""
    import statsmodels.api as sm

    d = distance_matrix(m, distances)
    mask = ~np.eye(m.n, dtype=bool)
    oi, di = np.nonzero(mask)
    dist = d[mask]
    if np.any(dist <= 0):
        raise DataError("distances between different regions must be positive")
    flow = np.round(m.between[mask])
    f = np.log(dist) if deterrence == "power" else dist
    X = np.zeros((len(flow), 1 + 2 * (m.n - 1) + 1))
    X[:, 0] = 1.0
    rows = np.arange(len(flow))
    o_col, d_col = oi - 1, di - 1
    X[rows[oi > 0], 1 + o_col[oi > 0]] = 1.0
    X[rows[di > 0], m.n + d_col[di > 0]] = 1.0
    X[:, -1] = f
    fit = sm.GLM(flow, X, family=sm.families.Poisson()).fit()
    beta = float(fit.params[-1])
    fitted = np.asarray(fit.fittedvalues)
    effects = fitted / np.exp(beta * f)
    codes = np.array(m.codes)
    return DistanceDecay(beta, float(fit.bse[-1]), deterrence, codes[oi], codes[di], dist,
                         flow, flow / effects, fitted)
