"""Names, counties and BA regions of the municipalities an analysis meets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..contracts import ABROAD
from ..errors import FlyttError


@dataclass(frozen=True)
class Places:
    """Names, counties and BA regions of municipality codes (from :mod:`flytt.geo`)."""

    names: dict[str, str]
    county: dict[str, str]
    county_names: dict[str, str]
    ba: dict[str, str] | None
    notes: tuple[str, ...] = ()


@lru_cache(maxsize=16)
def _municipality_list(vintage: int, source: str | None) -> pd.DataFrame:
    """:func:`flytt.geo.municipalities`, cached per vintage and data mirror (``source``)."""
    from .. import geo

    return geo.municipalities(vintage)


@lru_cache(maxsize=4)
def _ba_mapping(vintage: int, source: str | None) -> dict[str, str]:
    """:func:`flytt.geo.ba_grouping` as a dict, cached per vintage and data mirror."""
    from .. import geo

    return geo.ba_grouping(vintage).mapping  # type: ignore[arg-type]


def places(codes: Iterable[str], year: int) -> Places:
    """Names, county and BA region of ``codes``; the code list (vintage) is the one among
    ``year``, 2024 and 2020 that knows most of the codes. Without data (no mirror, no
    network) counties are the codes' first two digits and the BA marking is left out."""
    from ..registry import data_root

    source = str(data_root())  # the cache key: another mirror holds other files
    codes = set(codes) - {ABROAD}
    notes = []
    try:
        lists = {v: _municipality_list(v, source) for v in dict.fromkeys((year, 2024, 2020))}
        vintage = max(lists, key=lambda v: len(codes & set(lists[v]["code"])))
        m = lists[vintage]
        names = dict(zip(m["code"], m["name"]))
        county = dict(zip(m["code"], m["county_code"]))
        county_names = dict(zip(m["county_code"], m["county_name"]))
    except FlyttError as exc:
        names, county, county_names = {}, {}, {}
        notes.append(f"municipality names and counties unavailable ({exc}); counties are the "
                     "first two digits of the municipality code")
        vintage = year
    try:
        ba: dict[str, str] | None = _ba_mapping(2024 if vintage >= 2024 else 2020, source)
    except FlyttError as exc:
        ba = None
        notes.append(f"BA regions unavailable ({exc}); the BA marking is omitted")
    for code in codes - set(county):
        county[code] = code[:2]
    return Places(names, county, county_names, ba, tuple(notes))
