"""Read user files (CSV in any common encoding and delimiter, Parquet, Excel) and
validate them against an :class:`~flytt.contracts.InputSpec`.

This is the edge: everything past it gets typed frames (codes as strings, counts
as int64, years as int64) and can trust them. Every problem is reported with the
file, the row (line number in the file; the header is line 1) and the column.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import contracts as C
from .errors import InputError, Problem

NOT_APPLICABLE_SYMBOLS = frozenset({".", "..", "...", ":"})
"""SSB's symbols for 'not applicable' / 'not available' / 'confidential'; read as missing."""

_DELIMITERS = ",;\t|"
_ENCODINGS = ("utf-8-sig", "cp1252")


# --------------------------------------------------------------------------- raw reading
def _decode(raw: bytes, source: str, encoding: str | None) -> str:
    """Decode bytes; with no encoding given try UTF-8 (with or without BOM), UTF-16 by BOM,
    then Windows-1252 (a superset of Latin-1's printable range)."""
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError as exc:
            raise InputError(f"unknown encoding '{encoding}'", source=source) from exc
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                Problem(
                    f"cannot decode byte 0x{raw[exc.start]:02x} as {encoding}; "
                    "give the right --encoding (e.g. utf-8, latin-1, cp1252)",
                    source=source,
                    row=line,
                )
            ) from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    last: UnicodeDecodeError | None = None
    for enc in _ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as exc:
            last = exc
            continue
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            raise InputError(Problem("contains NUL bytes: not a text file, or UTF-16 without "
                                     "BOM (give --encoding)", source=source, row=line))
        return text
    assert last is not None
    line = raw[: last.start].count(b"\n") + 1
    raise InputError(
        Problem(
            f"cannot decode the text (byte 0x{raw[last.start]:02x}) as UTF-8 or Windows-1252; "
            "give the encoding with --encoding",
            source=source,
            row=line,
        )
    )


def _sniff_delimiter(lines: list[str]) -> str:
    sample = "\n".join(lines[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in _DELIMITERS} if lines else {}
        best = max(counts, key=lambda d: counts[d]) if counts else ","
        return best if counts.get(best) else ","


def read_csv_text(
    text: str, source: str, delimiter: str | None = None
) -> tuple[pd.DataFrame, int]:
    """Parse CSV text into a frame of strings.

    Returns the frame and the line number of the header (1 unless a title such as
    SSB's ``"07459: Population, ..."`` line precedes it; such title lines, and blank
    lines after them, are skipped).
    """
    lines = text.splitlines()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines):
        raise InputError(Problem("the file is empty", source=source))
    delim = delimiter or _sniff_delimiter([ln for ln in lines[start:] if ln.strip()][1:] or
                                          lines[start:])
    # a title line: one field, followed (after blanks) by a line with several fields
    first_fields = next(csv.reader([lines[start]], delimiter=delim))
    if len(first_fields) == 1:
        nxt = start + 1
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        if nxt < len(lines) and len(next(csv.reader([lines[nxt]], delimiter=delim))) > 1:
            start = nxt
    body = "\n".join(lines[start:])
    try:
        frame = pd.read_csv(
            io.StringIO(body), sep=delim, dtype=str, keep_default_na=False,
            skip_blank_lines=True, engine="c",
        )
    except pd.errors.ParserError as exc:
        raise InputError(Problem(f"not a valid CSV table: {exc}", source=source)) from exc
    # line numbers: pandas skipped blank lines; map each data row to its line in the file
    line_numbers = [i + start + 1 for i, ln in enumerate(lines[start:]) if ln.strip()][1:]
    if len(line_numbers) == len(frame):
        frame.index = pd.Index(line_numbers, name="line")
    else:  # quoted newlines: fall back to row order after the header
        frame.index = pd.RangeIndex(start + 2, start + 2 + len(frame), name="line")
    return frame, start + 1


