"""The words and numbers of a result table for people, in one language.

Every renderer (terminal, HTML, Markdown, the XLSX header row) takes its title, footnote,
headings, row names and numbers from here, and these from :mod:`flytt.i18n`.
"""

from __future__ import annotations

import pandas as pd

from .. import contracts as C
from ..errors import visible
from ..i18n import CATALOG, Message, number, text_or
from ..options import Lang

PLAIN_COLUMNS = frozenset({C.YEAR, C.AGE, "rank", "period", "from_year", "to_year"})
"""Numeric columns shown without thousands separators (a year is 2019, not 2 019)."""
ROW_KEYS = {"The whole country": "tables.row.whole_country", "Total": "tables.row.total",
            "Abroad": "tables.row.abroad"}
"""The names the data give the whole-country, total and abroad rows → their catalog keys."""


def format_number(value: object, decimals: int = 0, lang: Lang = "en") -> str:
    """``-12345`` → ``-12 345`` (en) / ``−12 345`` (nb); missing → ``.`` (SSB's symbol);
    text passes through. See :func:`flytt.i18n.number`."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "."
    if isinstance(value, str):
        return value
    try:
        as_float = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return number(as_float, lang, decimals)


def messages_text(messages: tuple[Message, ...] | list[Message], lang: Lang) -> str:
    """Messages as one paragraph in ``lang``."""
    return " ".join(m.text(lang) for m in messages)


def title_text(table: object, lang: Lang = "en") -> str:
    """The table's title in ``lang``: its ``title_message`` (a result of the core), else its
    ``title`` (a table a face titled itself)."""
    message = getattr(table, "title_message", None)
    return message.text(lang) if message is not None else str(getattr(table, "title", ""))


def footnote_text(table: object, lang: Lang = "en") -> str:
    """The table's footnote in ``lang`` (``footnote_messages``, else ``footnote``)."""
    messages = getattr(table, "footnote_messages", None)
    if messages is not None:
        return messages_text(messages, lang)
    return str(getattr(table, "footnote", "") or "")


def caption(table: object, lang: Lang = "en") -> str:
    """The title, then the table's year if it has one."""
    title = title_text(table, lang)
    year = getattr(table, "year", None)
    return f"{title}, {year}" if year is not None else title


def header(column: str, lang: Lang = "en") -> str:
    """The heading of ``column`` for people (``column.<name>`` in the catalog, else the name
    with spaces)."""
    return text_or(f"column.{column}", column.replace("_", " "), lang)


def short_header(column: str, lang: Lang = "en") -> str | None:
    """The narrow two-line heading of an SSB table column in the terminal, if it has one."""
    key = f"column.short.{column}"
    return text_or(key, "", lang) or None


def row_name(name: str, lang: Lang = "en") -> str:
    """A whole-country, total or abroad row's name in ``lang``; other names unchanged."""
    key = ROW_KEYS.get(name)
    return CATALOG[key][lang] if key else name


def abroad_name(table: object, lang: Lang = "en") -> str:
    """The name of ``ABROAD`` as the table's row shows it: the data's own name, else Abroad
    (Utlandet in Norwegian); the same for its column."""
    name = (getattr(table, "names", {}) or {}).get(C.ABROAD) or "Abroad"
    return row_name(name, lang)


def header_labels(table: object, columns: list[str], lang: Lang = "en") -> list[str]:
    """Column headers for people: region codes get their names (``03 Oslo``), other columns
    their :func:`header`."""
    names = getattr(table, "names", {}) or {}
    labels = []
    for col in columns:
        if col in names and col not in (C.REGION, C.ORIGIN):
            labels.append(f"{col} {names[col]}" if col != C.ABROAD else abroad_name(table, lang))
        else:
            labels.append(header(col, lang))
    return labels


def with_row_names(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``frame`` with the names of its whole-country, total and abroad rows in ``lang``
    (tables that start with a region code and its name; others unchanged)."""
    if len(frame.columns) < 2 or frame.columns[0] not in (C.REGION, C.ORIGIN):
        return frame
    code_col, name_col = frame.columns[0], frame.columns[1]
    special = frame[code_col].isin([C.TOTAL, C.ABROAD])
    out = frame.copy()
    out.loc[special, name_col] = [row_name(v, lang) for v in frame.loc[special, name_col]]
    return out


def display_frame(table: object, lang: Lang = "en") -> tuple[pd.DataFrame, list[str]]:
    """A frame of display strings for a result table and the names of its text columns.

    Works on anything with ``to_frame()``; net tables get ``-`` on the diagonal and blank
    upper triangles as printed by SSB; numbers and row names are in ``lang``. Control
    characters and bidirectional marks in text are shown as escapes (``\\x1b``), so a name
    cannot steer the terminal or reverse a page.
    """
    frame = table.to_frame()  # type: ignore[attr-defined]
    text_cols = [c for c in frame.columns if frame[c].dtype == object or
                 pd.api.types.is_string_dtype(frame[c])]
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        if col in text_cols or col in PLAIN_COLUMNS:
            out[col] = [("." if pd.isna(v) else visible(str(v))) for v in frame[col]]
        elif pd.api.types.is_float_dtype(frame[col]):
            out[col] = [format_number(v, 2, lang) for v in frame[col]]
        else:
            out[col] = [format_number(v, 0, lang) for v in frame[col]]
    out = with_row_names(out, lang)
    if getattr(table, "kind", "") == "net":
        codes = list(frame[C.REGION])
        for i, code in enumerate(codes):
            for j, other in enumerate(codes):
                out.at[i, other] = "-" if i == j else ("" if j > i else out.at[i, other])
    return out, text_cols


__all__ = ["PLAIN_COLUMNS", "abroad_name", "caption", "display_frame", "footnote_text",
           "format_number", "header", "header_labels", "messages_text", "row_name",
           "short_header", "title_text", "with_row_names"]
