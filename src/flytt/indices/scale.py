"""The modifiable areal unit problem: indices as a function of the number of regions.

Regions are merged at random into ``k`` contiguous zones (random seeds grown over the
contiguity graph, one seed at least per connected part), the matrix is aggregated (moves
between members of one zone become moves within it and leave the indices) and the indices
are computed again; repeated for many random zonings and every k. This is the IMAGE
project's aggregation procedure (Stillwell, Daras, Bell & Lomax 2014 "The IMAGE Studio: a
tool for internal migration analysis and modelling", *Appl. Spatial Anal.* 7, 5–23; Bell
et al. 2015 *PDR* 41(1)): the crude migration intensity across scales, CMI(k), and
Courgeau's k fitted to it, CMI(k) ≈ k_C · ln(k²) (least squares through the origin).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import DataError
from . import focusing, impact, intensity
from .matrix import ODMatrix, population_vector


def components(codes: Sequence[str], neighbours: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Connected parts of the contiguity graph (each a list of codes)."""
    todo, parts = set(codes), []
    for code in codes:
        if code not in todo:
            continue
        part, stack = [], [code]
        todo.discard(code)
        while stack:
            c = stack.pop()
            part.append(c)
            for nb in neighbours.get(c, ()):
                if nb in todo:
                    todo.discard(nb)
                    stack.append(nb)
        parts.append(part)
    return parts


def random_zoning(codes: Sequence[str], neighbours: Mapping[str, Iterable[str]], k: int,
                  rng: np.random.Generator) -> dict[str, str]:
    """A random partition of ``codes`` into ``k`` contiguous zones (``code → zone``).

    One seed per connected part plus random further seeds; zones then grow one random
    unassigned neighbour at a time, picking the growing zone at random."""
    codes = list(codes)
    parts = components(codes, neighbours)
    if not len(parts) <= k <= len(codes):
        raise DataError(f"cannot make {k} contiguous zones from {len(codes)} regions in "
                        f"{len(parts)} separate parts")
    seeds = [part[rng.integers(len(part))] for part in parts]
    rest = [c for c in codes if c not in set(seeds)]
    seeds += list(rng.choice(rest, size=k - len(seeds), replace=False)) if k > len(seeds) else []
    zone = {c: f"Z{i + 1:03d}" for i, c in enumerate(seeds)}
    members = {z: [c] for c, z in zone.items()}
    while len(zone) < len(codes):
        growing = [z for z, ms in members.items()
                   if any(nb not in zone for m in ms for nb in neighbours.get(m, ()))]
        z = growing[rng.integers(len(growing))]
        frontier = sorted({nb for m in members[z] for nb in neighbours.get(m, ())
                           if nb not in zone})
        pick = frontier[rng.integers(len(frontier))]
        zone[pick] = z
        members[z].append(pick)
    return zone


def _indices(m: ODMatrix, pop: np.ndarray | None) -> dict[str, float]:
    out = {"mei": impact.mei(m), "gini_total": focusing.gini_total(m),
           "connectivity": focusing.connectivity(m), "cv": focusing.cv(m)}
    if pop is not None:
        out["cmi"] = intensity.cmi(m.total, pop.sum())
    return out


@dataclass(frozen=True)
class ScaleAnalysis:
    """Indices of every random zoning: ``frame`` has ``k, draw`` and one column per index."""

    frame: pd.DataFrame
    n_regions: int

    @property
    def measures(self) -> list[str]:
        return [c for c in self.frame.columns if c not in ("k", "draw")]

    def summary(self) -> pd.DataFrame:
        """Per k and index: ``k, measure, mean, sd, min, max``."""
        long = self.frame.melt(id_vars=["k", "draw"], var_name="measure")
        return (long.groupby(["k", "measure"])["value"]
                .agg(["mean", "std", "min", "max"]).rename(columns={"std": "sd"})
                .fillna({"sd": 0.0}).reset_index())

    def courgeau_k(self) -> float:
        """k_C from CMI(k) ≈ k_C ln(k²) over all zonings (least squares through the origin)."""
        if "cmi" not in self.frame:
            raise DataError("Courgeau's k across scales needs the population")
        x = np.log(self.frame["k"].to_numpy(float) ** 2)
        y = self.frame["cmi"].to_numpy(float)
        return float((x * y).sum() / (x * x).sum())

    def to_frame(self) -> pd.DataFrame:
        return self.summary()


def indices_by_scale(m: ODMatrix, neighbours: Mapping[str, Iterable[str]], *,
                     ks: Sequence[int] | None = None, draws: int = 20,
                     population: Mapping[str, float] | pd.Series | None = None,
                     seed: int = 0) -> ScaleAnalysis:
    """MEI, total Gini, connectivity, CV (and CMI with a population) for ``draws`` random
    contiguous zonings into each ``k`` zones (default: 2 … n − 1), plus the original regions
    (k = n, draw 0)."""
    rng = np.random.default_rng(seed)
    pop = population_vector(m, population) if population is not None else None
    n_parts = len(components(m.codes, neighbours))
    ks = list(ks) if ks is not None else list(range(max(2, n_parts), m.n))
    rows = [{"k": m.n, "draw": 0, **_indices(m, pop)}]
    for k in ks:
        for draw in range(draws):
            zoning = random_zoning(m.codes, neighbours, k, rng)
            rows.append({"k": k, "draw": draw, **_indices(m.aggregate(zoning), pop)})
    return ScaleAnalysis(pd.DataFrame(rows).sort_values(["k", "draw"]).reset_index(drop=True),
                         m.n)
