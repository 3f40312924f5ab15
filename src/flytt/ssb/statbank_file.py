"""A StatBank table a user saved from ssb.no (JSON-stat 2 or 1, PX, CSV or Excel) shaped
for the store exactly as the ``fetch ssb`` recipe of the same table would shape it.

The table is found from the file (JSON-stat ``extension.px.tableid`` or a ``"01222: …"``
label, PX ``TABLEID``/``MATRIX``, the title line of CSV and Excel exports) or given.
Dimensions named by their labels (PX, CSV and Excel name variables in the file's
language: ``region``, ``år``, ``statistikkvariabel``) are renamed to StatBank's variable
ids (``Region``, ``Tid``, ``ContentsCode``) first. A table no recipe uses is kept as a
tidy StatBank table ``ssb_<table>``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import contracts as C
from ..errors import DataError, InputError
from .formats import Answer
from .recipes import RECIPES, Recipe

_ALIASES: dict[str, tuple[str, ...]] = {
    "Region": ("region", "region_code", "kommune", "municipality", "fylke", "county"),
    "Tid": ("tid", "time", "år", "year", "kvartal", "quarter", "måned", "month"),
    "ContentsCode": ("contentscode", "statistikkvariabel", "contents", "measure",
                     "statistical_variable", "statistikkvariabler"),
    "Alder": ("alder", "age"),
    "Kjonn": ("kjonn", "kjønn", "sex"),
    "InnvandrKat": ("innvandrkat", "innvandringskategori", "immigration_category"),
}
"""StatBank variable id → the names files use for it (compared case-insensitively, spaces
as underscores)."""


@dataclass(frozen=True)
class StatBankFile:
    """A decoded StatBank file ready for the store: the recipe it matches (None for a
    table no recipe uses), the shaped frame and where it goes."""

    answer: Answer
    table: str
    recipe: Recipe | None
    frame: pd.DataFrame
    store_table: str
    dropped: tuple[str, ...] = ()
    """Region codes left out: not municipalities (counties, the whole country), which the
    recipe's query (municipalities only) never holds."""

    @property
    def dimensions(self) -> list[tuple[str, int]]:
        """(variable, number of categories) of the answer."""
        return [(d.id, len(d)) for d in self.answer.dimensions]


@dataclass(frozen=True)
class StatBankImport:
    """What ``flytt import statbank`` did: the table, where it went and the store's own
    one-line account."""

    path: str
    table: str
    title: str
    recipe: str | None
    store_table: str
    stored: str
    dimensions: tuple[tuple[str, int], ...]
    notes: tuple[str, ...]
    dropped: tuple[str, ...] = ()

    def summary(self) -> str:
        what = f"StatBank table {self.table}"
        if self.title:
            what += f" ({self.title})"
        if self.recipe is None:
            dims = ", ".join(f"{d} ({n})" for d, n in self.dimensions)
            return (f"{self.path}: {what} is not one flytt's analyses read; kept as the tidy table "
                    f"'{self.store_table}' (dimensions: {dims}). {self.stored}; read it with "
                    "DuckDB or flytt's Python API")
        left = (f"; left out {len(self.dropped)} region(s) that are not municipalities "
                f"({', '.join(self.dropped[:5])}{', …' if len(self.dropped) > 5 else ''})"
                if self.dropped else "")
        return (f"{what}, stored as 'flytt fetch ssb {self.recipe}' stores it: "
                f"{self.stored}{left}")


def _variable_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Rename label-named dimension columns (and their ``_label`` twins) to variable ids."""
    names = {}
    for column in frame.columns:
        if column.endswith("_label") or column in ("value", "status"):
            continue
        key = str(column).strip().casefold().replace(" ", "_")
        target = next((vid for vid, aliases in _ALIASES.items()
                       if key == vid.casefold() or key in aliases), None)
        if target and target != column and target not in frame.columns:
            names[column] = target
            names[f"{column}_label"] = f"{target}_label"
    return frame.rename(columns=names)


def _recipe_for(table: str) -> Recipe | None:
    return next((r for r in RECIPES.values() if r.table == table), None)


def shape(answer: Answer, *, table: str | None = None, source: str = "file") -> StatBankFile:
    """Shape ``answer`` for the store (see the module docstring); ``table`` overrides or
    supplies the table number."""
    table_id = (table or answer.table_id or "").strip()
    if not table_id:
        raise InputError(f"{source}: cannot tell which StatBank table this is (no table "
                         "number in the file); give it with --table NUMBER, e.g. --table 01222")
    if not table_id.isalnum() or len(table_id) > 12:
        raise InputError(f"{source}: '{table_id}' is not a StatBank table number")
    frame = _variable_ids(answer.frame)
    recipe = _recipe_for(table_id)
    if recipe is None:
        return StatBankFile(answer, table_id, None, frame, f"ssb_{table_id.lower()}")
    try:
        shaped = recipe.shape(frame)
    except KeyError as exc:
        raise DataError(f"{source}: table {table_id} ({recipe.description}) lacks the variable "
                        f"{exc} that 'flytt fetch ssb {recipe.name}' stores; it has "
                        f"{', '.join(d.id for d in answer.dimensions)}") from None
    except (DataError, ValueError) as exc:
        raise DataError(f"{source}: table {table_id} ({recipe.description}) does not have the "
                        f"layout 'flytt fetch ssb {recipe.name}' stores: {exc}") from None
    dropped: tuple[str, ...] = ()
    if C.REGION in shaped.columns:
        municipal = shaped[C.REGION].astype(str).str.fullmatch(r"\d{4}")
        dropped = tuple(sorted(set(shaped.loc[~municipal, C.REGION].astype(str))))
        shaped = shaped[municipal].reset_index(drop=True)
    return StatBankFile(answer, table_id, recipe, shaped, recipe.store_table, dropped)


__all__ = ["StatBankFile", "StatBankImport", "shape"]
