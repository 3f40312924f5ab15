"""Where the regions of an O-D matrix are: centroids (for distances) and contiguity (for
random aggregation), from the boundaries in :mod:`flytt.geo` (data registry).

Region sets recognised: municipalities or counties of the 2018, 2020 and 2024 vintages, and
the 19 counties of 1972–2017 (codes 01–20 without 13, the structure of the built-in
``ssb-counties`` dataset; :func:`flytt.geo.boundaries` ``("county", 2017)``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import contracts as C
from ..errors import NotFoundError
from ..geo import COUNTIES_1972_2017, Level, Vintage


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for poly in geometry["coordinates"] for ring in poly]


def adjacency(geojson: dict, decimals: int = 4) -> dict[str, set[str]]:
    """Queen contiguity of the features of a GeoJSON FeatureCollection (property ``code``):
    two regions are neighbours when their boundaries share a vertex (coordinates rounded to
    ``decimals``; shared borders of one topology-preserving source share vertices)."""
    owners: dict[tuple[float, float], set[str]] = defaultdict(set)
    codes = []
    for feature in geojson["features"]:
        code = str(feature["properties"]["code"])
        codes.append(code)
        for ring in _rings(feature["geometry"]):
            for x, y in ring:
                owners[(round(x, decimals), round(y, decimals))].add(code)
    neighbours: dict[str, set[str]] = {c: set() for c in codes}
    for group in owners.values():
        if len(group) > 1:
            for c in group:
                neighbours[c] |= group - {c}
    return neighbours


@dataclass(frozen=True)
class RegionGeography:
    """Centroids (``code, name, lon, lat``) and contiguity of a set of regions."""

    centroids: pd.DataFrame
    neighbours: dict[str, set[str]]

    def linked_neighbours(self) -> dict[str, set[str]]:
        """Contiguity with islands linked: while the graph has separate parts, the smallest
        part is joined to the nearest region (centroid distance) outside it — as IMAGE
        links islands before aggregating."""
        from ..geo import haversine_km
        from .scale import components

        nb = {c: set(v) for c, v in self.neighbours.items()}
        cent = self.centroids.set_index(C.CODE)
        codes = list(cent.index)
        lon, lat = cent["lon"].to_numpy(float), cent["lat"].to_numpy(float)
        index = {c: k for k, c in enumerate(codes)}
        while len(parts := components(codes, nb)) > 1:
            part = min(parts, key=len)
            inside = np.array([index[c] for c in part])
            outside = np.setdiff1d(np.arange(len(codes)), inside)
            km = haversine_km(lon[inside][:, None], lat[inside][:, None],
                              lon[outside][None, :], lat[outside][None, :])
            a, b = np.unravel_index(np.argmin(km), km.shape)
            x, y = codes[inside[a]], codes[outside[b]]
            nb[x].add(y)
            nb[y].add(x)
        return nb

    def distances(self) -> pd.DataFrame:
        """Great-circle distances between the centroids (``origin_code, destination_code,
        distance_km``)."""
        from .inputs import haversine_table

        return haversine_table(self.centroids)


@lru_cache(maxsize=8)
def _vintage(level: Level, vintage: Vintage) -> RegionGeography:
    from .. import geo

    return RegionGeography(geo.centroids(level, vintage),
                           adjacency(geo.boundaries(level, vintage)))


def geography_for(codes: Iterable[str]) -> RegionGeography:
    """The :class:`RegionGeography` of the region set that contains all ``codes`` (restricted
    to them); raises :class:`NotFoundError` if no known set does."""
    wanted = set(codes)
    candidates: list = []
    if all(len(c) == 2 for c in wanted) and wanted <= set(COUNTIES_1972_2017):
        candidates.append(lambda: _vintage("county", 2017))
    level: Level = "county" if all(len(c) == 2 for c in wanted) else "municipality"
    candidates += [lambda v=v: _vintage(level, v) for v in (2024, 2020, 2018)]
    for make in candidates:
        g = make()
        have = set(g.centroids[C.CODE])
        if wanted <= have:
            cent = g.centroids[g.centroids[C.CODE].isin(wanted)].reset_index(drop=True)
            nb = {c: g.neighbours.get(c, set()) & wanted for c in wanted}
            return RegionGeography(cent, nb)
    raise NotFoundError("no boundaries in the data registry cover region codes "
                        f"{', '.join(sorted(wanted)[:8])}{' ...' if len(wanted) > 8 else ''}; "
                        "give distances with --distances FILE")


def centroid_distances(codes: Iterable[str]) -> pd.DataFrame:
    """Great-circle distances (km) between the boundary centroids of ``codes``."""
    return geography_for(codes).distances()


__all__ = ["COUNTIES_1972_2017", "RegionGeography", "adjacency", "centroid_distances",
           "geography_for"]
