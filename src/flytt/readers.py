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
from .errors import InputError, Problem, shown

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
            mixed = _mixed_lines(raw)
            if mixed:
                raise InputError(Problem(
                    f"mixes encodings: line {mixed[0]} is UTF-8 but this line is not "
                    "(Windows-1252 or Latin-1?); save the whole file in one encoding, or "
                    "give it with --encoding", source=source, row=mixed[1])) from exc
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


def _mixed_lines(raw: bytes) -> tuple[int, int] | None:
    """The first line with UTF-8 beyond ASCII and the first line that is not UTF-8, when a
    file has both (two files pasted together); None otherwise."""
    utf8 = other = 0
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 = utf8 or number
        except UnicodeDecodeError:
            other = other or number
        if utf8 and other:
            return utf8, other
    return None


def _sniff_delimiter(lines: list[str]) -> str:
    sample = "\n".join(lines[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in _DELIMITERS} if lines else {}
        best = max(counts, key=lambda d: counts[d]) if counts else ","
        return best if counts.get(best) else ","


def _lines(text: str) -> list[str]:
    """Physical lines (``\\n``, ``\\r\\n`` or ``\\r``; not the other separators
    ``str.splitlines`` knows, which may be data inside a name)."""
    return re.split(r"\r\n|\n|\r", text)


def _record_lines(body: str, delim: str, first: int) -> list[int]:
    """The physical line each non-blank record of ``body`` starts on (``first`` = the line
    of its first line), counting the lines of quoted newlines inside fields."""
    reader = csv.reader(io.StringIO(body), delimiter=delim)
    starts, end = [], 0
    try:
        for record in reader:
            if record:
                starts.append(first + end)
            end = reader.line_num
    except csv.Error:
        return []
    return starts


def read_csv_text(
    text: str, source: str, delimiter: str | None = None
) -> tuple[pd.DataFrame, int]:
    """Parse CSV text into a frame of strings, the header's names as they are (duplicates
    kept, blanks as ``""``) and the rows indexed by their physical line in the file.

    Returns the frame and the line number of the header (1 unless a title such as
    SSB's ``"07459: Population, ..."`` line precedes it; such title lines, and blank
    lines after them, are skipped).
    """
    lines = _lines(text)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines):
        raise InputError(Problem("the file is empty", source=source))
    delim = delimiter or _sniff_delimiter([ln for ln in lines[start:] if ln.strip()][1:] or
                                          lines[start:])
    # a title line: one field, followed (after blanks) by a line with several fields
    first_fields = next(csv.reader([lines[start]], delimiter=delim), [])
    if len(first_fields) == 1:
        nxt = start + 1
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        if nxt < len(lines) and len(next(csv.reader([lines[nxt]], delimiter=delim), [])) > 1:
            start = nxt
    body = "\n".join(lines[start:])
    try:
        frame = pd.read_csv(
            io.StringIO(body), sep=delim, dtype=str, keep_default_na=False, header=None,
            skip_blank_lines=True, engine="c",
        )
    except pd.errors.ParserError as exc:
        where = re.search(r"line (\d+)", str(exc))
        row = int(where.group(1)) + start if where else None
        detail = re.sub(r"line \d+", f"line {row}", str(exc)) if where else str(exc)
        raise InputError(Problem(f"not a valid CSV table: {shown(detail, 200)}",
                                 source=source, row=row)) from exc
    except pd.errors.EmptyDataError as exc:
        raise InputError(Problem("the file is empty", source=source)) from exc
    frame = _with_header(frame.fillna(""))
    # line numbers: pandas skipped blank lines; map each data row to its line in the file
    line_numbers = [i + start + 1 for i, ln in enumerate(lines[start:]) if ln.strip()][1:]
    if len(line_numbers) != len(frame):  # quoted newlines: count them
        line_numbers = _record_lines(body, delim, start + 1)[1:]
    if len(line_numbers) != len(frame):
        line_numbers = list(range(start + 2, start + 2 + len(frame)))
    frame.index = pd.Index(line_numbers, name="line")
    frame.attrs["header_line"] = start + 1
    return frame, start + 1


