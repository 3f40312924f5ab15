"""The largest flows between regions, placed on the map (the data behind a flow map).

:func:`top_flows` picks the ``top`` largest origin→destination flows of a year, as
flowmap.blue does: all flows between regions, or only those *into* (``in``), *out of*
(``out``) or *between* (``between``) a set of selected regions. Moves within a region
and moves to or from abroad are left out (they have no line on a map).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from . import contracts as C
from .errors import DataError, InputError, NotFoundError
from .flows import Flows

Direction = Literal["all", "in", "out", "between"]
DIRECTIONS: tuple[str, ...] = ("all", "in", "out", "between")

LINE_COLUMNS: tuple[str, ...] = (
    C.ORIGIN, C.ORIGIN_NAME, C.DESTINATION, C.DESTINATION_NAME, C.MOVES,
    "origin_lon", "origin_lat", "destination_lon", "destination_lat",
)
"""Columns of :attr:`FlowLines.frame`, largest flow first."""

MAP_VINTAGE: Final = 2017
"""Boundaries used for the 19 counties of SSB's tables (01–20, no 13; 1972–2017)."""


@dataclass(frozen=True)
class FlowLines:
    """The selected flows with the coordinates of both ends (lon/lat degrees)."""

    year: int
    frame: pd.DataFrame
    points: pd.DataFrame
    """Every region with a centroid: ``code, name, lon, lat``."""
    direction: Direction = "all"
    regions: tuple[str, ...] = ()
    top: int = 20
    total_moves: int = 0
    """Moves between regions in the year that match the filter (before the top-N cut)."""

    @property
    def shown_share(self) -> float:
        """Share of the filtered moves that the drawn lines carry (0–1)."""
        shown = int(self.frame[C.MOVES].sum()) if len(self.frame) else 0
        return shown / self.total_moves if self.total_moves else 0.0


def check_filter(direction: str, regions: Sequence[str]) -> None:
    """Raise :class:`InputError` for a direction filter with no meaning: ``between`` a
    single region (its only flows would be moves within it, which have no line)."""
    chosen = tuple(dict.fromkeys(regions))
    if direction == "between" and len(chosen) == 1:
        raise InputError(f"direction 'between' needs at least 2 regions (got only "
                         f"{chosen[0]}): it keeps the flows between the chosen regions; "
                         "choose another region, or direction 'in', 'out' or 'all'")


def top_flows(flows: Flows, centroids: pd.DataFrame, *, year: int | None = None, top: int = 20,
              direction: Direction = "all", regions: Sequence[str] = ()) -> FlowLines:
    """The ``top`` largest flows of ``year`` between regions that have a centroid.

    ``centroids`` has ``code, name, lon, lat`` (e.g. :func:`flytt.geo.centroids`).
    ``direction`` ``in``/``out``/``between`` keeps the flows whose destination, origin, or
    both ends are among ``regions``; ``all`` those with either end there. With no regions
    chosen every flow is a candidate, whatever the direction (as flowmap.blue); ``between``
    with a single region would keep only moves within it (never drawn), so it raises
    :class:`InputError` ("needs at least 2 regions"). Raises :class:`NotFoundError` for a
    region code that is not in the data. A filter no flow passes gives an empty frame with
    the columns of :data:`LINE_COLUMNS` (names as text, coordinates as floats).
    """
    if direction not in DIRECTIONS:
        raise DataError(f"unknown direction '{direction}'; one of {', '.join(DIRECTIONS)}")
    if top < 1:
        raise DataError("top must be at least 1")
    regions = tuple(dict.fromkeys(regions))
    check_filter(direction, regions)
    pairs = flows.for_year(year)
    year = year if year is not None else flows.years[0]
    known = set(flows.regions())
    unknown = [r for r in regions if r not in known]
    if unknown:
        raise NotFoundError(f"no region {', '.join(unknown)} in the flows of {year}; "
                            f"regions: {', '.join(sorted(known))}")
    at = centroids.set_index(C.CODE)
    pairs = pairs[(pairs[C.ORIGIN] != pairs[C.DESTINATION]) & pairs[C.MOVES].fillna(0).gt(0)
                  & pairs[C.ORIGIN].isin(at.index) & pairs[C.DESTINATION].isin(at.index)]
    chosen = set(regions)
    into, out_of = pairs[C.DESTINATION].isin(chosen), pairs[C.ORIGIN].isin(chosen)
    if chosen:
        keep = {"all": into | out_of, "in": into, "out": out_of,
                "between": into & out_of}[direction]
        pairs = pairs[keep]
    total = int(pairs[C.MOVES].sum())
    lines = pairs.sort_values([C.MOVES, C.ORIGIN, C.DESTINATION],
                              ascending=[False, True, True]).head(top).copy()
    names = dict(flows.names)
    for end, col in (("origin", C.ORIGIN), ("destination", C.DESTINATION)):
        # explicit dtypes: with no flow left the columns are still text and numbers
        lines[f"{end}_name"] = pd.Series([str(names.get(c, at.at[c, C.NAME]))
                                          for c in lines[col]], index=lines.index, dtype=object)
        lines[f"{end}_lon"] = at.loc[lines[col], "lon"].to_numpy(dtype="float64")
        lines[f"{end}_lat"] = at.loc[lines[col], "lat"].to_numpy(dtype="float64")
    lines[C.MOVES] = lines[C.MOVES].astype("int64")
    points = centroids[[C.CODE, C.NAME, "lon", "lat"]].copy()
    points[C.NAME] = [names.get(c, n) for c, n in zip(points[C.CODE], points[C.NAME])]
    return FlowLines(year=year, frame=lines[list(LINE_COLUMNS)].reset_index(drop=True),
                     points=points.reset_index(drop=True), direction=direction,
                     regions=regions, top=top, total_moves=total)


__all__ = [
    "DIRECTIONS",
    "LINE_COLUMNS",
    "MAP_VINTAGE",
    "FlowLines",
    "check_filter",
    "top_flows",
]
