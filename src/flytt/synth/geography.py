"""The geography a synthetic register lives in: municipalities, their population by age and
sex, distances, and the gravity model of destinations calibrated to SSB's 2011 county table.

Two sources, chosen by :func:`load_geography`:

* ``real`` — Norway's 357 municipalities of 2024 (codes as in SSB's classification, 0301 is
  Oslo): boundary centroids from :func:`flytt.geo.centroids` and population on 1 January
  2024 by single-year age and sex (SSB table 07459) from the data registry
  (``ssb-population-by-sex-2024``).
* ``builtin`` — a documented offline fallback typed for flytt
  (``datasets/data/synth_municipalities_2024.csv``): 64 of the largest municipalities,
  at least two in each of the 15 counties of 2024, with real codes and names, rounded
  populations (nearest 100–1000, about 2024) and approximate centroids (within ~40 km),
  and one national age-sex profile (:data:`BUILTIN_AGE_PROFILE`) for all of them.

Counties are the first two digits of a 2024 municipality code.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Literal

import numpy as np

from .. import contracts as C
from ..errors import DataError, NotFoundError

GeographySource = Literal["auto", "real", "builtin"]

MAX_AGE = 100
"""Ages are single years 0..100; 100 means 100 or older."""

COUNTIES_2024_TO_2011: dict[str, tuple[str, ...]] = {
    "03": ("03",), "11": ("11",), "15": ("15",), "18": ("18",), "31": ("01",), "32": ("02",),
    "33": ("06",), "34": ("04", "05"), "39": ("07",), "40": ("08",), "42": ("09", "10"),
    "46": ("12", "14"), "50": ("16", "17"), "55": ("19",), "56": ("20",),
}
"""The 15 counties of 2024 as unions of the 19 counties of 1972–2017 (the 2011 seed table's
codes); boundary changes of single municipalities between the two structures are ignored."""

BUILTIN_AGE_PROFILE: tuple[tuple[int, float], ...] = (
    (0, 5.3), (5, 6.0), (10, 6.2), (15, 6.1), (20, 6.4), (25, 6.8), (30, 6.9), (35, 6.7),
    (40, 6.5), (45, 6.8), (50, 6.9), (55, 6.5), (60, 5.9), (65, 5.3), (70, 5.0), (75, 3.9),
    (80, 2.4), (85, 1.3), (90, 0.6), (95, 0.2),
)
"""Share (%) of Norway's population in each five-year age group (lower bound given), about
2024, rounded; spread evenly over the single years of each group, men and women equal."""

GRAVITY_DISTANCE_EXPONENT = 1.6
"""Destination attraction ∝ population / distance^1.6 before the county calibration."""
MIN_DISTANCE_KM = 8.0
"""Distances are floored here so neighbouring centroids do not dominate."""


@dataclass(frozen=True)
class Geography:
    """Municipalities with population by age and sex and the internal destination model.

    ``population[m, a, s]`` is persons in municipality ``m`` aged ``a`` (0..100) of sex
    ``s`` (0 = M, 1 = F) on 1 January of the reference year. ``destination[m, d]`` is the
    probability that an internal move out of ``m`` goes to ``d`` (rows sum to 1, zero
    diagonal).
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    lon: np.ndarray
    lat: np.ndarray
    population: np.ndarray
    destination: np.ndarray
    source: Literal["real", "builtin"]
    description: str

    @property
    def counties(self) -> np.ndarray:
        """County code (2024) of each municipality."""
        return np.array([c[:2] for c in self.codes])

    @property
    def totals(self) -> np.ndarray:
        """Population of each municipality (all ages and sexes)."""
        return self.population.sum(axis=(1, 2))

    def index(self, code: str) -> int:
        try:
            return self.codes.index(code)
        except ValueError:
            raise NotFoundError(f"municipality '{code}' is not in the {self.source} geography")


def _builtin() -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray, str]:
    import pandas as pd

    path = resources.files("flytt.datasets").joinpath("data", "synth_municipalities_2024.csv")
    with path.open("r", encoding="utf-8") as f:
        table = pd.read_csv(f, dtype={"code": str})
    profile = np.zeros(MAX_AGE + 1)
    for lower, share in BUILTIN_AGE_PROFILE:
        upper = min(lower + 5, MAX_AGE + 1)
        profile[lower:upper] = share / (upper - lower)
    profile /= profile.sum()
    pop = table["population"].to_numpy(float)[:, None, None] * profile[None, :, None] * 0.5
    pop = np.repeat(pop, 2, axis=2)
    return (table["code"].tolist(), table["name"].tolist(), table["lon"].to_numpy(float),
            table["lat"].to_numpy(float), pop,
            ("built-in approximate geography: 64 municipalities of 2024 (rounded populations, "
             "approximate centroids, one national age profile)"))


