"""The flow map's width legend: values a line can have, drawn by the lines' own scale."""

from __future__ import annotations

import re

import pytest

from flytt.figures.maps import FLOW_WIDTH_RANGE, flow_legend_values, flow_map


@pytest.mark.parametrize("lo, hi", [(1032, 13813), (1, 5), (120, 130), (0.5, 7), (40, 41)])
def test_flow_legend_values_lie_in_the_data_range(lo, hi):
    values = flow_legend_values(lo, hi)
    assert values and values == sorted(values) and len(set(values)) == len(values)
    assert all(lo <= v <= hi for v in values) and 0 not in values


@pytest.fixture(scope="module")
def lines():
    from flytt import datasets
    from flytt.flowlines import top_flows
    from flytt.indices.geography import geography_for

    counties = datasets.load("ssb-counties").flows
    return top_flows(counties, geography_for(counties.regions()).centroids, year=2011, top=25)


def test_flow_map_legend_starts_at_a_real_value_and_matches_the_lines(lines):
    """The report's flow map had a '0' legend entry and a width scale from 0; now the legend
    holds values within the shown flows and its symbols have the lines' widths."""
    import vl_convert as vlc

    from flytt import geo
    from flytt.flowlines import MAP_VINTAGE

    moves = lines.frame["moves"]
    lo, hi = float(moves.min()), float(moves.max())
    spec = flow_map(lines, geo.boundaries("county", MAP_VINTAGE), title="t").to_dict()
    (width,) = [layer["encoding"]["strokeWidth"] for layer in spec["layer"]
                if "strokeWidth" in layer.get("encoding", {})]
    assert width["scale"]["domain"] == [lo, hi]
    assert width["scale"]["range"] == list(FLOW_WIDTH_RANGE)
    values = width["legend"]["values"]
    assert values[0] > 0 and all(lo <= v <= hi for v in values)

    def px(v: float) -> float:
        r0, r1 = FLOW_WIDTH_RANGE
        return r0 + (r1 - r0) * (v - lo) / (hi - lo)

    svg = vlc.vegalite_to_svg(spec)
    legend = svg[svg.index('role-legend"'):]
    labels = re.findall(r">([0-9,]+)</text>", legend)
    assert labels == [f"{v:,.0f}" for v in values] and "0" not in labels
    symbols = [float(w) for w in re.findall(r'stroke-width="([0-9.]+)"', legend)]
    assert symbols == pytest.approx([px(v) for v in values])
    rules = svg[svg.index("mark-rule"):svg.index("mark-symbol role-mark")]
    drawn = sorted(float(w) for w in re.findall(r'stroke-width="([0-9.]+)"', rules))
    assert drawn == pytest.approx(sorted(px(v) for v in moves))
