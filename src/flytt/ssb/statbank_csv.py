"""A tolerant reader for SSB StatBank CSV exports.

Handles what the downloads look like in practice: an optional title line
(``"07459: Population, by region, age, contents and year"``), any delimiter and common
encoding, dimension cells that hold a code and a label (``0101 Halden``,
``K-3001 Halden``, ``K_5038 Verdal``, ``Personer1 Persons``), and value columns that are
either one per measure or one per year and measure (``"Persons 2021"``,
``"1951 Befolkning 1. januar"``, ``"Persons 2024 Males"``). Numeric columns are values
unless their header names a time variable (``year``, ``år``, ``quarter``, ...). The result is tidy: per dimension ``D`` the columns
``D`` (code) and ``D_label``, then ``Tid`` (period, when the headers carry one),
``measure`` (the header text without the period) and ``value``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..readers import NOT_APPLICABLE_SYMBOLS, _decode, read_csv_text

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
    ok = text.str.match(_NUMBER.pattern) | text.isin(NOT_APPLICABLE_SYMBOLS) | text.eq("")
    return bool(ok.all()) and bool(text.ne("").any())


def read_statbank_csv(text: str, *, source: str = "StatBank CSV") -> pd.DataFrame:
    """Tidy frame from the text of a StatBank CSV export (see the module docstring).

    ``value`` is Int64 when all values are whole numbers, else float; ``.``, ``..``,
    ``...`` and ``:`` are NA.
    """
    raw, _ = read_csv_text(text, source)
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
    numbers = pd.to_numeric(values.where(~values.isin(NOT_APPLICABLE_SYMBOLS | {""})),
                            errors="coerce")
    finite = numbers.dropna()
    long["value"] = numbers.astype("Int64") if (finite % 1 == 0).all() else numbers
    return long.reset_index(drop=True)


def read_statbank_file(path: str | Path, encoding: str | None = None) -> pd.DataFrame:
    """:func:`read_statbank_csv` on a file in any common encoding (UTF-8, Latin-1, UTF-16)."""
    path = Path(path)
    return read_statbank_csv(_decode(path.read_bytes(), str(path), encoding), source=str(path))