def read_raw(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read CSV/TSV/TXT, Parquet or Excel into a frame of strings indexed by file row number."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise InputError(Problem("no such file", source=source))
    if path.is_dir():
        raise InputError(Problem("is a directory, not a file", source=source))
    if path.stat().st_size == 0:
        raise InputError(Problem("the file is empty", source=source))
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except Exception as exc:  # pyarrow raises several types for broken files
            raise InputError(Problem(f"not a readable Parquet file: {exc}", source=source)) from exc
        frame = table.to_pandas()
        frame = frame.astype(object).where(frame.notna(), "").astype(str)
        frame.index = pd.RangeIndex(1, len(frame) + 1, name="record")
        return frame
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, keep_default_na=False)
        except Exception as exc:  # openpyxl/xlrd errors vary
            raise InputError(Problem(f"not a readable Excel file: {exc}", source=source)) from exc
        frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
        return frame
    text = _decode(path.read_bytes(), source, encoding)
    frame, _ = read_csv_text(text, source, delimiter)
    return frame


# --------------------------------------------------------------------------- validation
def _normalise_columns(frame: pd.DataFrame, spec: C.InputSpec) -> pd.DataFrame:
    rename = {}
    for col in frame.columns:
        clean = str(col).strip().lstrip("\ufeff").strip('"').lower().replace(" ", "_")
        rename[col] = spec.aliases.get(clean, clean)
    return frame.rename(columns=rename)


def _rows(index_name: str | None, rows: list[int]) -> str:
    """``row 3`` or ``rows 3, 5`` (``record`` for Parquet)."""
    label = ("record" if index_name == "record" else "row") + ("s" if len(rows) > 1 else "")
    return f"{label} {', '.join(map(str, rows))}"


def _problems_for(mask: pd.Series, frame: pd.DataFrame, column: str, source: str,
                  message: str) -> list[Problem]:
    return [
        Problem(message.format(value=frame.at[i, column]), source=source, row=int(i), column=column)
        for i in frame.index[mask.to_numpy()]
    ]


def parse_counts(values: pd.Series, column: str, source: str,
                 allow_missing: bool | pd.Series = False) -> tuple[pd.Series, list[Problem]]:
    """Parse non-negative integer counts; spaces/no-break spaces inside numbers are allowed.

    A blank or an SSB symbol (``.``, ``..``, ``:``) is missing (NA): an error unless
    ``allow_missing`` (everywhere, or a boolean mask on ``values``' index)."""
    text = values.astype(str).str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    missing = text.eq("") | text.isin(NOT_APPLICABLE_SYMBOLS)
    numbers = pd.to_numeric(text.where(~missing), errors="coerce")
    problems: list[Problem] = []
    bad = numbers.isna() & ~missing
    frame = values.to_frame(column)
    problems += _problems_for(bad, frame, column, source, "'{value}' is not a number")
    allowed = (pd.Series(allow_missing, index=values.index) if isinstance(allow_missing, bool)
               else allow_missing.reindex(values.index, fill_value=False))
    problems += _problems_for(missing & ~allowed, frame, column, source, "missing value")
    ok = numbers.notna()
    frac = ok & (numbers.where(ok, 0) % 1 != 0)
    problems += _problems_for(frac, frame, column, source,
                              "'{value}' is not a whole number (counts are persons or moves)")
    neg = ok & (numbers.where(ok, 0) < 0)
    problems += _problems_for(neg, frame, column, source, "negative count '{value}'")
    return numbers.round().astype("Int64"), problems


def parse_years(values: pd.Series, column: str, source: str) -> tuple[pd.Series, list[Problem]]:
    """Parse years; they must be whole numbers in [MIN_YEAR, MAX_YEAR]."""
    text = values.astype(str).str.strip()
    numbers = pd.to_numeric(text, errors="coerce")
    frame = values.to_frame(column)
    bad = numbers.isna() | (numbers % 1 != 0)
    problems = _problems_for(bad, frame, column, source, "'{value}' is not a year")
    out = (numbers < C.MIN_YEAR) | (numbers > C.MAX_YEAR)
    problems += _problems_for(out & ~bad, frame, column, source,
                              f"year '{{value}}' is out of range {C.MIN_YEAR}–{C.MAX_YEAR}")
    return numbers.fillna(0).astype("int64"), problems


