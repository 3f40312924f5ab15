"""A checksummed registry of the static files flytt uses: boundaries, code histories,
BA-region keys and SSB population exports — and, marked ``test_only``, the reference
files its tests compare against (Telemarksforsking's barometer inputs, seed-table
transcriptions, benchmark sets of other migration packages), which the product never
reads.

Each :class:`Entry` records the upstream URL (a GitHub raw URL pinned to a commit, or
None for a file that exists only in the curated mirror, with ``made_from`` saying how it
was made), the file's size and sha256, its licence/attribution and its path inside a data
mirror. :func:`fetch` returns a verified local file:

1. ``$FLYTT_DATA_MIRROR`` set: the file in that directory (laid out like the project's
   ``shared/data``), used in place, never the network;
2. else the user cache (``$FLYTT_CACHE_DIR``, see :mod:`flytt.cache`; laid out like a
   mirror, so :func:`cache_dir` can serve as one), downloading the file once from its
   URL with a progress bar. A download is written to a temporary file beside its target
   and moved into place only once size and sha256 match: nothing half-written is left.

Either way size and sha256 are checked; a mismatch is a :class:`~flytt.errors.DataError`.

The 2018 boundaries: the registry holds the upstream file as published (ReadyMaps,
EPSG:25833 / UTM 33N metres). :mod:`flytt.geo` reprojects it to lon/lat itself and
dissolves the counties from the municipalities, so the 2018 maps need nothing that is
not downloadable from upstream. (The mirror's ``derived_wgs84/`` files, made the same
way by the mirror's curator, are used only by the tests as an independent check.)
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .cache import cache_root
from .errors import DataError, NotFoundError

ENV_MIRROR = "FLYTT_DATA_MIRROR"

CONNECT_TIMEOUT_S = 10.0
"""Seconds to wait for an upstream server to accept a connection."""
READ_TIMEOUT_S = 60.0
"""Seconds to wait for the next bytes of a download before giving up."""

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
    url: str | None
    """Pinned upstream URL; None when the file exists only in the curated data mirror."""
    sha256: str
    licence: str
    mirror_path: str
    """Path relative to a data mirror (``$FLYTT_DATA_MIRROR``)."""
    description: str
    size: int
    """Bytes."""
    test_only: bool = False
    """A reference file for the tests; the product never reads it."""
    made_from: str = ""
    """For a mirror-only file (no ``url``): what it was made from, and how."""

    @property
    def filename(self) -> str:
        return Path(self.mirror_path).name


def _pop(key: str, name: str, sha: str, size: int, what: str) -> Entry:
    return Entry(key, f"{_CSDATA_POP}/{name}", sha, _SSB_CSDATA,
                 f"ssb-population-by-age-csdata/{name}",
                 f"Population 1 January by municipality × single-year age, {what} "
                 "(SSB StatBank CSV export)", size)


_PRODUCT: tuple[Entry, ...] = (
    Entry("kommuner-2024", f"{_ROBHOP}/Kommuner-S.geojson",
          "20cb3b1216f0af2f4ff429fc0c1a147fdc672e03d2e34dde5cd666c52adbf84d", _KARTVERKET,
          "boundaries-2024-robhop/Kommuner-S.geojson",
          "357 municipalities of 2024, GeoJSON lon/lat, small", 1255804),
    Entry("fylker-2024", f"{_ROBHOP}/Fylker-S.geojson",
          "3f5c0219f5813e064eb937d11477f27b91107dc2969ac724ce0728522f7f3af5", _KARTVERKET,
          "boundaries-2024-robhop/Fylker-S.geojson",
          "15 counties of 2024, GeoJSON lon/lat, small", 640161),
    Entry("kommuner-2020", f"{_ROBHOP}/2020/Kommuner-medium.json",
          "ce4f8b96abc59375ddf4f7b4faada9856992807b11e09fc0dcd6d759e4fd8093", _KARTVERKET,
          "boundaries-2020-robhop/Kommuner-medium.json",
          "356 municipalities of 2020–2023, GeoJSON lon/lat, medium (the small file lacks "
          "Kvitsøy and Træna)", 1334166),
    Entry("fylker-2020", f"{_ROBHOP}/2020/Fylker-small.json",
          "7aa3296525f99d20e9a96d1db4aa3d62caa19a78c471ba075c6cdbfc0fabe83f", _KARTVERKET,
          "boundaries-2020-robhop/Fylker-small.json",
          "11 counties of 2020–2023, GeoJSON lon/lat, small", 327591),
    Entry("kommuner-2018", f"{_READYMAPS}/kommuner_simp_18.geojson",
          "ce475ac551439ae26ba8bc8db8146718f0609badf5b819720b7a0f4b4e0cd397",
          "Torskelgen/ReadyMaps (CC0); geometry © Kartverket (CC BY 4.0)",
          "boundaries-pre2020-readymaps/original_epsg25833/kommuner_simp_18.geojson",
          "422 municipalities of 2018–2019, GeoJSON in EPSG:25833 (UTM 33N metres); "
          "flytt.geo dissolves the counties of 2018 and of 1972–2017 from it", 1590282),
    Entry("code-history",
          f"{_BORD4}/0169a7eb9b3bfadd070502a3fbfb6ff9b3b34bec/data/dist/"
          "norwegian_regions_history.csv",
          "01cfe41bd1d08637ef55523ea95546a860fac8743ddc287c9f28ff82ed4a9a70",
          "MIT, © 2020 Bergens Tidende; codes from SSB Klass",
          "code-history-bord4/norwegian_regions_history.csv",
          "Every municipality and county code with name and validity dates, 1838 →", 97020),
    Entry("reform-2020",
          f"{_BORD4}/9d1e27611da6fd5fe5546297409db45d5908cbfa/data/csv/"
          "norwegian_regions_changes.csv",
          "230b31d0be3bf0eab315a71048859c1523418b4f2690e7c0cf3595951626a1bb",
          "MIT, © 2020 Bergens Tidende; from Kartverket's 'Kommune- og regionsendringer 2020'",
          "code-history-bord4/norwegian_regions_changes_2019_2020.csv",
          "The 2019 → 2020 municipality key (422 → 356 codes, splits on several rows)", 23104),
    Entry("ba-regions-2020", f"{_CSDATA_LOC}/baregioner_2020.xlsx",
          "fe206660cd5aebb90bfa91c985f97b0a463b7fbe897f4dd6094a1e0edcd6de54",
          "niphr/csdata (MIT, Folkehelseinstituttet); BA-regioner 2020 classification (KMD)",
          "regions-ba-and-code-history-csdata/original_xlsx/baregioner_2020.xlsx",
          "BA regions (159) by municipality, 2020 structure (Excel, sheet 'Etter kommune')",
          38753),
    Entry("ba-regions-2024", f"{_CSDATA_LOC}/baregioner_2024.xlsx",
          "f9304ac920f3d07bf84548b0fcb23deb1cc96cf0d97bdd7bed136caf479c056c",
          "niphr/csdata (MIT, Folkehelseinstituttet); BA-regioner 2020 re-keyed to 2024",
          "regions-ba-and-code-history-csdata/original_xlsx/baregioner_2024.xlsx",
          "BA regions (159) by municipality, 2024 structure (Excel, sheet 'Etter kommune')",
          38113),
    Entry("municipality-successors", f"{_CSDATA_LOC}/norway_locations.xlsx",
          "69609311e94448c30fa8f9d0fbc796a013baf2d3b73eb83ac885b5a6ec1105cd",
          "niphr/csdata (MIT, Folkehelseinstituttet); codes from SSB Klass",
          "regions-ba-and-code-history-csdata/original_xlsx/norway_locations.xlsx",
          "Every municipality code 1838–2024 with its immediate successor(s); splits carry "
          "default weights", 54472),
    _pop("ssb-population-2005-2009", "Personer2005-2009.csv",
         "33dd21d6af4661e44d162aeb9370b0c8f3da98d02c32858bb0821bf2059a8160", 2119259,
         "2005–2009"),
    _pop("ssb-population-2010-2014", "Personer2010-2014.csv",
         "be3a94e83b8ba5f8f1252a555442265b7d1e52b28ddada0c9a6c268e3a23c050", 2123279,
         "2010–2014"),
    _pop("ssb-population-2015-2018", "Personer2015-2018.csv",
         "aff755cb395845b67f287e368fef7e9b636417d8a6692c66ae8204999203275c", 1978273,
         "2015–2018"),
    _pop("ssb-population-2019", "Personer2019.csv",
         "1f834b0cc581d65e770499c9a8349ad87502c26e6497037745d860ba6787b805", 1182635,
         "2019 (names damaged upstream: æøå lost; codes intact)"),
    _pop("ssb-population-2020", "Personer2020.csv",
         "743159464e7f0e003df8d2f50239c73996926a1519e649db13e26ac3a72287fc", 1209322, "2020"),
    _pop("ssb-population-2021", "Personer2021.csv",
         "40ad2c57dac85de963beba7a00a3d1e871ec467c4b84010eca1fa26fc5ec7581", 1209780, "2021"),
    _pop("ssb-population-2022", "Personer2022.csv",
         "70d43702daab6ddc82f66741af8325c3076208b251c611b2211d48a55e7c141c", 1249049, "2022"),
    _pop("ssb-population-2023", "Personer2023.csv",
         "a2dddd6b1bbaf0b689cf822fa764f0de66aee529fa673836b5bbf6dcd225ca67", 1249132, "2023"),
    _pop("ssb-population-2024", "Personer2024.csv",
         "70b9ef84b996ec9a25e9c77d318ac1d88468c0374fc72b34a09dd8682273e4b0", 1269336, "2024"),
    _pop("ssb-population-by-sex-2024", "norway_population_by_age_sex_2024.csv",
         "edaefa06c3ab9d507344e270626671715c0a2039bbc4540cd534d8d83920134f", 1368182,
         "2024, males and females"),
)

_TMF = f"{_GH}/didrikv/boilerplate"
_TMF_NOTE = ("no licence stated (Telemarksforsking model output on SSB data): for tests "
             "only, never shipped")
_MIGEST = "guyabel/migest@690b0f7b11428e65b4be884dda76a37cd28f749d"
_SKMOB = f"{_GH}/scikit-mobility/scikit-mobility/9433d05a4cf7f42144e2e92279098740521493e2"
_SEEDS = "typed from the seed document by the data curator, every total checked"


def _test(key: str, url: str | None, sha: str, size: int, licence: str, path: str,
          description: str, made_from: str = "") -> Entry:
    return Entry(key, url, sha, licence, path, description, size, True, made_from)


def _seed(key: str, name: str, sha: str, size: int, description: str) -> Entry:
    return _test(key, None, sha, size, "Statistics Norway (CC BY 4.0); transcription",
                 f"seed-tables/{name}", description, _SEEDS)


_TESTS: tuple[Entry, ...] = (
    _test("tmf-webinput",
          f"{_TMF}/2002883fb3dc0141641b8386bd4d5c458cef2737/src/app/data/WebInput.csv",
          "34f96585b62bae10e113943effebe38dd7da000bf13bf9293d67cab0ef4b7637", 1096270, _TMF_NOTE,
          "telemarksforsking-attraktivitet/attraktivitet_webinput_2003_2016_alle_arbeidsplasser.csv",
          "Telemarksforsking's attractiveness inputs 2003–2016, all jobs (2017 structure)"),
    _test("tmf-webinput-private",
          f"{_TMF}/2002883fb3dc0141641b8386bd4d5c458cef2737/src/app/data/WebInput2.csv",
          "5967cfa52acd383c591ea7e9f5456458d73ae02d9da9962046310a3bbb4ec48f", 1083028, _TMF_NOTE,
          "telemarksforsking-attraktivitet/"
          "attraktivitet_webinput2_2003_2016_private_arbeidsplasser.csv",
          "Telemarksforsking's attractiveness inputs 2003–2016, private-sector jobs"),
    _test("tmf-regions-2017",
          f"{_TMF}/d85aa013dadee3010c14be6069c67baf3f3233ed/components/Map/norway_simple.json",
          "2929cf856a485fb5a85897a890d79db0331177611c065921acd4920f3e3bab19", 205172, _TMF_NOTE,
          "telemarksforsking-attraktivitet/tmf_regioner_kommuner_fylker_2017.topojson",
          "Telemarksforsking's map: 85 regions, 426 municipalities, 19 counties (TopoJSON)"),
    _test("imdi-migration-2013",
          f"{_GH}/gardenberg/imdikator-munch/d1ab9eca3c25913583bff2d4af1d9c7407a92164/"
          "data/befolkning_flytting.csv",
          "fccfceeb688af77cba04b99719d4283e574f381bac45c8114bdd0ba8e1b4a690", 2996046,
          "no licence stated (SSB statistics prepared for IMDi): for tests only",
          "imdi-flytting-2013-gardenberg/imdi_befolkning_flytting_2013.csv",
          "IMDi: in/out-migration and immigration/emigration per municipality 2013, by "
          "immigrant category"),
    _test("ssb-07459-jsonstat2",
          f"{_GH}/purplebugs/elastic-data-tool/c9193f0f0f429f0c1f58c1abd507014f5177d1fc/"
          "functions/alpaca-to-humans-ratio-pr-municipality/download-07459_20220914-092711.json",
          "70aa771aacc37c3385baeadff411ffb1e9935e99a9f34cd6f359a1c9722fe5cc", 14431,
          "Statistics Norway (CC BY 4.0); a raw API response, kept as a test fixture",
          "ssb-api-response-fixtures/ssb_07459_jsonstat2_kommuner_2022.json",
          "A real JSON-stat 2.0 answer of StatBank table 07459 (population 2022)"),
    _test("ssb-01120-jsonstat1",
          f"{_GH}/ajschumacher/rjstat/e8639eb464f1ae341b150c60293566d369348d6b/"
          "tests/testthat/1120.json",
          "42c1b3bdaa3852f0651e7653c72554beab27e9ba93f422dff504192939f8f8f0", 837,
          "MIT (Aaron Schumacher); Statistics Norway data",
          "ssb-api-response-fixtures/ssb_01120_jsonstat1_salmon_export_2014.json",
          "A real JSON-stat 1.0 answer of StatBank (table 01120)"),
    _test("ssb-06913-verdal", None,
          "f6e5baea50bfd58068798f9184c2ab218de1a7e83fb1af6084d5f5819d1b5b65", 15420,
          "Statistics Norway (CC BY 4.0)",
          "ssb-api-response-fixtures/ssb_06913_verdal_5038_1951_2025.csv",
          "StatBank table 06913 for Verdal 1951–2025 (CSV export)",
          "mhoivik/befolkning_verdal@25857bd:ubehandlet_data.csv, reconstructed from a "
          "search index's stored text (re-encoded as UTF-8)"),
    _test("ny-commuting-2011", f"{_SKMOB}/examples/NY_commuting_flows_2011.csv",
          "ba36209bd56388f45967928a20d366c6828c4c72ff89191d73752e37d147cd45", 29783,
          "BSD-3-Clause (scikit-mobility)", "external-benchmarks/ny_commuting_flows_2011.csv",
          "Commuting flows between New York counties 2011 (scikit-mobility example)"),
    _test("ny-counties-2011", f"{_SKMOB}/examples/NY_counties_2011.geojson",
          "9e428cbeab4882930b334abd972b9ca39c2d2e606c04f0653e2cd39902581084", 163736,
          "BSD-3-Clause (scikit-mobility)", "external-benchmarks/ny_counties_2011.geojson",
          "62 New York counties with population (scikit-mobility example)"),
    _test("migest-korea-gravity", None,
          "00fcfad9b7c7fda51e97d81704e74f99ce477400f32f4314ba1f737864df2b08", 388811,
          "GPL-3 (migest); Statistics Korea data", "external-benchmarks/korea_gravity.csv",
          "Korean inter-province migration with distances and populations (migest)",
          f"{_MIGEST}:data/korea_gravity.rda read with pyreadr"),
    _test("migest-ipumsi-age", None,
          "94e8ce1cd811f5a5e596c8e6cd29fb5d23eaa74a1b45ca4dfd319830fe49e8fd", 6178,
          "IPUMS International (cite if used beyond testing); via migest",
          "external-benchmarks/ipumsi_age.csv",
          "Migrants and population by age, Brazil 2000 and France 2006 (migest)",
          f"{_MIGEST}:data/ipumsi_age.rda read with pyreadr"),
    _test("rogers-castro-fundamental", None,
          "dff4c8c1124567f465518f5c4051a6efedc5ed91ae4e092979303303d6bf8b93", 79,
          "Rogers & Castro (1981); via migest", "external-benchmarks/rc_model_fund.csv",
          "Rogers–Castro fundamental model-schedule parameters",
          f"{_MIGEST}:data/rc_model_fund.rda read with pyreadr"),
    _test("plane-mulligan", None,
          "2aeb7bfff55034d7c6f8ba68b56e4e7623ead426203cc643f670a307f53fcc6b", 403,
          "Plane & Mulligan (1997); via migration.indices",
          "external-benchmarks/plane_mulligan_hyp.csv",
          "The hypothetical 3×3 flow matrices of Plane & Mulligan (1997)",
          "daroczig/migration.indices@d7380c3:data/migration.hyp.R, matrices in long form"),
    _test("nist-longley", None,
          "e2db3253b61a5db9856dfcf73fa2a74b59d45cd1fe911e70ce73c043fa5f5f9f", 732,
          "NIST StRD (public domain)", "external-benchmarks/nist_longley.csv",
          "NIST StRD Longley data (certified regression results)",
          "statsmodels 0.15.0 datasets/longley/longley.csv, column Obs renamed obs"),
    _test("nist-norris", None,
          "e47a02a2a590ddb835ecca1c7f59e2deed73566046fa60a10734bb046c207ff6", 508,
          "NIST StRD (public domain)", "external-benchmarks/nist_norris.csv",
          "NIST StRD Norris data (certified regression results)",
          "scipy 1.17.1 stats/tests/data/nist_linregress/Norris.dat lines 61–96"),
    _test("seed-000", None,
          "82fbdd4e05493ead6d4c00e5b1cb6530d58c1d6bdaa9949ca8445f6b3b487ae4", 2237,
          "Statistics Norway (CC BY 4.0)", "../seeds/000_f5f4cc63aa8052e7.txt",
          "Seed document 000: SSB's net migration between counties 2005, as printed",
          "the project's seed document"),
    _seed("seed-net-2005", "net_migration_counties_2005.csv",
          "41fd94772aedcaa55d700c657cfcaaf53adb8ae05da3f4c060bc999d3235251a", 5469,
          "Net migration between counties 2005 (seed 000), lower triangle, tidy"),
    _seed("seed-net-totals-2005", "net_migration_totals_2005.csv",
          "b816ac184f3f723d46916f8c36d60f430eb9d8e109eab6ae2aa7e85d853ea4b1", 389,
          "Net migration 2005 per county, the seed's totals"),
    _seed("seed-flows-2011", "flows_counties_2011.csv",
          "2801e379b569b02e92f27e1103ffe528fc7a2da1ce003e64c93baf1b50911589", 13029,
          "Moves between counties 2011 (seed 001), full O-D matrix, tidy"),
    _seed("seed-flows-totals-2011", "flows_counties_2011_totals.csv",
          "d442503aa9f5b6655b110c621b86e39208662e72170c536b7570af569cd64ef9", 853,
          "Moves 2011 per county, the seed's row and column totals"),
    _seed("seed-balance-2015", "migrations_by_county_2015.csv",
          "dc761af0d4da1028b9b3701bd2b26e3d1840b982c5c88435d1e09c2ae30f3f56", 1305,
          "In/out/net migration per county 2015, internal and abroad (seed 002)"),
    _test("kommuner-2018-wgs84", None,
          "b3cd9797da6718103ca601a9dd95d4a12d4a319b1089fdffe707ad3d9cf9ec26", 753370,
          "Torskelgen/ReadyMaps (CC0); geometry © Kartverket (CC BY 4.0)",
          "boundaries-pre2020-readymaps/derived_wgs84/kommuner_2018_wgs84.geojson",
          "The 2018 municipalities reprojected to lon/lat by the mirror's curator",
          "kommuner_simp_18.geojson reprojected with pyproj (independent check of geo)"),
    _test("fylker-2018-wgs84", None,
          "2aee7b902b0df2a80c89ec301fbc904441487f5f7781d440ae51af5c1d5bafff", 392842,
          "Torskelgen/ReadyMaps (CC0); geometry © Kartverket (CC BY 4.0)",
          "boundaries-pre2020-readymaps/derived_wgs84/fylker_2018_wgs84.geojson",
          "The 2018 counties dissolved by the mirror's curator",
          "kommuner_2018_wgs84.geojson dissolved by county (independent check of geo)"),
    _test("fylker-2017-wgs84", None,
          "f86424039d17f6d1449d9f894379b9bc197fa0aaab5aab48d1253254bf470016", 289018,
          "Torskelgen/ReadyMaps (CC0); geometry © Kartverket (CC BY 4.0)",
          "boundaries-pre2020-readymaps/derived_wgs84/fylker_2017_wgs84.geojson",
          "The 19 counties of 2017 dissolved by the mirror's curator",
          "kommuner_simp_17.geojson reprojected and dissolved (independent check of geo)"),
    _test("ba-regions-2020-csv", None,
          "e58322663e913f8ff8956f8aa51248eb86f3c43f6746e3de8a7c064d3a2578ce", 24813,
          "niphr/csdata (MIT, Folkehelseinstituttet)",
          "regions-ba-and-code-history-csdata/ba_regioner_2020_etter_kommune.csv",
          "The BA-region key of 2020 as CSV, read from the workbook by the curator",
          "baregioner_2020.xlsx, sheet 'Etter kommune' (independent check of geo)"),
    _test("ba-regions-2024-csv", None,
          "ddd91f7c4e84567d5a5a15cb45a2a7fdd260179c1c693d34810ad26f596e9284", 24871,
          "niphr/csdata (MIT, Folkehelseinstituttet)",
          "regions-ba-and-code-history-csdata/ba_regioner_2024_etter_kommune.csv",
          "The BA-region key of 2024 as CSV, read from the workbook by the curator",
          "baregioner_2024.xlsx, sheet 'Etter kommune' (independent check of geo)"),
)

REGISTRY: dict[str, Entry] = {e.key: e for e in _PRODUCT + _TESTS}
"""Every registered file by key."""


def entry(key: str) -> Entry:
    """The registry entry for ``key``; :class:`NotFoundError` listing the keys otherwise."""
    try:
        return REGISTRY[key]
    except KeyError:
        raise NotFoundError(f"no registry entry '{key}'; known: {', '.join(REGISTRY)}") from None


def keys(*, test_only: bool | None = False) -> list[str]:
    """Registry keys: the product's (default), the tests' (``True``) or all (``None``)."""
    return [k for k, e in REGISTRY.items() if test_only is None or e.test_only == test_only]


def sha256_of(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _verify(path: Path, e: Entry, where: str) -> Path:
    size = path.stat().st_size
    if size != e.size:
        raise DataError(f"{where} {path} for '{e.key}' has {size:,} bytes, expected "
                        f"{e.size:,} (the file is truncated, damaged or a different version)")
    found = sha256_of(path)
    if found != e.sha256:
        raise DataError(f"{where} {path} for '{e.key}' has sha256 {found}, expected {e.sha256}"
                        " (the file is damaged or a different version)")
    return path


OnBytes = Callable[[int, int], None]
"""``progress(done_bytes, total_bytes)``, called as a download proceeds."""


def _download(e: Entry, target: Path, progress: OnBytes | None) -> None:
    import httpx

    if e.url is None:
        raise NotFoundError(
            f"'{e.key}' has no public upstream ({e.made_from}); it exists only in the data "
            f"mirror: point {ENV_MIRROR} at a directory holding {e.mirror_path}")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    timeout = httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
    bar = None
    try:
        if progress is None and sys.stderr.isatty():
            bar, progress = _progress_bar(e)
        with httpx.stream("GET", e.url, follow_redirects=True, timeout=timeout) as response:
            response.raise_for_status()
            with open(part, "wb") as f:
                done = 0
                for chunk in response.iter_bytes():
                    f.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, e.size)
        _verify(part, e, "downloaded file")
        os.replace(part, target)
    except httpx.HTTPError as exc:
        raise NotFoundError(
            f"cannot download '{e.key}' from {e.url}: {exc or type(exc).__name__}. Without "
            f"network, point {ENV_MIRROR} at a directory holding {e.mirror_path}") from exc
    finally:
        part.unlink(missing_ok=True)
        if bar is not None:
            bar.stop()


def _progress_bar(e: Entry):
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    bar = Progress(TextColumn(f"{e.key}"), BarColumn(), DownloadColumn(),
                   TransferSpeedColumn(), transient=True)
    task = bar.add_task(e.key, total=e.size)
    bar.start()
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


def cache_dir() -> Path:
    """Where downloaded registry files are kept, laid out like a data mirror."""
    return cache_root() / "data"


def data_root() -> Path:
    """Where registry files are read: ``$FLYTT_DATA_MIRROR`` if set, else :func:`cache_dir`."""
    mirror = os.environ.get(ENV_MIRROR)
    return Path(mirror) if mirror else cache_dir()


def local_path(key: str) -> Path:
    """Where ``key`` is (or would be) in use: the mirror's file, else the cached one."""
    return data_root() / entry(key).mirror_path


