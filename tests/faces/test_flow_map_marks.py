"""The flow map's direction marks and names: lanes, arrowheads and label spots."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from flytt.figures.maps import LANE_DEGREES, _label_spots, _lanes


def _flows(*pairs):
    return pd.DataFrame([{"origin_lon": a[0], "origin_lat": a[1], "destination_lon": b[0],
                          "destination_lat": b[1], "moves": 1} for a, b in pairs])


def test_a_flow_and_its_counter_flow_are_two_lanes_with_opposite_arrowheads():
    out = _lanes(_flows(((10.0, 60.0), (10.0, 61.0)), ((10.0, 61.0), (10.0, 60.0))))
    north, south = out.iloc[0], out.iloc[1]
    assert north["bearing"] == pytest.approx(0.0)
    assert south["bearing"] == pytest.approx(180.0)
    # northbound moves east (to its right), southbound west, by the lane width in latitude
    # degrees converted to longitude at 60.5° N
    assert north["origin_lon"] > 10.0 > south["origin_lon"]
    assert north["origin_lat"] == pytest.approx(60.0)
    assert north["origin_lon"] - 10.0 == pytest.approx(
        LANE_DEGREES / math.cos(math.radians(60.5)))
    # the arrowhead sits most of the way along the line, towards the destination
    assert 60.5 < north["head_lat"] < 61.0 and 60.0 < south["head_lat"] < 60.5


def test_an_eastbound_flow_points_east():
    out = _lanes(_flows(((10.0, 60.0), (12.0, 60.0))))
    assert out.iloc[0]["bearing"] == pytest.approx(90.0)
    assert out.iloc[0]["origin_lat"] < 60.0  # its right-hand side is south


def test_names_of_close_points_go_to_different_spots():
    points = pd.DataFrame({"code": ["03", "02", "20"], "name": ["Oslo", "Akershus", "Finnmark"],
                           "lon": [10.75, 11.0, 25.0], "lat": [59.9, 59.95, 69.5]})
    spots = _label_spots(points)
    assert spots.iloc[0] == "right"            # the busiest first, in the first spot
    assert spots.iloc[1] != "right"            # would overlap Oslo's name
    assert spots.iloc[2] == "right"            # far away: no conflict
