"""The individual-level move register: one row per move, and the population at risk.

Layout on disk (Parquet datasets partitioned by year, see ``flytt synth``)::

    DIR/moves/year=YYYY/*.parquet       one row per move
    DIR/population/year=YYYY/*.parquet  persons on 1 January by municipality and attributes

``origin``/``destination`` are municipality codes; ``ABROAD`` marks emigration
(destination) and immigration (origin). Attribute values are the codes below; labels
for people are in :data:`LABELS`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .contracts import ABROAD

# --- moves columns ------------------------------------------------------------------
PERSON_ID = "person_id"
YEAR = "year"
DATE = "date"
ORIGIN = "origin"
DESTINATION = "destination"
AGE = "age"
SEX = "sex"
BIRTHPLACE = "birthplace"
IMMIGRANT_CATEGORY = "immigrant_category"
COUNTRY_BACKGROUND = "country_background"
OCCUPATION = "occupation"
FAMILY_TYPE = "family_type"
MUNICIPALITY = "municipality"
PERSONS = "persons"
MOVES = "moves"

# --- the synthetic marker (written by ``flytt synth``) --------------------------------
SYNTHETIC_KEY = b"flytt.synthetic"
"""Parquet key-value metadata: ``true`` in every file of a synthetic register."""
LABEL_KEY = b"flytt.label"
"""Parquet key-value metadata: the register's synthetic-data label."""
MANIFEST = "register.json"
"""The register's manifest (``{"synthetic": true, ...}`` for a synthetic one)."""

ATTRIBUTES: tuple[str, ...] = (AGE, SEX, BIRTHPLACE, IMMIGRANT_CATEGORY, COUNTRY_BACKGROUND,
                               OCCUPATION, FAMILY_TYPE)
MOVE_COLUMNS: tuple[str, ...] = (PERSON_ID, YEAR, DATE, ORIGIN, DESTINATION) + ATTRIBUTES
POPULATION_COLUMNS: tuple[str, ...] = (YEAR, MUNICIPALITY) + ATTRIBUTES + (PERSONS,)

# --- attribute codes ------------------------------------------------------------------
SEXES = ("M", "F")
BIRTHPLACES = ("same", "norway", "abroad")
"""Born in the municipality moved from (or lived in) / elsewhere in Norway / abroad."""
IMMIGRANT_CATEGORIES = ("immigrant", "norwegian_born_to_immigrants", "rest")
OCCUPATIONS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "none")
"""ISCO-08 major groups 0–9, or ``none`` (not employed)."""
COUNTRY_BACKGROUNDS = ("NO", "PL", "LT", "SE", "DK", "DE", "RU", "SO", "ER", "SY", "IQ", "IR",
                       "PK", "VN", "PH", "TH", "ZZ")
"""Country background (ISO 3166-1 alpha-2): ``NO`` for the rest of the population, the
country of birth of immigrants or of the parents of Norwegian-born to immigrant parents;
``ZZ`` = any other country."""
FAMILY_TYPES = ("single", "couple_no_children", "couple_with_children", "single_parent",
                "child")
"""``child`` = persons aged 0–17 living with parents."""

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        SEX: {"M": "Men", "F": "Women"},
        BIRTHPLACE: {"same": "Born in the municipality", "norway": "Born elsewhere in Norway",
                     "abroad": "Born abroad"},
        IMMIGRANT_CATEGORY: {"immigrant": "Immigrants",
                             "norwegian_born_to_immigrants": "Norwegian-born to immigrant parents",
                             "rest": "Rest of the population"},
        OCCUPATION: {"0": "Armed forces", "1": "Managers", "2": "Professionals",
                     "3": "Technicians and associate professionals",
                     "4": "Clerical support workers", "5": "Service and sales workers",
                     "6": "Agricultural, forestry and fishery workers",
                     "7": "Craft and related trades workers",
                     "8": "Plant and machine operators", "9": "Elementary occupations",
                     "none": "No occupation"},
        FAMILY_TYPE: {"single": "Single", "couple_no_children": "Couple without children",
                      "couple_with_children": "Couple with children",
                      "single_parent": "Single parent", "child": "Child (0–17)"},
    },
    "nb": {
        SEX: {"M": "Menn", "F": "Kvinner"},
        BIRTHPLACE: {"same": "Født i kommunen", "norway": "Født ellers i Norge",
                     "abroad": "Født i utlandet"},
        IMMIGRANT_CATEGORY: {"immigrant": "Innvandrere",
                             "norwegian_born_to_immigrants": "Norskfødte med innvandrerforeldre",
                             "rest": "Øvrig befolkning"},
        OCCUPATION: {"0": "Militære yrker", "1": "Ledere", "2": "Akademiske yrker",
                     "3": "Høyskoleyrker", "4": "Kontoryrker", "5": "Salgs- og serviceyrker",
                     "6": "Bønder, fiskere mv.", "7": "Håndverkere",
                     "8": "Operatører, sjåfører mv.", "9": "Renholdere, hjelpearbeidere mv.",
                     "none": "Uten yrke"},
        FAMILY_TYPE: {"single": "Enslige", "couple_no_children": "Par uten barn",
                      "couple_with_children": "Par med barn", "single_parent": "Enslige forsørgere",
                      "child": "Barn (0–17 år)"},
    },
}



