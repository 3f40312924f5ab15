"""All system-wide indices of one O-D matrix in one result (the ``flytt indices`` output)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError
from ..i18n import CATALOG
from ..options import Convention
from . import distance as dist
from . import focusing as conn
from . import impact, intensity
from .matrix import ODMatrix, population_vector

KEYS: tuple[str, ...] = (
    "cmi", "courgeau_k", "mei", "anmr", "preference", "velocity", "connectivity",
    "inequality_equal", "inequality_sim", "gini_total", "gini_orig_standardized",
    "gini_dest_standardized", "mwg_orig", "mwg_dest", "mwg_mean", "cv", "acv",
    "mean_distance", "median_distance", "distance_decay",
)
"""The JSON keys of ``flytt indices`` (a public contract), in output order."""

MEASURES: tuple[str, ...] = ('cmi', 'courgeau_k', 'mei', 'anmr', 'preference', 'velocity', 'connectivity', 'inequality_equal', 'inequality_sim', 'gini_total', 'gini_orig_standardized', 'gini_dest_standardized', 'mwg_orig', 'mwg_dest', 'mwg_mean', 'cv', 'acv', 'mean_distance', 'median_distance', 'distance_decay')
"""The measures of :class:`IndexSummary`, in table order (descriptions: ``indices.<m>``)."""
DESCRIPTIONS: dict[str, str] = {m: CATALOG[f"indices.{m}"]["en"] for m in MEASURES}
"""The English description of each measure: the ``description`` column of the table."""


@dataclass(frozen=True)
class IndexSummary:
    """System-wide migration indices; ``None`` where the inputs do not allow them (population
    for cmi … velocity, distances for the distance indices)."""

    cmi: float | None = None
    courgeau_k: float | None = None
    mei: float | None = None
    anmr: float | None = None
    preference: float | None = None
    velocity: float | None = None
    connectivity: float | None = None
    inequality_equal: float | None = None
    inequality_sim: float | None = None
    gini_total: float | None = None
    gini_orig_standardized: float | None = None
    gini_dest_standardized: float | None = None
    mwg_orig: float | None = None
    mwg_dest: float | None = None
    mwg_mean: float | None = None
    cv: float | None = None
    acv: float | None = None
    mean_distance: float | None = None
    median_distance: float | None = None
    distance_decay: float | None = None
    n_regions: int = 0
    total_moves: float = 0.0
    year: int | None = None
    convention: str = "textbook"
    title: str = field(default="Migration indices", repr=False)

    def to_dict(self) -> dict[str, float]:
        """The computable indices (finite values) under the contract's JSON keys."""
        return {k: getattr(self, k) for k in KEYS
                if getattr(self, k) is not None and np.isfinite(getattr(self, k))}

    def to_frame(self) -> pd.DataFrame:
        """``measure, description, value`` for each computable index."""
        d = self.to_dict()
        return pd.DataFrame({"measure": list(d), "description": [DESCRIPTIONS[k] for k in d],
                             "value": list(d.values())})

    def __getitem__(self, key: str) -> float:
        value = self.to_dict().get(key)
        if value is None:
            raise KeyError(f"{key} is not available (needs population or distances?)")
        return value


def summary(m: ODMatrix, population: Mapping[str, float] | pd.Series | None = None,
            distances: pd.DataFrame | np.ndarray | None = None,
            convention: Convention = "textbook") -> IndexSummary:
    """Every system-wide index of the flows between the regions of ``m``.

    ``population`` (persons at risk, per region code) enables CMI, Courgeau's k, ANMR,
    preference and velocity; ``distances`` (km; a long frame or an array) the distance
    indices. ``convention`` picks the textbook definitions or migest's (median distance,
    migration-weighted Ginis, CV); see docs/INDICES.md.
    """
    if m.n < 2 or m.total <= 0:
        raise DataError(f"the indices need moves between at least two regions; found "
                        f"{m.total:g} moves between {m.n} region(s)")
    values: dict[str, float] = {}
    if population is not None:
        p = population_vector(m, population)
        values["cmi"] = intensity.cmi(m.total, p.sum())
        values["courgeau_k"] = intensity.courgeau_k(values["cmi"], m.n)
    values["mei"] = impact.mei(m)
    if population is not None:
        values["anmr"] = impact.anmr(m, population)
        values["preference"] = impact.preference(m, population)
        values["velocity"] = impact.velocity(m, population)
    values |= {
        "connectivity": conn.connectivity(m),
        "inequality_equal": conn.inequality(m, "equal"),
        "inequality_sim": conn.inequality(m, "poisson"),
        "gini_total": conn.gini_total(m),
        "gini_orig_standardized": conn.gini_standardized(m, "rows"),
        "gini_dest_standardized": conn.gini_standardized(m, "columns"),
        "mwg_orig": conn.mwg(m, "out", convention),
        "mwg_dest": conn.mwg(m, "in", convention),
        "cv": conn.cv(m, convention),
        "acv": conn.acv(m),
    }
    values["mwg_mean"] = (values["mwg_orig"] + values["mwg_dest"]) / 2
    if distances is not None:
        values["mean_distance"] = dist.mean_distance(m, distances)
        values["median_distance"] = dist.median_distance(m, distances, convention)
        values["distance_decay"] = dist.distance_decay(m, distances).beta
    known = {f.name for f in fields(IndexSummary)}
    indices: dict[str, Any] = {k: float(v) for k, v in values.items() if k in known}
    return IndexSummary(**indices, n_regions=m.n, total_moves=m.total, year=m.year,
                        convention=convention)
