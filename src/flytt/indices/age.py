"""Age profiles of migration: summary indices and Rogers–Castro model schedules.

References: Rogers (1975) *Introduction to Multiregional Mathematical Demography*; Rogers &
Castro (1981) *Model Migration Schedules*, IIASA RR-81-30; Rogers, Castro & Lea (2005)
"Model migration schedules: three alternative linear parameter estimation methods",
*Math. Popul. Stud.* 12(1); Bell et al. (2002); Bell & Muhidin (2009) UNDP HDRP 2009/30;
Bernard, Bell & Charles-Edwards (2014) *Population Studies* 68(2), 179–195;
migest ``index_age``/``index_age_rc`` (Abel).

Rates are age-specific migration intensities m_x: migrants at age x per person of age x
(single years of age).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import DataError
from ..options import Convention

RCForm = Literal[7, 9, 11]


@dataclass(frozen=True)
class AgeIndices:
    """Summary of an age schedule (rates in percent where marked)."""

    gmr: float
    """Gross migraproduction rate Σ_x m_x (migrations per person over a lifetime)."""
    peak_mi: float
    """Highest intensity in (age_min, age_max), per 100 persons."""
    peak_age: float
    peak_breadth: float
    """Σ 100·m_x over the ``breadth`` ages either side of the peak."""
    peak_share: float
    """Share (%) of the schedule's total Σ m_x in that window."""
    murc: float
    """Age of the maximum upward rate of change of the normalised schedule."""
    mdrc: float
    """Age of the maximum downward rate of change."""
    asymmetry: float
    """murc / mdrc."""
    mean_age: float
    """Σ x m_x / Σ m_x, the mean age of the schedule."""

    def to_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.__dict__.items()}

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"measure": list(self.to_dict()), "value": list(self.to_dict().values())})


def age_indices(ages: Sequence[float], rates: Sequence[float], *, age_min: float = 5,
                age_max: float = 65, breadth: int = 5, convention: Convention = "textbook"
                ) -> AgeIndices:
    """Indices of an age schedule of migration intensities (Rogers 1975; Bell et al. 2002;
    Bell & Muhidin 2009; Bernard et al. 2014).

    With nmi_x = m_x / Σ m the normalised schedule and Δ_x = nmi_x − nmi_{x−1}:
    GMR = Σ m_x; peak = max m_x over age_min < x < age_max; breadth = Σ 100 m_x over
    x ∈ [peak − breadth, peak + breadth]; share = 100 Σ nmi_x over that window;
    MURC = argmax Δ_x, MDRC = argmin Δ_x over age_min < x < age_max; asymmetry = MURC / MDRC;
    mean age = Σ x m_x / Σ m_x.

    ``migest`` reproduces migest's ``index_age``: the peak age is the maximum over all ages,
    and the window is taken by R position (ages peak − breadth − 1 … peak + breadth − 1 when
    ages start at 0).
    """
    a = np.asarray(ages, float)
    m = np.asarray(rates, float)
    if a.shape != m.shape or len(a) < 3:
        raise DataError("ages and rates must be vectors of the same length (≥ 3)")
    if np.any(m < 0) or np.isnan(m).any():
        raise DataError("migration rates must be non-negative numbers")
    order = np.argsort(a)
    a, m = a[order], m[order]
    nmi = m / m.sum()
    delta = np.concatenate([[0.0], np.diff(nmi)])
    study = (a > age_min) & (a < age_max)
    if not study.any():
        raise DataError(f"no ages between {age_min} and {age_max}")
    peak_mi = 100 * m[study].max()
    if convention == "migest":
        peak_age = a[np.argmax(nmi)]
        pos = int(peak_age)  # R: m[(peak_age - breadth):(peak_age + breadth)], 1-based
        window = np.arange(max(pos - breadth, 1), pos + breadth + 1) - 1
        window = window[window < len(a)]
    else:
        peak_age = a[study][np.argmax(m[study])]
        window = np.flatnonzero(np.abs(a - peak_age) <= breadth)
    murc = a[study][np.argmax(delta[study])]
    mdrc = a[study][np.argmin(delta[study])]
    return AgeIndices(
        gmr=float(m.sum()), peak_mi=float(peak_mi), peak_age=float(peak_age),
        peak_breadth=float(100 * m[window].sum()), peak_share=float(100 * nmi[window].sum()),
        murc=float(murc), mdrc=float(mdrc), asymmetry=float(murc / mdrc),
        mean_age=float((a * m).sum() / m.sum()))


# ----------------------------------------------------------------------------- Rogers–Castro
RC_PARAMS: dict[int, tuple[str, ...]] = {
    7: ("a1", "alpha1", "a2", "alpha2", "mu2", "lambda2", "c"),
    9: ("a1", "alpha1", "a2", "alpha2", "mu2", "lambda2", "a4", "lambda4", "c"),
    11: ("a1", "alpha1", "a2", "alpha2", "mu2", "lambda2", "a3", "alpha3", "mu3", "lambda3",
         "c"),
}
"""Parameters of the 7-parameter (basic), 9-parameter (with a post-labour upward slope) and
11-parameter (with a retirement peak) Rogers–Castro schedules."""


