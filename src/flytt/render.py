"""Formatting of result tables for people and for other programs.

Machine formats (``csv``, ``json-stat2``) carry plain numbers at full precision;
human formats (terminal, ``html``, ``md``, ``xlsx`` headers) use SSB's conventions:
a space as thousands separator, ``.`` for *not applicable*, ``-`` on the diagonal of a
net matrix.
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pandas as pd

from . import contracts as C
from .errors import OptionError
from .options import FORMATS, Format


def format_number(value: object, decimals: int = 0, lang: str = "en") -> str:
    """``-12345`` → ``'-12 345'`` (as SSB prints); missing → ``'.'``; text passes through.
    ``lang="nb"`` writes a decimal comma (``5,33``); both use a space between thousands."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "."
    if isinstance(value, str):
        return value
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{decimals}f}".replace(",", " ")
    return text.replace(".", ",") if lang == "nb" else text


PLAIN_COLUMNS = frozenset({C.YEAR, C.AGE, "rank", "period", "from_year", "to_year"})
"""Numeric columns shown without thousands separators (a year is 2019, not 2 019)."""


ROW_NAMES_NB = {"The whole country": "Hele landet", "Total": "I alt", "Abroad": "Utlandet"}
"""Names of the whole-country and abroad rows in Norwegian (display only)."""


