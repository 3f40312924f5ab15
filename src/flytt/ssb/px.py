"""The PC-Axis (PX) file format, as StatBank delivers it with ``outputFormat=px``
(Statistics Sweden's "PX-file format specification", 2013).

A PX file is a list of ``KEYWORD[lang]("variable","value")=values;`` entries ending with
``DATA=``: the cells in row-major order over the STUB variables, then the HEADING
variables, separated by blanks, tabs, newlines, commas or semicolons; numbers unquoted,
symbols quoted (``".."``). A value may run over several lines as adjacent quoted pieces
(``"a"`` newline ``"b"`` is ``"ab"``). The bytes are decoded with the declared
``CODEPAGE``. Keys with a language (``TITLE[en]=``) are read only when that language is
asked for; keys without one are the file's default ``LANGUAGE``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import DataError, InputError, shown
from ..jsonstat import Cube, Dimension, symbols
from .formats import NIL, SSB_SYMBOLS

_KEY = re.compile(r'^([A-Za-z0-9-]+)(?:\[([\w-]+)\])?(?:\((.*)\))?$', re.DOTALL)
_TOKEN = re.compile(r'"([^"]*)"|([^\s",;]+)')
_CODEPAGE = re.compile(rb'CODEPAGE\s*=\s*"([^"]+)"')
_DOTS = tuple("." * n for n in range(1, 7))
"""The symbols ``.`` to ``......`` whose meaning ``DATASYMBOL1``..``6`` declare."""
_NOTE_KEYS = frozenset({"NOTE", "NOTEX", "VALUENOTE", "VALUENOTEX", "UNITS", "SOURCE",
                        "CONTACT"})
"""Keywords whose texts are the table's footnotes (:attr:`Cube.notes`), in file order."""

Meta = dict[tuple[str, tuple[str, ...]], list[str]]
"""``(KEYWORD, specifier strings)`` → the entry's strings."""


def _entries(text: str, source: str) -> tuple[list[tuple[str, str]], str]:
    """Split into (key, raw value) pairs until ``DATA=``; return them and the data text."""
    entries: list[tuple[str, str]] = []
    start, quoted = 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == "=" and not quoted and text[start:i].strip() == "DATA":
            end = text.rfind(";")
            return entries, text[i + 1:end if end > i else len(text)]
        elif ch == ";" and not quoted:
            key, sep, value = text[start:i].partition("=")
            if sep:
                entries.append((key.strip(), value.strip()))
            start = i + 1
    raise DataError(f"{source}: not a PX file: no DATA= section")


def _strings(value: str) -> list[str]:
    """``"a","b"`` → ``[a, b]``; adjacent quoted pieces (line continuations) are joined;
    unquoted items (``YES``, ``2``) are kept as written."""
    items, cur, quoted, piece, bare = [], [], False, "", ""
    for ch in value:
        if ch == '"':
            if quoted:
                cur.append(piece)
                piece = ""
            quoted = not quoted
        elif quoted:
            piece += ch
        elif ch == ",":
            items.append("".join(cur) if cur else bare.strip())
            cur, bare = [], ""
        else:
            bare += ch
    items.append("".join(cur) if cur else bare.strip())
    return items


