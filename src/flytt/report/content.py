"""What a report section holds: figures, tables and notes (built by :mod:`.sections`,
written by :mod:`.page`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    """A chart with a file stem (``figures/<stem>.png`` / ``.svg``) and a caption."""

    stem: str
    chart: Any
    """An Altair chart (unconfigured; the writer applies the flytt theme)."""
    caption: str = ""


@dataclass(frozen=True)
class Table:
    """A table written as HTML in the page and as CSV, Excel and Markdown files."""

    stem: str
    table: Any
    """An SSB table or a :class:`flytt.tables.FrameTable`: has ``to_frame()``, ``title``, ``footnote``."""


@dataclass(frozen=True)
class Note:
    """A paragraph of text; ``missing`` notes say a part could not be made and why."""

    text: str
    missing: bool = False


Item = Figure | Table | Note


@dataclass
class Section:
    """One numbered part of the report."""

    id: str
    title: str
    intro: str = ""
    items: list[Item] = field(default_factory=list)

    @property
    def missing(self) -> list[Note]:
        return [i for i in self.items if isinstance(i, Note) and i.missing]
