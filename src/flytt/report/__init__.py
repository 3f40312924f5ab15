"""The flytt report: every analysis on built-in data in one self-contained HTML page
(charts live, Vega inlined, works offline), each figure as PNG and SVG, each table as
CSV, Excel and Markdown, and optionally a PDF printed by headless Chromium.

>>> from flytt.report import build_report
>>> result = build_report("flytt-report", lang="nb")  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..options import Lang
from .content import Section
from .sections import Context, build_sections, ssb_tables


@dataclass
class ReportResult:
    """Where the report went and what it holds."""

    out_dir: Path
    index: Path
    files: list[Path] = field(default_factory=list)
    tables: list[object] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    pdf: Path | None = None

    @property
    def missing(self) -> list[str]:
        """Titles of sections that could not be made (shown as notes in the page)."""
        return [s.title for s in self.sections if s.missing]


def check_out_dir(out_dir: str | Path, name: str = "out_dir") -> Path:
    """``out_dir`` as a :class:`Path`, or :class:`~flytt.errors.InputError` when it, or a
    folder it would be created in, is an existing file (``name`` is shown in the message)."""
    from ..paths import check_output_dir

    return check_output_dir(out_dir, name, "the report is written into a folder: choose a "
                            "new or existing folder")


def build_report(out_dir: str | Path, *, lang: Lang = "en", dataset: str = "ssb-counties",
                 pdf: bool = False, db: str | Path | None = None) -> ReportResult:
    """Write the report into ``out_dir`` (created if needed) and return what was written.

    ``db``: a store whose barometer panel the barometer section shows (population, jobs
    and net migration imported by the user); the other sections use the built-in data.

    ``pdf=True`` also prints ``report.pdf`` with headless Chromium (extra ``pdf``).
    """
    from .page import write_page

    out = check_out_dir(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = Context(lang=lang, out_dir=out, dataset=dataset,
                  db=Path(db) if db is not None else None)
    sections = build_sections(ctx)
    files = write_page(sections, out, lang)
    result = ReportResult(out_dir=out, index=out / "index.html", files=files,
                          tables=[i.table for s in sections if s.id == "tables" for i in s.items
                                  if hasattr(i, "table")], sections=sections)
    if pdf:
        from .pdf import print_pdf

        result.pdf = print_pdf(result.index, out / "report.pdf")
        result.files.append(result.pdf)
    return result


__all__ = ["ReportResult", "build_report", "check_out_dir", "ssb_tables"]
