"""Migration intensity: how many people move.

References: Bell et al. (2002) *JRSS A* 165(3), 435–464; Courgeau (1973) "Migrants et
migrations", *Population* 28(1), 95–129; Bell et al. (2015) "Internal migration and
development: comparing migration intensities around the world", *PDR* 41(1), 33–58 (IMAGE).
"""

from __future__ import annotations

import math


def cmi(moves: float, population: float) -> float:
    """Crude migration intensity, CMI = 100 · M / P: moves between regions per 100 persons at
    risk (Bell et al. 2002; migest calls it ``cmp``)."""
    if population <= 0:
        raise ValueError("the population at risk must be positive")
    return 100.0 * moves / population


def courgeau_k(cmi_value: float, n_regions: int) -> float:
    """Courgeau's k = CMI / ln(n²) (Courgeau 1973): intensity net of the number of regions
    ``n``, from CMI ≈ k · ln(n²)."""
    if n_regions < 2:
        raise ValueError("Courgeau's k needs at least two regions")
    return cmi_value / math.log(n_regions**2)
