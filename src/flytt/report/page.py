"""Writing the report: every figure as PNG and SVG, every table as CSV, Excel and
Markdown, and ``index.html`` with the charts live (Vega inlined, works offline)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .. import render
from ..i18n import number, t
from ..options import Lang
from ..output import write_file
from ..tables import FrameTable
from . import vega
from .content import Figure, Note, Section, Table


@dataclass(frozen=True)
class Block:
    """One item of a section, ready for the template."""

    kind: str
    stem: str = ""
    title: str = ""
    spec: str = ""
    caption: str = ""
    html: str = ""
    text: str = ""
    missing: bool = False


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _write_figure(fig: Figure, out: Path, lang: Lang = "en") -> list[Path]:
    from ..figures import save

    return save(vega.themed(fig.chart), out / "figures" / fig.stem, formats=("png", "svg"),
                locale=lang)


def _write_table(item: Table, out: Path, lang: Lang = "en") -> list[Path]:
    """CSV (contract columns, plain numbers, the same in every language), Markdown and
    Excel (headings in ``lang``)."""
    return [render.write(item.table, fmt, out / "tables" / f"{item.stem}.{fmt}", lang=lang)
            for fmt in ("csv", "md", "xlsx")]


MAX_ROWS = 30
"""Longer tables show their first rows in the page; the files hold every row."""


YEAR_COLUMNS = ("year", "period_end", "focus")
"""Columns shown as plain text (2016, not 2 016)."""


def _shown(table: object, lang: Lang = "en") -> object:
    """``table`` as shown in the page: at most :data:`MAX_ROWS` rows (a footnote says how
    many there are), years as plain text."""
    frame = table.to_frame()  # type: ignore[attr-defined]
    years = [c for c in YEAR_COLUMNS if c in frame.columns]
    footnote = render.footnote_text(table, lang)
    capital = footnote[:1].upper() + footnote[1:]  # a footnote is a sentence
    if len(frame) <= MAX_ROWS and not years and capital == footnote:
        return table  # drawn by its own renderer (e.g. the shaded drivers table)
    footnote = capital
    if len(frame) > MAX_ROWS:
        first = t("first_rows", lang, shown=MAX_ROWS, rows=number(len(frame), lang))
        footnote = f"{first} {footnote}".strip()
    shown = frame.head(MAX_ROWS).astype({c: str for c in years})
    return FrameTable(str(getattr(table, "kind", "table")), render.title_text(table, lang),
                      shown, footnote)


def _block(item: Figure | Table | Note, lang: Lang = "en") -> Block:
    from markupsafe import Markup

    if isinstance(item, Figure):
        spec = vega.spec(item.chart, lang)
        title = spec.get("title", "")
        title = title.get("text", "") if isinstance(title, dict) else str(title)
        return Block("figure", stem=item.stem, title=title,
                     spec=Markup(vega.script_json(spec)), caption=item.caption)
    if isinstance(item, Table):
        html = render.to_html(_shown(item.table, lang), standalone=False, lang=lang)
        return Block("table", stem=item.stem, html=Markup(html))
    return Block("note", text=item.text, missing=item.missing)


def write_page(sections: list[Section], out: Path, lang: Lang) -> list[Path]:
    """Write the files of every figure and table and ``out/index.html``; returns the paths
    (index last). Figures are rendered two at a time."""
    import jinja2
    from markupsafe import Markup

    from .. import __version__

    figures = [i for s in sections for i in s.items if isinstance(i, Figure)]
    tables = [i for s in sections for i in s.items if isinstance(i, Table)]
    written: list[Path] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for paths in pool.map(lambda f: _write_figure(f, out, lang), figures):
            written += paths
    for item in tables:
        written += _write_table(item, out, lang)
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(_asset("report.html.j2"))
    page = template.render(
        lang=lang, title=t("report_title", lang), lede=t("report_lede", lang),
        contents=t("contents", lang), files=t("files", lang),
        generated=t("generated", lang), version=__version__,
        table_css=Markup(render.TABLE_CSS), css=Markup(_asset("report.css")),
        bundle=Markup(vega.bundle()), embed_options=Markup(vega.script_json(vega.embed_options(lang))),
        sections=[{"id": s.id, "title": s.title, "intro": s.intro,
                   "blocks": [_block(i, lang) for i in s.items]} for s in sections],
    )
    return written + [write_file(out / "index.html", page)]
