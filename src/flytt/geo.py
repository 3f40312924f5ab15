"""Norwegian regions on the map and in classifications: boundaries, centroids, the
municipality list of any year, county and BA-region groupings, great-circle distances.

Data come from :mod:`flytt.registry` (sha256-checked files; ``$FLYTT_DATA_MIRROR`` for
offline use). When a registry file can be had neither from a mirror nor from the network,
the copies bundled with the package (``flytt/datasets/data/geo``, written by
``tools/simplify_boundaries.py``) stand in: simplified boundaries of the counties of
1972–2017, 2020 and 2024 and the municipalities of 2020 and 2024, the code history and
the BA-region keys. :func:`boundary_source` says which was drawn.

Codes are zero-padded strings (``"0301"``, ``"03"``). Coordinates are WGS84
longitude/latitude in degrees. The 2018 municipality file is published in EPSG:25833
(ETRS89 / UTM zone 33N); it is reprojected here (:func:`utm33_to_lonlat`), and the 18
counties of 2018 and the 19 of 1972–2017 are dissolved from it (shapely ``union_all``).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from . import contracts as C
from .errors import DataError, FlyttError, NotFoundError
from .flows import Grouping
from .i18n import Message
from .registry import fetch

if TYPE_CHECKING:
    import pandas as pd

Level = Literal["municipality", "county"]
Vintage = Literal[2017, 2018, 2020, 2024]
"""Boundary vintages: 2017 = the 19 counties of 1972–2017 (county level only; the
structure of SSB's county tables), 2018 = 2018–2019, 2020 = 2020–2023, 2024 = 2024–."""
VINTAGES: tuple[int, ...] = (2018, 2020, 2024)
"""Vintages with municipality boundaries (and municipality lists to match codes to)."""
COUNTIES_1972_2017: tuple[str, ...] = tuple(f"{c:02d}" for c in range(1, 21) if c != 13)
"""The 19 county codes of 1972–2017 (01–20 without 13, which merged into 12 in 1972)."""

BUNDLED = Path(__file__).resolve().parent / "datasets" / "data" / "geo"
"""Simplified boundaries and keys shipped with the package (see its README.md)."""
BUNDLED_BOUNDARIES: tuple[tuple[str, int], ...] = (
    ("county", 2017), ("county", 2020), ("municipality", 2020), ("county", 2024),
    ("municipality", 2024))
"""(level, vintage) of the bundled boundary files, named ``{level}-{vintage}.geojson``."""
BUNDLED_LICENCE = ("Geometry © Kartverket (CC BY 4.0), simplified by flytt "
                   "(tools/simplify_boundaries.py)")

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), used by :func:`haversine_km`."""

_GRS80_A = 6378137.0
_GRS80_F = 1 / 298.257222101

# file key and property names (code, name) per level and vintage
_SOURCES: dict[tuple[str, int], tuple[str, str, str]] = {
    ("municipality", 2024): ("kommuner-2024", "kommunenummer", "kommunenavn"),
    ("county", 2024): ("fylker-2024", "fylkesnummer", "fylkesnavn"),
    ("municipality", 2020): ("kommuner-2020", "kommunenummer", "navn"),
    ("county", 2020): ("fylker-2020", "fylkesnummer", "navn"),
    ("municipality", 2018): ("kommuner-2018", "Kommunenum", "Kommunenav"),
}


# --------------------------------------------------------------------------- code lists
@lru_cache(maxsize=4)
def _history(path: str) -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.rename(columns={"nivå": C.LEVEL, "regionnummer": C.CODE, "regionnavn": C.NAME,
                                 "fylkesnummer": "county_code", "gyldig_fra": C.VALID_FROM,
                                 "gyldig_til": C.VALID_TO})[
        [C.LEVEL, C.CODE, C.NAME, "county_code", C.VALID_FROM, C.VALID_TO]]


def code_history() -> pd.DataFrame:
    """Every municipality (``level = kommune``) and county (``fylke``) code with its name
    and validity: ``level, code, name, county_code, valid_from, valid_to`` (ISO dates;
    ``valid_to`` exclusive, empty = still valid). Source: SSB Klass via bord4-data."""
    return _history(str(_registry_or_bundled("code-history", "code_history.csv"))).copy()


def _registry_or_bundled(key: str, bundled: str) -> Path:
    """The registry file ``key``, else (offline, no mirror) the bundled file ``bundled``."""
    try:
        return fetch(key)
    except NotFoundError:
        path = BUNDLED / bundled
        if path.is_file():
            return path
        raise


def _valid_on(year: int, level: str) -> pd.DataFrame:
    day = dt.date(year, 1, 1).isoformat()
    h = code_history()
    ok = h[C.LEVEL].eq(level) & h[C.VALID_FROM].le(day) & (h[C.VALID_TO].eq("")
                                                            | h[C.VALID_TO].gt(day))
    return h[ok]


def municipalities(vintage: int) -> pd.DataFrame:
    """Municipalities valid on 1 January ``vintage`` (any year from 1838):
    ``code, name, county_code, county_name``, in code order (422 in 2018–2019,
    356 in 2020–2023, 357 from 2024)."""
    if not C.MIN_YEAR <= vintage <= dt.date.today().year + 1:
        raise NotFoundError(f"no municipality list for {vintage}")
    kommuner = _valid_on(vintage, "kommune")
    fylker = _valid_on(vintage, "fylke")[[C.CODE, C.NAME]].rename(
        columns={C.CODE: "county_code", C.NAME: "county_name"})
    out = kommuner[[C.CODE, C.NAME, "county_code"]].merge(fylker, on="county_code", how="left")
    return out.sort_values(C.CODE).reset_index(drop=True)


@lru_cache(maxsize=8)
def _codes(vintage: int) -> frozenset[str]:
    return frozenset(municipalities(vintage)[C.CODE])


def covering_vintage(codes, *, year: int | None = None,
                     vintages: tuple[int, ...] = VINTAGES) -> int | None:
    """The vintage (of ``vintages``: 2018, 2020, 2024) whose municipality list holds every
    one of ``codes``; None if none does. When several do, the one in force in ``year``
    (2018 before 2020, 2020 in 2020–2023, 2024 from 2024) or else the nearest to it wins;
    without ``year``, the latest."""
    wanted = set(codes)
    covering = [v for v in vintages if wanted <= _codes(v)]
    if not covering:
        return None
    target = (max((v for v in VINTAGES if v <= year), default=VINTAGES[0])
              if year is not None else VINTAGES[-1])
    return min(covering, key=lambda v: (abs(v - target), -v))


def official_names(codes: Iterable[str], year: int) -> dict[str, str]:
    """Names of municipality (four-digit) and county (two-digit) ``codes`` valid on
    1 January ``year``, from SSB's code history through the data registry; codes it does
    not know are left out, and so is everything when the code history cannot be had
    (offline without a mirror): names are a courtesy, never a reason to fail."""
    wanted = {str(c) for c in codes if str(c).isdigit() and len(str(c)) in (2, 4)}
    if not wanted:
        return {}
    try:
        found: dict[str, str] = {}
        if any(len(c) == 4 for c in wanted):
            m = municipalities(year)
            found |= dict(zip(m[C.CODE], m[C.NAME]))
        if any(len(c) == 2 for c in wanted):
            f = counties(year)
            found |= dict(zip(f[C.CODE], f[C.NAME]))
    except FlyttError:
        return {}
    return {c: found[c] for c in wanted if c in found}


def complete_names(names: Mapping[str, str], codes: Iterable[str], year: int
                   ) -> dict[str, str]:
    """``names`` plus SSB's names (:func:`official_names`) for those of ``codes`` that
    ``names`` lacks or names only by the code itself."""
    unnamed = [c for c in codes if names.get(c, c) == c]
    return dict(names) | official_names(unnamed, year)


def counties(vintage: int) -> pd.DataFrame:
    """Counties valid on 1 January ``vintage``: ``code, name``."""
    return (_valid_on(vintage, "fylke")[[C.CODE, C.NAME]].sort_values(C.CODE)
            .reset_index(drop=True))


def county_grouping(vintage: int) -> Grouping:
    """Municipality → county of 1 January ``vintage`` (groups contract columns)."""
    m = municipalities(vintage)
    frame = m.rename(columns={"county_code": C.GROUP_CODE, "county_name": C.GROUP_NAME})
    return Grouping.from_frame(frame, f"county-{vintage}")


_LABEL = re.compile(r"^\s*(\d+)\s+(.+?)\s*$")


def _normalise_name(name: str) -> str:
    return re.sub(r"\s*\(.*\)\s*$", "", name).strip().casefold()


def ba_grouping(vintage: Literal[2020, 2024]) -> Grouping:
    """Municipality → BA region (bo- og arbeidsmarkedsregion, 159 regions, 2020
    classification) keyed to the municipality codes of ``vintage``.

    Group codes are the region numbers zero-padded to 3 digits (``"005"`` Oslo/Bærum).
    The workbooks print a few outdated codes (1567 Rindal, 3444 Jevnaker, 3445 Lunner);
    a code not valid in ``vintage`` is replaced by the one valid municipality of the
    same name, and an error is raised if there is none. Offline without a mirror, the
    key bundled with the package (made from the same workbook) is used.
    """
    import pandas as pd

    if vintage not in (2020, 2024):
        raise NotFoundError(f"BA regions are available keyed to 2020 or 2024, not {vintage}")
    path = _registry_or_bundled(f"ba-regions-{vintage}", f"ba_regions_{vintage}.csv")
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        frame = _ba_from_workbook(path, vintage)
    missing = set(municipalities(vintage)[C.CODE]) - set(frame[C.CODE])
    if missing:
        raise DataError(f"{path}: no BA region for {', '.join(sorted(missing))}")
    return Grouping.from_frame(frame.sort_values(C.CODE), f"ba-{vintage}")


def _ba_from_workbook(path: Path, vintage: int) -> pd.DataFrame:
    """``code, group_code, group_name`` from the sheet 'Etter kommune' of a BA workbook."""
    import openpyxl
    import pandas as pd

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb["Etter kommune"].iter_rows(min_row=2, max_col=2, values_only=True))
    wb.close()
    valid = municipalities(vintage)
    by_name: dict[str, list[str]] = {}
    for code, name in zip(valid[C.CODE], valid[C.NAME]):
        by_name.setdefault(_normalise_name(name), []).append(code)
    valid_codes = set(valid[C.CODE])
    records = []
    for i, (kommune, region) in enumerate(rows, start=2):
        if not kommune:
            continue
        k, r = _LABEL.match(str(kommune)), _LABEL.match(str(region))
        if not (k and r):
            raise DataError(f"{path}: row {i}: cannot read '{kommune}' / '{region}'")
        code, name = k.group(1).zfill(4), k.group(2)
        if code not in valid_codes:
            same = by_name.get(_normalise_name(name), [])
            if len(same) != 1:
                raise DataError(f"{path}: row {i}: code {code} {name} is not a {vintage} "
                                "municipality and its name matches none")
            code = same[0]
        records.append((code, r.group(1).zfill(3), r.group(2)))
    return pd.DataFrame(records, columns=[C.CODE, C.GROUP_CODE, C.GROUP_NAME])


# --------------------------------------------------------------------------- boundaries
def utm33_to_lonlat(easting: np.ndarray, northing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """EPSG:25833 (ETRS89 / UTM zone 33N, metres) → WGS84 longitude, latitude (degrees).

    Krüger's series to third order in the third flattening (GRS80 ellipsoid): error far
    below a metre across mainland Norway.
    """
    e = np.asarray(easting, dtype=float)
    nn = np.asarray(northing, dtype=float)
    n = _GRS80_F / (2 - _GRS80_F)
    big_a = _GRS80_A / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    beta = (n / 2 - 2 * n**2 / 3 + 37 * n**3 / 96, n**2 / 48 + n**3 / 15, 17 * n**3 / 480)
    delta = (2 * n - 2 * n**2 / 3 - 2 * n**3, 7 * n**2 / 3 - 8 * n**3 / 5, 56 * n**3 / 15)
    xi = nn / (0.9996 * big_a)
    eta = (e - 500000.0) / (0.9996 * big_a)
    xi_p, eta_p = xi.copy(), eta.copy()
    for j, b in enumerate(beta, start=1):
        xi_p -= b * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
        eta_p -= b * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
    chi = np.arcsin(np.sin(xi_p) / np.cosh(eta_p))
    lat = chi + sum(d * np.sin(2 * j * chi) for j, d in enumerate(delta, start=1))
    lon = np.radians(15.0) + np.arctan2(np.sinh(eta_p), np.cos(xi_p))
    return np.degrees(lon), np.degrees(lat)


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise DataError(f"unexpected geometry type {geometry['type']}")


def _reproject(geometry: dict) -> dict:
    polys = []
    for poly in _polygons(geometry):
        rings = []
        for ring in poly:
            xy = np.asarray(ring, dtype=float)
            lon, lat = utm33_to_lonlat(xy[:, 0], xy[:, 1])
            rings.append(np.round(np.column_stack([lon, lat]), 6).tolist())
        polys.append(rings)
    return {"type": "MultiPolygon", "coordinates": polys}


def _feature(code: str, name: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geometry}


@dataclass(frozen=True)
class BoundarySource:
    """Where the boundaries of one level and vintage come from."""

    level: str
    vintage: int
    bundled: bool
    """True: the simplified copy shipped with the package; False: the registry file."""
    key: str
    """The registry file they are (or the bundled copy was) made from."""
    licence: str
    path: Path

    def message(self) -> Message:
        """Which boundaries a map drew, as a catalog message."""
        what = Message(f"boundaries_{self.level}_{self.vintage}")
        if self.bundled:
            return Message("boundaries_bundled", {"what": what, "file": self.key})
        return Message("boundaries_registry", {"what": what, "licence": self.licence})


def _check(level: str, vintage: int) -> None:
    if level not in ("municipality", "county"):
        raise NotFoundError(f"no boundaries for level '{level}'; use municipality or county")
    allowed = (2017, *VINTAGES) if level == "county" else VINTAGES
    if vintage not in allowed:
        raise NotFoundError(f"no {level} boundaries for {vintage}; vintages: "
                            f"{', '.join(map(str, allowed))} (2017 = the counties of "
                            "1972–2017, 2018 = 2018–2019, 2020 = 2020–2023, 2024 = 2024–)")


def boundary_source(level: str, vintage: int) -> BoundarySource:
    """The boundaries :func:`boundaries` draws for ``level``/``vintage``: the registry's
    file when it can be had (mirror, cache or download), else the bundled simplified copy.
    Raises :class:`NotFoundError` when neither exists (the 2018 vintage offline)."""
    _check(level, vintage)
    key = _SOURCES.get((level, vintage), ("kommuner-2018",))[0]
    from .registry import entry

    try:
        return BoundarySource(level, vintage, False, key, entry(key).licence, fetch(key))
    except NotFoundError as exc:
        path = BUNDLED / f"{level}-{vintage}.geojson"
        if not path.is_file():
            raise NotFoundError(f"no {level} boundaries of {vintage}: {exc} (the package "
                                "bundles only those of " + ", ".join(
                                    f"{lv} {v}" for lv, v in BUNDLED_BOUNDARIES) + ")"
                                ) from exc
        return BoundarySource(level, vintage, True, key, BUNDLED_LICENCE, path)


@lru_cache(maxsize=12)
def _boundaries(level: str, vintage: int, path: str, bundled: bool) -> dict:
    if bundled:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    if level == "county" and vintage in (2017, 2018):
        return _dissolved_counties(vintage)
    return full_boundaries(level, vintage, path)


def full_boundaries(level: str, vintage: int, path: str | Path) -> dict:
    """The registry file ``path`` of ``level``/``vintage`` as flytt's FeatureCollection
    (properties ``code``, ``name``; lon/lat; sorted by code)."""
    _, code_prop, name_prop = _SOURCES[(level, vintage)]
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    width = 4 if level == "municipality" else 2
    features = []
    for f in raw["features"]:
        props = f["properties"]
        code = str(props[code_prop]).strip().zfill(width)
        geometry = _reproject(f["geometry"]) if vintage == 2018 else f["geometry"]
        features.append(_feature(code, str(props[name_prop]).strip(), geometry))
    features.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection", "features": features}


def _county_of_1972_2017(code: str, name: str, by_name: Mapping[str, str]) -> str:
    """The county of 1972–2017 of a 2018 municipality: its code's first two digits, and
    for Trøndelag (50xx) Sør- (16) or Nord-Trøndelag (17) by its pre-2018 name (Sámi and
    Norwegian names: "Snåase - Snåsa" was "Snåase")."""
    if not code.startswith("50"):
        return code[:2]
    found = [by_name[p] for p in [name, *name.split(" - ")] if p in by_name]
    if not found:
        raise NotFoundError(f"cannot place Trøndelag municipality {code} {name} in "
                            "Sør- or Nord-Trøndelag")
    return found[0]


def _dissolved_counties(vintage: int) -> dict:
    """The counties of 2018 (18) or of 1972–2017 (19) dissolved from the municipalities
    of 2018; for 1972–2017, Indre Fosen (merged from Rissa, 16, and Leksvik, 17) goes to
    Sør-Trøndelag."""
    import shapely
    from shapely.geometry import mapping, shape

    munis = boundaries("municipality", 2018)["features"]
    by_name: dict[str, str] = {}
    if vintage == 2017:
        history = code_history()
        kommune = history[history[C.LEVEL] == "kommune"]
        old = kommune[kommune[C.CODE].str[:2].isin(["16", "17"])
                      & kommune[C.VALID_TO].eq("2018-01-01")]
        by_name = dict(zip(old[C.NAME], old[C.CODE].str[:2])) | {"Indre Fosen": "16"}
    county_list = counties(vintage)
    names = dict(zip(county_list[C.CODE], county_list[C.NAME]))
    by_county: dict[str, list] = {}
    for f in munis:
        code = f["properties"]["code"]
        county = (_county_of_1972_2017(code, f["properties"]["name"], by_name)
                  if vintage == 2017 else code[:2])
        by_county.setdefault(county, []).append(shape(f["geometry"]))
    features = []
    for code in sorted(by_county):
        merged = shapely.union_all(shapely.make_valid(np.array(by_county[code])))
        geometry = mapping(shapely.set_precision(merged, 1e-6))
        if geometry["type"] == "Polygon":
            geometry = {"type": "MultiPolygon", "coordinates": [geometry["coordinates"]]}
        features.append(_feature(code, names.get(code, code), json.loads(json.dumps(geometry))))
    return {"type": "FeatureCollection", "features": features}


def _collection(level: Level, vintage: Vintage) -> dict:
    src = boundary_source(level, vintage)
    return _boundaries(level, vintage, str(src.path), src.bundled)


def boundaries(level: Level, vintage: Vintage) -> dict:
    """A GeoJSON FeatureCollection (lon/lat) of the municipalities or counties of a
    vintage; every feature has string properties ``code`` (zero-padded) and ``name``.

    2017 (counties only): the 19 counties of 1972–2017; 2018: 422 municipalities / 18
    counties; 2020: 356 / 11; 2024: 357 / 15. Simplified geometry, clipped to the coast in
    2020 and 2024: for maps, not for area statistics. :func:`boundary_source` says
    whether the registry's file or the bundled copy is drawn. A fresh copy is returned
    each call (safe to modify).
    """
    return copy.deepcopy(_collection(level, vintage))


def _ring_moments(ring: np.ndarray, scale: float) -> tuple[float, float, float]:
    """|area| and area-weighted centroid sums of one ring in a local plane
    (x = lon·scale, y = lat)."""
    x, y = ring[:, 0] * scale, ring[:, 1]
    x1, y1 = np.roll(x, -1), np.roll(y, -1)
    cross = x * y1 - x1 * y
    a = cross.sum() / 2
    sign = 1.0 if a >= 0 else -1.0
    return abs(a), sign * ((x + x1) * cross).sum() / 6, sign * ((y + y1) * cross).sum() / 6


def centroid(geometry: dict) -> tuple[float, float]:
    """Area-weighted centroid (lon, lat) of a (Multi)Polygon in lon/lat degrees.

    Computed in a local equirectangular plane (longitudes scaled by the cosine of the
    mean latitude) so that northern areas are not overweighted; holes are subtracted.
    """
    polys = [[np.asarray(r, dtype=float)[:, :2] for r in poly] for poly in _polygons(geometry)]
    lat0 = np.mean(np.concatenate([p[0][:, 1] for p in polys]))
    scale = float(np.cos(np.radians(lat0)))
    area = sx = sy = 0.0
    for poly in polys:
        for i, ring in enumerate(poly):
            a, mx, my = _ring_moments(ring, scale)
            sign = 1.0 if i == 0 else -1.0
            area += sign * a
            sx += sign * mx
            sy += sign * my
    return sx / area / scale, sy / area


def centroids(level: Level, vintage: Vintage) -> pd.DataFrame:
    """``code, name, lon, lat``: the area-weighted centroid of each region (degrees)."""
    import pandas as pd

    fc = _collection(level, vintage)
    rows = [(f["properties"]["code"], f["properties"]["name"], *centroid(f["geometry"]))
            for f in fc["features"]]
    return pd.DataFrame(rows, columns=[C.CODE, C.NAME, "lon", "lat"])


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (numpy broadcasting),
    on a sphere of radius :data:`EARTH_RADIUS_KM`."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lon1, lat1, lon2, lat2))
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


__all__ = [
    "BUNDLED",
    "COUNTIES_1972_2017",
    "VINTAGES",
    "BoundarySource",
    "ba_grouping",
    "boundaries",
    "boundary_source",
    "centroid",
    "centroids",
    "code_history",
    "counties",
    "county_grouping",
    "covering_vintage",
    "haversine_km",
    "municipalities",
    "utm33_to_lonlat",
]
