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
from ..options import Convention
from .matrix import ODMatrix, distance_matrix

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
    (maximum likelihood; migest's ``index_distance`` ``decay``): the doubly constrained
    gravity model of :func:`flytt.models.fit_gravity`, on flows rounded to whole persons as
    in migest."""
    from ..models.gravity import fit_gravity

    d = distance_matrix(m, distances)
    mask = ~np.eye(m.n, dtype=bool)
    flow = np.round(m.between)
    if flow.sum() <= 0:
        raise DataError("no flows between regions")
    model = fit_gravity(flow, d, constraint="doubly", form=deterrence, codes=m.codes)
    f = np.log(d[mask]) if deterrence == "power" else d[mask]
    effects = model.fitted[mask] / np.exp(model.beta * f)
    # pairs whose origin or destination has no flows at all have no effects: NaN, not 0/0
    adjusted = np.divide(flow[mask], effects, out=np.full(effects.shape, np.nan),
                         where=effects > 0)
    oi, di = np.nonzero(mask)
    codes = np.array(m.codes)
    return DistanceDecay(model.beta, model.std_errors["beta"], deterrence, codes[oi],
                         codes[di], d[mask], flow[mask], adjusted, model.fitted[mask])
