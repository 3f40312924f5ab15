"""The origin–destination matrix the indices and models work on.

An :class:`ODMatrix` holds moves between ``n`` regions: ``values[i, j]`` = moves from
region ``i`` (row, origin) to region ``j`` (column, destination) during the period, in
persons. The diagonal holds moves *within* a region where known (NaN where not
applicable); every index in :mod:`flytt.indices` uses the off-diagonal cells only, the
flows *between* regions. ``ABROAD`` is not a region: moves to and from abroad are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import contracts as C
from ..errors import DataError, InputError
from ..flows import Flows, sort_codes


@dataclass(frozen=True)
class ODMatrix:
    """Moves between regions: ``values[i, j]`` from ``codes[i]`` to ``codes[j]`` (persons)."""

    codes: tuple[str, ...]
    values: np.ndarray
    names: Mapping[str, str] = field(default_factory=dict)
    year: int | None = None

    def __post_init__(self) -> None:
        v = np.asarray(self.values, dtype=float)
        if v.ndim != 2 or v.shape[0] != v.shape[1] or v.shape[0] != len(self.codes):
            raise DataError(f"an O-D matrix must be square with one row per region; got shape "
                            f"{v.shape} for {len(self.codes)} regions")
        if len(set(self.codes)) != len(self.codes):
            raise DataError("region codes of an O-D matrix must be unique")
        off = v[~np.eye(len(v), dtype=bool)]
        if np.any(off[~np.isnan(off)] < 0):
            raise DataError("flows must be non-negative")
        object.__setattr__(self, "values", v)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_array(cls, values: Sequence[Sequence[float]] | np.ndarray,
                   codes: Sequence[str] | None = None, names: Mapping[str, str] | None = None,
                   year: int | None = None) -> ODMatrix:
        """From a square array (origins as rows); codes default to ``1..n``."""
        arr = np.asarray(values, dtype=float)
        codes = tuple(codes) if codes is not None else tuple(str(i + 1) for i in range(len(arr)))
        return cls(codes, arr, dict(names or {}), year)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, origin: str = C.ORIGIN,
                   destination: str = C.DESTINATION, flow: str = C.MOVES,
                   names: Mapping[str, str] | None = None, year: int | None = None) -> ODMatrix:
        """From a long frame with one row per (origin, destination); pairs that are absent are
        zero, missing (NA) flows are *not applicable* and count as zero between regions.
        Rows with ``ABROAD`` as origin or destination are left out."""
        missing = [c for c in (origin, destination, flow) if c not in frame.columns]
        if missing:
            raise InputError(f"flows need the columns {origin}, {destination}, {flow}; "
                             f"missing {', '.join(missing)}")
        sub = frame[(frame[origin] != C.ABROAD) & (frame[destination] != C.ABROAD)]
        if sub.empty:
            raise DataError("no flows between regions (only moves to or from abroad?)")
        o = sub[origin].astype(str)
        d = sub[destination].astype(str)
        codes = sort_codes(set(o) | set(d))
        index = {c: i for i, c in enumerate(codes)}
        values = np.zeros((len(codes), len(codes)))
        moves = pd.to_numeric(sub[flow], errors="coerce").astype(float).to_numpy()
        oi, di = o.map(index).to_numpy(), d.map(index).to_numpy()
        np.add.at(values, (oi, di), np.nan_to_num(moves))
        diag_na = (oi == di) & np.isnan(moves)
        values[oi[diag_na], di[diag_na]] = np.nan
        return cls(tuple(codes), values, dict(names or {}), year)

    @classmethod
    def from_flows(cls, flows: Flows, year: int | None = None) -> ODMatrix:
        """From validated :class:`~flytt.flows.Flows` of one year (attributes summed)."""
        od = flows.for_year(year)
        chosen = year if year is not None else flows.years[0]
        return cls.from_frame(od, names=dict(flows.names), year=chosen)

    # ------------------------------------------------------------------ views
    @property
    def n(self) -> int:
        return len(self.codes)

    @property
    def between(self) -> np.ndarray:
        """Flows between regions: the matrix with a zero diagonal and NaN as zero."""
        m = np.nan_to_num(self.values.copy())
        np.fill_diagonal(m, 0.0)
        return m

    @property
    def outflows(self) -> np.ndarray:
        """O_i = Σ_j≠i M_ij."""
        return self.between.sum(axis=1)

    @property
    def inflows(self) -> np.ndarray:
        """D_j = Σ_i≠j M_ij."""
        return self.between.sum(axis=0)

    @property
    def net(self) -> np.ndarray:
        """Net migration D_i − O_i (in minus out)."""
        return self.inflows - self.outflows

    @property
    def turnover(self) -> np.ndarray:
        """Gross migration D_i + O_i."""
        return self.inflows + self.outflows

    @property
    def total(self) -> float:
        """All moves between regions, Σ_i Σ_j≠i M_ij."""
        return float(self.between.sum())

    def name(self, code: str) -> str:
        return str(self.names.get(code, code))

    def scaled(self, factor: float) -> ODMatrix:
        return ODMatrix(self.codes, self.values * factor, self.names, self.year)

    def aggregate(self, mapping: Mapping[str, str], names: Mapping[str, str] | None = None
                  ) -> ODMatrix:
        """Regions merged into groups (``code → group``); moves between members of one group
        become within-group moves (the diagonal)."""
        unknown = [c for c in self.codes if c not in mapping]
        if unknown:
            raise DataError(f"no group for region(s) {', '.join(unknown[:10])}")
        groups = sort_codes({mapping[c] for c in self.codes})
        gi = {g: k for k, g in enumerate(groups)}
        member = np.zeros((self.n, len(groups)))
        member[np.arange(self.n), [gi[mapping[c]] for c in self.codes]] = 1.0
        values = member.T @ np.nan_to_num(self.values) @ member
        return ODMatrix(tuple(groups), values, dict(names or {}), self.year)

    def to_frame(self) -> pd.DataFrame:
        """Long table ``origin_code, destination_code, moves`` of the flows between regions."""
        i, j = np.where(~np.eye(self.n, dtype=bool))
        return pd.DataFrame({C.ORIGIN: np.array(self.codes)[i],
                             C.DESTINATION: np.array(self.codes)[j],
                             C.MOVES: self.between[i, j]})


def population_vector(matrix: ODMatrix, population: Mapping[str, float] | pd.Series) -> np.ndarray:
    """Populations in the matrix's region order; raises :class:`DataError` naming missing codes."""
    pop = population.to_dict() if isinstance(population, pd.Series) else dict(population)
    missing = [c for c in matrix.codes if c not in pop]
    if missing:
        raise DataError(f"no population for region(s) {', '.join(missing[:10])}"
                        + (" ..." if len(missing) > 10 else ""))
    values = np.array([float(pop[c]) for c in matrix.codes])
    if np.any(values <= 0) or np.any(np.isnan(values)):
        raise DataError("populations must be positive")
    return values


def distance_matrix(matrix: ODMatrix, distances: pd.DataFrame | np.ndarray) -> np.ndarray:
    """Distances (km) in the matrix's region order from an array or a long frame with
    ``origin_code, destination_code, distance_km``; symmetric pairs may be given once."""
    if isinstance(distances, np.ndarray):
        if distances.shape != (matrix.n, matrix.n):
            raise DataError(f"distance matrix shape {distances.shape} does not match "
                            f"{matrix.n} regions")
        return distances.astype(float)
    index = {c: i for i, c in enumerate(matrix.codes)}
    d = np.full((matrix.n, matrix.n), np.nan)
    for o, t, km in zip(distances[C.ORIGIN], distances[C.DESTINATION], distances["distance_km"]):
        if o in index and t in index:
            d[index[o], index[t]] = float(km)
    d = np.where(np.isnan(d), d.T, d)
    np.fill_diagonal(d, 0.0)
    if np.isnan(d).any():
        i, j = np.argwhere(np.isnan(d))[0]
        raise DataError(f"no distance between {matrix.codes[i]} and {matrix.codes[j]}")
    return d
