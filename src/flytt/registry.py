"""A checksummed registry of the static files flytt uses: boundaries, code histories,
BA-region keys and SSB population exports.

Each :class:`Entry` records the upstream URL (a GitHub raw URL pinned to a commit), the
file's sha256, its licence/attribution and its path inside a data mirror. :func:`fetch`
returns a verified local file:

1. ``$FLYTT_DATA_MIRROR`` set: the file in that directory (laid out like the project's
   ``shared/data``), used in place, never the network;
2. else the user cache (``$FLYTT_CACHE_DIR``, see :mod:`flytt.cache`), downloading the
   file once from its URL.

Either way the sha256 is checked; a mismatch is a :class:`~flytt.errors.DataError`.

The 2018 boundaries: the registry holds the upstream file as published (ReadyMaps,
EPSG:25833 / UTM 33N metres). :mod:`flytt.geo` reprojects it to lon/lat itself and
dissolves the counties from the municipalities, so the 2018 maps need nothing that is
not downloadable from upstream. (The mirror's ``derived_wgs84/`` files, made the same
way by the mirror's curator, are used only by the tests as an independent check.)
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .cache import cache_root
from .errors import DataError, NotFoundError

ENV_MIRROR = "FLYTT_DATA_MIRROR"

_GH = "https://raw.githubusercontent.com"
_ROBHOP = f"{_GH}/robhop/fylker-og-kommuner/ae8782500090144c2b74d6bb2a89365a7ff2236d"
_READYMAPS = f"{_GH}/Torskelgen/ReadyMaps/5913a2f086f37ec60711ee4638b39dc39951f7f3"
_BORD4 = f"{_GH}/BergensTidende/bord4-data"
_CSDATA = f"{_GH}/niphr/csdata"
_CSDATA_POP = f"{_CSDATA}/80b272654f0a3d6d3c640f3b247225e2e3ce6ae4/data-raw/files/population"
_CSDATA_LOC = f"{_CSDATA}/59345122ca61ff7572085f09944f613c0e956b8b/data-raw/files/locations"

_KARTVERKET = ("Geometry © Kartverket (CC BY 4.0), simplified by robhop/fylker-og-kommuner "
               "(no licence stated)")
_SSB_CSDATA = ("Statistics Norway, table 07459 (CC BY 4.0); export stored by "
               "niphr/csdata (MIT, Folkehelseinstituttet)")


@dataclass(frozen=True)
class Entry:
    """One registered file."""

    key: str
    url: str
    sha256: str
    licence: str
    mirror_path: str
    """Path relative to a data mirror (``$FLYTT_DATA_MIRROR``)."""
    description: str

    @property
    def filename(self) -> str:
        return Path(self.mirror_path).name


def _pop(key: str, name: str, sha: str, what: str) -> Entry:
    return Entry(key, f"{_CSDATA_POP}/{name}", sha, _SSB_CSDATA,
                 f"ssb-population-by-age-csdata/{name}",
                 f"Population 1 January by municipality × single-year age, {what} "
                 "(SSB StatBank CSV export)")


_ENTRIES: tuple[Entry, ...] = (
    Entry("kommuner-2024", f"{_ROBHOP}/Kommuner-S.geojson",
          "20cb3b1216f0af2f4ff429fc0c1a147fdc672e03d2e34dde5cd666c52adbf84d", _KARTVERKET,
          "boundaries-2024-robhop/Kommuner-S.geojson",
          "357 municipalities of 2024, GeoJSON lon/lat, small"),
    Entry("fylker-2024", f"{_ROBHOP}/Fylker-S.geojson",
          "3f5c0219f5813e064eb937d11477f27b91107dc2969ac724ce0728522f7f3af5", _KARTVERKET,
          "boundaries-2024-robhop/Fylker-S.geojson",
          "15 counties of 2024, GeoJSON lon/lat, small"),
    Entry("kommuner-2020", f"{_ROBHOP}/2020/Kommuner-medium.json",
          "ce4f8b96abc59375ddf4f7b4faada9856992807b11e09fc0dcd6d759e4fd8093", _KARTVERKET,
          "boundaries-2020-robhop/Kommuner-medium.json",
          "356 municipalities of 2020–2023, GeoJSON lon/lat, medium (the small file lacks "
          "Kvitsøy and Træna)"),
    Entry("fylker-2020", f"{_ROBHOP}/2020/Fylker-small.json",
          "7aa3296525f99d20e9a96d1db4aa3d62caa19a78c471ba075c6cdbfc0fabe83f", _KARTVERKET,
          "boundaries-2020-robhop/Fylker-small.json",
          "11 counties of 2020–2023, GeoJSON lon/lat, small"),
    Entry("kommuner-2018", f"{_READYMAPS}/kommuner_simp_18.geojson",
          "ce475ac551439ae26ba8bc8db8146718f0609badf5b819720b7a0f4b4e0cd397",
          "Torskelgen/ReadyMaps (CC0); geometry © Kartverket (CC BY 4.0)",
          "boundaries-pre2020-readymaps/original_epsg25833/kommuner_simp_18.geojson",
          "422 municipalities of 2018–2019, GeoJSON in EPSG:25833 (UTM 33N metres)"),
    Entry("fylker-2018", f"{_READYMAPS}/kommuner_simp_18.geojson",
          "ce475ac551439ae26ba8bc8db8146718f0609badf5b819720b7a0f4b4e0cd397",
          "Torskelgen/ReadyMaps (CC0); geometry © Kartverket (CC BY 4.0)",
          "boundaries-pre2020-readymaps/original_epsg25833/kommuner_simp_18.geojson",
          "the 2018 municipality file: flytt.geo dissolves the 18 counties of 2018–2019 "
          "from it (no county file is published upstream)"),
    Entry("code-history",
          f"{_BORD4}/0169a7eb9b3bfadd070502a3fbfb6ff9b3b34bec/data/dist/"
          "norwegian_regions_history.csv",
          "01cfe41bd1d08637ef55523ea95546a860fac8743ddc287c9f28ff82ed4a9a70",
          "MIT, © 2020 Bergens Tidende; codes from SSB Klass",
          "code-history-bord4/norwegian_regions_history.csv",
          "Every municipality and county code with name and validity dates, 1838 →"),
    Entry("reform-2020",
          f"{_BORD4}/9d1e27611da6fd5fe5546297409db45d5908cbfa/data/csv/"
          "norwegian_regions_changes.csv",
          "230b31d0be3bf0eab315a71048859c1523418b4f2690e7c0cf3595951626a1bb",
          "MIT, © 2020 Bergens Tidende; from Kartverket's 'Kommune- og regionsendringer 2020'",
          "code-history-bord4/norwegian_regions_changes_2019_2020.csv",
          "The 2019 → 2020 municipality key (422 → 356 codes, splits on several rows)"),
    Entry("ba-regions-2020", f"{_CSDATA_LOC}/baregioner_2020.xlsx",
          "fe206660cd5aebb90bfa91c985f97b0a463b7fbe897f4dd6094a1e0edcd6de54",
          "niphr/csdata (MIT, Folkehelseinstituttet); BA-regioner 2020 classification (KMD)",
          "regions-ba-and-code-history-csdata/original_xlsx/baregioner_2020.xlsx",
          "BA regions (159) by municipality, 2020 structure (Excel, sheet 'Etter kommune')"),
    Entry("ba-regions-2024", f"{_CSDATA_LOC}/baregioner_2024.xlsx",
          "f9304ac920f3d07bf84548b0fcb23deb1cc96cf0d97bdd7bed136caf479c056c",
          "niphr/csdata (MIT, Folkehelseinstituttet); BA-regioner 2020 re-keyed to 2024",
          "regions-ba-and-code-history-csdata/original_xlsx/baregioner_2024.xlsx",
          "BA regions (159) by municipality, 2024 structure (Excel, sheet 'Etter kommune')"),
    Entry("municipality-successors", f"{_CSDATA_LOC}/norway_locations.xlsx",
          "69609311e94448c30fa8f9d0fbc796a013baf2d3b73eb83ac885b5a6ec1105cd",
          "niphr/csdata (MIT, Folkehelseinstituttet); codes from SSB Klass",
          "regions-ba-and-code-history-csdata/original_xlsx/norway_locations.xlsx",
          "Every municipality code 1838–2024 with its immediate successor(s); splits carry "
          "default weights"),
    _pop("ssb-population-2005-2009", "Personer2005-2009.csv",
         "33dd21d6af4661e44d162aeb9370b0c8f3da98d02c32858bb0821bf2059a8160", "2005–2009"),
    _pop("ssb-population-2010-2014", "Personer2010-2014.csv",
         "be3a94e83b8ba5f8f1252a555442265b7d1e52b28ddada0c9a6c268e3a23c050", "2010–2014"),
    _pop("ssb-population-2015-2018", "Personer2015-2018.csv",
         "aff755cb395845b67f287e368fef7e9b636417d8a6692c66ae8204999203275c", "2015–2018"),
    _pop("ssb-population-2019", "Personer2019.csv",
         "1f834b0cc581d65e770499c9a8349ad87502c26e6497037745d860ba6787b805",
         "2019 (names damaged upstream: æøå lost; codes intact)"),
    _pop("ssb-population-2020", "Personer2020.csv",
         "743159464e7f0e003df8d2f50239c73996926a1519e649db13e26ac3a72287fc", "2020"),
    _pop("ssb-population-2021", "Personer2021.csv",
         "40ad2c57dac85de963beba7a00a3d1e871ec467c4b84010eca1fa26fc5ec7581", "2021"),
    _pop("ssb-population-2022", "Personer2022.csv",
         "70d43702daab6ddc82f66741af8325c3076208b251c611b2211d48a55e7c141c", "2022"),
    _pop("ssb-population-2023", "Personer2023.csv",
         "a2dddd6b1bbaf0b689cf822fa764f0de66aee529fa673836b5bbf6dcd225ca67", "2023"),
    _pop("ssb-population-2024", "Personer2024.csv",
         "70b9ef84b996ec9a25e9c77d318ac1d88468c0374fc72b34a09dd8682273e4b0", "2024"),
    _pop("ssb-population-by-sex-2024", "norway_population_by_age_sex_2024.csv",
         "edaefa06c3ab9d507344e270626671715c0a2039bbc4540cd534d8d83920134f",
         "2024, males and females"),
)

REGISTRY: dict[str, Entry] = {e.key: e for e in _ENTRIES}
"""Every registered file by key."""


def entry(key: str) -> Entry:
    """The registry entry for ``key``; :class:`NotFoundError` listing the keys otherwise."""
    try:
        return REGISTRY[key]
    except KeyError:
        raise NotFoundError(f"no registry entry '{key}'; known: {', '.join(REGISTRY)}") from None


def sha256_of(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _verify(path: Path, e: Entry, where: str) -> Path:
    found = sha256_of(path)
    if found != e.sha256:
        raise DataError(f"{where} {path} for '{e.key}' has sha256 {found}, expected {e.sha256}"
                        " (the file is damaged or a different version)")
    return path


def _download(e: Entry, target: Path) -> None:
    import httpx

    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        with httpx.stream("GET", e.url, follow_redirects=True, timeout=60) as response:
            response.raise_for_status()
            with open(part, "wb") as f:
                for chunk in response.iter_bytes():
                    f.write(chunk)
    except httpx.HTTPError as exc:
        part.unlink(missing_ok=True)
        raise NotFoundError(
            f"cannot download '{e.key}' from {e.url}: {exc}. Without network, point "
            f"{ENV_MIRROR} at a directory holding {e.mirror_path}") from exc
    try:
        _verify(part, e, "downloaded file")
    except DataError:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, target)


def fetch(key: str, *, refresh: bool = False) -> Path:
    """A verified local copy of the registered file ``key``.

    Uses ``$FLYTT_DATA_MIRROR`` if set (never the network), else the user cache,
    downloading once (again with ``refresh=True``). Raises :class:`NotFoundError` when
    the file cannot be had and :class:`DataError` when its sha256 is wrong.
    """
    e = entry(key)
    mirror = os.environ.get(ENV_MIRROR)
    if mirror:
        path = Path(mirror) / e.mirror_path
        if not path.is_file():
            raise NotFoundError(f"'{key}': {path} is not in the data mirror {mirror} "
                                f"({ENV_MIRROR}); upstream: {e.url}")
        return _verify(path, e, "mirror file")
    target = cache_root() / "registry" / e.sha256[:12] / e.filename
    if target.is_file() and not refresh:
        return _verify(target, e, "cached file")
    _download(e, target)
    return target


__all__ = ["ENV_MIRROR", "REGISTRY", "Entry", "entry", "fetch", "sha256_of"]
