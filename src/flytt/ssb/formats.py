"""One front door for every StatBank answer and file: JSON-stat 2 and 1, PX, CSV, XLSX
and Parquet.

:func:`sniff` tells the format from the content (the file name only breaks a tie),
:func:`decode` turns the bytes into an :class:`Answer`: the tidy frame and what the file
says about it (title, table number, footnotes, publisher, update time, dimensions, roles
and the meaning of its symbols).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from ..errors import DataError, InputError, shown

if TYPE_CHECKING:
    from ..jsonstat import Cube, Dimension

Format = Literal["json-stat2", "json-stat", "px", "csv", "xlsx", "parquet"]
FORMATS: tuple[Format, ...] = ("json-stat2", "json-stat", "px", "csv", "xlsx", "parquet")

NIL = "-"
"""SSB's symbol for nil: the value is 0."""

SSB_SYMBOLS: dict[str, str] = {
    ".": "not applicable (the category cannot occur)",
    "..": "not available",
    "...": "not yet available",
    ":": "confidential (suppressed)",
    NIL: "nil (zero)",
}
"""SSB's cell symbols and their meanings (English; the message catalogue translates).
Cells with a symbol other than :data:`NIL` have no value."""

_PX_START = re.compile(rb"^(?:CHARSET|AXIS-VERSION|CODEPAGE|LANGUAGES?|CREATION-DATE|MATRIX|"
                       rb"TABLEID|DECIMALS|SUBJECT-CODE|SUBJECT-AREA|COPYRIGHT|"
                       rb"DESCRIPTION|TITLE|CONTENTS)(?:\[[\w-]+\])?\s*=")