def _row_names_nb(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the names of its whole-country and abroad rows in Norwegian (tables
    that start with a region code and its name; others unchanged)."""
    if len(frame.columns) < 2 or frame.columns[0] not in (C.REGION, C.ORIGIN):
        return frame
    code_col, name_col = frame.columns[0], frame.columns[1]
    special = frame[code_col].isin([C.TOTAL, C.ABROAD])
    out = frame.copy()
    out.loc[special, name_col] = [ROW_NAMES_NB.get(v, v) for v in frame.loc[special, name_col]]
    return out


def display_frame(table: object, lang: str = "en") -> tuple[pd.DataFrame, list[str]]:
    """A frame of display strings for a result table and the names of its text columns.

    Works on anything with ``to_frame()``; net tables get ``-`` on the diagonal and blank
    upper triangles as printed by SSB. ``lang="nb"`` formats numbers Norwegian (``5,33``)
    and names the whole-country and abroad rows in Norwegian.
    """
    frame = table.to_frame()  # type: ignore[attr-defined]
    text_cols = [c for c in frame.columns if frame[c].dtype == object or
                 pd.api.types.is_string_dtype(frame[c])]
    out = pd.DataFrame(index=frame.index)
    kind = getattr(table, "kind", "")
    for col in frame.columns:
        if col in text_cols or col in PLAIN_COLUMNS:
            out[col] = [("." if pd.isna(v) else str(v)) for v in frame[col]]
        elif pd.api.types.is_float_dtype(frame[col]):
            out[col] = [format_number(v, 2, lang) for v in frame[col]]
        else:
            out[col] = [format_number(v, 0, lang) for v in frame[col]]
    if lang == "nb":
        out = _row_names_nb(out)
    if kind == "net":
        codes = list(frame[C.REGION])
        for i, code in enumerate(codes):
            for j, other in enumerate(codes):
                out.at[i, other] = "-" if i == j else ("" if j > i else out.at[i, other])
    return out, text_cols


HEADERS_NB: dict[str, str] = {
    # SSB tables (contract columns)
    C.REGION: "Kode", C.REGION_NAME: "Region", C.ORIGIN: "Kode", C.ORIGIN_NAME: "Fra region",
    "net_total": "Nettoflytting i alt", "total": "I alt",
    "in_all": "Innflytting i alt", "in_abroad": "Innvandring",
    "in_internal": "Innenlands innflytting", "out_all": "Utflytting i alt",
    "out_abroad": "Utvandring", "out_internal": "Innenlands utflytting",
    "net_all": "Nettoflytting i alt", "net_abroad": "Nettoinnvandring",
    "net_internal": "Innenlands nettoflytting", C.ABROAD: "Utlandet",
    # flows, indices, corridors
    "destination_code": "Til kode", "destination_name": "Til region", "moves": "Flyttinger",
    "measure": "Mål", "description": "Beskrivelse", "value": "Verdi",
    "flow": "Strøm", "counter_flow": "Motstrøm", "net": "Netto", "interchange": "Utveksling",
    "effectiveness": "Effektivitet", "inflow": "Innflytting", "outflow": "Utflytting",
    "turnover": "Bruttoflytting",
    # barometer
    "rank": "Rang", "population": "Folketall", "net_migration_pct": "Nettoflytting, %",
    "job_growth_pct": "Arbeidsplassvekst, %", "expected_pct": "Forventet, %",
    "attractiveness": "Attraktivitet", "attractiveness_low": "Attraktivitet, nedre",
    "attractiveness_high": "Attraktivitet, øvre", "rank_low": "Rang, nedre",
    "rank_high": "Rang, øvre", "attractiveness_shrunk": "Attraktivitet, krympet",
    "rank_shrunk": "Rang, krympet", "attractiveness_immigration": "Attraktivitet, innvandring",
    "attractiveness_domestic_immigrants": "Attraktivitet, innvandrere innenlands",
    "attractiveness_domestic_others": "Attraktivitet, øvrige innenlands",
    "driver": "Driver", "label": "Betegnelse",
    # city
    "year": "År", "age": "Alder", "age_group": "Aldersgruppe",
    "out_domestic": "Utflytting innenlands", "rate_per_100": "Rate per 100",
    "country_background": "Landbakgrunn", "occupation": "Hovedaktivitet",
    "out_migrants": "Utflyttere", "destination": "Mål", "attribute": "Kjennetegn",
    "category": "Kategori", "baseline_population": "Folketall, basis",
    "focus_population": "Folketall, fokusår", "baseline_out_migrants": "Utflyttere, basis",
    "focus_out_migrants": "Utflyttere, fokusår", "baseline_rate_per_100": "Rate per 100, basis",
    "focus_rate_per_100": "Rate per 100, fokusår", "size_effect": "Størrelseseffekt",
    "composition_effect": "Sammensetningseffekt", "population_effect": "Befolkningseffekt",
    "rate_effect": "Rateeffekt", "unmatched_effect": "Uforklart effekt", "change": "Endring",
    "disclosure_adjustment": "Justering for avsløringskontroll", "level": "Nivå",
    "share_pct": "Andel, %", "in_ba_region": "I bo- og arbeidsregionen", "status": "Status",
    "municipality": "Kommune", "municipality_name": "Kommunenavn", "source": "Kilde",
    "period": "Periode", "from_year": "Fra år", "to_year": "Til år",
}
"""Norwegian column headings for people (``--lang nb``); machine formats keep the names."""


def abroad_name(table: object, lang: str = "en") -> str:
    """The name of ``ABROAD`` as the table's row shows it: the data's own name, else
    Abroad (Utlandet in Norwegian); the same for its column."""
    name = (getattr(table, "names", {}) or {}).get(C.ABROAD) or "Abroad"
    return ROW_NAMES_NB.get(name, name) if lang == "nb" else name


def header_labels(table: object, columns: list[str], lang: str = "en") -> list[str]:
    """Column headers for people: region codes get their names (``03 Oslo``); ``lang="nb"``
    gives Norwegian headings (:data:`HEADERS_NB`)."""
    names = getattr(table, "names", {}) or {}
    labels = []
    for col in columns:
        if col in names and col not in (C.REGION, C.ORIGIN):
            labels.append(f"{col} {names[col]}" if col != C.ABROAD else abroad_name(table, lang))
        elif lang == "nb" and col in HEADERS_NB:
            labels.append(HEADERS_NB[col])
        else:
            labels.append(col.replace("_", " "))
    return labels


def caption(table: object) -> str:
    title = getattr(table, "title", "")
    year = getattr(table, "year", None)
    return f"{title}, {year}" if year is not None else title


_SHORT_HEADERS = {
    "en": {"in_all": "In\nall", "in_abroad": "In from\nabroad", "in_internal": "In\ninternal",
           "out_all": "Out\nall", "out_abroad": "Out to\nabroad",
           "out_internal": "Out\ninternal", "net_all": "Net\nall", "net_abroad": "Net\nabroad",
           "net_internal": "Net\ninternal", "net_total": "Net\ntotal", "total": "Total"},
    "nb": {"in_all": "Inn\ni alt", "in_abroad": "Inn-\nvandring",
           "in_internal": "Inn\ninnenlands", "out_all": "Ut\ni alt",
           "out_abroad": "Ut-\nvandring", "out_internal": "Ut\ninnenlands",
           "net_all": "Netto\ni alt", "net_abroad": "Netto inn-\nvandring",
           "net_internal": "Netto\ninnenlands", "net_total": "Netto\ni alt", "total": "I alt"},
}
"""Narrow two-line column headings of SSB's tables in the terminal, by language."""


LABEL_MIN = 24
"""Row labels (code and name) are cut to a third of the terminal width, at least this."""


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


def _two_lines(heading: str) -> str:
    """A heading of several words split into two lines at the space nearest its middle."""
    if len(heading) <= 10 or " " not in heading:
        return heading
    spaces = [i for i, ch in enumerate(heading) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(heading) / 2))
    return heading[:cut] + "\n" + heading[cut + 1:]


