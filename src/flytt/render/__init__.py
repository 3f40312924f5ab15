"""Formatting of result tables for people and for other programs (a face of flytt).

Machine formats (``csv``, ``json-stat2``) carry plain numbers at full precision and the
contract's column names in every language; human formats (terminal, ``html``, ``md``,
``xlsx`` headers) use SSB's conventions and the catalog's words in ``lang``: a space as
thousands separator, ``.`` for *not applicable*, ``-`` on the diagonal of a net matrix.

Each human format is a ``functools.singledispatch`` function: the generic version draws any
result with ``to_frame()`` and a title (``title_message`` or ``title``); results that need
more (the shaded drivers table, the barometer's code-and-name rows) have renderers of their
own, registered lazily for their types when a result of that package is first rendered
(:data:`RENDERERS`), as pandera registers one backend per engine.
"""

from __future__ import annotations

import importlib
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import OptionError
from ..options import FORMATS, Format, Lang
from . import markup, terminal
from .markup import TABLE_CSS
from .terminal import column_blocks
from .text import (
    PLAIN_COLUMNS,
    abroad_name,
    caption,
    display_frame,
    footnote_text,
    format_number,
    header_labels,
    title_text,
    with_row_names,
)

RENDERERS: dict[str, str] = {"flytt.barometer": "flytt.render.barometer"}
"""Core package → the module that registers renderers for its result types."""


def _load_renderers(table: object) -> None:
    module = type(table).__module__
    for package, renderers in RENDERERS.items():
        if module == package or module.startswith(package + "."):
            importlib.import_module(renderers)


def to_rich(table: object, width: int | None = None, lang: Lang = "en") -> Any:
    """The table as a rich renderable for a ``width``-character terminal (default: the
    console's), words and numbers in ``lang``."""
    _load_renderers(table)
    return terminal.to_rich(table, width, lang)


def to_html(table: object, *, standalone: bool = True, lang: Lang = "en") -> str:
    """The table as HTML (``standalone``: a whole page), words and numbers in ``lang``."""
    _load_renderers(table)
    return markup.to_html(table, standalone=standalone, lang=lang)


def to_markdown(table: object, lang: Lang = "en") -> str:
    """The table as Markdown, words and numbers in ``lang``."""
    _load_renderers(table)
    return markup.to_markdown(table, lang)


def to_xlsx(table: object, lang: Lang = "en") -> bytes:
    """An Excel workbook: the caption in the first row, the table below with headings in
    ``lang`` (numbers stay numbers), the footnote one empty row below, as SSB's files."""
    buf = io.BytesIO()
    frame = table.to_frame()  # type: ignore[attr-defined]
    if lang != "en":
        frame = with_row_names(frame, lang)
        frame = frame.set_axis(header_labels(table, [str(c) for c in frame.columns], lang),
                               axis=1)
    sheet_name = str(getattr(table, "kind", "table"))
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet_name, startrow=1)
        sheet = writer.sheets[sheet_name]
        sheet.cell(row=1, column=1, value=caption(table, lang))
        footnote = footnote_text(table, lang)
        if footnote:
            sheet.cell(row=len(frame) + 4, column=1, value=footnote)
    return buf.getvalue()


def render(table: object, fmt: Format, lang: Lang = "en") -> str | bytes:
    """The table in ``fmt`` (text, or bytes for xlsx). ``lang`` sets the words and the
    number format of the human formats (``table``, ``md``, ``html``, the ``xlsx`` header
    row); ``csv`` and ``json-stat2`` are the same in every language."""
    if fmt == "csv":
        return table.to_frame().to_csv(index=False, lineterminator="\n")  # type: ignore
    if fmt == "md":
        return to_markdown(table, lang)
    if fmt == "html":
        return to_html(table, lang=lang)
    if fmt == "json-stat2":
        from ..jsonstat import encode_table

        return json.dumps(encode_table(table), ensure_ascii=False, indent=1,
                          allow_nan=False) + "\n"  # JSON has no NaN: fail here, not in a reader
    if fmt == "xlsx":
        return to_xlsx(table, lang)
    if fmt == "table":
        from rich.console import Console

        console = Console(file=io.StringIO(), width=160, color_system=None)
        console.print(to_rich(table, width=160, lang=lang))
        return console.file.getvalue()  # type: ignore[attr-defined]
    raise OptionError("fmt", fmt, FORMATS)


def write(table: object, fmt: Format, out: str | Path, lang: Lang = "en") -> Path:
    """Write the table to ``out`` in ``fmt`` (words of human formats in ``lang``);
    returns the path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    content = render(table, fmt, lang)
    if isinstance(content, bytes):
        out.write_bytes(content)
    else:
        out.write_text(content, encoding="utf-8")
    return out


def format_from_suffix(path: str | Path) -> Format | None:
    """The format a file name asks for (``.csv``, ``.xlsx``, ``.html``, ``.md``, ``.json``,
    ``.txt``), or None."""
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".md": "md",
            ".json": "json-stat2", ".txt": "table"}.get(suffix)  # type: ignore[return-value]


__all__ = ["FORMATS", "PLAIN_COLUMNS", "RENDERERS", "TABLE_CSS", "Format", "abroad_name",
           "caption", "column_blocks", "display_frame", "footnote_text", "format_from_suffix",
           "format_number", "header_labels", "render", "title_text", "to_html", "to_markdown",
           "to_rich", "to_xlsx", "write"]
