"""The option types of flytt's API, in one place (like pyfixest's literals module).

Each is a ``Literal``: type checkers see the allowed values, :func:`check` enforces them at
run time with an error that names the API parameter, and the CLI uses the same types as
its choices (typer turns a ``Literal`` into ``<a|b|c>``), so the faces cannot drift apart.
"""

from __future__ import annotations

from typing import Literal, get_args

from .errors import OptionError

Lang = Literal["en", "nb"]
"""Language of what people read: English or Norwegian Bokmål."""
Level = Literal["municipality", "region", "county", "group"]
"""Barometer level: the panel's units, BA regions, counties, or a user grouping."""
Stream = Literal["all", "immigration", "domestic_immigrants", "domestic_others"]
"""Which net migration the barometer measures (seed 003's three streams, or all)."""
Disclosure = Literal["none", "default"]
"""Disclosure control of microdata-derived counts: none, or the default rule."""
Convention = Literal["textbook", "migest"]
"""Index formulas as in the textbook (Bell et al. 2002) or as the R package migest."""
Engine = Literal["duckdb", "spark"]
"""The engine that aggregates move records."""
Format = Literal["table", "csv", "xlsx", "html", "md", "json-stat2"]
"""Output format of a result table."""

LANGS: tuple[str, ...] = get_args(Lang)
LEVELS: tuple[str, ...] = get_args(Level)
STREAMS: tuple[str, ...] = get_args(Stream)
DISCLOSURES: tuple[str, ...] = get_args(Disclosure)
CONVENTIONS: tuple[str, ...] = get_args(Convention)
ENGINES: tuple[str, ...] = get_args(Engine)
FORMATS: tuple[str, ...] = get_args(Format)

def check(value: object, allowed: tuple[str, ...], param: str) -> str:
    """``value`` if it is one of ``allowed``, else :class:`~flytt.errors.OptionError`
    naming the API parameter ``param`` (the CLI maps it to its flag)."""
    if value not in allowed:
        raise OptionError(param, value, allowed)
    return str(value)


__all__ = ["CONVENTIONS", "DISCLOSURES", "ENGINES", "FORMATS", "LANGS", "LEVELS", "STREAMS",
           "Convention", "Disclosure", "Engine", "Format", "Lang", "Level", "Stream", "check"]
