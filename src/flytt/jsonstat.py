"""JSON-stat (versions 1.x and 2.0) to tidy frames.

A JSON-stat dataset is a cube: ``id`` lists the dimensions, ``size`` their lengths and
``value`` the cells in row-major order (last dimension fastest). :func:`decode` turns it
into one row per cell with, for every dimension ``D``, a column ``D`` (the category
code) and ``D_label`` (its label), then ``value`` (and ``status`` when the dataset has
status symbols). Missing cells (``null``, SSB's ``.``/``..``/``:``) are NA.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataError


@dataclass(frozen=True)
class Dimension:
    """One dimension: its id, label and category codes/labels in cube order."""

    id: str
    label: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    elimination: bool = False

    def __len__(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class Cube:
    """A decoded JSON-stat dataset."""

    label: str
    source: str
    updated: str
    dimensions: tuple[Dimension, ...]
    values: np.ndarray
    """Cell values as float (NaN = missing), row-major over ``dimensions``."""
    status: tuple[str, ...] | None
    roles: dict[str, list[str]]

    @property
    def size(self) -> int:
        return int(np.prod([len(d) for d in self.dimensions], dtype=np.int64))

    def dimension(self, dim_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dim_id:
                return d
        raise DataError(f"dataset has no dimension '{dim_id}'; has "
                        f"{', '.join(d.id for d in self.dimensions)}")

    def to_frame(self) -> pd.DataFrame:
        """Tidy: per dimension ``D`` and ``D_label``, then ``value`` (Int64 when every
        value is whole, else float) and ``status`` if present."""
        sizes = [len(d) for d in self.dimensions]
        columns: dict[str, Any] = {}
        grids = np.indices(sizes).reshape(len(sizes), -1) if sizes else np.empty((0, 1), int)
        for d, idx in zip(self.dimensions, grids):
            columns[d.id] = pd.array(np.asarray(d.codes, dtype=object)[idx], dtype="str")
            columns[f"{d.id}_label"] = pd.array(np.asarray(d.labels, dtype=object)[idx],
                                                dtype="str")
        values = self.values
        finite = values[~np.isnan(values)]
        if finite.size == 0 or np.all(finite == np.round(finite)):
            columns["value"] = pd.array(np.where(np.isnan(values), np.nan, values),
                                        dtype="Float64").astype("Int64")
        else:
            columns["value"] = values
        if self.status is not None:
            columns["status"] = pd.array(self.status, dtype="str")
        return pd.DataFrame(columns)


def _categories(dim_id: str, dim: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    cat = dim.get("category") or {}
    index = cat.get("index")
    labels = cat.get("label") or {}
    if index is None:
        codes = list(labels) if labels else []
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    else:
        codes = [c for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
    if not codes:
        raise DataError(f"dimension '{dim_id}' has no categories")
    return tuple(codes), tuple(str(labels.get(c, c)) for c in codes)


def _expand(obj: Any, n: int, what: str, fill: Any) -> list:
    if obj is None:
        return [fill] * n
    if isinstance(obj, list):
        if len(obj) != n:
            raise DataError(f"JSON-stat '{what}' has {len(obj)} entries, the dimensions "
                            f"give {n} cells (truncated or inconsistent response)")
        return obj
    if isinstance(obj, dict):
        out = [fill] * n
        for k, v in obj.items():
            out[int(k)] = v
        return out
    return [obj] * n  # one status for every cell


def _dataset(ds: dict) -> Cube:
    if "id" in ds and "size" in ds:  # version 2 (and 1.x with top-level id)
        ids, sizes = ds["id"], ds["size"]
        roles = ds.get("role") or {}
    else:  # version 1.0: id and size inside "dimension"
        dims = ds.get("dimension") or {}
        ids, sizes = dims.get("id"), dims.get("size")
        roles = dims.get("role") or {}
    if not ids or sizes is None or len(ids) != len(sizes):
        raise DataError("not a JSON-stat dataset: 'id' and 'size' missing or inconsistent")
    dimensions = []
    for dim_id, size in zip(ids, sizes):
        raw = ds["dimension"].get(dim_id)
        if raw is None:
            raise DataError(f"JSON-stat dimension '{dim_id}' is listed in 'id' but missing")
        codes, labels = _categories(dim_id, raw)
        if len(codes) != size:
            raise DataError(f"dimension '{dim_id}' has {len(codes)} categories, size says {size}")
        elimination = bool((raw.get("extension") or {}).get("elimination", False))
        dimensions.append(Dimension(dim_id, str(raw.get("label", dim_id)), codes, labels,
                                    elimination))
    n = int(np.prod(sizes, dtype=np.int64))
    raw_values = _expand(ds.get("value"), n, "value", None) if ds.get("value") != [] else []
    values = np.array([np.nan if v is None or isinstance(v, str) else float(v)
                       for v in raw_values], dtype=float)
    status = ds.get("status")
    return Cube(
        label=str(ds.get("label", "")),
        source=str(ds.get("source", "")),
        updated=str(ds.get("updated", "")),
        dimensions=tuple(dimensions),
        values=values,
        status=None if status is None else tuple(
            "" if s is None else str(s) for s in _expand(status, n, "status", None)),
        roles={k: list(v) for k, v in roles.items()},
    )


def parse(doc: str | bytes | dict, *, allow_empty: bool = False) -> Cube:
    """Decode a JSON-stat 1.x or 2.0 document (text, bytes or parsed) into a :class:`Cube`.

    JSON-stat 1 bundles (``{"dataset": {...}}`` or ``{"name": {...}}``) must hold exactly one
    dataset. ``allow_empty`` accepts ``value: []`` (PxWebApi v2 metadata responses).
    """
    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(doc)
        except json.JSONDecodeError as exc:
            raise DataError(f"the response is not valid JSON ({exc.msg} at character "
                            f"{exc.pos}); it may have been cut off") from exc
    if not isinstance(doc, dict):
        raise DataError("not a JSON-stat document (expected a JSON object)")
    if doc.get("class") == "dataset" or ("id" in doc and "dimension" in doc):
        ds = doc
    else:
        candidates = [v for v in doc.values() if isinstance(v, dict) and "dimension" in v]
        if len(candidates) != 1:
            raise DataError("not a JSON-stat dataset (no 'dimension'), or a bundle of "
                            f"{len(candidates)} datasets")
        ds = candidates[0]
    cube = _dataset(ds)
    if not allow_empty and cube.values.size != cube.size:
        raise DataError(f"JSON-stat dataset has {cube.values.size} values, expected {cube.size}")
    return cube


def decode(doc: str | bytes | dict) -> pd.DataFrame:
    """JSON-stat text/bytes/dict → tidy frame (see :meth:`Cube.to_frame`)."""
    return parse(doc).to_frame()


__all__ = ["Cube", "Dimension", "decode", "parse"]


def encode_table(table: Any) -> dict:
    """A flytt result table as a JSON-stat 2.0 dataset, as SSB's PxWebApi returns them.

    Dimensions: ``year`` (role time, one category), the row region (role geo; code column
    of ``table.to_frame()``) and the value columns (``ContentsCode``-like, role metric,
    unit persons, 0 decimals). Cells that are not applicable (SSB's ``.``) are ``null``
    with status ``"."``; the empty upper triangle of a net table has status ``"-"``
    (not published). ``source`` names the publication for built-in tables, else flytt.
    """
    frame = table.to_frame()
    code_col, name_col = frame.columns[0], frame.columns[1]
    value_cols = [str(c) for c in frame.columns[2:]]
    kind = getattr(table, "kind", "")
    names = getattr(table, "names", {}) or {}
    rows = frame[code_col].astype(str).tolist()
    col_dim = "destination" if kind == "od" else "region_column" if kind == "net" else "contents"
    col_labels = {c: (f"{c} {names[c]}" if c in names else c.replace("_", " "))
                  for c in value_cols}
    values: list[int | float | None] = []
    status: dict[str, str] = {}
    for i, (_, row) in enumerate(frame.iterrows()):
        for j, col in enumerate(value_cols):
            v = row[col]
            if pd.isna(v):
                values.append(None)
                status[str(len(values) - 1)] = "-" if kind == "net" and j - 1 >= i else "."
            else:
                number = float(v)
                values.append(int(number) if number.is_integer() else number)
    year = str(getattr(table, "year", ""))
    title = getattr(table, "title", "")
    return {
        "version": "2.0",
        "class": "dataset",
        "label": f"{title}, {year}" if year else title,
        "source": getattr(table, "source", "") or "flytt",
        "id": ["year", code_col, col_dim],
        "size": [1, len(rows), len(value_cols)],
        "role": {"time": ["year"], "geo": [code_col], "metric": [col_dim]},
        "dimension": {
            "year": {"label": "year", "category": {"index": {year: 0}, "label": {year: year}}},
            code_col: {"label": code_col.replace("_", " "), "category": {
                "index": {c: i for i, c in enumerate(rows)},
                "label": dict(zip(rows, frame[name_col].astype(str)))}},
            col_dim: {"label": col_dim.replace("_", " "), "category": {
                "index": {c: i for i, c in enumerate(value_cols)},
                "label": col_labels,
                "unit": {c: {"label": "persons", "decimals": 0} for c in value_cols}}},
        },
        "status": status,
        "note": [getattr(table, "footnote", "")] if getattr(table, "footnote", "") else [],
        "value": values,
    }
