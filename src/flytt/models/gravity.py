"""Gravity models of spatial interaction, fitted as Poisson GLMs.

T_ij = exp(k + α ln W_i + γ ln V_j) · f(d_ij)       unconstrained
T_ij = A_i O_i · V_j^γ · f(d_ij)                    production-constrained
T_ij = B_j D_j · W_i^α · f(d_ij)                    attraction-constrained
T_ij = A_i O_i B_j D_j · f(d_ij)                    doubly constrained
with f(d) = d^β (``power``) or e^{β d} (``exponential``), β < 0 for decay. The constrained
forms are Poisson GLMs with origin and/or destination fixed effects (the doubly constrained
one solved without a design matrix, by IPF and a 1-D search for β); their maximum
likelihood fits reproduce the constrained margins exactly (Wilson 1971; Flowerdew & Aitkin
1982 "A method of fitting the gravity model based on the Poisson distribution", *J. Reg.
Sci.* 22(2); Fotheringham & O'Kelly 1989 *Spatial Interaction Models*; scikit-mobility
``skmob.models.gravity``). Masses W (origin) and V (destination), e.g. populations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import DataError
from .metrics import FitMetrics, fit_metrics

Constraint = Literal["unconstrained", "production", "attraction", "doubly"]
Deterrence = Literal["power", "exponential"]


def deterrence(distance: np.ndarray, beta: float, form: Deterrence) -> np.ndarray:
    """f(d) = d^β (power) or e^{β d} (exponential)."""
    d = np.asarray(distance, float)
    return np.exp(beta * (np.log(d) if form == "power" else d))


@dataclass(frozen=True)
class GravityModel:
    """A fitted gravity model: parameters, fitted flows (n × n, zero diagonal) and fit."""

    constraint: Constraint
    deterrence: Deterrence
    beta: float
    alpha: float | None
    gamma: float | None
    constant: float | None
    fitted: np.ndarray
    observed: np.ndarray
    std_errors: dict[str, float] = field(default_factory=dict)
    codes: tuple[str, ...] = ()

    @property
    def metrics(self) -> FitMetrics:
        return fit_metrics(self.observed, self.fitted)

    def to_frame(self) -> pd.DataFrame:
        """Parameters and fit metrics: ``measure, value, std_error``."""
        rows = [("beta", self.beta), ("alpha", self.alpha), ("gamma", self.gamma),
                ("constant", self.constant)]
        frame = pd.DataFrame([(k, v, self.std_errors.get(k)) for k, v in rows if v is not None],
                             columns=["measure", "value", "std_error"])
        m = self.metrics.to_frame().assign(std_error=None)
        return pd.concat([frame, m], ignore_index=True)

    def tidy(self) -> pd.DataFrame:
        """Observed and fitted flows per pair (i ≠ j)."""
        n = len(self.observed)
        i, j = np.nonzero(~np.eye(n, dtype=bool))
        codes = np.array(self.codes or [str(k) for k in range(n)])
        return pd.DataFrame({"origin_code": codes[i], "destination_code": codes[j],
                             "observed": self.observed[i, j], "fitted": self.fitted[i, j]})


def _fit_doubly(t: np.ndarray, f: np.ndarray, pairs: np.ndarray
                ) -> tuple[float, float, np.ndarray]:
    """β, its standard error and the fitted flows of the doubly constrained Poisson model.

    No design matrix, so it scales to thousands of regions: for a given β the balancing
    factors are the IPF (Furness) fit of the margins to the seed exp(β f); β solves the
    remaining score equation Σ T_ij f_ij = Σ T̂_ij f_ij (Brent's method; the right side
    increases with β). The standard error is from the curvature of the profile
    log-likelihood, which equals the GLM's.
    """
    from scipy.optimize import brentq

    from ..indices.estimation import ipf2

    centre, spread = f[pairs].mean(), f[pairs].std() or 1.0
    z = np.where(pairs, (f - centre) / spread, 0.0)
    t = np.where(pairs, t, 0.0)
    rows, cols = t.sum(axis=1), t.sum(axis=0)
    tol = 1e-10 * t.sum()

    def fitted(b: float) -> np.ndarray:
        return ipf2(rows, cols, seed=np.where(pairs, np.exp(b * z), 0.0), tol=tol,
                    max_iter=5000).values

    b = brentq(lambda x: float(((fitted(x) - t) * z).sum()), -30.0, 30.0, xtol=1e-12)

    def loglik(x: float) -> float:
        fit = fitted(x)
        pos = t > 0
        return float((t[pos] * np.log(fit[pos])).sum() - fit.sum())

    h = 1e-3
    curvature = (loglik(b + h) - 2 * loglik(b) + loglik(b - h)) / h**2
    se = 1 / np.sqrt(-curvature) / spread if curvature < 0 else float("nan")
    return b / spread, float(se), fitted(b)


def fit_gravity(flows: np.ndarray, distances: np.ndarray, *,
                origin_mass: np.ndarray | None = None,
                destination_mass: np.ndarray | None = None,
                constraint: Constraint = "doubly", form: Deterrence = "power",
                positive_only: bool = False, codes: tuple[str, ...] = ()) -> GravityModel:
    """Fit a gravity model by Poisson maximum likelihood (statsmodels GLM, log link) to the
    flows between regions (diagonal ignored). ``origin_mass`` is needed unless the model is
    production- or doubly constrained, ``destination_mass`` unless attraction- or doubly.

    ``positive_only`` fits on the pairs with a positive flow only, as scikit-mobility does (it
    fits on the rows of a flow table that lists positive flows); by default zero flows count
    as observations, as they should in a Poisson model. Fitted values are given for all
    pairs either way."""
    import statsmodels.api as sm

    t = np.asarray(flows, float)
    d = np.asarray(distances, float)
    n = len(t)
    if t.shape != (n, n) or d.shape != (n, n):
        raise DataError("flows and distances must be n × n matrices")
    pairs = ~np.eye(n, dtype=bool)
    mask = pairs & (t > 0) if positive_only else pairs
    oi, di = np.nonzero(mask)
    y = t[mask]
    dist = d[mask]
    if np.any(d[pairs] <= 0):
        raise DataError("distances between different regions must be positive")
    if constraint == "doubly":
        if positive_only:
            raise DataError("positive_only is for the GLM-fitted unconstrained and singly "
                            "constrained models")
        f_all = np.zeros((n, n))
        f_all[pairs] = np.log(d[pairs]) if form == "power" else d[pairs]
        beta, se, fitted = _fit_doubly(t, f_all, pairs)
        return GravityModel(constraint, form, beta, None, None, None, fitted, t,
                            {"beta": se}, tuple(codes))
    f = np.log(dist) if form == "power" else dist
    cols: list[np.ndarray] = [np.ones(len(y))]
    names = ["constant"]
    if constraint == "production":
        cols += [(oi == k).astype(float) for k in range(1, n)]
        names += [f"o{k}" for k in range(1, n)]
    elif origin_mass is None:
        raise DataError(f"a {constraint} gravity model needs origin masses")
    else:
        cols.append(np.log(np.asarray(origin_mass, float))[oi])
        names.append("alpha")
    if constraint == "attraction":
        cols += [(di == k).astype(float) for k in range(1, n)]
        names += [f"d{k}" for k in range(1, n)]
    elif destination_mass is None:
        raise DataError(f"a {constraint} gravity model needs destination masses")
    else:
        cols.append(np.log(np.asarray(destination_mass, float))[di])
        names.append("gamma")
    cols.append(f)
    names.append("beta")
    X = np.column_stack(cols)
    fit = sm.GLM(y, X, family=sm.families.Poisson()).fit()
    params = dict(zip(names, np.asarray(fit.params)))
    bse = dict(zip(names, np.asarray(fit.bse)))
    fitted = np.zeros((n, n))
    if positive_only:  # predict every pair from the fitted linear predictor
        oi, di = np.nonzero(pairs)
        f_all = np.log(d[pairs]) if form == "power" else d[pairs]
        eta = params["constant"] + params["beta"] * f_all
        eta += np.array([params.get(f"o{k}", 0.0) for k in range(n)])[oi]
        eta += np.array([params.get(f"d{k}", 0.0) for k in range(n)])[di]
        if "alpha" in params:
            eta += params["alpha"] * np.log(np.asarray(origin_mass, float))[oi]
        if "gamma" in params:
            eta += params["gamma"] * np.log(np.asarray(destination_mass, float))[di]
        fitted[pairs] = np.exp(eta)
    else:
        fitted[mask] = np.asarray(fit.fittedvalues)
    keep = [k for k in ("alpha", "gamma", "beta", "constant") if k in params]
    return GravityModel(constraint, form, float(params["beta"]),
                        float(params["alpha"]) if "alpha" in params else None,
                        float(params["gamma"]) if "gamma" in params else None,
                        float(params["constant"]) if constraint == "unconstrained" else None,
                        fitted, t, {k: float(bse[k]) for k in keep}, tuple(codes))


def generate_flows(distances: np.ndarray, *, beta: float, form: Deterrence = "power",
                   constraint: Constraint = "doubly",
                   outflows: np.ndarray | None = None, inflows: np.ndarray | None = None,
                   origin_mass: np.ndarray | None = None,
                   destination_mass: np.ndarray | None = None,
                   alpha: float = 1.0, gamma: float = 1.0, constant: float = 1.0,
                   tol: float = 1e-9) -> np.ndarray:
    """Flows generated by a gravity model with given parameters (zero diagonal).

    unconstrained: T_ij = K W_i^α V_j^γ f(d_ij); production: T_ij = O_i V_j^γ f_ij /
    Σ_k V_k^γ f_ik; attraction: T_ij = D_j W_i^α f_ij / Σ_k W_k^α f_kj; doubly: the balancing
    factors A_i, B_j found by IPF (Furness) so rows sum to O and columns to D.
    """
    from ..indices.estimation import ipf2

    d = np.asarray(distances, float)
    n = len(d)
    off = ~np.eye(n, dtype=bool)
    f = np.zeros((n, n))
    f[off] = deterrence(d[off], beta, form)
    if constraint == "doubly":
        if outflows is None or inflows is None:
            raise DataError("a doubly constrained model needs outflows and inflows")
        return ipf2(outflows, inflows, seed=f, tol=tol).values
    w = np.ones(n) if origin_mass is None else np.asarray(origin_mass, float) ** alpha
    v = np.ones(n) if destination_mass is None else np.asarray(destination_mass, float) ** gamma
    g = w[:, None] * v[None, :] * f
    if constraint == "unconstrained":
        return constant * g
    if constraint == "production":
        if outflows is None:
            raise DataError("a production-constrained model needs outflows")
        g = v[None, :] * f
        return np.asarray(outflows, float)[:, None] * g / g.sum(axis=1, keepdims=True)
    if inflows is None:
        raise DataError("an attraction-constrained model needs inflows")
    g = w[:, None] * f
    return np.asarray(inflows, float)[None, :] * g / g.sum(axis=0, keepdims=True)
