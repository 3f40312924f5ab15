"""Column names, special region codes and the file layouts other tools depend on.

Everything that names a column or a code imports it from here. The CSV layouts
listed in ``OUTPUT_COLUMNS`` are public contracts: extend them, never rename.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- special region codes ---------------------------------------------------
ABROAD = "ABROAD"
"""The rest of the world: origin of immigration, destination of emigration."""
TOTAL = "TOTAL"
"""Row/column code for totals (the whole country in balance tables)."""

# --- column names -----------------------------------------------------------
YEAR = "year"
ORIGIN = "origin_code"
ORIGIN_NAME = "origin_name"
DESTINATION = "destination_code"
DESTINATION_NAME = "destination_name"
MOVES = "moves"
REGION = "region_code"
REGION_NAME = "region_name"
POPULATION = "population"
JOBS = "jobs"
AGE = "age"
SEX = "sex"
CODE = "code"
GROUP_CODE = "group_code"
GROUP_NAME = "group_name"
NAME = "name"
LEVEL = "level"
VALID_FROM = "valid_from"
VALID_TO = "valid_to"

BALANCE_COLUMNS: tuple[str, ...] = (
    REGION,
    REGION_NAME,
    "in_all",
    "in_abroad",
    "in_internal",
    "out_all",
    "out_abroad",
    "out_internal",
    "net_all",
    "net_abroad",
    "net_internal",
)
"""``flytt table balance`` CSV columns; first row has ``region_code = TOTAL``."""

NET_LEADING_COLUMNS: tuple[str, ...] = (REGION, REGION_NAME, "net_total")
"""``flytt table net`` CSV: these, then one column per region code."""

OD_LEADING_COLUMNS: tuple[str, ...] = (ORIGIN, ORIGIN_NAME, "total")
"""``flytt table od`` CSV: these, then one column per destination (ABROAD last)."""

# --- year range accepted at the edges ---------------------------------------
MIN_YEAR = 1800
MAX_YEAR = 2100

# --- region codes -----------------------------------------------------------
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")
"""A region code: 1–32 characters, letters, digits, ``_ . -``; no spaces."""

# --- what an input file may hold --------------------------------------------
ATTRIBUTE_PATTERN = re.compile(r"^[^\W\d_]\w{0,62}$")
"""An attribute column's name (after lower-casing, spaces as ``_``): a letter (``æ ø å``
included), then up to 62 letters, digits or ``_``. Other names are refused, so a header
can never be more than a name where flytt uses it."""
MAX_ATTRIBUTES = 50
"""Attribute columns one input file may add (age, sex, immigrant category, ...)."""
MAX_COUNT = 10**10
"""The largest count accepted in one cell (above the world's population), so that sums of
any table stay far inside 64-bit integers."""
MAX_TOTAL = 2**62
"""The largest sum of one count column of a file."""


@dataclass(frozen=True)
class InputSpec:
    """The layout of one input kind (``flytt import KIND FILE``).

    ``key`` columns identify a row (duplicates are an error); ``counts`` must be
    non-negative integers; ``codes`` hold region codes and are read as strings.
    Columns that are in none of the lists are kept as attribute columns
    (e.g. ``age``, ``sex``, ``immigrant_category`` on flows). A missing count is an
    error, except where ``origin_code = destination_code`` when ``missing_on_diagonal``
    (SSB leaves such cells empty or ``.`` where they are not applicable, e.g. Oslo→Oslo).
    """

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    attributes_allowed: bool = False
    missing_on_diagonal: bool = False
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def known(self) -> tuple[str, ...]:
        return self.required + self.optional


FLOWS = InputSpec(
    kind="flows",
    required=(YEAR, ORIGIN, DESTINATION, MOVES),
    optional=(ORIGIN_NAME, DESTINATION_NAME),
    key=(YEAR, ORIGIN, DESTINATION),
    counts=(MOVES,),
    codes=(ORIGIN, DESTINATION),
    years=(YEAR,),
    attributes_allowed=True,
    missing_on_diagonal=True,
    aliases={"origin": ORIGIN, "destination": DESTINATION, "from": ORIGIN, "to": DESTINATION,
             "flow": MOVES, "count": MOVES},
)
POPULATION_SPEC = InputSpec(
    kind="population",
    required=(YEAR, REGION, POPULATION),
    optional=(REGION_NAME, AGE, SEX),
    key=(YEAR, REGION),
    counts=(POPULATION,),
    codes=(REGION,),
    years=(YEAR,),
    attributes_allowed=True,
    aliases={"region": REGION, "persons": POPULATION},
)
JOBS_SPEC = InputSpec(
    kind="jobs",
    required=(YEAR, REGION, JOBS),
    optional=(REGION_NAME,),
    key=(YEAR, REGION),
    counts=(JOBS,),
    codes=(REGION,),
    years=(YEAR,),
    aliases={"region": REGION},
)
GROUPS_SPEC = InputSpec(
    kind="groups",
    required=(CODE, GROUP_CODE),
    optional=(GROUP_NAME, NAME),
    key=(CODE,),
    codes=(CODE, GROUP_CODE),
)
REGIONS_SPEC = InputSpec(
    kind="regions",
    required=(CODE, NAME),
    optional=(LEVEL, VALID_FROM, VALID_TO),
    key=(CODE, VALID_FROM),
    codes=(CODE,),
)

INPUT_SPECS: dict[str, InputSpec] = {
    s.kind: s for s in (FLOWS, POPULATION_SPEC, JOBS_SPEC, GROUPS_SPEC, REGIONS_SPEC)
}