"""The first keyword of a PX file (the spec's recommended order starts with these)."""
_PX_KEY = re.compile(rb"^[A-Z][A-Z0-9-]*(?:\[[\w-]+\])?(?:\([^)]*\))?\s*=")
_XLSX_MAGIC = b"PK\x03\x04"
_PARQUET_MAGIC = b"PAR1"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Answer:
    """A decoded StatBank answer or file."""

    frame: pd.DataFrame
    """Tidy: per dimension ``D`` the columns ``D`` (code) and ``D_label``, then ``value``;
    ``status`` only when some cell has a symbol."""
    label: str
    """The table's title."""
    table_id: str
    """The StatBank table number (``"01222"``), ``""`` when unknown."""
    notes: tuple[str, ...]
    """Footnotes, units, source and contacts; de-duplicated, in file order."""
    source: str
    """The publisher (``"Statistisk sentralbyrå"``), ``""`` when unknown."""
    updated: str
    """When the table was last updated (ISO 8601), ``""`` when unknown."""
    dimensions: tuple[Dimension, ...]
    """Ids, labels, category codes and labels in cube order."""
    roles: dict[str, list[str]]
    """Dimension ids by role (``time``, ``geo``, ``metric``) as far as known."""
    status_labels: dict[str, str]
    """Symbol → meaning: the file's own where it states them, else :data:`SSB_SYMBOLS`."""

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`frame`."""
        return self.frame.copy()


def _junk(content: bytes, name: str) -> InputError | None:
    """Why ``content`` is no StatBank answer at all (empty, binary), or None."""
    if not content.strip():
        return InputError(f"{name}: the file is empty")
    head = content[:4096]
    if head.startswith(_BOMS[1:]):
        return None  # UTF-16 text
    controls = sum(b < 0x20 and b not in b"\t\r\n\x0c" for b in head)
    if b"\x00" in head or controls > len(head) // 20:
        return InputError(f"{name}: binary content, not a StatBank answer (starts "
                          f"{shown(head[:16])})")
    return None


def _json_format(doc: Any, name: str) -> Format:
    """``json-stat2`` for a version 2 dataset, ``json-stat`` for version 1 datasets and
    bundles; anything else is refused."""
    if isinstance(doc, dict):
        if str(doc.get("version", "")).startswith("2") or doc.get("class") == "dataset":
            return "json-stat2"
        if "dimension" in doc or any(isinstance(v, dict) and "dimension" in v
                                     for v in doc.values()):
            return "json-stat"
    raise InputError(f"{name}: JSON, but not a JSON-stat dataset (no 'dimension')")


def _sniff(content: bytes, name: str) -> tuple[Format, Any]:
    """The format and, for JSON, the parsed document (so it is parsed once)."""
    if content.startswith(_XLSX_MAGIC):
        return "xlsx", None
    if content.startswith(_PARQUET_MAGIC):
        return "parquet", None
    error = _junk(content, name)
    if error is not None:
        raise error
    text = content.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"{", b"[")):
        try:
            doc = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return "json-stat2", None  # cut off: decoding says so
        return _json_format(doc, name), doc
    if _PX_START.match(text) or (_PX_KEY.match(text) and name.lower().endswith(".px")):
        return "px", None
    return "csv", None


def sniff(content: bytes, name: str = "") -> Format:
    """The format of a StatBank answer or file, by its content: JSON-stat 2 (``"version":
    "2.0"`` or ``"class": "dataset"``), JSON-stat 1 (datasets and bundles), PX (starts with
    a PX keyword such as ``CHARSET=``), XLSX (a zip), else CSV; the name's suffix decides
    only text that starts with an unusual PX keyword. Raises :class:`InputError` naming
    ``name`` for empty or binary content."""
    return _sniff(content, name or "answer")[0]


def _answer(cube: Cube, frame: pd.DataFrame | None = None) -> Answer:
    return Answer(frame=cube.to_frame() if frame is None else frame, label=cube.label,
                  table_id=cube.table_id, notes=cube.notes, source=cube.source,
                  updated=cube.updated, dimensions=cube.dimensions, roles=cube.roles,
                  status_labels={**SSB_SYMBOLS, **cube.status_labels})


def _table(frame: pd.DataFrame, title: str, table_id: str) -> Answer:
    """An :class:`Answer` for a CSV/XLSX frame: its dimensions in order of appearance."""
    from ..jsonstat import Dimension

    dims = []
    for column in frame.columns:
        if f"{column}_label" in frame.columns:
            pairs = frame[[column, f"{column}_label"]].drop_duplicates(subset=[column])
            dims.append(Dimension(str(column), str(column), tuple(pairs[column].astype(str)),
                                  tuple(pairs[f"{column}_label"].astype(str))))
    roles = {"time": ["Tid"]} if "Tid" in frame.columns else {}
    return Answer(frame=frame, label=title, table_id=table_id, notes=(), source="",
                  updated="", dimensions=tuple(dims), roles=roles,
                  status_labels=dict(SSB_SYMBOLS))


def _parquet(content: bytes, source: str) -> pd.DataFrame:
    """A Parquet answer (``outputFormat=parquet``: one column per variable, codes, and the
    value) as a tidy frame: text columns are dimensions (``D``, ``D_label`` = ``D`` unless
    the file has its own ``D_label``), one numeric column is ``value``, several are the
    categories of ``ContentsCode``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        frame = pq.read_table(pa.BufferReader(content)).to_pandas()
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"{source}: not a readable Parquet answer ({exc})") from None
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
               and not str(c).endswith("_label")]
    dims = [c for c in frame.columns if c not in numeric and not str(c).endswith("_label")]
    if not numeric or not dims:
        raise DataError(f"{source}: a Parquet answer needs variable columns and a value "
                        f"column; it has {shown(', '.join(map(str, frame.columns)))}")
    if len(numeric) > 1:
        frame = frame.melt(id_vars=[c for c in frame.columns if c not in numeric],
                           value_vars=numeric, var_name="ContentsCode", value_name="value")
        dims.append("ContentsCode")
    else:
        frame = frame.rename(columns={numeric[0]: "value"})
    out = pd.DataFrame(index=frame.index)
    for d in dims:
        out[d] = frame[d].astype("str")
        out[f"{d}_label"] = frame[f"{d}_label"].astype("str") if f"{d}_label" in frame \
            else out[d]
    out["value"] = frame["value"]
    return out


def decode(content: bytes, fmt: Format | None = None, *, source: str = "answer") -> Answer:
    """Decode a StatBank answer or file (``fmt`` as :func:`sniff` tells when None).

    Raises :class:`InputError` for content that is no answer at all and
    :class:`DataError` for an answer that is damaged (cut off, inconsistent)."""
    from .. import jsonstat
    from ..readers import _decode
    from . import px, statbank_csv

    doc = None
    if fmt is None:
        fmt, doc = _sniff(content, source)
    elif fmt not in FORMATS:
        raise InputError(f"{source}: unknown format {shown(fmt)}; known: {', '.join(FORMATS)}")
    if fmt in ("json-stat2", "json-stat"):
        try:
            return _answer(jsonstat.parse(content if doc is None else doc))
        except DataError as exc:
            raise DataError(f"{source}: {exc}") from exc
    if fmt == "px":
        return _answer(px.parse_px_bytes(content, source=source))
    if fmt == "parquet":
        return _table(_parquet(content, source), "", "")
    if fmt == "xlsx":
        frame, table_id, title = statbank_csv.read_statbank_xlsx(io.BytesIO(content),
                                                                 source=source)
        return _table(frame, title, table_id)
    text = _decode(content, source, None)
    table_id, title = statbank_csv.title_line(text)
    return _table(statbank_csv.read_statbank_csv(text, source=source), title, table_id)


__all__ = ["FORMATS", "NIL", "SSB_SYMBOLS", "Answer", "Format", "decode", "sniff"]
