"""Descriptive summaries of an O-D matrix: per-region totals, corridors, lumping.

Turnover = in + out; interchange = flow + counter-flow; the effectiveness of a corridor is
100 · |net| / interchange (Stillwell et al. 2014, IMAGE Studio; migest ``sum_region``,
``sum_bilat``, ``sum_lump``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import contracts as C
from .matrix import ODMatrix, population_vector

OTHER = "OTHER"
"""Code of the region or destination that lumped small regions or flows become."""


def _counts(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Count columns as integers (``9844``, not ``9844.00``) when every value is a whole
    number; non-integral (e.g. estimated) flows stay floats."""
    for col in columns:
        values = frame[col].to_numpy(dtype="float64")
        if np.isfinite(values).all() and (values == np.round(values)).all():
            frame[col] = values.astype("int64")
    return frame


@dataclass(frozen=True)
class RegionSummary:
    """In-, out-, net migration and turnover per region (moves between regions, persons);
    with a population also the rates per 100 persons."""

    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def region(self, code: str) -> pd.Series:
        return self.frame.set_index(C.REGION).loc[code]


def region_summary(m: ODMatrix, population: Mapping[str, float] | pd.Series | None = None
                   ) -> RegionSummary:
    """``region_code, region_name, inflow, outflow, net, turnover`` (+ ``population``,
    ``in_rate, out_rate, net_rate, turnover_rate`` per 100 persons), and effectiveness
    100 · net / turnover."""
    frame = pd.DataFrame({C.REGION: list(m.codes), C.REGION_NAME: [m.name(c) for c in m.codes],
                          "inflow": m.inflows, "outflow": m.outflows, "net": m.net,
                          "turnover": m.turnover})
    frame = _counts(frame, ("inflow", "outflow", "net", "turnover"))
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["effectiveness"] = 100 * frame["net"] / frame["turnover"]
    if population is not None:
        p = population_vector(m, population)
        frame[C.POPULATION] = p
        for col in ("inflow", "outflow", "net", "turnover"):
            frame[f"{col}_rate"] = 100 * frame[col] / p
    return RegionSummary(frame)


@dataclass(frozen=True)
class CorridorTable:
    """One row per unordered pair of regions a < b: ``flow`` a→b, ``counter_flow`` b→a,
    ``net`` = flow − counter_flow (b's net gain from a), ``interchange`` = flow + counter_flow
    and ``effectiveness`` = 100 · |net| / interchange; sorted by interchange."""

    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def top(self, k: int = 10) -> pd.DataFrame:
        return self.frame.head(k).copy()


def corridors(m: ODMatrix) -> CorridorTable:
    """Bilateral corridors of the flows between regions (see :class:`CorridorTable`)."""
    i, j = np.triu_indices(m.n, k=1)
    b = m.between
    codes = np.array(m.codes)
    frame = pd.DataFrame({C.ORIGIN: codes[i], C.ORIGIN_NAME: [m.name(c) for c in codes[i]],
                          C.DESTINATION: codes[j],
                          C.DESTINATION_NAME: [m.name(c) for c in codes[j]],
                          "flow": b[i, j], "counter_flow": b[j, i]})
    frame["net"] = frame["flow"] - frame["counter_flow"]
    frame["interchange"] = frame["flow"] + frame["counter_flow"]
    frame = _counts(frame, ("flow", "counter_flow", "net", "interchange"))
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["effectiveness"] = 100 * frame["net"].abs() / frame["interchange"]
    frame = frame.sort_values("interchange", ascending=False, kind="stable")
    return CorridorTable(frame.reset_index(drop=True))


def lump_regions(m: ODMatrix, threshold: float) -> ODMatrix:
    """Regions whose turnover is below ``threshold`` merged into one region ``OTHER`` (their
    mutual moves become its within-region moves)."""
    small = m.turnover < threshold
    mapping = {c: (OTHER if s else c) for c, s in zip(m.codes, small)}
    names = {c: m.name(c) for c in m.codes} | {OTHER: "Other"}
    return m.aggregate(mapping, names)


def lump_flows(m: ODMatrix, threshold: float) -> pd.DataFrame:
    """Long flows ``origin_code, destination_code, moves`` with each origin's flows below
    ``threshold`` summed into one flow to ``OTHER`` (totals per origin are kept)."""
    frame = m.to_frame()
    small = frame[C.MOVES] < threshold
    frame.loc[small, C.DESTINATION] = OTHER
    out = frame.groupby([C.ORIGIN, C.DESTINATION], sort=False)[C.MOVES].sum().reset_index()
    return _counts(out[out[C.MOVES] > 0].reset_index(drop=True), (C.MOVES,))
