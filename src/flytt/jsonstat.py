"""JSON-stat (versions 1.x and 2.0, https://json-stat.org/format/) to tidy frames.

A JSON-stat dataset is a cube: ``id`` lists the dimensions, ``size`` their lengths and
``value`` the cells in row-major order (last dimension fastest), as a dense array or a
sparse object (``{"0": 5, "7": 3}``, missing cells null). ``status`` is a string or a
one-element array (one symbol for every cell), a full array or a sparse object.
:func:`decode` turns the cube into one row per cell with, for every dimension ``D``, a
column ``D`` (the category code) and ``D_label`` (its label), both categorical in cube
order, then ``value`` (and ``status`` when some cell has a symbol). Cells with one of SSB's
symbols for a missing value (``.``, ``..``, ``...``, ``:``) are NA; nil (``-``) is 0.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import contracts as C
from .errors import DataError, shown
from .ssb.formats import NIL, SSB_SYMBOLS

_MISSING = frozenset(SSB_SYMBOLS) - {NIL}
"""Status symbols whose cells have no value."""

_TABLE_ID = re.compile(r"^\s*(\d{5})\s*:")
"""A StatBank table number heading a title (``"07459: Befolkning, ..."``)."""


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
    """A decoded JSON-stat dataset (or PX file)."""

    label: str
    source: str
    updated: str
    dimensions: tuple[Dimension, ...]
    values: np.ndarray
    """Cell values as float (NaN = missing), row-major over ``dimensions``."""
    status: Any
    """Per cell its symbol (``""`` = none), a sequence of :attr:`size` strings, or None."""
    roles: dict[str, list[str]]
    notes: tuple[str, ...] = ()
    """Footnotes of the dataset, its dimensions and categories, in document order."""
    table_id: str = ""
    """The StatBank table number (``"07459"``), ``""`` when unknown."""
    status_labels: dict[str, str] = field(default_factory=dict)
    """Symbol → meaning, as far as the document states them."""

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
        """Tidy: per dimension ``D`` and ``D_label`` (categoricals, categories in cube
        order), then ``value`` (Int64 when every value is whole, else float) and
        ``status`` when some cell has a symbol."""
        sizes = [len(d) for d in self.dimensions]
        columns: dict[str, Any] = {}
        grids = np.indices(sizes, dtype=np.int32).reshape(len(sizes), -1)
        for d, idx in zip(self.dimensions, grids):
            columns[d.id] = _categorical(d.codes, idx)
            columns[f"{d.id}_label"] = _categorical(d.labels, idx)
        columns["value"] = _value_array(self.values)
        status = symbols(self.status)
        if status is not None and (status.codes != status.categories.get_loc("")).any():
            columns["status"] = status
        return pd.DataFrame(columns)


def symbols(status: Any) -> pd.Categorical | None:
    """Per-cell symbols (``""`` = none) as a categorical, categories ``""`` and the symbols
    sorted (so every form of the same statuses gives the same column); None stays None."""
    if status is None or isinstance(status, pd.Categorical):
        return status
    cells = np.asarray(status, dtype=object)
    return pd.Categorical(cells, categories=pd.Index(sorted({"", *cells}), dtype="str"))


def _categorical(names: tuple[str, ...], idx: np.ndarray) -> pd.Categorical:
    """Cell ``i`` gets ``names[idx[i]]``, as a categorical with the distinct names in cube
    order (no per-cell strings)."""
    positions, uniques = pd.factorize(pd.Index(names, dtype="str"))
    return pd.Categorical.from_codes(positions[idx], categories=uniques)


def _value_array(values: np.ndarray) -> Any:
    """Int64 (NA for NaN) when every finite value is whole, else the floats."""
    missing = np.isnan(values)
    finite = values[~missing]
    if finite.size and not np.all(finite == np.round(finite)):
        return values
    if finite.size and np.abs(finite).max() >= 2.0 ** 63:
        return values
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)


def _categories(dim_id: str, dim: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Category codes in cube order (``index`` as array or object, else ``label``'s keys)
    and their labels (the code when unlabelled)."""
    cat = dim.get("category") or {}
    index = cat.get("index")
    labels = cat.get("label") or {}
    if index is None:
        codes = [str(c) for c in labels] if labels else []
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    else:
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
    if not codes:
        raise DataError(f"dimension '{dim_id}' has no categories")
    return tuple(codes), tuple(str(labels.get(c, c)) for c in codes)


