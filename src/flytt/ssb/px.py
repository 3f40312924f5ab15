"""The PC-Axis (PX) file format, as StatBank delivers it with ``outputFormat=px``.

A PX file is a list of ``KEYWORD("variable")=values;`` entries ending with ``DATA=``:
the cells in row-major order over the STUB variables, then the HEADING variables.
Only the default-language entries are read.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import DataError
from ..jsonstat import Cube, Dimension
from ..readers import NOT_APPLICABLE_SYMBOLS

_KEY = re.compile(r'^([A-Za-z0-9-]+)(?:\[([\w-]+)\])?(?:\("([^"]*)"\))?$')
_TOKEN = re.compile(r'"([^"]*)"|([^\s",;]+)')


def _entries(text: str) -> tuple[list[tuple[str, str]], str]:
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
    raise DataError("not a PX file: no DATA= section")


def _strings(value: str) -> list[str]:
    """``"a","b"`` → ``[a, b]``; adjacent quoted pieces (line continuations) are joined."""
    items, cur, quoted, piece = [], [], False, ""
    for ch in value:
        if ch == '"':
            if quoted:
                cur.append(piece)
                piece = ""
            quoted = not quoted
        elif quoted:
            piece += ch
        elif ch == ",":
            items.append("".join(cur))
            cur = []
    items.append("".join(cur))
    return items


def parse_px(text: str, *, source: str = "PX file") -> tuple[pd.DataFrame, str]:
    """A tidy frame (per variable ``V``: ``V`` code and ``V_label``; then ``value``) and the
    table title, from the text of a PX file."""
    entries, data = _entries(text)
    meta: dict[tuple[str, str | None], list[str]] = {}
    for key, value in entries:
        m = _KEY.match(key)
        if m is None or m.group(2):  # unknown syntax or another language
            continue
        meta.setdefault((m.group(1).upper(), m.group(3)), _strings(value))
    stub = meta.get(("STUB", None), [])
    heading = meta.get(("HEADING", None), [])
    if not stub and not heading:
        raise DataError(f"{source}: PX file without STUB or HEADING")
    dims = []
    for var in stub + heading:
        labels = meta.get(("VALUES", var))
        if labels is None:
            raise DataError(f"{source}: PX file has no VALUES for '{var}'")
        codes = meta.get(("CODES", var), labels)
        dims.append(Dimension(var, var, tuple(codes), tuple(labels)))
    tokens = [q if q is not None and q != "" else b for q, b in _TOKEN.findall(data)]
    values = np.array([np.nan if t in NOT_APPLICABLE_SYMBOLS or t == "" else float(t)
                       for t in tokens], dtype=float)
    expected = int(np.prod([len(d) for d in dims]))
    if values.size != expected:
        raise DataError(f"{source}: PX DATA has {values.size} values, the variables give "
                        f"{expected} (file cut off?)")
    title = " ".join(meta.get(("TITLE", None), [""]))
    cube = Cube(title, "", "", tuple(dims), values, None, {})
    return cube.to_frame(), title