def arrow_schema(kind: str):
    """The Parquet/Arrow schema of ``moves`` or ``population`` files (``year`` is the
    Hive partition, ``year=YYYY/``, not a column inside the files)."""
    import pyarrow as pa

    attributes = [pa.field(AGE, pa.int16())] + [pa.field(a, pa.string()) for a in ATTRIBUTES[1:]]
    if kind == "moves":
        head = [pa.field(PERSON_ID, pa.int64()), pa.field(DATE, pa.date32()),
                pa.field(ORIGIN, pa.string()), pa.field(DESTINATION, pa.string())]
        return pa.schema(head + attributes)
    if kind == "population":
        return pa.schema([pa.field(MUNICIPALITY, pa.string())] + attributes
                         + [pa.field(PERSONS, pa.int64())])
    raise ValueError(f"kind must be 'moves' or 'population', not {kind!r}")


def open_dataset(path, kind: str):
    """A :class:`pyarrow.dataset.Dataset` over ``DIR/moves`` or ``DIR/population`` with the
    ``year`` partition typed ``int16`` (``dataset.to_table(filter=...)`` reads what is
    asked; pandas: ``.to_table().to_pandas()``)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    partitioning = ds.partitioning(pa.schema([pa.field(YEAR, pa.int16())]), flavor="hive")
    return ds.dataset(str(path), format="parquet", partitioning=partitioning,
                      schema=arrow_schema(kind).append(pa.field(YEAR, pa.int16())))


def is_synthetic(directory: str | Path) -> bool:
    """Whether the register in ``directory`` is synthetic: its manifest says so, or a
    Parquet file of ``moves/`` or ``population/`` carries :data:`SYNTHETIC_KEY` = ``true``."""
    import pyarrow.parquet as pq

    directory = Path(directory)
    manifest = directory / MANIFEST
    if manifest.is_file():
        try:
            if json.loads(manifest.read_text(encoding="utf-8")).get("synthetic") is True:
                return True
        except (ValueError, AttributeError):
            pass  # not a flytt manifest: the files decide
    for sub in (MOVES, "population"):
        for path in sorted((directory / sub).rglob("*.parquet")):
            if (pq.read_schema(path).metadata or {}).get(SYNTHETIC_KEY) == b"true":
                return True
    return False


COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "en": {"NO": "Norway", "PL": "Poland", "LT": "Lithuania", "SE": "Sweden",
           "DK": "Denmark", "DE": "Germany", "RU": "Russia", "SO": "Somalia",
           "ER": "Eritrea", "SY": "Syria", "IQ": "Iraq", "IR": "Iran", "PK": "Pakistan",
           "VN": "Vietnam", "PH": "the Philippines", "TH": "Thailand",
           "ZZ": "other countries"},
    "nb": {"NO": "Norge", "PL": "Polen", "LT": "Litauen", "SE": "Sverige",
           "DK": "Danmark", "DE": "Tyskland", "RU": "Russland", "SO": "Somalia",
           "ER": "Eritrea", "SY": "Syria", "IQ": "Irak", "IR": "Iran", "PK": "Pakistan",
           "VN": "Vietnam", "PH": "Filippinene", "TH": "Thailand", "ZZ": "andre land"},
}
"""Names of the country backgrounds of :data:`COUNTRY_BACKGROUNDS`."""


def country_name(code: str | None, lang: str) -> str:
    """The country background's name (``SE`` → Sverige/Sweden), else the code."""
    if not code:
        return "–"
    return COUNTRY_NAMES.get(lang, COUNTRY_NAMES["en"]).get(str(code).upper(), str(code))


__all__ = [name for name in dir() if name.isupper()] + ["ABROAD", "arrow_schema", "open_dataset",
                                                     "country_name", "is_synthetic"]
