"""The radiation model of mobility (Simini, González, Maritan & Barabási 2012, "A universal
model for mobility and migration patterns", *Nature* 484, 96–100; scikit-mobility
``skmob.models.radiation``).

T_ij = O_i · m_i n_j / ((m_i + s_ij)(m_i + n_j + s_ij)) / (1 − m_i / M)
with m_i, n_j the populations of origin and destination, s_ij the population within distance
d_ij of i (excluding i and j), O_i the outflow of i, M the total population; the last factor
(finite-size normalisation, ``finite_size=True``) makes Σ_j T_ij = O_i on an infinite system.
The model has no parameters.
"""

from __future__ import annotations

import numpy as np


def radiation_flows(outflows: np.ndarray, population: np.ndarray, distances: np.ndarray, *,
                    finite_size: bool = True) -> np.ndarray:
    """Expected flows T_ij (zero diagonal) of the radiation model; see the module docstring.
    Regions at exactly the same distance from i as j count into s_ij except j itself."""
    o = np.asarray(outflows, float)
    m = np.asarray(population, float)
    d = np.asarray(distances, float)
    n = len(m)
    t = np.zeros((n, n))
    total = m.sum()
    for i in range(n):
        others = np.arange(n) != i
        for j in np.flatnonzero(others):
            within = others & (d[i] <= d[i, j])
            within[j] = False
            s = m[within].sum()
            t[i, j] = m[i] * m[j] / ((m[i] + s) * (m[i] + m[j] + s))
        t[i] *= o[i] / ((1 - m[i] / total) if finite_size else 1.0)
    return t