def _expand(obj: Any, n: int, what: str, fill: Any) -> list:
    """``value``/``status`` as a list of ``n`` cells. A list must have ``n`` entries (else
    the answer is truncated), except a one-element ``status`` list that applies to every
    cell; an object maps cell indexes to entries (the rest ``fill``); anything else is one
    entry for every cell."""
    if obj is None:
        return [fill] * n
    if isinstance(obj, list):
        if what == "status" and len(obj) == 1:
            return obj * n
        if len(obj) != n:
            raise DataError(f"JSON-stat '{what}' has {len(obj)} entries, the dimensions "
                            f"give {n} cells (truncated or inconsistent response)")
        return obj
    if isinstance(obj, dict):
        _check_cells(obj, n, what)
        out = [fill] * n
        for k, v in obj.items():
            out[int(k)] = v
        return out
    return [obj] * n


def _check_cells(obj: dict, n: int, what: str) -> None:
    """Every key of a sparse ``value``/``status`` object is a cell index below ``n``."""
    for k in obj:
        if not str(k).isdigit() or int(k) >= n:
            raise DataError(f"JSON-stat '{what}' names cell {shown(k, 20)}; the "
                            f"dimensions give cells 0 to {n - 1}")


def _status(obj: Any, n: int) -> pd.Categorical | None:
    """JSON-stat ``status`` as one symbol per cell (``""`` = none), see :func:`_expand`;
    a sparse object is filled without a per-cell list."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        _check_cells(obj, n, "status")
        cells = {int(k): "" if v is None else str(v) for k, v in obj.items()}
        categories = sorted({"", *cells.values()})
        position = {c: i for i, c in enumerate(categories)}
        codes = np.zeros(n, dtype=np.int32)
        codes[list(cells)] = [position[v] for v in cells.values()]
        return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype="str"))
    return symbols(["" if v is None else str(v) for v in _expand(obj, n, "status", None)])


def _numbers(raw: list) -> np.ndarray:
    """Cell values as floats: null and text (a symbol in a JSON-stat 1 answer) are NaN."""
    try:
        return np.array(raw, dtype=float)
    except (TypeError, ValueError):
        return np.array([np.nan if v is None or isinstance(v, str) else float(v)
                         for v in raw], dtype=float)


def _texts(note: Any) -> list[str]:
    """A JSON-stat ``note`` (an array of strings, or one string) as strings."""
    if note is None:
        return []
    return [str(n) for n in (note if isinstance(note, list) else [note]) if str(n).strip()]


def _contact(item: Any) -> str:
    """A PxWebApi v2 ``extension.contact`` entry as one line (its ``raw`` text, else the
    name, e-mail and phone)."""
    if not isinstance(item, dict):
        return str(item)
    if item.get("raw"):
        return str(item["raw"])
    return ", ".join(str(item[k]) for k in ("name", "mail", "phone") if item.get(k))


def _notes(ds: dict, dims: dict, ids: list[str]) -> tuple[str, ...]:
    """Footnotes of the dataset, of each dimension and of its categories, then the
    contacts of a PxWebApi v2 answer; de-duplicated, in document order."""
    notes = _texts(ds.get("note"))
    for dim_id in ids:
        raw = dims.get(dim_id) or {}
        notes += _texts(raw.get("note"))
        for text in ((raw.get("category") or {}).get("note") or {}).values():
            notes += _texts(text)
    extension = ds.get("extension") or {}
    contacts = extension.get("contact") or []
    notes += [c for c in map(_contact, contacts if isinstance(contacts, list) else [contacts])
              if c]
    return tuple(dict.fromkeys(notes))


def _table_id(ds: dict, label: str) -> str:
    """``extension.px.tableid`` (PxWebApi v2), else a ``NNNNN:`` heading the label."""
    px = (ds.get("extension") or {}).get("px") or {}
    if px.get("tableid"):
        return str(px["tableid"])
    m = _TABLE_ID.match(label)
    return m.group(1) if m else ""


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
    raw_values = ds.get("value")
    values = _numbers([] if raw_values == [] else _expand(raw_values, n, "value", None))
    status = _status(ds.get("status"), n) if values.size == n else None
    if status is not None:
        cats = list(status.categories)
        values[np.isin(status.codes, [i for i, c in enumerate(cats) if c in _MISSING])] = np.nan
        if NIL in cats:
            values[(status.codes == cats.index(NIL)) & np.isnan(values)] = 0.0
    label = str(ds.get("label", ""))
    return Cube(
        label=label,
        source=str(ds.get("source", "")),
        updated=str(ds.get("updated", "")),
        dimensions=tuple(dimensions),
        values=values,
        status=status,
        roles={k: list(v) for k, v in roles.items()},
        notes=_notes(ds, ds["dimension"], list(ids)),
        table_id=_table_id(ds, label),
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
            raise DataError(f"not valid JSON ({exc.msg} at character "
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


# --------------------------------------------------------------------------- encoding
METRIC = "contents"
"""The ``ContentsCode``-like dimension (role metric) of every encoded table."""

GEO_COLUMNS = frozenset({C.REGION, C.ORIGIN, C.DESTINATION, "municipality"})
"""Dimensions that are regions (role geo)."""

_MATRIX = {"od": ("destination", C.MOVES, "moves"),
           "net": ("region_column", "net_migration", "net migration")}
"""Matrix tables: column dimension, the one content and its label."""

_VALUE, _STATUS = "\0value", "\0status"
"""Cell columns of :class:`_Long` (names no table column has)."""

_COLUMN_TOTALS = {"total": "Total", "net_total": "Net migration, total"}


@dataclass(frozen=True)
class _Long:
    """A table as one row per cell: dimension columns (cube order), :data:`_VALUE` and
    :data:`_STATUS`; category labels per dimension and the roles."""

    cells: pd.DataFrame
    dims: list[str]
    labels: dict[str, dict[str, str]]
    roles: dict[str, list[str]]
    decimals: dict[str, int]
    """Decimals of each content."""


def _is_dimension(column: pd.Series) -> bool:
    """Text, booleans and years describe a cell; other numbers are its values."""
    return (column.name == C.YEAR or pd.api.types.is_bool_dtype(column)
            or not pd.api.types.is_numeric_dtype(column))


def _name_column(code: str, columns: list[str]) -> str | None:
    """``region_code`` → ``region_name``, ``municipality`` → ``municipality_name``."""
    name = f"{code.removesuffix('_code')}_name"
    return name if name != code and name in columns else None


def _text(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), "").astype(str)


def _tidy_long(table: Any, frame: pd.DataFrame, measure_labels: dict[str, str]) -> _Long:
    """Dimension columns (a code column takes its ``*_name`` column as labels) × the
    numeric columns as categories of :data:`METRIC`."""
    candidates = [str(c) for c in frame.columns if _is_dimension(frame[c])]
    names = {c: n for c in candidates if (n := _name_column(c, candidates))}
    dims = [c for c in candidates if c not in names.values()]
    measures = [str(c) for c in frame.columns if str(c) not in candidates]
    frame = frame.copy()
    if not dims or frame[dims].astype(str).duplicated().any():
        frame.insert(0, "row", [str(i + 1) for i in range(len(frame))])
        dims = ["row", *dims]
    year = getattr(table, "year", None)
    if C.YEAR not in dims and year is not None:
        frame.insert(0, C.YEAR, str(year))
        dims = [C.YEAR, *dims]
    labels = {}
    for d in dims:
        frame[d] = _text(frame[d])
        label_col = _text(frame[names[d]]) if d in names else frame[d]
        labels[d] = dict(zip(frame[d], label_col))
    cells = frame.melt(id_vars=dims, value_vars=measures, var_name=METRIC, value_name=_VALUE)
    cells[_STATUS] = np.where(cells[_VALUE].isna(), ".", "")  # "" = no symbol
    labels[METRIC] = {m: measure_labels.get(m, m.replace("_", " ")) for m in measures}
    dims = [*dims, METRIC]
    decimals = {m: 0 if pd.api.types.is_integer_dtype(frame[m]) else 2 for m in measures}
    return _Long(cells, dims, labels, _roles(dims), decimals)


def _matrix_long(table: Any, frame: pd.DataFrame) -> _Long:
    """An od or net matrix: row regions × column regions (and the totals column) × one
    content; the unpublished upper triangle of a net table has status ``..``."""
    kind = table.kind
    column_dim, content, content_label = _MATRIX[kind]
    row_dim, name_col = str(frame.columns[0]), str(frame.columns[1])
    columns = [str(c) for c in frame.columns[2:]]
    names = getattr(table, "names", {}) or {}
    cells = frame.melt(id_vars=[row_dim], value_vars=columns, var_name=column_dim,
                       value_name=_VALUE)
    cells.insert(0, C.YEAR, str(table.year))
    cells[METRIC] = content
    cells[_STATUS] = np.where(cells[_VALUE].isna(), ".", "")  # "" = no symbol
    if kind == "net":
        order = {c: i for i, c in enumerate(frame[row_dim])}
        upper = cells[column_dim].map(order) >= cells[row_dim].map(order)
        cells.loc[upper & cells[_VALUE].isna(), _STATUS] = ".."
    labels = {
        C.YEAR: {str(table.year): str(table.year)},
        row_dim: dict(zip(frame[row_dim].astype(str), frame[name_col].astype(str))),
        column_dim: {c: _COLUMN_TOTALS.get(c, names.get(c, c)) for c in columns},
        METRIC: {content: content_label},
    }
    dims = [C.YEAR, row_dim, column_dim, METRIC]
    return _Long(cells, dims, labels, _roles(dims, geo=(row_dim, column_dim)), {content: 0})


def _roles(dims: list[str], geo: tuple[str, ...] = ()) -> dict[str, list[str]]:
    roles = {"time": [d for d in dims if d == C.YEAR],
             "geo": [d for d in dims if d in GEO_COLUMNS or d in geo],
             "metric": [METRIC]}
    return {role: ids for role, ids in roles.items() if ids}


def _json_number(value: Any) -> int | float | None:
    if pd.isna(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def encode_table(table: Any) -> dict:
    """Any flytt result with ``to_frame()`` as a JSON-stat 2.0 dataset, as SSB's PxWebApi
    returns them.

    od and net tables are cubes ``year`` (role time) × row region × column region (both
    role geo; the totals column is a category labelled ``Total``) × :data:`METRIC` (role
    metric, one content). Other tables: the text columns (and ``year``) are dimensions —
    a code column's ``*_name`` column gives its category labels — and the numeric columns
    are the categories of :data:`METRIC`; a ``row`` dimension numbers the rows when the
    text columns do not identify them. Missing cells are ``null`` with status ``"."``
    (``".."``, not available: not published, in the upper triangle of a net table;
    never ``"-"``, which is SSB's nil, 0). ``source`` names the
    publication for built-in tables, else flytt.
    """
    frame = table.to_frame()
    kind = getattr(table, "kind", "")
    names = getattr(table, "names", {}) or {}
    if kind in _MATRIX:
        long = _matrix_long(table, frame)
    else:
        long = _tidy_long(table, frame, {c: f"{c} {n}" for c, n in names.items()})
    sizes = [len(long.labels[d]) for d in long.dims]
    position = np.zeros(len(long.cells), dtype=np.int64)
    for d, size in zip(long.dims, sizes):
        index = {code: i for i, code in enumerate(long.labels[d])}
        position = position * size + long.cells[d].map(index).to_numpy(dtype=np.int64)
    values: list[int | float | None] = [None] * int(np.prod(sizes, dtype=np.int64))
    status: dict[str, str] = {}
    for pos, value, symbol in zip(position, long.cells[_VALUE], long.cells[_STATUS]):
        values[pos] = _json_number(value)
        if symbol:
            status[str(pos)] = symbol
    persons = {"label": "persons"} if kind in ("od", "net", "balance") else {}
    dimension = {}
    for d in long.dims:
        category: dict[str, Any] = {"index": {c: i for i, c in enumerate(long.labels[d])},
                                    "label": long.labels[d]}
        if d == METRIC:
            category["unit"] = {m: {**persons, "decimals": n} for m, n in long.decimals.items()}
        dimension[d] = {"label": d.replace("_", " "), "category": category}
    year = getattr(table, "year", None)
    title = getattr(table, "title", "") or str(kind)
    footnote = getattr(table, "footnote", "")
    return {
        "version": "2.0",
        "class": "dataset",
        "label": f"{title}, {year}" if year is not None else title,
        "source": getattr(table, "source", "") or "flytt",
        "id": long.dims,
        "size": sizes,
        "role": long.roles,
        "dimension": dimension,
        "status": status,
        "note": [footnote] if footnote else [],
        "value": values,
    }


__all__ = ["METRIC", "Cube", "Dimension", "decode", "encode_table", "parse"]
