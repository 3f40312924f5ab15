"""Migration indices on any origin–destination table (IMAGE project, migest,
migration.indices): intensity, impact, connectivity and spatial focusing, distance, age,
scale, and estimation of flow tables.

>>> from flytt.indices import ODMatrix, summary
>>> m = ODMatrix.from_array([[0, 10, 10], [20, 0, 20], [30, 30, 0]])
>>> round(summary(m).gini_total, 4)      # Plane & Mulligan's first hypothetical matrix
0.2667

Every function states its formula, units and reference; ``convention="migest"`` reproduces
the R package migest where its conventions differ (docs/INDICES.md).
"""

from __future__ import annotations

from .age import (
    AgeIndices,
    RogersCastroFit,
    age_indices,
    fit_rogers_castro,
    rc_indices,
    rogers_castro,
)
from .distance import DistanceDecay, distance_decay, mean_distance, median_distance, weighted_median
from .estimation import IPFResult, flows_from_net, ipf, ipf2, ipf3, rescale_net
from .focusing import (
    acv,
    connectivity,
    cv,
    gini_columns,
    gini_exchange,
    gini_field,
    gini_rows,
    gini_standardized,
    gini_total,
    inequality,
    mwg,
    quasi_independence,
)
from .impact import anmr, mei, preference, velocity
from .intensity import cmi, courgeau_k
from .matrix import ODMatrix, distance_matrix, population_vector
from .summaries import (
    CorridorTable,
    RegionSummary,
    corridors,
    lump_flows,
    lump_regions,
    region_summary,
)
from .system import KEYS, IndexSummary, summary

__all__ = [
    "KEYS", "AgeIndices", "CorridorTable", "DistanceDecay", "IPFResult", "IndexSummary",
    "ODMatrix", "RegionSummary", "RogersCastroFit", "acv", "age_indices", "anmr", "cmi",
    "connectivity", "corridors", "courgeau_k", "cv", "distance_decay", "distance_matrix",
    "fit_rogers_castro", "flows_from_net", "gini_columns", "gini_exchange", "gini_field",
    "gini_rows", "gini_standardized", "gini_total", "inequality", "ipf", "ipf2", "ipf3",
    "lump_flows", "lump_regions", "mean_distance", "median_distance", "mei", "mwg",
    "population_vector", "preference", "quasi_independence", "rc_indices", "region_summary",
    "rescale_net", "rogers_castro", "summary", "velocity", "weighted_median",
]
