"""Charts of SSB's migration tables: net migration bars and the origin–destination heatmap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from .. import contracts as C
from ..i18n import t
from ..options import Lang
from . import PALETTE

if TYPE_CHECKING:
    import altair as alt

    from ..tables import BalanceTable, MigrationTable, NetTable, ODTable

_LABEL_KEYS = {"net_internal": "net_internal", "net_abroad": "net_abroad", "net_total": "net",
               "moves": "moves", "from": "moved_from", "to": "moved_to", "abroad": "abroad"}


def chart_labels(lang: Lang = "en") -> dict[str, str]:
    """The words of the charts of SSB's tables in ``lang`` (from the catalog)."""
    return {name: t(key, lang) for name, key in _LABEL_KEYS.items()}


def _region_label(code: str, names: Mapping[str, str]) -> str:
    return f"{code} {names.get(code, code)}"


def balance_bars(table: BalanceTable, *, title: str,
                 labels: Mapping[str, str] | None = None) -> alt.Chart:
    """Net internal and net abroad migration per region (whole-country row left out)."""
    labels = labels or chart_labels()
    import altair as alt

    frame = table.to_frame()
    frame = frame[frame[C.REGION] != C.TOTAL]
    names = dict(zip(frame[C.REGION], frame[C.REGION_NAME]))
    long = frame.melt(id_vars=[C.REGION], value_vars=["net_internal", "net_abroad"],
                      var_name="part", value_name="persons")
    long["region"] = [_region_label(c, names) for c in long[C.REGION]]
    long["part"] = long["part"].map(labels)
    order = [_region_label(c, names) for c in frame[C.REGION]]
    return alt.Chart(long, title=title, width=420).mark_bar().encode(
        y=alt.Y("region:N", sort=order, title=None),
        yOffset=alt.YOffset("part:N"),
        x=alt.X("persons:Q", title=labels["net_total"], axis=alt.Axis(format=",.0f")),
        color=alt.Color("part:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(range=[PALETTE["primary"], "#e59866"])),
        tooltip=["region:N", "part:N", alt.Tooltip("persons:Q", format=",.0f")],
    )


def net_total_bars(table: NetTable, *, title: str,
                   labels: Mapping[str, str] | None = None) -> alt.Chart:
    """Each region's net internal migration with all other regions, gains blue, losses red."""
    labels = labels or chart_labels()
    import altair as alt

    names = table.names
    frame = pd.DataFrame({"region": [_region_label(c, names) for c in table.net_total.index],
                          "persons": table.net_total.to_numpy()})
    return alt.Chart(frame, title=title, width=420).mark_bar().encode(
        y=alt.Y("region:N", sort=list(frame["region"]), title=None),
        x=alt.X("persons:Q", title=labels["net_total"], axis=alt.Axis(format=",.0f")),
        color=alt.condition("datum.persons >= 0", alt.value(PALETTE["positive"]),
                            alt.value(PALETTE["negative"])),
        tooltip=["region:N", alt.Tooltip("persons:Q", format=",.0f")],
    )


def od_heatmap(table: ODTable, *, title: str,
               labels: Mapping[str, str] | None = None) -> alt.Chart:
    """The origin–destination matrix as a heatmap (rows: from, columns: to)."""
    labels = labels or chart_labels()
    import altair as alt

    m = table.matrix
    long = m.stack(future_stack=True).rename("moves").reset_index()
    long.columns = ["origin", "destination", "moves"]
    long = long.dropna(subset=["moves"])
    abroad = labels.get("abroad", table.names.get(C.ABROAD, "Abroad"))

    def label(code: str) -> str:
        return abroad if code == C.ABROAD else _region_label(str(code), table.names)

    long["origin"] = long["origin"].map(label)
    long["destination"] = long["destination"].map(label)
    order = [label(c) for c in m.index]
    return alt.Chart(long, title=title, width=380, height=380).mark_rect().encode(
        x=alt.X("destination:N", sort=order, title=f"{labels.get('to', 'Moved to')} →",
                axis=alt.Axis(labelAngle=-60, labelLimit=120)),
        y=alt.Y("origin:N", sort=order, title=f"{labels.get('from', 'Moved from')} ↓",
                axis=alt.Axis(labelLimit=120)),
        color=alt.Color("moves:Q", title=labels["moves"], scale=alt.Scale(scheme="blues",
                                                                          type="sqrt")),
        tooltip=[alt.Tooltip("origin:N", title=labels.get("from", "Moved from")),
                 alt.Tooltip("destination:N", title=labels.get("to", "Moved to")),
                 alt.Tooltip("moves:Q", title=labels["moves"], format=",.0f")],
    )


def table_chart(table: MigrationTable, *, title: str,
                labels: Mapping[str, str] | None = None) -> alt.Chart:
    """The chart that goes with a table of any kind (balance, net or od)."""
    from ..tables import BalanceTable, NetTable

    if isinstance(table, BalanceTable):
        return balance_bars(table, title=title, labels=labels)
    if isinstance(table, NetTable):
        return net_total_bars(table, title=title, labels=labels)
    return od_heatmap(table, title=title, labels=labels)


__all__ = ["chart_labels", "balance_bars", "net_total_bars", "od_heatmap", "table_chart"]