def parse_year_range(text: str | None, name: str = "years") -> tuple[int, int]:
    """``"2016-2019"`` (or ``2016–2019``, ``2016:2019``, ``2019``) → ``(2016, 2019)``;
    anything else, or a range whose first year is after its last, is an
    :class:`InputError` naming the option ``name``."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", text or "")
    if not m:
        raise InputError(f"{name} '{text}' is not YEAR or FIRST-LAST (e.g. 2016-2019)")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if first > last:
        raise InputError(f"{name} '{text}' is empty: {first} is after {last}")
    return first, last


def check_codes(values: pd.Series, column: str, source: str,
                lengths: set[int] | None = None) -> tuple[pd.Series, list[Problem]]:
    """Strip and check region codes: no blanks, no spaces, and no codes that lost a
    leading zero (``301`` where other codes of the file look like ``0301``; ``lengths`` are
    the lengths of all-digit codes in the file, default: those in ``values``). ``abroad``
    in any letter case is ``ABROAD``."""
    codes = values.astype(str).str.strip()
    codes = codes.mask(codes.str.upper().eq(C.ABROAD), C.ABROAD)
    frame = codes.to_frame(column)
    problems = _problems_for(codes.eq(""), frame, column, source, "missing region code")
    valid = codes.str.match(C.CODE_PATTERN.pattern)
    problems += _problems_for(~valid & codes.ne(""), frame, column, source,
                              "malformed region code '{value}' (letters, digits, '_', '.', '-')")
    digits = codes.str.fullmatch(r"\d+")
    if lengths is None:
        lengths = set(codes[digits].str.len())
    for full in (2, 4):
        if full in lengths and full - 1 in lengths:
            short = digits & codes.str.len().eq(full - 1)
            problems += [
                Problem(f"code '{code}' looks like a region code that lost its leading zero "
                        f"(other codes have {full} digits): did you mean {code.zfill(full)}? "
                        "Codes are text; in Excel, format the column as text",
                        source=source, row=int(i), column=column)
                for i, code in codes[short].items()]
    return codes, problems


def validate(
    frame: pd.DataFrame,
    spec: C.InputSpec,
    source: str,
    *,
    year: int | None = None,
    known_codes: set[str] | None = None,
) -> pd.DataFrame:
    """Check a raw string frame against ``spec`` and return it typed.

    ``year`` fills a missing ``year`` column (or keeps only that year if present).
    ``known_codes``, if given, makes codes outside it (other than ``ABROAD``) an error.
    Raises :class:`InputError` listing every problem found.
    """
    frame = _normalise_columns(frame, spec)
    found_columns = [str(c) for c in frame.columns]
    if spec.years and C.YEAR not in frame.columns and year is not None:
        frame[C.YEAR] = str(year)
    missing = [c for c in spec.required if c not in frame.columns]
    if missing:
        present = [c for c in frame.columns if c not in spec.known]
        msgs = []
        for col in missing:
            close = difflib.get_close_matches(col, present, n=1, cutoff=0.6)
            hint = f" (found '{close[0]}': misspelled?)" if close else ""
            if col == C.YEAR:
                hint += " (or give the year with --year)"
            msgs.append(Problem(f"missing column '{col}'{hint}", source=source, row=1, column=col))
        msgs.append(Problem(f"expected columns {', '.join(spec.required)}; found "
                            f"{', '.join(found_columns)}", source=source, row=1))
        raise InputError(msgs)
    if frame.empty:
        raise InputError(Problem("the file has a header but no rows", source=source))
    dup_cols = frame.columns[frame.columns.duplicated()].tolist()
    if dup_cols:
        raise InputError(Problem(f"column(s) {dup_cols} appear more than once", source=source,
                                 row=1))
    attributes = [c for c in frame.columns if c not in spec.known and c]
    if attributes and not spec.attributes_allowed:
        frame = frame.drop(columns=attributes)
        attributes = []
    attributes = [c for c in attributes if not c.startswith("unnamed:")]
    frame = frame[[c for c in spec.known if c in frame.columns] + attributes].copy()

    problems: list[Problem] = []
    for col in spec.years:
        frame[col], found = parse_years(frame[col], col, source)
        problems += found
    if year is not None and spec.years and not problems:
        present = sorted(int(y) for y in frame[C.YEAR].unique())
        if year not in present:
            raise InputError(Problem(f"no rows for {year}; years in the file: "
                                     f"{', '.join(map(str, present)) or 'none'}",
                                     source=source, column=C.YEAR))
        frame = frame[frame[C.YEAR] == year]
    lengths: set[int] = set()
    for col in spec.codes:
        text = frame[col].astype(str).str.strip()
        lengths |= set(text[text.str.fullmatch(r"\d+")].str.len())
    for col in spec.codes:
        frame[col], found = check_codes(frame[col], col, source, lengths)
        problems += found
        if known_codes is not None:
            unknown = ~frame[col].isin(known_codes | {C.ABROAD}) & frame[col].ne("")
            problems += _problems_for(unknown, frame, col, source,
                                      "unknown region code '{value}'")
    diagonal = (frame[C.ORIGIN].eq(frame[C.DESTINATION]) if spec.missing_on_diagonal
                else False)
    for col in spec.counts:
        frame[col], found = parse_counts(frame[col], col, source, allow_missing=diagonal)
        problems += found
    for col in spec.optional + tuple(attributes):
        if col in frame.columns and col not in spec.codes + spec.counts + spec.years:
            frame[col] = frame[col].astype(str).str.strip()
            bad = frame[col].str.contains("\ufffd", regex=False)
            problems += _problems_for(bad, frame, col, source,
                                      "'{value}' contains U+FFFD: the text was decoded with the "
                                      "wrong encoding somewhere before this file")
    if problems:
        raise InputError(problems)
    key = [c for c in spec.key if c in frame.columns] + attributes
    if spec.kind == "population":
        key += [c for c in (C.AGE, C.SEX) if c in frame.columns]
    if key:
        dup = frame.duplicated(subset=key, keep=False)
        if dup.any():
            first = frame[dup].groupby(key, sort=False).head(1)
            for i in first.index[:20]:
                rows = frame.index[dup & (frame[key] == frame.loc[i, key]).all(axis=1)].tolist()
                problems.append(Problem(
                    f"duplicate {', '.join(f'{c} {frame.at[i, c]}' for c in key)} "
                    f"(also on {_rows(frame.index.name, rows[1:])})", source=source, row=int(i)))
            raise InputError(problems)
    return frame.reset_index(drop=True)


def read_input(
    path: str | Path,
    kind: str,
    *,
    year: int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | int | None = None,
    known_codes: set[str] | None = None,
) -> pd.DataFrame:
    """Read and validate a ``flows``, ``population``, ``jobs``, ``groups`` or ``regions`` file.

    Returns a typed frame in the input contract of ``kind`` (see :mod:`flytt.contracts`).
    """
    try:
        spec = C.INPUT_SPECS[kind]
    except KeyError as exc:
        raise InputError(f"unknown input kind '{kind}'; one of {', '.join(C.INPUT_SPECS)}") from exc
    raw = read_raw(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    if raw.empty and len(raw.columns) == 0:
        raise InputError(Problem("the file has no columns", source=str(path)))
    return validate(raw, spec, str(path), year=year, known_codes=known_codes)


def years_text(years: Iterable[int]) -> str:
    """Distinct years as runs: ``2009–2012, 2015``; ``no year`` for none."""
    found = sorted({int(y) for y in years})
    if not found:
        return "no year"
    runs: list[str] = []
    start: int | None = found[0]
    for prev, year in zip(found, [*found[1:], None]):
        if year is None or year != prev + 1:
            runs.append(str(start) if start == prev else f"{start}–{prev}")
            start = year
    return ", ".join(runs)

__all__ = [
    "NOT_APPLICABLE_SYMBOLS",
    "check_codes",
    "parse_counts",
    "parse_year_range",
    "parse_years",
    "years_text",
    "read_csv_text",
    "read_input",
    "read_raw",
    "validate",
]
