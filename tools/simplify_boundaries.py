"""Write the boundaries and keys bundled with flytt (``src/flytt/datasets/data/geo``)
from the data registry's upstream files, so that maps work without network or mirror.

    python tools/simplify_boundaries.py [--tolerance 0.004] [--digits 4] [--out DIR]

Reads through :mod:`flytt.registry` (``$FLYTT_DATA_MIRROR`` or download), then:

- municipalities of 2020 and 2024 (robhop/fylker-og-kommuner, Kartverket data):
  ``shapely.coverage_simplify`` with ``--tolerance`` degrees (Visvalingam–Whyatt on the
  shared edges of the coverage, so neighbours keep one common border and no gaps or
  overlaps appear), coordinates rounded to ``--digits`` decimals;
- counties of 2020 and 2024 dissolved from those simplified municipalities;
- the 19 counties of 1972–2017, dissolved by :func:`flytt.geo.boundaries` from the 2018
  municipalities (ReadyMaps), simplified the same way;
- the code history (bord4-data, MIT) with the columns flytt reads, and the BA-region keys
  of 2020 and 2024 (csdata, MIT) as resolved by :func:`flytt.geo.ba_grouping`.

Prints each file's size and the total. The README.md beside the files records the
sources, licences and the tolerance used.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from flytt import contracts as C
from flytt import geo, registry

OUT = Path(__file__).resolve().parents[1] / "src" / "flytt" / "datasets" / "data" / "geo"
HISTORY_COLUMNS = ["nivå", "regionnummer", "regionnavn", "fylkesnummer", "gyldig_fra",
                   "gyldig_til"]


def _rounded(geometry, digits: int):
    return shapely.make_valid(shapely.transform(geometry, lambda xy: np.round(xy, digits)))


def _polygonal(geometry) -> dict:
    """A GeoJSON MultiPolygon of the polygons in ``geometry`` (make_valid may leave
    collapsed lines beside them)."""
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon",
                                                                       "MultiPolygon")]
    merged = shapely.union_all(parts)
    out = mapping(merged)
    if out["type"] == "Polygon":
        out = {"type": "MultiPolygon", "coordinates": [out["coordinates"]]}
    return json.loads(json.dumps(out))


def _simplified(features: list[dict], tolerance: float, digits: int) -> list[tuple[str, str, object]]:
    geoms = shapely.make_valid(np.array([shape(f["geometry"]) for f in features]))
    simple = shapely.coverage_simplify(geoms, tolerance)
    return [(f["properties"]["code"], f["properties"]["name"], _rounded(g, digits))
            for f, g in zip(features, simple)]


def _write(out: Path, name: str, rows: list[tuple[str, str, object]]) -> int:
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": code, "name": name_},
         "geometry": _polygonal(g)} for code, name_, g in rows]}
    path = out / name
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return path.stat().st_size


def _dissolve(rows: list[tuple[str, str, object]], names: dict[str, str], digits: int
              ) -> list[tuple[str, str, object]]:
    by_county: dict[str, list] = {}
    for code, _, g in rows:
        by_county.setdefault(code[:2], []).append(g)
    return [(c, names.get(c, c), shapely.set_precision(shapely.union_all(gs), 10 ** -digits))
            for c, gs in sorted(by_county.items())]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tolerance", type=float, default=0.004,
                        help="simplification tolerance in degrees (default 0.004)")
    parser.add_argument("--digits", type=int, default=4,
                        help="decimals kept in coordinates (default 4, about 11 m)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder to write (default: the package's datasets/data/geo)")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for vintage in (2020, 2024):
        source = geo.boundary_source("municipality", vintage)
        if source.bundled:
            raise SystemExit(f"municipality {vintage}: registry file unavailable; set "
                             f"{registry.ENV_MIRROR} or connect to the network")
        full = geo.full_boundaries("municipality", vintage, source.path)["features"]
        rows = _simplified(full, args.tolerance, args.digits)
        sizes[f"municipality-{vintage}.geojson"] = _write(out, f"municipality-{vintage}.geojson",
                                                          rows)
        county_names = dict(zip(geo.counties(vintage)[C.CODE], geo.counties(vintage)[C.NAME]))
        sizes[f"county-{vintage}.geojson"] = _write(
            out, f"county-{vintage}.geojson", _dissolve(rows, county_names, args.digits))
    if geo.boundary_source("county", 2017).bundled:
        raise SystemExit("counties 1972–2017: registry files unavailable")
    counties_2017 = geo.boundaries("county", 2017)["features"]
    sizes["county-2017.geojson"] = _write(
        out, "county-2017.geojson", _simplified(counties_2017, args.tolerance, args.digits))

    import pandas as pd

    history = pd.read_csv(registry.fetch("code-history"), dtype=str, keep_default_na=False)
    history[HISTORY_COLUMNS].to_csv(out / "code_history.csv", index=False)
    sizes["code_history.csv"] = (out / "code_history.csv").stat().st_size
    for vintage in (2020, 2024):
        frame = geo._ba_from_workbook(registry.fetch(f"ba-regions-{vintage}"), vintage)
        name = f"ba_regions_{vintage}.csv"
        frame.sort_values(C.CODE).to_csv(out / name, index=False)
        sizes[name] = (out / name).stat().st_size
    for name, size in sizes.items():
        print(f"{name:28} {size / 1e3:8.1f} kB")
    print(f"{'total':28} {sum(sizes.values()) / 1e3:8.1f} kB (tolerance {args.tolerance}°, "
          f"{args.digits} decimals)")


if __name__ == "__main__":
    main()