def _meta(entries: list[tuple[str, str]], lang: str | None,
          source: str) -> tuple[Meta, list[tuple[str, list[str]]]]:
    """The entries of the default language, those of ``lang`` taking their place; and the
    note texts (keyword, strings) of the chosen language in file order."""
    default: Meta = {}
    chosen: Meta = {}
    languages: set[str] = set()
    notes: list[tuple[str, str | None, list[str]]] = []
    for key, value in entries:
        m = _KEY.match(key)
        if m is None:
            continue
        keyword, key_lang = m.group(1).upper(), m.group(2)
        spec = tuple(_strings(m.group(3))) if m.group(3) is not None else ()
        strings = _strings(value)
        if key_lang:
            languages.add(key_lang)
        target = default if key_lang is None else chosen if key_lang == lang else None
        if target is None:
            continue
        target.setdefault((keyword, spec), strings)
        if keyword in _NOTE_KEYS:
            notes.append((keyword, key_lang, strings))
    base = (default.get(("LANGUAGE", ()), [""])[0] or None)
    if lang is not None and lang != base and lang not in languages:
        have = ", ".join(sorted(languages | {base or "default"}))
        raise InputError(f"{source}: the PX file has no entries in language "
                         f"{shown(lang)} (it has {have})")
    if lang is None or lang == base:
        return default, [(k, s) for k, _, s in notes]
    translated = {k for k, key_lang, _ in notes if key_lang}
    return {**default, **chosen}, [(k, s) for k, key_lang, s in notes
                                   if key_lang or k not in translated]


def _variables(default: Meta, meta: Meta, lang_used: bool) -> list[tuple[str, str]]:
    """``(name in the chosen language, name in the default language)`` of the STUB then
    HEADING variables."""
    names = meta.get(("STUB", ()), []) + meta.get(("HEADING", ()), [])
    base = default.get(("STUB", ()), []) + default.get(("HEADING", ()), [])
    if not lang_used or len(base) != len(names):
        base = names
    return [(n, b) for n, b in zip(names, base) if n]


def _symbols(meta: Meta) -> dict[str, str]:
    """Symbol → meaning: SSB's defaults, overridden by ``DATASYMBOL1``..``6`` (for ``.`` to
    ``......``), ``DATASYMBOLNIL`` (for ``-``) and ``DATANOTESUM`` (its own symbol: a sum
    including cells with notes)."""
    labels = dict(SSB_SYMBOLS)
    for n, dots in enumerate(_DOTS, start=1):
        if (text := meta.get((f"DATASYMBOL{n}", ()))) and text[0]:
            labels[dots] = text[0]
    if (text := meta.get(("DATASYMBOLNIL", ()))) and text[0]:
        labels[NIL] = text[0]
    if (text := meta.get(("DATANOTESUM", ()))) and text[0]:
        labels[text[0]] = "sum including cells with notes"
    return labels


def _cells(data: str, known: set[str], expected: int,
           source: str) -> tuple[np.ndarray, pd.Categorical | None]:
    """The DATA cells as floats (NaN for a missing symbol, 0 for nil) and the symbols
    (``""`` for a number; None when there is none)."""
    quoted = '"' in data
    tokens = ([q or b for q, b in _TOKEN.findall(data)] if quoted
              else data.replace(",", " ").replace(";", " ").split())
    if len(tokens) != expected:
        raise DataError(f"{source}: PX DATA has {len(tokens):,} values, the variables give "
                        f"{expected:,} (file cut off?)")
    cells = np.array(tokens, dtype=object)
    is_symbol = np.isin(cells, list(known))
    text = pd.Series(np.where(is_symbol, "", cells), dtype="str").str.replace(",", ".")
    numbers = np.array(pd.to_numeric(text, errors="coerce"), dtype=float)
    bad = np.isnan(numbers) & ~is_symbol
    if bad.any():
        first = int(np.argmax(bad))
        raise DataError(f"{source}: PX DATA cell {first + 1:,} is {shown(cells[first])}, "
                        "neither a number nor a symbol")
    if not is_symbol.any():
        return numbers, None
    numbers[cells == NIL] = 0.0
    return numbers, symbols(np.where(is_symbol, cells, ""))


def _timestamp(text: str) -> str:
    """PX ``"20220223 08:00"`` → ``"2022-02-23T08:00"`` (else as written)."""
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})\s*(\d{2}:\d{2})?", text.strip())
    if m is None:
        return text.strip()
    day = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return f"{day}T{m.group(4)}" if m.group(4) else day


def _first(meta: Meta, keyword: str) -> str:
    return " ".join(meta.get((keyword, ()), [""])).strip()