def _real() -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray, str]:
    import pandas as pd

    from .. import geo, registry

    cents = geo.centroids("municipality", 2024)
    path = registry.fetch("ssb-population-by-sex-2024")
    raw = pd.read_csv(path, sep=";", skiprows=2, encoding="latin-1", dtype=str)
    raw.columns = ["region", "age", "M", "F"]
    raw = raw[raw["region"].str.match(r"^K-\d{4} ")]
    raw["code"] = raw["region"].str.slice(2, 6)
    raw["age"] = raw["age"].str.extract(r"^(\d+)")[0].astype(int).clip(upper=MAX_AGE)
    raw[["M", "F"]] = raw[["M", "F"]].astype("int64")
    by = raw.groupby(["code", "age"])[["M", "F"]].sum()
    have = set(by.index.get_level_values(0))
    codes = [c for c in cents[C.CODE] if c in have]
    if len(codes) < 300:
        raise DataError(f"only {len(codes)} municipalities have both a centroid and population")
    full = by.reindex(pd.MultiIndex.from_product([codes, range(MAX_AGE + 1)]), fill_value=0)
    pop = full.to_numpy(float).reshape(len(codes), MAX_AGE + 1, 2)
    cents = cents.set_index(C.CODE).loc[codes]
    return (codes, cents[C.NAME].tolist(), cents["lon"].to_numpy(float),
            cents["lat"].to_numpy(float), pop,
            (f"Norway's {len(codes)} municipalities of 2024: centroids of the 2024 boundaries "
             "(Kartverket), population 1 January 2024 by age and sex (SSB 07459)"))


def _distances_km(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    from ..geo import haversine_km

    return haversine_km(lon[:, None], lat[:, None], lon[None, :], lat[None, :])


def county_targets(counties: list[str]) -> np.ndarray:
    """Destination shares between 2024 counties from SSB's 2011 county O-D table.

    ``targets[i, j]`` = share of internal moves out of county ``counties[i]`` (between
    municipalities, the county's own diagonal included) that go to ``counties[j]``; the
    1972–2017 counties are merged per :data:`COUNTIES_2024_TO_2011`. Rows sum to 1.
    """
    from .. import datasets

    flows = datasets.load("ssb-counties").flows
    if flows is None:
        raise DataError("the built-in dataset 'ssb-counties' has no flows")
    frame = flows.frame
    frame = frame[(frame[C.ORIGIN] != C.ABROAD) & (frame[C.DESTINATION] != C.ABROAD)]
    to_new = {old: new for new, olds in COUNTIES_2024_TO_2011.items() for old in olds}
    o = frame[C.ORIGIN].map(to_new)
    d = frame[C.DESTINATION].map(to_new)
    moves = frame[C.MOVES].fillna(0).astype(float)
    pos = {c: i for i, c in enumerate(counties)}
    out = np.zeros((len(counties), len(counties)))
    np.add.at(out, (o.map(pos).to_numpy(int), d.map(pos).to_numpy(int)), moves.to_numpy())
    return out / out.sum(axis=1, keepdims=True)


def destination_model(codes: list[str], totals: np.ndarray, dist_km: np.ndarray) -> np.ndarray:
    """Gravity destination probabilities calibrated to the 2011 county shares.

    Step 1: attraction ``pop_d / max(dist, 8 km)^1.6`` (zero for ``d = o``). Step 2: for each
    origin, scale the destinations in each county so that the origin's county distribution
    equals its county's row of :func:`county_targets` (a county unreachable from the origin,
    e.g. its own county when it is the only municipality there, is dropped and the rest
    renormalised).
    """
    attraction = totals[None, :] / np.maximum(dist_km, MIN_DISTANCE_KM) ** GRAVITY_DISTANCE_EXPONENT
    np.fill_diagonal(attraction, 0.0)
    counties = sorted({c[:2] for c in codes})
    unknown = set(counties) - set(COUNTIES_2024_TO_2011)
    if unknown:
        raise DataError(f"county codes {sorted(unknown)} are not 2024 counties")
    county_of = np.array([counties.index(c[:2]) for c in codes])
    targets = county_targets(counties)
    onehot = np.eye(len(counties))[county_of]                  # municipality × county
    by_county = attraction @ onehot                             # origin × county
    wanted = targets[county_of] * (by_county > 0)
    wanted /= wanted.sum(axis=1, keepdims=True)
    scale = np.divide(wanted, by_county, out=np.zeros_like(wanted), where=by_county > 0)
    probs = attraction * scale[:, county_of]
    return probs / probs.sum(axis=1, keepdims=True)


def load_geography(source: GeographySource = "auto") -> Geography:
    """The municipalities to synthesise in (see module docstring).

    ``auto`` uses the real 2024 municipalities when the registry can supply centroids and
    population (``$FLYTT_DATA_MIRROR`` or the download cache) and the built-in fallback
    otherwise; ``real`` raises :class:`NotFoundError` when the data cannot be had.
    """
    parts = None
    if source in ("auto", "real"):
        try:
            parts = _real()
        except (NotFoundError, ImportError, OSError) as exc:
            if source == "real":
                raise NotFoundError(f"cannot load the real 2024 geography: {exc}") from exc
            parts = None
            reason = str(exc).splitlines()[0]
    if parts is None:
        parts = _builtin()
        if source == "auto":
            parts = (*parts[:5], parts[5] + f"; the real geography was unavailable: {reason}")
    codes, names, lon, lat, pop, description = parts
    dest = destination_model(codes, pop.sum(axis=(1, 2)), _distances_km(lon, lat))
    kind: Literal["real", "builtin"] = "builtin" if description.startswith("built-in") else "real"
    return Geography(codes=tuple(codes), names=tuple(names), lon=lon, lat=lat, population=pop,
                     destination=dest, source=kind, description=description)


__all__ = [
    "COUNTIES_2024_TO_2011",
    "MAX_AGE",
    "Geography",
    "GeographySource",
    "county_targets",
    "destination_model",
    "load_geography",
]
