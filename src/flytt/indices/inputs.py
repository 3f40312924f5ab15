"""Reading the extra inputs of the indices: populations at risk and distance tables.

Files go through :mod:`flytt.readers`, so errors name the file, row and column.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import contracts as C
from ..errors import InputError, Problem
from ..readers import check_codes, read_input, read_raw

DISTANCE = "distance_km"
DISTANCE_ALIASES = {"origin": C.ORIGIN, "destination": C.DESTINATION, "from": C.ORIGIN,
                    "to": C.DESTINATION, "distance": DISTANCE, "dist": DISTANCE, "km": DISTANCE}


def population_totals(path: str | Path, year: int | None = None) -> pd.Series:
    """Persons per ``region_code`` from a population file (summed over age and sex), for
    ``year`` (or the only year in the file)."""
    frame = read_input(path, "population")
    years = sorted({int(y) for y in frame[C.YEAR].dropna()})
    listed = ", ".join(map(str, years)) or "none"
    if year is None:
        if len(years) != 1:
            raise InputError(Problem(f"the population covers years {listed}; choose one "
                                     "(year; the CLI's --year)", source=str(path)))
        year = years[0]
    sub = frame[frame[C.YEAR] == year]
    if sub.empty:
        raise InputError(Problem(f"no population for {year}; years in the file: {listed}",
                                 source=str(path), column=C.YEAR))
    return sub.groupby(C.REGION)[C.POPULATION].sum().astype(float)


def read_distances(path: str | Path) -> pd.DataFrame:
    """A distance table ``origin_code, destination_code, distance_km`` (km, ≥ 0)."""
    raw = read_raw(path)
    source = str(path)
    raw = raw.rename(columns={c: DISTANCE_ALIASES.get(str(c).strip().lower(),
                                                      str(c).strip().lower())
                              for c in raw.columns})
    missing = [c for c in (C.ORIGIN, C.DESTINATION, DISTANCE) if c not in raw.columns]
    if missing:
        raise InputError([Problem(f"missing column '{c}' (expected origin_code, "
                                  "destination_code, distance_km)", source=source, row=1,
                                  column=c) for c in missing])
    problems: list[Problem] = []
    out = pd.DataFrame(index=raw.index)
    for col in (C.ORIGIN, C.DESTINATION):
        out[col], found = check_codes(raw[col], col, source)
        problems += found
    km = pd.to_numeric(raw[DISTANCE].astype(str).str.replace(",", ".").str.strip(),
                       errors="coerce")
    for row, value, ok in zip(raw.index, raw[DISTANCE], km.notna() & (km >= 0)):
        if not ok:
            problems.append(Problem(f"'{value}' is not a distance in km (a number ≥ 0)",
                                    source=source, row=int(row), column=DISTANCE))
    if problems:
        raise InputError(problems)
    out[DISTANCE] = km.astype(float).to_numpy()
    return out.reset_index(drop=True)


def haversine_table(centroids: pd.DataFrame) -> pd.DataFrame:
    """All pairs of ``centroids`` (``code, lon, lat``) with their great-circle distance (km,
    :func:`flytt.geo.haversine_km`)."""
    from ..geo import haversine_km

    codes = centroids[C.CODE].astype(str).to_numpy()
    lon, lat = centroids["lon"].to_numpy(float), centroids["lat"].to_numpy(float)
    rows, cols = np.meshgrid(np.arange(len(codes)), np.arange(len(codes)), indexing="ij")
    i, j = rows.ravel(), cols.ravel()
    km = haversine_km(lon[i], lat[i], lon[j], lat[j])
    return pd.DataFrame({C.ORIGIN: codes[i], C.DESTINATION: codes[j], DISTANCE: km})
