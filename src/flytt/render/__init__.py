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

from ..errors import OptionError, OutputError
from ..options import FORMATS, Format, Lang
from ..output import FORMULA_TRIGGERS, check_target, csv_text, guard_formulas, write_file
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
    ``lang`` (numbers stay numbers), the footnote one empty row below, as SSB's files.
    Every text cell is stored as text, never as a formula (a name ``=HYPERLINK(…)`` shows
    as written)."""
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
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # openpyxl takes text starting with '=' for one
                    cell.data_type = "s"
    return buf.getvalue()


def render(table: object, fmt: Format, lang: Lang = "en", *,
           formula_guard: bool = True) -> str | bytes:
    """The table in ``fmt`` (text, or bytes for xlsx). ``lang`` sets the words and the
    number format of the human formats (``table``, ``md``, ``html``, the ``xlsx`` header
    row); ``csv`` and ``json-stat2`` are the same in every language. ``formula_guard``
    (default) prefixes ``'`` to CSV text cells a spreadsheet would run
    (:func:`guard_formulas`); turn it off for pipelines that want the names unchanged."""
    if fmt == "csv":
        return csv_text(table.to_frame(), formula_guard=formula_guard)  # type: ignore
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


def write(table: object, fmt: Format, out: str | Path, lang: Lang = "en", *,
          formula_guard: bool = True) -> Path:
    """Write the table to ``out`` in ``fmt`` (words of human formats in ``lang``; see
    :func:`render`) through a temporary file, so a failure leaves an older ``out`` as it
    was; returns the path."""
    return write_file(out, render(table, fmt, lang, formula_guard=formula_guard))


SUFFIXES: dict[str, Format] = {".csv": "csv", ".xlsx": "xlsx", ".html": "html",
                               ".htm": "html", ".md": "md", ".json": "json-stat2",
                               ".txt": "table"}
"""File suffix → the format it asks for."""


def format_from_suffix(path: str | Path) -> Format:
    """The format a file name asks for (:data:`SUFFIXES`); any other suffix is an
    :class:`~flytt.errors.OutputError` listing them (a file in a format no program reads
    helps nobody)."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        check_target(Path(path))  # a directory says so first
        raise OutputError(path, f"unknown suffix '{suffix or '(none)'}': use one of "
                                f"{', '.join(SUFFIXES)}, or give --format")
    return SUFFIXES[suffix]


__all__ = ["FORMATS", "FORMULA_TRIGGERS", "PLAIN_COLUMNS", "RENDERERS", "SUFFIXES",
           "TABLE_CSS", "Format", "abroad_name", "caption", "column_blocks", "csv_text", "display_frame",
           "footnote_text", "format_from_suffix", "format_number", "guard_formulas",
           "header_labels", "render", "title_text", "to_html", "to_markdown", "to_rich",
           "to_xlsx", "write"]