def _with_header(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame read without a header, its first row made the column names as they are."""
    header = [str(v) for v in frame.iloc[0]] if len(frame) else []
    body = frame.iloc[1:].reset_index(drop=True)
    body.columns = pd.Index(header, dtype=object)
    return body


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
            raise InputError(Problem(f"not a readable Parquet file: {shown(exc, 200)}",
                                     source=source)) from exc
        frame = pd.DataFrame({i: table.column(i).to_pandas() for i in range(table.num_columns)})
        frame.columns = pd.Index(table.column_names, dtype=object)  # duplicates kept
        frame = frame.astype(object).where(frame.notna(), "").astype(str)
        frame.index = pd.RangeIndex(1, len(frame) + 1, name="record")
        return frame
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, keep_default_na=False,
                                  header=None)
        except Exception as exc:  # openpyxl/xlrd errors vary
            raise InputError(Problem(f"not a readable Excel file: {shown(exc, 200)}",
                                     source=source)) from exc
        frame = _with_header(frame.fillna(""))
        frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
        return frame
    text = _decode(path.read_bytes(), source, encoding)
    frame, _ = read_csv_text(text, source, delimiter)
    return frame


# --------------------------------------------------------------------------- validation
_TEXT_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
"""Characters no name or attribute value may hold: control characters (tab and newline
included), zero-width and bidirectional marks, line separators."""


def normal_names(columns: Iterable[object], aliases: dict[str, str]) -> list[str]:
    """Header names as flytt compares them: trimmed (quotes and BOM too), lower case, runs
    of spaces and hyphens as ``_``, then ``aliases`` applied (``origin`` → ``origin_code``)."""
    names = []
    for col in columns:
        clean = str(col).strip().lstrip("\ufeff").strip('"').strip().lower()
        clean = re.sub(r"[ \-]+", "_", clean)
        names.append(aliases.get(clean, clean))
    return names


def duplicate_columns(names: list[str], source: str, line: int = 1) -> list[Problem]:
    """A problem for every (normalised) name that appears again in the header ``names``."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for position, name in enumerate(names, 1):
        if name and name in seen:
            problems.append(Problem(f"appears more than once (columns {seen[name]} and "
                                    f"{position}); every column needs its own name",
                                    source=source, row=line, column=name))
        elif name:
            seen[name] = position
    return problems


def names_text(names: list[str], shown_at_most: int = 12) -> str:
    """Column names for a message: the first few, then how many there are."""
    text = ", ".join(shown(n, 40) for n in names[:shown_at_most])
    return text + (f", … ({len(names):,} columns)" if len(names) > shown_at_most else "")


def _check_header(names: list[str], spec: C.InputSpec, source: str, line: int) -> None:
    """Duplicates (after normalising), attribute names outside
    :data:`~flytt.contracts.ATTRIBUTE_PATTERN`, and too many attribute columns: an error
    before anything else is read."""
    problems = duplicate_columns(names, source, line)
    attributes = [n for n in dict.fromkeys(names)
                  if n and n not in spec.known and not n.startswith("unnamed:")]
    if spec.attributes_allowed:
        if len(attributes) > C.MAX_ATTRIBUTES:
            problems.append(Problem(
                f"{len(attributes):,} attribute columns ({names_text(attributes, 5)}); a "
                f"file may add at most {C.MAX_ATTRIBUTES}", source=source, row=line))
        else:
            problems += [Problem("not a usable column name: a letter, then letters, digits "
                                 "or '_' (at most 63 characters)", source=source, row=line,
                                 column=n) for n in attributes
                         if not C.ATTRIBUTE_PATTERN.match(n)]
    if problems:
        raise InputError(problems)


def _rows(index_name: str | None, rows: list[int]) -> str:
    """``row 3`` or ``rows 3, 5`` (``record`` for Parquet); at most five, then how many."""
    label = ("record" if index_name == "record" else "row") + ("s" if len(rows) > 1 else "")
    more = f" and {len(rows) - 5:,} more" if len(rows) > 5 else ""
    return f"{label} {', '.join(map(str, rows[:5]))}{more}"


def _problems_for(mask: pd.Series, frame: pd.DataFrame, column: str, source: str,
                  message: str) -> list[Problem]:
    return [
        Problem(message.format(value=shown(frame.at[i, column])), source=source, row=int(i),
                column=column)
        for i in frame.index[mask.to_numpy()]
    ]


def parse_numbers(values: pd.Series, column: str, source: str, *, whole: bool = True,
                  signed: bool = False, allow_missing: bool | pd.Series = False,
                  what: str = "counts are persons or moves"
                  ) -> tuple[pd.Series, list[Problem]]:
    """Parse numbers written as people write them: spaces and no-break spaces inside, a true
    minus sign (U+2212) as SSB prints it; blank, ``nan`` or an SSB symbol (``.``, ``..``,
    ``:``) is missing (NA), an error unless ``allow_missing`` (everywhere, or a boolean mask
    on ``values``' index).

    Problems: text that is not a finite number, a fraction when ``whole`` (``what`` says
    why), a negative unless ``signed``, a magnitude above :data:`~flytt.contracts.MAX_COUNT`,
    and a column whose magnitudes sum to more than :data:`~flytt.contracts.MAX_TOTAL`.
    Returns ``Int64`` when ``whole``, else ``float64``."""
    text = values.astype(str).str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    text = text.str.replace("\u2212", "-", regex=False)
    missing = (text.eq("") | text.isin(NOT_APPLICABLE_SYMBOLS)
               | text.str.lower().isin(["nan", "none", "<na>"]))
    numbers = pd.to_numeric(text.where(~missing), errors="coerce").astype("float64")
    frame = values.to_frame(column)
    problems: list[Problem] = []

    def flag(mask: pd.Series, message: str) -> None:
        problems.extend(_problems_for(mask, frame, column, source, message))

    flag(numbers.isna() & ~missing, "'{value}' is not a number")
    allowed = (pd.Series(allow_missing, index=values.index) if isinstance(allow_missing, bool)
               else allow_missing.reindex(values.index, fill_value=False))
    flag(missing & ~allowed, "missing value")
    infinite = numbers.abs().eq(float("inf"))
    flag(infinite, "'{value}' is not a finite number")
    finite = numbers.notna() & ~infinite
    value = numbers.where(finite, 0)
    frac = finite & (value % 1 != 0) if whole else finite & False
    flag(frac, f"'{{value}}' is not a whole number ({what})")
    neg = finite & (value < 0) & (not signed)
    flag(neg, "negative count '{value}'")
    big = finite & (value.abs() > C.MAX_COUNT)
    flag(big, f"'{{value}}' is larger than {C.MAX_COUNT:,} (more than the world's "
              "population): a unit or a typing error?")
    good = finite & ~frac & ~neg & ~big
    if not big.any() and float(value.where(good, 0).abs().sum()) > C.MAX_TOTAL:
        problems.append(Problem(f"the numbers sum to more than {C.MAX_TOTAL:,}", source=source,
                                column=column))
    parsed = numbers.where(good)
    return (parsed.round().astype("Int64") if whole else parsed), problems


def parse_counts(values: pd.Series, column: str, source: str,
                 allow_missing: bool | pd.Series = False) -> tuple[pd.Series, list[Problem]]:
    """Non-negative whole counts (persons or moves) up to :data:`~flytt.contracts.MAX_COUNT`,
    as :func:`parse_numbers` reads them."""
    return parse_numbers(values, column, source, allow_missing=allow_missing)


def parse_years(values: pd.Series, column: str, source: str) -> tuple[pd.Series, list[Problem]]:
    """Parse years; they must be whole numbers in [MIN_YEAR, MAX_YEAR]."""
    text = values.astype(str).str.strip()
    numbers = pd.to_numeric(text, errors="coerce").astype("float64")
    frame = values.to_frame(column)
    bad = numbers.isna() | (numbers % 1 != 0)  # inf % 1 is NaN: not a year either
    problems = _problems_for(bad, frame, column, source, "'{value}' is not a year")
    out = ~bad & ((numbers < C.MIN_YEAR) | (numbers > C.MAX_YEAR))
    problems += _problems_for(out, frame, column, source,
                              f"year '{{value}}' is out of range {C.MIN_YEAR}–{C.MAX_YEAR}")
    return numbers.where(~bad & ~out, 0).astype("int64"), problems


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
    header_line = int(frame.attrs.get("header_line", 1))
    found_columns = [str(c) for c in frame.columns]
    frame = frame.set_axis(normal_names(frame.columns, spec.aliases), axis=1)
    _check_header(list(frame.columns), spec, source, header_line)
    if spec.years and C.YEAR not in frame.columns and year is not None:
        frame[C.YEAR] = str(year)
    missing = [c for c in spec.required if c not in frame.columns]
    if missing:
        present = [c for c in frame.columns if c not in spec.known][:200]
        msgs = []
        for col in missing:
            close = difflib.get_close_matches(col, present, n=1, cutoff=0.6)
            hint = f" (found '{close[0]}': misspelled?)" if close else ""
            if col == C.YEAR:
                hint += " (or give the year with --year)"
            msgs.append(Problem(f"missing column '{col}'{shown(hint, 120)}", source=source,
                                row=header_line, column=col))
        msgs.append(Problem(f"expected columns {', '.join(spec.required)}; found "
                            f"{names_text(found_columns)}", source=source, row=header_line))
        raise InputError(msgs)
    if frame.empty:
        raise InputError(Problem("the file has a header but no rows", source=source))
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
    problems += _check_texts(frame, spec, attributes, source)
    if spec.missing_on_diagonal and not problems:
        both = (frame[C.ORIGIN].eq(C.ABROAD) & frame[C.DESTINATION].eq(C.ABROAD)
                & frame[C.MOVES].fillna(0).gt(0))  # SSB leaves that cell empty
        problems += _problems_for(both, frame, C.MOVES, source,
                                  "{value} moves from ABROAD to ABROAD: no move in, out of or "
                                  "within any region (leave the cell empty)")
    if problems:
        raise InputError(problems)
    problems += _one_name_per_code(frame, source)
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


def _check_texts(frame: pd.DataFrame, spec: C.InputSpec, attributes: list[str],
                 source: str) -> list[Problem]:
    """Strip the text columns (names, attributes) of ``frame`` in place and find values that
    cannot be right: blanks in a required name, text decoded with a wrong encoding (U+FFFD),
    control characters and bidirectional marks."""
    problems: list[Problem] = []
    for col in spec.optional + spec.required + tuple(attributes):
        if col not in frame.columns or col in spec.codes + spec.counts + spec.years:
            continue
        frame[col] = frame[col].astype(str).str.strip()
        if col in spec.required:
            problems += _problems_for(frame[col].eq(""), frame, col, source, "missing name")
        problems += _problems_for(frame[col].str.contains("\ufffd", regex=False), frame, col,
                                  source, "'{value}' contains U+FFFD: the text was decoded "
                                  "with the wrong encoding somewhere before this file")
        problems += _problems_for(frame[col].str.contains(_TEXT_UNSAFE), frame, col, source,
                                  "'{value}' holds a control character or a bidirectional "
                                  "mark; names are plain text")
    return problems


_NAME_PAIRS = ((C.ORIGIN, C.ORIGIN_NAME), (C.DESTINATION, C.DESTINATION_NAME),
               (C.REGION, C.REGION_NAME), (C.GROUP_CODE, C.GROUP_NAME), (C.CODE, C.NAME))


def _one_name_per_code(frame: pd.DataFrame, source: str) -> list[Problem]:
    """A code given two different names in one file (``0301 Oslo`` and ``0301
    Kristiania``) is a problem on the first row with the second name. In ``regions``
    (``code``, ``name``) a code may have a name per validity period."""
    pairs = [(code, name) for code, name in _NAME_PAIRS
             if code in frame.columns and name in frame.columns
             and not (name == C.NAME and C.VALID_FROM in frame.columns)]
    if not pairs:
        return []
    seen = pd.concat([frame[[code, name]].set_axis(["code", "name"], axis=1)
                      .assign(column=name, line=frame.index) for code, name in pairs])
    seen = seen[seen["name"].ne("")].drop_duplicates(["code", "name"])
    clash = seen[seen["code"].duplicated(keep=False)]
    problems = []
    for code, rows in list(clash.groupby("code", sort=False))[:20]:
        first, second = rows.iloc[0], rows.iloc[1]
        problems.append(Problem(
            f"code {shown(code)} is named '{shown(second['name'])}' here but "
            f"'{shown(first['name'])}' on row {first['line']}; one code, one name",
            source=source, row=int(second["line"]), column=str(second["column"])))
    return problems


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
    "duplicate_columns",
    "names_text",
    "normal_names",
    "parse_counts",
    "parse_numbers",
    "parse_year_range",
    "parse_years",
    "years_text",
    "read_csv_text",
    "read_input",
    "read_raw",
    "validate",
]
