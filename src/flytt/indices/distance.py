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
    """Distance-decay parameter β of the Poisson model ``flow ~ origin + destination + f(d)``
    (maximum likelihood; migest's ``index_distance`` ``decay``), flows rounded to whole
    persons as in migest.

    Fitted without a design matrix, so it scales to thousands of regions: for a given β the
    origin and destination effects are the IPF (Furness) fit of the margins to the seed
    exp(β f(d)); β solves the remaining score equation Σ M_ij f_ij = Σ T̂_ij f_ij (Brent's
    method; the left side increases with β). The standard error is from the curvature of the
    profile log-likelihood, equal to the GLM's.
    """
    from scipy.optimize import brentq

    from .estimation import ipf2

    d = distance_matrix(m, distances)
    mask = ~np.eye(m.n, dtype=bool)
    if np.any(d[mask] <= 0):
        raise DataError("distances between different regions must be positive")
    flow = np.round(m.between)
    if flow.sum() <= 0:
        raise DataError("no flows between regions")
    f = np.zeros_like(d)
    f[mask] = np.log(d[mask]) if deterrence == "power" else d[mask]
    centre, spread = f[mask].mean(), f[mask].std() or 1.0
    z = np.where(mask, (f - centre) / spread, 0.0)
    rows, cols = flow.sum(axis=1), flow.sum(axis=0)
    tol = 1e-10 * flow.sum()

    def fitted(b: float) -> np.ndarray:
        return ipf2(rows, cols, seed=np.where(mask, np.exp(b * z), 0.0), tol=tol,
                    max_iter=5000).values

    def score(b: float) -> float:
        return float(((fitted(b) - flow) * z).sum())

    b = brentq(score, -30.0, 30.0, xtol=1e-12)

    def loglik(x: float) -> float:
        t = fitted(x)
        pos = flow > 0
        return float((flow[pos] * np.log(t[pos])).sum() - t.sum())

    h = 1e-3
    curvature = (loglik(b + h) - 2 * loglik(b) + loglik(b - h)) / h**2
    se = 1 / np.sqrt(-curvature) / spread if curvature < 0 else float("nan")
    beta = b / spread
    fit = fitted(b)
    oi, di = np.nonzero(mask)
    effects = fit[mask] / np.exp(beta * f[mask])
    codes = np.array(m.codes)
    return DistanceDecay(float(beta), float(se), deterrence, codes[oi], codes[di], d[mask],
                         flow[mask], flow[mask] / effects, fit[mask])