def parse_px_text(text: str, *, source: str = "PX file", lang: str | None = None) -> Cube:
    """A :class:`Cube` from the text of a PX file (``lang``: read that language's entries,
    e.g. ``"en"``, where the file has them; None = the file's default language)."""
    entries, data = _entries(text, source)
    meta, note_entries = _meta(entries, lang, source)
    default = _meta(entries, None, source)[0] if lang is not None else meta
    variables = _variables(default, meta, lang is not None)
    if not variables:
        raise DataError(f"{source}: PX file without STUB or HEADING")
    dims: list[Dimension] = []
    roles: dict[str, list[str]] = {"time": [], "geo": [], "metric": []}
    contvariable = _first(meta, "CONTVARIABLE")
    for var, base in variables:
        labels = meta.get(("VALUES", (var,)))
        if labels is None:
            raise DataError(f"{source}: PX file has no VALUES for {shown(var)}")
        codes = meta.get(("CODES", (var,))) or default.get(("CODES", (base,))) or labels
        if len(codes) != len(labels):
            raise DataError(f"{source}: PX variable {shown(var)} has {len(codes)} CODES and "
                            f"{len(labels)} VALUES")
        elimination = meta.get(("ELIMINATION", (var,)), ["NO"])[0].upper() != "NO"
        dims.append(Dimension(var, var, tuple(codes), tuple(labels), elimination))
        if ("TIMEVAL", (var,)) in meta:
            roles["time"].append(var)
        if ("MAP", (var,)) in meta:
            roles["geo"].append(var)
        if var == contvariable:
            roles["metric"].append(var)
    meanings = _symbols(meta)
    expected = int(np.prod([len(d) for d in dims], dtype=np.int64))
    values, status = _cells(data, set(meanings) | set(_DOTS), expected, source)
    notes = [" ".join(s for s in strings if s) for _, strings in note_entries]
    table_id = _first(meta, "TABLEID") or _first(meta, "MATRIX")
    return Cube(
        label=_first(meta, "TITLE") or _first(meta, "CONTENTS"),
        source=_first(meta, "SOURCE"),
        updated=_timestamp(_first(meta, "LAST-UPDATED")),
        dimensions=tuple(dims),
        values=values,
        status=status,
        roles={role: ids for role, ids in roles.items() if ids},
        notes=tuple(dict.fromkeys(n for n in notes if n)),
        table_id=table_id,
        status_labels={k: v for k, v in meanings.items() if SSB_SYMBOLS.get(k) != v},
    )


def px_text(content: bytes, *, source: str) -> str:
    """The text of a PX file: decoded with its ``CODEPAGE`` (``iso-8859-1``,
    ``windows-1252``, ``utf-8``, ...), else with the readers' tolerant decoding."""
    from ..readers import _decode

    m = _CODEPAGE.search(content[:20_000])
    if m is None:
        return _decode(content, source, None)
    codepage = m.group(1).decode("ascii", errors="replace").strip()
    try:
        return content.decode(codepage).lstrip("\ufeff")
    except LookupError as exc:
        raise InputError(f"{source}: unknown PX CODEPAGE {shown(codepage)}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: the PX file is not valid {shown(codepage)} (its "
                         f"CODEPAGE) at byte {exc.start:,}") from exc


def parse_px_bytes(content: bytes, *, source: str = "PX file",
                   lang: str | None = None) -> Cube:
    """:func:`parse_px_text` of a PX file's bytes (see :func:`px_text`)."""
    return parse_px_text(px_text(content, source=source), source=source, lang=lang)


def parse_px(text: str, *, source: str = "PX file") -> tuple[pd.DataFrame, str]:
    """A tidy frame (per variable ``V``: ``V`` code and ``V_label``; then ``value`` and
    ``status`` when a cell has a symbol) and the table title, from the text of a PX file."""
    cube = parse_px_text(text, source=source)
    return cube.to_frame(), cube.label
