"""The trend part from SSB's population-change table 06913 (no microdata needed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..city.layouts import _SSB_MEASURES, TREND_COLUMNS
from ..city.tabulate import _rate
from ..errors import InputError
from ..i18n import t
from ..options import Lang
from ..tables import FrameTable


def trend_from_ssb_table(path: str | Path, lang: Lang = "en",
                         encoding: str | None = None) -> FrameTable:
    """The trend part (seed figure 1) from SSB's table 06913 *Population and population
    changes* as exported from StatBank (CSV, one row per region, columns
    ``"<year> <measure>"``): in- and out-migration (domestic and international together,
    flows ``in_all``/``out_all``) per year, counts and per 100 inhabitants on 1 January."""
    import re

    from ..readers import parse_counts, read_raw

    raw = read_raw(path, encoding=encoding)
    source = str(path)
    region_col = raw.columns[0]
    found: dict[tuple[int, str], str] = {}
    for col in raw.columns[1:]:
        m = re.fullmatch(r"\s*(\d{4})\s+(.+?)\s*", str(col))
        if not m:
            continue
        measure = m.group(2).casefold()
        for key, names in _SSB_MEASURES.items():
            if measure in names:
                found[(int(m.group(1)), key)] = col
    years = sorted({y for y, k in found if k == "out_all"})
    if not years:
        raise InputError(f"{source}: no '<year> Utflyttinger' / '<year> Out-migration' "
                         "columns; export SSB table 06913 with in- and out-migration")
    rows = []
    for line, row in raw.iterrows():
        label = str(row[region_col]).strip()
        m = re.fullmatch(r"(?:K[-_])?(\d{4})\s*(.*)", label)
        code, name = (m.group(1), m.group(2) or m.group(1)) if m else (label, label)
        for year in years:
            values = {}
            for key in _SSB_MEASURES:
                col = found.get((year, key))
                if col is None:
                    values[key] = pd.NA
                    continue
                parsed, problems = parse_counts(pd.Series([row[col]], index=[line]), col,
                                                source, allow_missing=True)
                if problems:
                    raise InputError(problems)
                values[key] = parsed.iloc[0]
            for flow in ("in_all", "out_all"):
                rows.append((year, code, name, flow, t(f"city.{flow}", lang), values[flow],
                             values["population"]))
    frame = pd.DataFrame(rows, columns=list(TREND_COLUMNS[:-2]))
    frame["moves"] = frame["moves"].astype("Int64")
    frame["population"] = frame["population"].astype("Int64")
    frame["rate_per_100"] = _rate(frame["moves"], frame["population"])
    frame["source"] = "ssb-06913"
    title = t("city.title.ssb_trend", lang)
    return FrameTable("trend", title, frame[list(TREND_COLUMNS)],
                    "Source: Statistics Norway, table 06913 (CC BY 4.0)")
