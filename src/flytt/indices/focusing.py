"""Connectivity, inequality and spatial focusing of the flows between regions.

References: Bell et al. (2002) *JRSS A* 165(3), 435–464; Plane & Mulligan (1997)
"Measuring spatial focusing in a migration system", *Demography* 34(2), 251–262; Rogers &
Raymer (1998) *IJPG* 4(1), 63–80; Rogers & Sweeney (1998) *Prof. Geogr.* 50(2), 232–242;
migration.indices (Daróczi) and migest (Abel) for the ``convention="migest"`` variants.

Notation: M_ij the flows between regions (i ≠ j), n regions, N = n(n − 1) cells,
T = Σ M_ij, O_i row totals, D_j column totals.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from ..options import Convention
from .matrix import ODMatrix


def _offdiag(m: ODMatrix) -> np.ndarray:
    return m.between[~np.eye(m.n, dtype=bool)]


def _pair_abs_sum(values: np.ndarray) -> float:
    """Σ_a Σ_b |x_a − x_b| over ordered pairs, in O(N log N)."""
    x = np.sort(values)
    k = np.arange(1, len(x) + 1)
    return float(2 * np.sum((2 * k - len(x) - 1) * x))


def connectivity(m: ODMatrix) -> float:
    """I_mc = (number of non-zero flows) / N, in [0, 1] (Bell et al. 2002)."""
    return float(np.count_nonzero(_offdiag(m)) / (m.n * (m.n - 1)))


def quasi_independence(m: ODMatrix) -> np.ndarray:
    """Expected flows E_ij = a_i b_j (i ≠ j, E_ii = 0) with the observed O_i and D_j: the fit of
    the Poisson model ``flow ~ origin + destination`` on the off-diagonal cells, by IPF."""
    from .estimation import ipf2

    seed = 1.0 - np.eye(m.n)
    return ipf2(m.outflows, m.inflows, seed=seed).values


def inequality(m: ODMatrix, expected: Literal["equal", "poisson"] = "equal") -> float:
    """Index of migration inequality I_mi = ½ Σ_ij |M_ij/T − E_ij/ΣE| in [0, 1] (Bell et al.
    2002): ``equal`` expects the same flow in every cell (E_ij = T/N), ``poisson`` the
    independence fit of :func:`quasi_independence` (migest's ``inequality_sim``)."""
    obs = _offdiag(m) / m.total
    if expected == "equal":
        exp = np.full_like(obs, 1.0 / obs.size)
    else:
        e = quasi_independence(m)[~np.eye(m.n, dtype=bool)]
        exp = e / e.sum()
    return float(0.5 * np.abs(obs - exp).sum())


def gini_total(m: ODMatrix, corrected: bool = True) -> float:
    """Total flows Gini G = Σ_ab |M_a − M_b| / (2 (N − 1) T) over ordered pairs of cells, in
    [0, 1] (Bell et al. 2002, correcting the denominator 2 N T of Plane & Mulligan 1997, which
    ``corrected=False`` gives)."""
    n_cells = m.n * (m.n - 1)
    denom = 2 * (n_cells - 1) if corrected else 2 * n_cells
    return _pair_abs_sum(_offdiag(m)) / (denom * m.total)


def _field_abs_sums(m: ODMatrix, axis: int) -> np.ndarray:
    b = m.between if axis == 1 else m.between.T
    mask = ~np.eye(m.n, dtype=bool)
    return np.array([_pair_abs_sum(b[i][mask[i]]) for i in range(m.n)])


def gini_rows(m: ODMatrix) -> float:
    """Rows (origin) Gini G_R = Σ_i Σ_j Σ_h |M_ij − M_ih| / (2 N T) (Plane & Mulligan 1997)."""
    return float(_field_abs_sums(m, 1).sum() / (2 * m.n * (m.n - 1) * m.total))


def gini_columns(m: ODMatrix) -> float:
    """Columns (destination) Gini G_C = Σ_j Σ_i Σ_g |M_ij − M_gj| / (2 N T) (Plane & Mulligan
    1997)."""
    return float(_field_abs_sums(m, 0).sum() / (2 * m.n * (m.n - 1) * m.total))


def gini_exchange(m: ODMatrix) -> float:
    """Exchange Gini G_X = Σ_ij |M_ij − M_ji| / (2 N T) (Plane & Mulligan 1997)."""
    b = m.between
    return float(np.abs(b - b.T).sum() / (2 * m.n * (m.n - 1) * m.total))


def gini_standardized(m: ODMatrix, part: Literal["rows", "columns", "exchange"]) -> float:
    """G_R, G_C or G_X divided by the uncorrected total Gini (Plane & Mulligan 1997), as a
    fraction in [0, 1] (Plane & Mulligan and migration.indices print it × 100); 0 when all
    flows are equal (G = 0)."""
    fn = {"rows": gini_rows, "columns": gini_columns, "exchange": gini_exchange}[part]
    total = gini_total(m, corrected=False)
    return fn(m) / total if total > 0 else 0.0


def gini_field(m: ODMatrix, direction: Literal["out", "in"], corrected: bool = True
               ) -> np.ndarray:
    """Field Ginis per region: out-migration G^O_i = Σ_j Σ_l |M_ij − M_il| / (2 (n − 2) O_i),
    in-migration G^I_j likewise over column j with D_j (Bell et al. 2002; Plane & Mulligan 1997
    divide by 2 (n − 1), ``corrected=False``); 0 with fewer than three regions."""
    if m.n < 3:  # one flow per row and column: nothing to be unequal
        return np.zeros(m.n)
    sums = _field_abs_sums(m, 1 if direction == "out" else 0)
    totals = m.outflows if direction == "out" else m.inflows
    denom = 2 * (m.n - 2) if corrected else 2 * (m.n - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, sums / (denom * totals), 0.0)


def mwg(m: ODMatrix, direction: Literal["out", "in"], convention: Convention = "textbook"
        ) -> float:
    """Migration-weighted Gini (Bell et al. 2002).

    ``textbook``: the field Ginis averaged with each region's share of the flows in that
    direction, MWG^O = Σ_i G^O_i O_i / T and MWG^I = Σ_j G^I_j D_j / T.
    ``migest`` (migration.indices): the *other* direction's shares and a further division by
    n, MWG^O = Σ_i G^O_i D_i / (n T), MWG^I = Σ_j G^I_j O_j / (n T).
    """
    g = gini_field(m, direction)
    own, other = (m.outflows, m.inflows) if direction == "out" else (m.inflows, m.outflows)
    if convention == "migest":
        return float((g * other / m.total).sum() / m.n)
    return float((g * own / m.total).sum())


def cv(m: ODMatrix, convention: Convention = "textbook") -> float:
    """Coefficient of variation of the flows (Rogers & Raymer 1998).

    ``textbook``: CV = σ / μ of the N flows between regions (σ with divisor N).
    ``migest``: √(Σ_ij (M_ij − μ)² / (n² (n² − 1)) / μ) over all n² cells, diagonal as 0 — not
    scale-free (it grows with √(flow size)).
    """
    if convention == "migest":
        cells = m.between.ravel()
        mu = cells.mean()
        return float(np.sqrt(((cells - mu) ** 2).sum() / (cells.size * (cells.size - 1)) / mu))
    x = _offdiag(m)
    return float(x.std() / x.mean())


def acv(m: ODMatrix) -> float:
    """Aggregated system-wide CV (Rogers & Sweeney 1998): ACV = Σ_i (O_i/T) CV^O_i +
    Σ_j (D_j/T) CV^I_j, with CV^O_i (CV^I_j) the σ/μ (divisor n − 1) of row i's (column j's)
    n − 1 flows between regions."""
    mask = ~np.eye(m.n, dtype=bool)
    b = m.between
    rows = np.array([b[i][mask[i]] for i in range(m.n)])
    cols = np.array([b.T[j][mask[j]] for j in range(m.n)])
    with np.errstate(invalid="ignore", divide="ignore"):
        cv_out = np.nan_to_num(rows.std(axis=1) / rows.mean(axis=1))
        cv_in = np.nan_to_num(cols.std(axis=1) / cols.mean(axis=1))
    return float((m.outflows / m.total * cv_out).sum() + (m.inflows / m.total * cv_in).sum())
