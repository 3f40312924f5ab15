"""One unit's value across periods (the dashboard's "history" of a municipality)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import PALETTE

if TYPE_CHECKING:
    import altair as alt


def period_history(frame: pd.DataFrame, *, title: str, value: str, value_title: str,
                   period: str = "period", rank: str | None = "rank",
                   width: int = 420, height: int = 220) -> alt.LayerChart:
    """A line of ``frame[value]`` over ``frame[period]`` (in row order) with a zero rule;
    points coloured by sign, the rank in the tooltip."""
    import altair as alt

    x = alt.X(f"{period}:O", sort=list(frame[period]), title=None)
    y = alt.Y(f"{value}:Q", title=value_title)
    tooltip = [alt.Tooltip(f"{period}:O"), alt.Tooltip(f"{value}:Q", format=".2f",
                                                       title=value_title)]
    if rank:
        tooltip.append(alt.Tooltip(f"{rank}:Q", title="Rank"))
    base = alt.Chart(frame)
    line = base.mark_line(color=PALETTE["muted"]).encode(x=x, y=y)
    points = base.mark_circle(size=90, opacity=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.condition(f"datum['{value}'] >= 0", alt.value(PALETTE["positive"]),
                            alt.value(PALETTE["negative"])))
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#888888",
                                                            strokeDash=[4, 3]).encode(y="zero:Q")
    return alt.LayerChart(layer=[zero, line, points], title=title).properties(width=width, height=height)


__all__ = ["period_history"]
