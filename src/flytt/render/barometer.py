"""Renderers of the barometer's results (registered for their types on first use).

* :class:`~flytt.barometer.BarometerResult`: the generic table with each row labelled by
  code and name, rank first.
* :class:`~flytt.barometer.drivers.DriversResult`: seed 003's Tables 1–8, standardized
  betas shaded dark for p < 0.01 and light for 0.01 ≤ p < 0.1 (blue positive, red
  negative), period columns paged to the terminal's width.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import contracts as C
from ..barometer.drivers import DriversResult, significance
from ..barometer.index import BarometerResult
from ..errors import visible
from ..i18n import number, text, text_or
from ..options import Lang
from ..tables import FrameTable
from . import markup, terminal
from .text import footnote_text, title_text

SHADES = {("pos", "strong"): "#2166ac", ("pos", "weak"): "#a6cbe3",
          ("neg", "strong"): "#b2182b", ("neg", "weak"): "#f4a9a0"}
"""The seed's cell colours by significance band (:func:`flytt.barometer.drivers.significance`)."""
DARK = {SHADES[("pos", "strong")], SHADES[("neg", "strong")]}


def shade(beta: float, p: float) -> str | None:
    """The seed's cell colour for a beta and its p-value (None: not significant)."""
    band = significance(beta, p)
    return SHADES[band] if band is not None else None


# --------------------------------------------------------------------------- barometer
def _labelled(result: BarometerResult, lang: Lang) -> FrameTable:
    """The published table with code and name first (the row label), in ``lang``."""
    frame = result.to_frame()
    first = [C.REGION, C.REGION_NAME]
    return FrameTable(result.kind, title_text(result, lang),
                      frame[first + [c for c in frame.columns if c not in first]],
                      footnote_text(result, lang))


@terminal.to_rich.register
def _(result: BarometerResult, width: int | None = None, lang: Lang = "en") -> Any:
    return terminal.to_rich(_labelled(result, lang), width, lang)


# --------------------------------------------------------------------------- drivers
def _number(value: float, lang: Lang, whole: bool = False) -> str:
    """A beta or R² with 2 decimals (``whole``: a count)."""
    return "" if pd.isna(value) else number(value, lang, 0 if whole else 2)


@dataclass(frozen=True)
class DriverCells:
    """The drivers table as rows of (label, [(text, colour or None, is_beta)]) in ``lang``."""

    columns: list[str]
    rows: list[tuple[str, list[tuple[str, str | None, bool]]]]

    @classmethod
    def of(cls, result: DriversResult, lang: Lang) -> DriverCells:
        betas, pvals, full = result.table("beta"), result.table("p_value"), result.to_frame()
        rows = []
        for _, row in full.iterrows():
            driver = row["driver"]
            is_beta = driver in betas.index
            cells = []
            for col in betas.columns:
                v = row[col]
                colour = (shade(v, pvals.at[driver, col]) if is_beta and not pd.isna(v)
                          else None)
                cells.append((_number(v, lang, driver == "n"), colour, is_beta))
            rows.append((text_or(f"drivers.label.{driver}", driver, lang), cells))
        return cls(list(betas.columns), rows)


def _messages(result: DriversResult, lang: Lang) -> list[str]:
    return [m.text(lang) for m in result.messages()]


@markup.to_html.register
def _(result: DriversResult, *, standalone: bool = True, lang: Lang = "en") -> str:
    cells = DriverCells.of(result, lang)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in [text("drivers.driver", lang)]
                   + cells.columns)
    rows = []
    for label, values in cells.rows:
        tds = [f'<td class="text">{html.escape(label)}</td>']
        for value, colour, _ in values:
            style = (f' style="background:{colour};color:{"#fff" if colour in DARK else "#111"}"'
                     if colour else "")
            tds.append(f'<td class="num"{style}>{value}</td>')
        rows.append(f"<tr>{''.join(tds)}</tr>")
    title = title_text(result, lang)
    body = (f'<table class="flytt-table"><caption>{html.escape(title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'<p class="footnote">{html.escape(footnote_text(result, lang))}</p>'
            + "".join(f'<p class="footnote">{html.escape(m)}</p>'
                      for m in _messages(result, lang)))
    return markup.html_page(body, title, lang) if standalone else body


@markup.to_markdown.register
def _(result: DriversResult, lang: Lang = "en") -> str:
    cells = DriverCells.of(result, lang)
    lines = [f"**{title_text(result, lang)}**", "",
             "| " + " | ".join([text("drivers.driver", lang)] + cells.columns) + " |",
             "|---|" + "---:|" * len(cells.columns)]
    for label, values in cells.rows:  # significant betas in bold (Markdown has no shading)
        lines.append("| " + " | ".join([label] + [f"**{v}**" if colour else v
                                                  for v, colour, _ in values]) + " |")
    return "\n".join(lines + ["", footnote_text(result, lang), *_messages(result, lang)]) + "\n"


@dataclass(frozen=True)
class PagedDrivers:
    """The drivers table as a rich renderable paged to ``width`` (or the console's width)."""

    result: DriversResult
    width: int | None
    lang: Lang

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield from rich_blocks(self.result, self.width or options.max_width, self.lang)


@terminal.to_rich.register
def _(result: DriversResult, width: int | None = None, lang: Lang = "en") -> Any:
    return PagedDrivers(result, width, lang)


def rich_blocks(result: DriversResult, width: int, lang: Lang) -> list[Any]:
    """The shaded table in column blocks that fit ``width`` characters, each repeating the
    driver column and numbered (1/n), then the footnote and the messages."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cells = DriverCells.of(result, lang)
    texts = {col: [Text(values[i][0], style=(f"on {values[i][1]}" if values[i][1] else "")
                        if values[i][2] else "dim")
                   for _, values in cells.rows]
             for i, col in enumerate(cells.columns)}
    labels = [label for label, _ in cells.rows]
    header = text("drivers.driver", lang)
    label_width = min(max(len(x) for x in labels + [header]), max(14, width // 2))
    widths = {c: max(len(c), *(len(t.plain) for t in texts[c])) + terminal.COLUMN_GAP
              for c in cells.columns}
    blocks = terminal.column_blocks(widths, width - label_width - 1)
    title = title_text(result, lang)
    parts: list[Any] = []
    for i, block in enumerate(blocks):
        numbered = f" ({i + 1}/{len(blocks)})" if len(blocks) > 1 else ""
        parts.append(Text(title + numbered, style="bold"))
        table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(header, overflow="fold", width=label_width)
        for col in block:
            table.add_column(col, justify="right", no_wrap=True)
        for j, label in enumerate(labels):
            table.add_row(Text(visible(label)), *(texts[col][j] for col in block))
        parts.append(table)
    return parts + [Text(footnote_text(result, lang), style="dim"),
                    *(Text(m, style="yellow") for m in _messages(result, lang))]


__all__ = ["SHADES", "DriverCells", "PagedDrivers", "rich_blocks", "shade"]