def fetch(key: str, *, refresh: bool = False, progress: OnBytes | None = None) -> Path:
    """A verified local copy of the registered file ``key``.

    Uses ``$FLYTT_DATA_MIRROR`` if set (never the network), else the user cache,
    downloading once (again with ``refresh=True``, or when the cached copy is damaged).
    ``progress(done, total)`` follows a download in bytes; without it a progress bar is
    drawn when stderr is a terminal. Raises :class:`NotFoundError` when the file cannot
    be had and :class:`DataError` when its size or sha256 is wrong.
    """
    e = entry(key)
    mirror = os.environ.get(ENV_MIRROR)
    if mirror:
        path = Path(mirror) / e.mirror_path
        if not path.is_file():
            upstream = e.url or f"none ({e.made_from})"
            raise NotFoundError(f"'{key}': {path} is not in the data mirror {mirror} "
                                f"({ENV_MIRROR}); upstream: {upstream}")
        return _verify(path, e, "mirror file")
    target = cache_dir() / e.mirror_path
    if target.is_file() and not refresh:
        try:
            return _verify(target, e, "cached file")
        except DataError:
            target.unlink()
    _download(e, target, progress)
    return target


def fetch_all(wanted: Iterable[str], *, refresh: bool = False,
              progress: Callable[[str], OnBytes | None] | None = None) -> dict[str, str]:
    """Fetch every key of ``wanted`` (see :func:`fetch`); the ones that failed, with why.
    After the first network failure the remaining downloads are not tried (each would
    wait for the same timeout); files already at hand are still checked."""
    failed: dict[str, str] = {}
    offline = False
    for key in wanted:
        e = entry(key)
        if offline and e.url is not None and not local_path(key).is_file():
            failed[key] = "not tried: the network was unreachable"
            continue
        try:
            fetch(key, refresh=refresh, progress=progress(key) if progress else None)
        except (NotFoundError, DataError) as exc:
            failed[key] = str(exc)
            offline = offline or isinstance(exc.__cause__, _transport_errors())
    return failed


def _transport_errors() -> type[Exception]:
    import httpx

    return httpx.TransportError


__all__ = ["ENV_MIRROR", "REGISTRY", "Entry", "cache_dir", "data_root", "entry", "fetch", "fetch_all", "keys",
           "local_path", "sha256_of"]
