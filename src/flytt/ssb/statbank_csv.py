"""A tolerant reader for SSB StatBank CSV exports.

Handles what the downloads look like in practice: an optional title line
(``"07459: Population, by region, age, contents and year"``), any delimiter and common
encoding, dimension cells that hold a code and a label (``0101 Halden``,
``K-3001 Halden``, ``K_5038 Verdal``, ``Personer1 Persons``), and value columns that are
either one per measure or one per year and measure (``"Persons 2021"``,
``"1951 Befolkning 1. januar"``, ``"Persons 2024 Males"``). Numeric columns are values
unless their header names a time variable (``year``, ``år``, ``quarter``, ...). The result is tidy: per dimension ``D`` the columns
``D`` (code) and ``D_label``, then ``Tid`` (period, when the headers carry one),
``measure`` (the header text without the period) and ``value``, and ``status`` when a
cell holds one of SSB's symbols (:data:`flytt.ssb.formats.SSB_SYMBOLS`: ``-`` is nil, value
0; the others have no value). StatBank's "save as Excel" files (one sheet: a title row, a
header and the rows) go through the same steps (:func:`read_statbank_xlsx`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

import pandas as pd

from ..errors import InputError, shown
from ..readers import _decode, read_csv_text
from .formats import NIL, SSB_SYMBOLS

_SYMBOLS = frozenset(SSB_SYMBOLS)
_TITLE = re.compile(r'^\ufeff?\s*"?(\d{5})\s*:\s*(.*?)"?\s*[;,\t]*\s*$')
"""A title line: ``"07459: Population, by region, ..."``."""

_PERIOD = re.compile(r"(?<!\S)(\d{4}(?:[KMHU]\d{1,2})?)(?!\S)")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_TIME_HEADERS = frozenset({"year", "år", "tid", "time", "quarter", "kvartal", "month", "måned",
                           "period", "periode", "week", "uke"})


def split_label(text: str) -> tuple[str, str]:
    """``"0101 Halden"`` → ``("0101", "Halden")``; ``"0 years"`` → ``("0", "0 years")``
    (a lower-case remainder is a unit, kept in the label); ``"2022"`` → ``("2022", "2022")``."""
    text = text.strip()
    code, _, rest = text.partition(" ")
    rest = rest.strip()
    if not rest:
        return text, text
    return code, (text if rest[0].islower() else rest)


def _is_value(series: pd.Series) -> bool:
    text = series.astype(str).str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    text = text.str.replace("\u2212", "-", regex=False)
    ok = text.str.match(_NUMBER.pattern) | text.isin(_SYMBOLS) | text.eq("")
    return bool(ok.all()) and bool(text.ne("").any())


def title_line(text: str) -> tuple[str, str]:
    """The table number and title of a title line heading the export (``"07459: Population,
    by region, ..."`` → ``("07459", "Population, by region, ...")``), else ``("", "")``."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    m = _TITLE.match(first)
    return (m.group(1), m.group(2).strip()) if m else ("", "")


def read_statbank_csv(text: str, *, source: str = "StatBank CSV") -> pd.DataFrame:
    """Tidy frame from the text of a StatBank CSV export (see the module docstring).

    ``value`` is Int64 when all values are whole numbers, else float; ``.``, ``..``,
    ``...`` and ``:`` are NA and ``-`` is 0, the symbol then in ``status``.
    """
    raw, _ = read_csv_text(text, source)
    return _tidy(raw)


def _tidy(raw: pd.DataFrame) -> pd.DataFrame:
    """A frame of strings as exported (dimension columns, then value columns) → tidy."""
    raw.columns = [str(c).strip().strip('"') for c in raw.columns]
    value_cols = [c for c in raw.columns
                  if c.casefold() not in _TIME_HEADERS and _is_value(raw[c])]
    dim_cols = [c for c in raw.columns if c not in value_cols]
    out = pd.DataFrame(index=raw.index)
    for col in dim_cols:
        pairs = raw[col].map(split_label)
        out[col] = pairs.str[0].astype("str")
        out[f"{col}_label"] = pairs.str[1].astype("str")
    long = out.join(raw[value_cols]).melt(id_vars=list(out.columns), value_vars=value_cols,
                                           var_name="measure", value_name="value")
    periods = {}
    for col in value_cols:
        found = _PERIOD.findall(col)
        if len(found) == 1:
            periods[col] = (found[0], " ".join(_PERIOD.sub(" ", col).split()))
    if periods and len(periods) == len(value_cols):
        long.insert(len(out.columns), "Tid", long["measure"].map(lambda c: periods[c][0]))
        long["measure"] = long["measure"].map(lambda c: periods[c][1])
    values = (long["value"].astype(str).str.replace(r"[\s\u00a0\u202f]", "", regex=True)
              .str.replace("\u2212", "-", regex=False).str.replace(",", ".", regex=False))
    symbol = values.isin(_SYMBOLS)
    numbers = pd.to_numeric(values.where(~symbol & values.ne("")), errors="coerce")
    numbers = numbers.mask(values.eq(NIL), 0.0)
    finite = numbers.dropna()
    long["value"] = numbers.astype("Int64") if (finite % 1 == 0).all() else numbers
    if symbol.any():
        long["status"] = values.where(symbol, "").astype("str")
    return long.reset_index(drop=True)


def _cell(value: object) -> str:
    """An Excel cell as the CSV export writes it: whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_statbank_xlsx(file: str | Path | IO[bytes], *,
                       source: str = "StatBank XLSX") -> tuple[pd.DataFrame, str, str]:
    """The tidy frame (as :func:`read_statbank_csv`), table number and title of StatBank's
    "save as Excel" file: the first sheet's title row (``"07459: ..."``, optional), header
    row and data rows up to the first blank row (footnotes follow it). Dimension cells
    left blank under a group's first row take the value above."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/ValueError variants
        raise InputError(f"{source}: not a readable XLSX workbook "
                         f"({shown(type(exc).__name__)})") from exc
    rows = [[_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    table_id, title = "", ""
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
    if rows and sum(bool(c.strip()) for c in rows[0]) == 1:
        table_id, title = title_line(next(c for c in rows[0] if c.strip()))
        title = title or next(c for c in rows[0] if c.strip())
        rows.pop(0)
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
    end = next((i for i, row in enumerate(rows) if not any(c.strip() for c in row)), len(rows))
    if end < 2:
        raise InputError(f"{source}: the sheet has no header and data rows")
    header, body = rows[0], rows[1:end]
    raw = pd.DataFrame(body, columns=pd.Index(header, dtype=object), dtype=str)
    raw = raw.loc[:, [bool(str(c).strip()) or raw[c].ne("").any() for c in raw.columns]]
    frame = _tidy(_fill_groups(raw))
    return frame, table_id, title


def _fill_groups(raw: pd.DataFrame) -> pd.DataFrame:
    """Blank cells of the text (dimension) columns take the value above them."""
    for i, column in enumerate(raw.columns):
        cells = raw.iloc[:, i]
        if not _is_value(cells):
            raw.iloc[:, i] = cells.mask(cells.str.strip().eq("")).ffill().fillna("")
    return raw


def read_statbank_file(path: str | Path, encoding: str | None = None) -> pd.DataFrame:
    """:func:`read_statbank_csv` on a file in any common encoding (UTF-8, Latin-1, UTF-16)."""
    path = Path(path)
    return read_statbank_csv(_decode(path.read_bytes(), str(path), encoding), source=str(path))