def to_rich(table: object, width: int | None = None, lang: str = "en"):  # -> rich Group
    """Rich tables for the terminal, split into column blocks that fit ``width`` (as SSB
    prints wide matrices over several pages); each block repeats the row label: the region
    (code and name) when the table starts with a code and a name column, else its first
    column. A result that draws its own terminal table (``to_rich()``) is drawn by it."""
    own = getattr(table, "to_rich", None)
    if own is not None:
        return own()
    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text

    width = width or Console().width
    frame, text_cols = display_frame(table, lang)
    code_col = frame.columns[0]
    short = _SHORT_HEADERS["nb" if lang == "nb" else "en"]
    abroad = abroad_name(table, lang)
    paired = (len(frame.columns) > 1 and str(code_col).endswith("_code")
              and frame.columns[1] == str(code_col).removesuffix("_code") + "_name")
    if paired:
        labels = [(n or short["total"]) if c == C.TOTAL else (n or abroad)
                  if c == C.ABROAD else f"{c} {n}" if c != n else c
                  for c, n in zip(frame[code_col], frame[frame.columns[1]])]
        label_header, value_cols = "", list(frame.columns[2:])
    else:
        labels = list(frame[code_col])
        label_header = header_labels(table, [str(code_col)], lang)[0]
        value_cols = list(frame.columns[1:])
    names = getattr(table, "names", {}) or {}
    headers = {c: abroad if c == C.ABROAD else short.get(c) or (
        f"{c}\n{names[c]}" if c in names else _two_lines(header_labels(table, [str(c)],
                                                                         lang)[0]))
        for c in value_cols}
    limit = max(LABEL_MIN, width // 3)  # long names shortened so numbers fit beside them
    labels = [x if len(x) <= limit else x[:limit - 1].rstrip() + "…" for x in labels]
    label_width = max(len(x) for x in labels + [""]) + 3
    col_width = {c: max([len(v) for v in frame[c]] +
                        [max(len(p) for p in headers[c].split("\n"))]) + 3 for c in value_cols}
    blocks = column_blocks(col_width, width - label_width)
    parts: list[Text | Table] = []
    for i, block in enumerate(blocks):
        # the title as its own line, so a narrow last block does not wrap it
        parts.append(Text(caption(table) + (f" ({i + 1}/{len(blocks)})" if len(blocks) > 1
                                            else ""), style="bold"))
        t = Table(header_style="bold", pad_edge=True)
        t.add_column(label_header, justify="left", no_wrap=True)
        for c in block:
            t.add_column(headers[c], justify="left" if c in text_cols else "right",
                         no_wrap=True)
        for label, (_, row) in zip(labels, frame.iterrows()):
            t.add_row(label, *[row[c] for c in block],
                      style="bold" if row[code_col] == C.TOTAL else None)
        parts.append(t)
    footnote = getattr(table, "footnote", "")
    if footnote:
        parts.append(Text(footnote, style="dim"))
    return Group(*parts)


def to_markdown(table: object, lang: str = "en") -> str:
    frame, text_cols = display_frame(table, lang)
    labels = header_labels(table, list(frame.columns), lang)
    lines = [f"**{caption(table)}**", "", "| " + " | ".join(labels) + " |",
             "|" + "|".join("---" if c in text_cols else "---:" for c in frame.columns) + "|"]
    for _, row in frame.iterrows():
        lines.append("| " + " | ".join(v.replace("|", "\\|") for v in row) + " |")
    footnote = getattr(table, "footnote", "")
    if footnote:
        lines += ["", footnote]
    return "\n".join(lines) + "\n"


def to_html(table: object, *, standalone: bool = True, lang: str = "en") -> str:
    """An HTML table; a result that draws its own (``to_html(standalone=...)``) is drawn
    by it."""
    own = getattr(table, "to_html", None)
    if own is not None:
        return own(standalone=standalone)
    frame, text_cols = display_frame(table, lang)
    labels = header_labels(table, list(frame.columns), lang)
    head = "".join(f"<th>{html.escape(lab)}</th>" for lab in labels)
    rows = []
    for _, row in frame.iterrows():
        cls = ' class="total"' if row.iloc[0] == C.TOTAL else ""
        cells = "".join(
            f'<td class="{"text" if c in text_cols else "num"}">{html.escape(v)}</td>'
            for c, v in zip(frame.columns, row))
        rows.append(f"<tr{cls}>{cells}</tr>")
    body = (f'<table class="flytt-table"><caption>{html.escape(caption(table))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    footnote = getattr(table, "footnote", "")
    if footnote:
        body += f'<p class="footnote">{html.escape(footnote)}</p>'
    if not standalone:
        return body
    return (
        f"<!DOCTYPE html><html lang=\"{html.escape(lang)}\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(caption(table))}</title><style>{TABLE_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


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


def render(table: object, fmt: Format, lang: str = "en") -> str | bytes:
    """The table in ``fmt`` (text, or bytes for xlsx). ``lang`` sets the headings and the
    number format of the human formats (``md``, ``html``, the ``xlsx`` header row); ``csv``
    and ``json-stat2`` are the same in every language."""
    if fmt == "csv":
        return table.to_frame().to_csv(index=False, lineterminator="\n")  # type: ignore
    if fmt == "md":
        return to_markdown(table, lang)
    if fmt == "html":
        return to_html(table, lang=lang)
    if fmt == "json-stat2":
        from .jsonstat import encode_table

        return json.dumps(encode_table(table), ensure_ascii=False, indent=1,
                          allow_nan=False) + "\n"  # JSON has no NaN: fail here, not in a reader
    if fmt == "xlsx":
        buf = io.BytesIO()
        frame = table.to_frame()  # type: ignore[attr-defined]
        if lang != "en":
            frame = _row_names_nb(frame)
            frame = frame.set_axis(header_labels(table, [str(c) for c in frame.columns], lang),
                                   axis=1)
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name=str(getattr(table, "kind", "table")),
                           startrow=1)
            sheet = writer.sheets[str(getattr(table, "kind", "table"))]
            sheet.cell(row=1, column=1, value=caption(table))
            footnote = getattr(table, "footnote", "")
            if footnote:  # one empty row below the table, as in SSB's Excel files
                sheet.cell(row=len(frame) + 4, column=1, value=footnote)
        return buf.getvalue()
    if fmt == "table":
        from rich.console import Console

        console = Console(file=io.StringIO(), width=160, color_system=None)
        console.print(to_rich(table, width=160, lang=lang))
        return console.file.getvalue()  # type: ignore[attr-defined]
    raise OptionError("fmt", fmt, FORMATS)


def write(table: object, fmt: Format, out: str | Path, lang: str = "en") -> Path:
    """Write the table to ``out`` in ``fmt`` (headings of human formats in ``lang``);
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
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".md": "md",
            ".json": "json-stat2", ".txt": "table"}.get(suffix)  # type: ignore[return-value]
