"""Estimating flow tables from margins and net totals.

* :func:`ipf` — iterative proportional fitting of an N-way seed to any set of marginal
  tables (Deming & Stephan 1940); :func:`ipf2` and :func:`ipf3` are its two- and three-way
  forms (migest's ``ipf2``/``ipf3``).
* :func:`flows_from_net` — the flow matrix closest to a seed in the entropy sense whose net
  migration equals given net totals (migest's ``net_matrix_entropy``).
* :func:`rescale_net` — net migration totals adjusted to sum to zero (migest's
  ``rescale_net``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import DataError


@dataclass(frozen=True)
class IPFResult:
    """Fitted table, iterations used and whether the margins were met within ``tol``."""

    values: np.ndarray
    iterations: int
    converged: bool
    max_margin_error: float

    def to_frame(self) -> pd.DataFrame:
        """Long table: one column per axis (``axis0, axis1, ...``, 0-based) and ``value``."""
        idx = np.indices(self.values.shape).reshape(self.values.ndim, -1)
        frame = pd.DataFrame({f"axis{k}": idx[k] for k in range(self.values.ndim)})
        frame["value"] = self.values.ravel()
        return frame


def ipf(seed: np.ndarray, margins: Mapping[tuple[int, ...], np.ndarray], *,
        tol: float = 1e-8, max_iter: int = 1000) -> IPFResult:
    """Iterative proportional fitting: scale ``seed`` in turn to each target margin.

    ``margins`` maps the axes a margin keeps (e.g. ``(0,)`` row totals, ``(0, 2)`` a 2-way
    table of axes 0 and 2) to its target. Each sweep sets x ← x · target / Σ_{other axes} x for
    every margin; stops when every margin is met within ``tol`` (absolute, in flow units).
    Cells that are 0 in the seed stay 0 (structural zeros). The result is the table of the
    seed's form closest to it in Kullback–Leibler divergence with those margins.
    """
    x = np.asarray(seed, dtype=float).copy()
    if np.any(x < 0):
        raise DataError("the IPF seed must be non-negative")
    targets = {}
    for axes, target in margins.items():
        target = np.asarray(target, dtype=float)
        expected = tuple(x.shape[a] for a in axes)
        if target.shape != expected:
            raise DataError(f"margin over axes {axes} has shape {target.shape}, "
                            f"expected {expected}")
        targets[tuple(axes)] = target
    totals = {axes: t.sum() for axes, t in targets.items()}
    if len(totals) > 1 and not np.allclose(list(totals.values()), next(iter(totals.values())),
                                           rtol=1e-9, atol=tol):
        raise DataError(f"the margins do not have the same total: {sorted(totals.values())}")
    error = np.inf
    for iteration in range(1, max_iter + 1):
        for axes, target in targets.items():
            other = tuple(a for a in range(x.ndim) if a not in axes)
            current = x.sum(axis=other, keepdims=True)
            shape = [x.shape[a] if a in axes else 1 for a in range(x.ndim)]
            with np.errstate(invalid="ignore", divide="ignore"):
                factor = np.where(current > 0, target.reshape(shape) / current, 0.0)
            x = x * factor
        error = max(float(np.abs(x.sum(axis=tuple(a for a in range(x.ndim) if a not in axes))
                                  - t).max()) for axes, t in targets.items())
        if error <= tol:
            return IPFResult(x, iteration, True, error)
    return IPFResult(x, max_iter, False, error)


def ipf2(row_totals: Sequence[float] | np.ndarray | None,
         col_totals: Sequence[float] | np.ndarray | None, *,
         seed: np.ndarray | None = None, tol: float = 1e-8, max_iter: int = 1000) -> IPFResult:
    """Two-way IPF: M_ij = a_i b_j s_ij with Σ_j M_ij = row_totals_i, Σ_i M_ij = col_totals_j
    (seed s = 1 by default; a seed with a zero diagonal gives the quasi-independence fit).
    With one margin ``None`` only the other is fitted (the log-linear model without that
    margin's term, as migest's ``ipf2``)."""
    margins: dict[tuple[int, ...], np.ndarray] = {}
    if row_totals is not None:
        margins[(0,)] = np.asarray(row_totals, float)
    if col_totals is not None:
        margins[(1,)] = np.asarray(col_totals, float)
    if not margins:
        raise DataError("ipf2 needs row totals, column totals or both")
    shape = (len(margins.get((0,), seed if seed is not None else [])),
             len(margins.get((1,), np.asarray(seed).T if seed is not None else [])))
    s = np.ones(shape) if seed is None else np.asarray(seed, float)
    return ipf(s, margins, tol=tol, max_iter=max_iter)


def ipf3(seed: np.ndarray, *, margin01: np.ndarray | None = None,
         margin02: np.ndarray | None = None, margin12: np.ndarray | None = None,
         margin0: np.ndarray | None = None, margin1: np.ndarray | None = None,
         margin2: np.ndarray | None = None, tol: float = 1e-8, max_iter: int = 1000
         ) -> IPFResult:
    """Three-way IPF (e.g. origin × destination × age) to any of the three 2-way and three
    1-way margins given (``margin01`` = the origin × destination table, etc.)."""
    given = {(0, 1): margin01, (0, 2): margin02, (1, 2): margin12,
             (0,): margin0, (1,): margin1, (2,): margin2}
    margins = {k: v for k, v in given.items() if v is not None}
    if not margins:
        raise DataError("ipf3 needs at least one margin")
    return ipf(np.asarray(seed, float), margins, tol=tol, max_iter=max_iter)


def flows_from_net(net: Sequence[float] | np.ndarray, seed: np.ndarray | None = None, *,
                   total: float | None = None, tol: float = 1e-9) -> np.ndarray:
    """Flows M (zero diagonal) closest to ``seed`` in entropy, min Σ M_ij log(M_ij / s_ij) − M_ij,
    subject to D_i − O_i = net_i (and Σ M_ij = ``total`` if given).

    The solution is M_ij = s_ij · exp(c + λ_j − λ_i), where (c, λ) minimise the convex dual
    Σ_ij s_ij e^{c + λ_j − λ_i} − Σ_i λ_i net_i − c · total (c = 0 without a total); solved by
    Newton's method (scipy trust-exact). ``net`` must sum to zero (see :func:`rescale_net`).
    Seed default: 1 off the diagonal.
    """
    from scipy.optimize import minimize

    net = np.asarray(net, float)
    n = len(net)
    if abs(net.sum()) > 1e-6 * max(1.0, np.abs(net).sum()):
        raise DataError(f"net migration must sum to zero (sums to {net.sum():g}); "
                        "use rescale_net first")
    if total is not None and total <= 0.5 * np.abs(net).sum():
        raise DataError(f"a total of {total:g} moves cannot produce these nets: it must exceed "
                        f"half the sum of their absolute values ({0.5 * np.abs(net).sum():g})")
    s = (1.0 - np.eye(n)) if seed is None else np.asarray(seed, float) * (1.0 - np.eye(n))
    scale = max(np.abs(net).max(), total or 0.0, 1.0)
    target_net, target_total = net / scale, (total / scale if total is not None else None)
    s = s / s.sum() * target_total if target_total is not None else s / scale

    def unpack(theta: np.ndarray) -> tuple[float, np.ndarray]:
        return (theta[0], theta[1:]) if total is not None else (0.0, theta)

    def flows(theta: np.ndarray) -> np.ndarray:
        c, lam = unpack(theta)
        return s * np.exp(c + lam[None, :] - lam[:, None])

    def dual(theta: np.ndarray) -> tuple[float, np.ndarray]:
        c, lam = unpack(theta)
        f = flows(theta)
        grad = f.sum(axis=0) - f.sum(axis=1) - target_net
        value = f.sum() - lam @ target_net
        if target_total is None:  # no total given
            return float(value), grad
        return float(value - c * target_total), np.concatenate([[f.sum() - target_total], grad])

    def hess(theta: np.ndarray) -> np.ndarray:
        f = flows(theta)
        sym = f + f.T
        h = -sym
        np.fill_diagonal(h, sym.sum(axis=1))
        if total is None:
            return h
        cross = f.sum(axis=0) - f.sum(axis=1)
        return np.block([[np.array([[f.sum()]]), cross[None, :]], [cross[:, None], h]])

    res = minimize(dual, np.zeros(n + (total is not None)), jac=True, hess=hess,
                   method="trust-exact", options={"gtol": tol})
    m = flows(res.x) * scale
    if np.abs(m.sum(axis=0) - m.sum(axis=1) - net).max() > 1e-6 * scale:
        raise DataError("no flow matrix of the seed's form has these net totals")
    return m


def rescale_net(net: Sequence[float], method: Literal["no-switches", "switches"] = "no-switches"
                ) -> np.ndarray:
    """Net migration totals adjusted to sum to zero (Abel 2018, *Demographic Research* 38(54);
    migest ``rescale_net`` without its rounding to integers).

    ``no-switches``: with S = Σx, positives scaled by (P − S/2)/P and negatives by
    (N − S/2)/N (P, N the sums of the positive and negative values), so each side absorbs
    half of S and no value changes sign. ``switches``: x_i − S/n.
    """
    x = np.asarray(net, float)
    if method == "switches":
        return x - x.mean()
    pos, neg = x > 0, x < 0
    if x.sum() == 0:
        return x.copy()
    if not (pos.any() and neg.any()):
        raise DataError("'no-switches' needs both gains and losses; use method='switches'")
    half = x.sum() / 2
    out = x.copy()
    out[pos] = x[pos] * (x[pos].sum() - half) / x[pos].sum()
    out[neg] = x[neg] * (x[neg].sum() - half) / x[neg].sum()
    return out
