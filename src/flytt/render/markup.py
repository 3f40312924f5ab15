"""Result tables as HTML and Markdown."""

from __future__ import annotations

import html
from functools import singledispatch
from typing import Any

from .. import contracts as C
from ..errors import visible
from ..options import Lang
from .text import caption, display_frame, footnote_text, header_labels

TABLE_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem;color:#1b1b1b}
table.flytt-table{border-collapse:collapse;font-size:.85rem;margin-bottom:.5rem}
table.flytt-table caption{text-align:left;font-weight:600;font-size:1rem;padding:.4rem 0}
table.flytt-table th{background:#f1f4f7;border-bottom:2px solid #8a9bab;padding:.3rem .5rem;
 text-align:right;vertical-align:bottom}
table.flytt-table th:first-child,table.flytt-table th:nth-child(2){text-align:left}
table.flytt-table td{padding:.25rem .5rem;border-bottom:1px solid #e3e7eb;white-space:nowrap}
table.flytt-table td.num{text-align:right;font-variant-numeric:tabular-nums}
table.flytt-table tr.total td{font-weight:600;background:#f7f9fb}
p.footnote{font-size:.8rem;color:#555;max-width:60rem}
"""


def _esc(text: str) -> str:
    """Text for HTML: escaped, control characters and bidirectional marks made visible."""
    return html.escape(visible(text))


def _md(text: str) -> str:
    """Text for a Markdown table cell: ``|`` escaped, no raw HTML, control characters
    visible."""
    return visible(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def html_page(body: str, title: str, lang: Lang) -> str:
    """``body`` as a standalone HTML page with flytt's table style."""
    return (f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{_esc(title)}</title><style>{TABLE_CSS}</style></head>"
            f"<body>{body}</body></html>\n")


@singledispatch
def to_html(table: Any, *, standalone: bool = True, lang: Lang = "en") -> str:
    """An HTML table (``standalone``: a whole page) with its caption and footnote in
    ``lang``; results with a renderer of their own are registered for their type."""
    frame, text_cols = display_frame(table, lang)
    labels = header_labels(table, list(frame.columns), lang)
    head = "".join(f"<th>{_esc(lab)}</th>" for lab in labels)
    rows = []
    for _, row in frame.iterrows():
        cls = ' class="total"' if row.iloc[0] == C.TOTAL else ""
        cells = "".join(
            f'<td class="{"text" if c in text_cols else "num"}">{_esc(v)}</td>'
            for c, v in zip(frame.columns, row))
        rows.append(f"<tr{cls}>{cells}</tr>")
    body = (f'<table class="flytt-table"><caption>{_esc(caption(table, lang))}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    footnote = footnote_text(table, lang)
    if footnote:
        body += f'<p class="footnote">{_esc(footnote)}</p>'
    return html_page(body, caption(table, lang), lang) if standalone else body


@singledispatch
def to_markdown(table: Any, lang: Lang = "en") -> str:
    """A Markdown table with its caption (bold) and footnote in ``lang``."""
    frame, text_cols = display_frame(table, lang)
    labels = header_labels(table, list(frame.columns), lang)
    lines = [f"**{_md(caption(table, lang))}**", "", "| " + " | ".join(map(_md, labels)) + " |",
             "|" + "|".join("---" if c in text_cols else "---:" for c in frame.columns) + "|"]
    for _, row in frame.iterrows():
        lines.append("| " + " | ".join(_md(v) for v in row) + " |")
    footnote = footnote_text(table, lang)
    if footnote:
        lines += ["", _md(footnote)]
    return "\n".join(lines) + "\n"


__all__ = ["TABLE_CSS", "html_page", "to_html", "to_markdown"]
