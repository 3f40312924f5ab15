"""The flytt report: every analysis on built-in data in one self-contained HTML page,
plus each table and figure as its own file."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .. import render

Lang = Literal["nb", "en"]


@dataclass
class ReportResult:
    """Where the report went and what it holds."""

    out_dir: Path
    index: Path
    files: list[Path] = field(default_factory=list)
    tables: list[object] = field(default_factory=list)


def ssb_tables(dataset: str = "ssb-counties") -> list[object]:
    """SSB's three tables from the dataset: the 2005 net matrix, the 2011 O-D matrix and
    the balances of 2011 (computed from flows) and 2015 (as published)."""
    from ..api import migration_table

    return [
        migration_table("net", dataset=dataset, year=2005),
        migration_table("od", dataset=dataset, year=2011),
        migration_table("balance", dataset=dataset, year=2011),
        migration_table("balance", dataset=dataset, year=2015),
    ]


def build_report(out_dir: str | Path, *, lang: Lang = "en",
                 dataset: str = "ssb-counties") -> ReportResult:
    """Write the report into ``out_dir`` (created if needed) and return what was written."""
    out = Path(out_dir)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    tables = ssb_tables(dataset)
    result = ReportResult(out_dir=out, index=out / "index.html", tables=tables)
    sections = []
    for table in tables:
        stem = f"{table.kind}_{table.year}"
        for fmt, suffix in (("csv", "csv"), ("md", "md"), ("xlsx", "xlsx")):
            result.files.append(render.write(table, fmt, out / "tables" / f"{stem}.{suffix}"))
        sections.append(f'<section id="{stem}">{render.to_html(table, standalone=False)}'
                        f'<p class="links"><a href="tables/{stem}.csv">CSV</a> · '
                        f'<a href="tables/{stem}.xlsx">Excel</a></p></section>')
    title = "flytt – migrasjonsrapport" if lang == "nb" else "flytt – migration report"
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{render.TABLE_CSS}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>{''.join(sections)}</body></html>\n")
    result.index.write_text(page, encoding="utf-8")
    result.files.append(result.index)
    return result
