"""The individual-level move register: one row per move, and the population at risk.

Layout on disk (Parquet datasets partitioned by year, see ``flytt synth``)::

    DIR/moves/year=YYYY/*.parquet       one row per move
    DIR/population/year=YYYY/*.parquet  persons on 1 January by municipality and attributes

``origin``/``destination`` are municipality codes; ``ABROAD`` marks emigration
(destination) and immigration (origin). Attribute values are the codes below; labels
for people are in flytt's catalog (``category.<attribute>.<code>``, :mod:`flytt.i18n`).
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


def country_name(code: str | None, lang: str) -> str:
    """The country background's name (``SE`` → Sverige/Sweden), else the code."""
    if not code:
        return "–"
    from .i18n import text_or

    return text_or(f"country.{str(code).upper()}", str(code),
                   "nb" if lang == "nb" else "en")


__all__ = [name for name in dir() if name.isupper()] + ["ABROAD", "arrow_schema", "open_dataset",
                                                     "country_name", "is_synthetic"]