def rogers_castro(x: Sequence[float] | np.ndarray, params: Mapping[str, float]) -> np.ndarray:
    """Rogers–Castro model schedule (Rogers & Castro 1981):

    m(x) = a1 e^{−α1 x}                                     (pre-labour force)
         + a2 e^{−α2 (x − μ2) − e^{−λ2 (x − μ2)}}            (labour force)
         + a3 e^{−α3 (x − μ3) − e^{−λ3 (x − μ3)}}            (retirement, 11 parameters)
         + a4 e^{λ4 x}                                      (post-retirement, 9 parameters)
         + c.
    Components whose parameters are absent are left out.
    """
    x = np.asarray(x, float)
    p = params
    out = p["a1"] * np.exp(-p["alpha1"] * x) + p.get("c", 0.0)
    out = out + p["a2"] * np.exp(-p["alpha2"] * (x - p["mu2"]) - np.exp(-p["lambda2"] * (x - p["mu2"])))
    if "a3" in p:
        out = out + p["a3"] * np.exp(-p["alpha3"] * (x - p["mu3"])
                                     - np.exp(-p["lambda3"] * (x - p["mu3"])))
    if "a4" in p:
        out = out + p["a4"] * np.exp(p["lambda4"] * x)
    return out


def rc_indices(params: Mapping[str, float]) -> dict[str, float]:
    """Parameter indices of a Rogers–Castro schedule (Rogers & Castro 1981; migest
    ``index_age_rc``): peaking μ2, child dependency δ12 = a1/a2, labour dependency 1/δ12,
    labour asymmetry σ2 = λ2/α2, regularity β12 = α1/α2; with a retirement peak also
    retirement dominance a3/a2 (δ32) and retirement asymmetry λ3/α3 (σ3)."""
    p = params
    out = {"peaking": p["mu2"], "child_dependency": p["a1"] / p["a2"],
           "labor_dependency": p["a2"] / p["a1"], "labor_asymmetry": p["lambda2"] / p["alpha2"],
           "regularity": p["alpha1"] / p["alpha2"]}
    if "a3" in p:
        out |= {"retirement_dominance": p["a3"] / p["a2"],
                "retirement_asymmetry": p["lambda3"] / p["alpha3"]}
    return {k: float(v) for k, v in out.items()}


@dataclass(frozen=True)
class RogersCastroFit:
    """A Rogers–Castro schedule fitted by least squares to observed age-specific rates."""

    form: int
    params: dict[str, float]
    ages: np.ndarray
    observed: np.ndarray
    fitted: np.ndarray
    converged: bool
    indices: dict[str, float] = field(default_factory=dict)

    @property
    def rmse(self) -> float:
        return float(np.sqrt(np.mean((self.observed - self.fitted) ** 2)))

    def predict(self, ages: Sequence[float] | np.ndarray) -> np.ndarray:
        return rogers_castro(ages, self.params)

    def to_frame(self) -> pd.DataFrame:
        """Parameters and parameter indices: ``measure, value``."""
        items = list(self.params.items()) + list(self.indices.items()) + [("rmse", self.rmse)]
        return pd.DataFrame(items, columns=["measure", "value"])

    def schedule(self) -> pd.DataFrame:
        return pd.DataFrame({"age": self.ages, "observed": self.observed, "fitted": self.fitted})


def _start(form: int, a: np.ndarray, m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    labour = (a >= 12) & (a <= 45)
    mu = float(a[labour][np.argmax(m[labour])]) if labour.any() else 25.0
    peak = float(m.max())
    c0 = float(np.percentile(m, 10)) * 0.5
    start = {"a1": max(m[:5].mean() if len(m) >= 5 else peak, 1e-6), "alpha1": 0.1,
             "a2": peak, "alpha2": 0.1, "mu2": mu - 5, "lambda2": 0.4,
             "a3": peak * 0.1, "alpha3": 0.5, "mu3": 65.0, "lambda3": 0.5,
             "a4": 1e-6, "lambda4": 0.05, "c": c0}
    bounds = {"a1": (0, np.inf), "alpha1": (1e-4, 2), "a2": (0, np.inf), "alpha2": (1e-4, 2),
              "mu2": (5, 60), "lambda2": (1e-3, 5), "a3": (0, np.inf), "alpha3": (1e-3, 5),
              "mu3": (50, 95), "lambda3": (1e-3, 5), "a4": (0, np.inf), "lambda4": (0, 1),
              "c": (0, np.inf)}
    names = RC_PARAMS[form]
    lo = np.array([bounds[n][0] for n in names])
    hi = np.array([bounds[n][1] for n in names])
    x0 = np.clip(np.array([start[n] for n in names]), lo, np.where(np.isinf(hi), np.inf, hi))
    return x0, lo, hi


def fit_rogers_castro(ages: Sequence[float], rates: Sequence[float], form: RCForm = 7, *,
                      start: Mapping[str, float] | None = None) -> RogersCastroFit:
    """Fit the ``form``-parameter Rogers–Castro schedule to age-specific rates by non-linear
    least squares (trust-region reflective, scipy), minimising Σ_x (m_x − m̂(x))², from a data
    driven start (or ``start``), with the parameters constrained positive."""
    from scipy.optimize import least_squares

    if form not in RC_PARAMS:
        raise DataError(f"Rogers–Castro schedules have 7, 9 or 11 parameters, not {form}")
    a = np.asarray(ages, float)
    m = np.asarray(rates, float)
    if a.shape != m.shape or len(a) <= form:
        raise DataError(f"need more than {form} ages with rates to fit {form} parameters")
    names = RC_PARAMS[form]
    x0, lo, hi = _start(form, a, m)
    if start is not None:
        x0 = np.clip(np.array([start.get(n, v) for n, v in zip(names, x0)]), lo, hi)
    scale = max(float(m.max()), 1e-12)

    def resid(theta: np.ndarray) -> np.ndarray:
        return (rogers_castro(a, dict(zip(names, theta))) - m) / scale

    res = least_squares(resid, x0, bounds=(lo, hi), method="trf", x_scale="jac",
                        max_nfev=20000, xtol=1e-12, ftol=1e-12, gtol=1e-12)
    params = {n: float(v) for n, v in zip(names, res.x)}
    return RogersCastroFit(form, params, a, m, rogers_castro(a, params), bool(res.success),
                           rc_indices(params))
