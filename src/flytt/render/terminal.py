"""Result tables in the terminal (rich), split into column blocks that fit the width."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from .. import contracts as C
from ..errors import visible
from ..options import Lang
from .text import abroad_name, caption, display_frame, footnote_text, header_labels, short_header

LABEL_MIN = 24
"""Row labels (code and name) are cut to a third of the terminal width, at least this."""
COLUMN_GAP = 3
"""Characters a terminal table column takes beyond its text (padding and separator)."""


def column_blocks(widths: dict[str, int], room: int) -> list[list[str]]:
    """Consecutive columns (``widths`` in characters, gaps included) grouped into blocks
    of at most ``room`` characters, as SSB prints wide tables over several pages; every
    block has at least one column."""
    blocks: list[list[str]] = [[]]
    used = 0
    for col, w in widths.items():
        if blocks[-1] and used + w > room:
            blocks.append([])
            used = 0
        blocks[-1].append(col)
        used += w
    return blocks


def two_lines(heading: str) -> str:
    """A heading of several words split into two lines at the space nearest its middle."""
    if len(heading) <= 10 or " " not in heading:
        return heading
    spaces = [i for i, ch in enumerate(heading) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(heading) / 2))
    return heading[:cut] + "\n" + heading[cut + 1:]


def console_width(width: int | None) -> int:
    """``width``, else the width of the terminal."""
    if width:
        return width
    from rich.console import Console

    return Console().width


@singledispatch
def to_rich(table: Any, width: int | None = None, lang: Lang = "en") -> Any:
    """Rich tables for the terminal (a ``rich.console.Group``), split into column blocks
    that fit ``width`` (as SSB prints wide matrices over several pages); each block repeats
    the row label: the region (code and name) when the table starts with a code and a name
    column, else its first column. Results with a renderer of their own are registered for
    their type (:mod:`flytt.render.barometer`)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    width = console_width(width)
    frame, text_cols = display_frame(table, lang)
    code_col = frame.columns[0]
    total = short_header("total", lang) or "Total"
    abroad = abroad_name(table, lang)
    paired = (len(frame.columns) > 1 and str(code_col).endswith("_code")
              and frame.columns[1] == str(code_col).removesuffix("_code") + "_name")
    if paired:
        labels = [(n or total) if c == C.TOTAL else (n or abroad)
                  if c == C.ABROAD else f"{c} {n}" if c != n else c
                  for c, n in zip(frame[code_col], frame[frame.columns[1]])]
        label_header, value_cols = "", list(frame.columns[2:])
    else:
        labels = list(frame[code_col])
        label_header = header_labels(table, [str(code_col)], lang)[0]
        value_cols = list(frame.columns[1:])
    names = getattr(table, "names", {}) or {}
    headers = {c: abroad if c == C.ABROAD else short_header(c, lang) or (
        f"{c}\n{names[c]}" if c in names else two_lines(header_labels(table, [str(c)],
                                                                        lang)[0]))
        for c in value_cols}
    limit = max(LABEL_MIN, width // 3)  # long names shortened so numbers fit beside them
    labels = [x if len(x) <= limit else x[:limit - 1].rstrip() + "…" for x in labels]
    label_width = max(len(x) for x in labels + [""]) + COLUMN_GAP
    col_width = {c: max([len(v) for v in frame[c]] + [max(len(p) for p in
                                                          headers[c].split("\n"))]) + COLUMN_GAP
                 for c in value_cols}
    blocks = column_blocks(col_width, width - label_width)
    parts: list[Text | Table] = []
    for i, block in enumerate(blocks):
        # the title as its own line, so a narrow last block does not wrap it
        parts.append(Text(visible(caption(table, lang)) + (f" ({i + 1}/{len(blocks)})"
                                                           if len(blocks) > 1 else ""),
                          style="bold"))
        t = Table(header_style="bold", pad_edge=True)
        t.add_column(Text(visible(label_header)), justify="left", no_wrap=True)
        for c in block:  # Text, never markup: a name such as '[red]' shows as written
            t.add_column(Text(visible(headers[c])), justify="left" if c in text_cols
                         else "right", no_wrap=True)
        for label, (_, row) in zip(labels, frame.iterrows()):
            t.add_row(Text(label), *[Text(row[c]) for c in block],
                      style="bold" if row[code_col] == C.TOTAL else None)
        parts.append(t)
    footnote = footnote_text(table, lang)
    if footnote:
        parts.append(Text(visible(footnote), style="dim"))
    return Group(*parts)


__all__ = ["COLUMN_GAP", "LABEL_MIN", "column_blocks", "console_width", "to_rich",
           "two_lines"]
