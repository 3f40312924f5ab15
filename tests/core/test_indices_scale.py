"""Contiguity, random contiguous zonings (MAUP), centroid distances of the 1972–2017
counties and the index figures."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import ref
from hypothesis import given, settings
from hypothesis import strategies as st

from flytt.indices import ODMatrix, summary
from flytt.indices.geography import COUNTIES_1972_2017, adjacency, geography_for
from flytt.indices.scale import components, indices_by_scale, random_zoning


def square(code: str, x: float, y: float) -> dict:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Feature", "properties": {"code": code},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_adjacency_of_squares_by_hand():
    # a b        c touches b only at a corner (queen contiguity), d stands alone
    #   c   d
    fc = {"type": "FeatureCollection", "features": [
        square("a", 0, 1), square("b", 1, 1), square("c", 2, 0), square("d", 5, 0)]}
    got = adjacency(fc)
    assert got == {"a": {"b"}, "b": {"a", "c"}, "c": {"b"}, "d": set()}
    assert sorted(map(sorted, components(["a", "b", "c", "d"], got))) == [["a", "b", "c"], ["d"]]


def grid(n: int) -> dict[str, set[str]]:
    nb: dict[str, set[str]] = {}
    for i in range(n):
        for j in range(n):
            nb[f"{i}{j}"] = {f"{a}{b}" for a, b in ((i + 1, j), (i - 1, j), (i, j + 1),
                                                   (i, j - 1)) if 0 <= a < n and 0 <= b < n}
    return nb


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 5), st.data())
def test_random_zonings_are_contiguous_with_k_zones(n, data):
    nb = grid(n)
    k = data.draw(st.integers(1, n * n))
    zoning = random_zoning(list(nb), nb, k, np.random.default_rng(data.draw(st.integers(0, 99))))
    assert set(zoning) == set(nb) and len(set(zoning.values())) == k
    for zone in set(zoning.values()):
        members = [c for c, z in zoning.items() if z == zone]
        sub = {c: nb[c] & set(members) for c in members}
        assert len(components(members, sub)) == 1


@pytest.fixture(scope="module")
def counties():
    return geography_for(COUNTIES_1972_2017)


def test_county_contiguity_1972_2017(counties):
    # the map of Norway's counties before 2018
    assert counties.neighbours["03"] == {"02", "05", "06"}        # Oslo
    assert counties.neighbours["20"] == {"19"}                    # Finnmark
    assert counties.neighbours["17"] == {"16", "18"}              # Nord-Trøndelag
    assert counties.neighbours["01"] == {"02"}                    # Østfold (by land)


@pytest.mark.data("fylker-2017-wgs84")
def test_county_centroids_match_the_mirrors_2017_county_map(counties):
    from flytt.geo import centroid, haversine_km

    fc = json.loads(ref("fylker-2017-wgs84").read_text(encoding="utf-8"))
    theirs = {f["properties"]["fylkesnummer"]: centroid(f["geometry"]) for f in fc["features"]}
    ours = counties.centroids.set_index("code")
    assert set(theirs) == set(ours.index)
    for code, (lon, lat) in theirs.items():
        km = haversine_km(lon, lat, ours.at[code, "lon"], ours.at[code, "lat"])
        assert km < 5, code
    names = dict(zip(ours.index, ours["name"]))
    assert names["15"] == "Møre og Romsdal" and names["16"] == "Sør-Trøndelag"


def test_scale_analysis_on_the_seed_counties(counties):
    from flytt import datasets

    m = ODMatrix.from_flows(datasets.load("ssb-counties").flows, 2011)
    pop = {c: 1000.0 for c in m.codes}
    result = indices_by_scale(m, counties.neighbours, ks=[2, 5, 10], draws=5, population=pop)
    base = result.frame[result.frame["k"] == 19].iloc[0]
    assert base["mei"] == pytest.approx(summary(m).mei)
    assert base["cmi"] == pytest.approx(100 * m.total / 19000)
    # merging regions turns moves between them into moves within: CMI can only fall
    assert (result.frame["cmi"] <= base["cmi"] + 1e-9).all()
    assert set(result.summary()["k"]) == {2, 5, 10, 19}
    assert result.courgeau_k() > 0


def test_chord_layout_geometry():
    from flytt.figures.indices import chord_layout

    m = ODMatrix.from_array([[0, 30, 10], [5, 0, 0], [15, 20, 0]], codes=["a", "b", "c"])
    features, labels = chord_layout(m, gap=0.0)
    ribbons = [f for f in features if f["properties"]["kind"] == "ribbon"]
    sectors = [f for f in features if f["properties"]["kind"] == "sector"]
    assert len(ribbons) == 5 and len(sectors) == 3
    # sector sizes are out + in: a 40 + 20, b 5 + 50, c 35 + 10 (of 160 in all)
    assert {f["properties"]["region"]: f["properties"]["moves"] for f in sectors} == {
        "a": 60, "b": 55, "c": 45}
    assert list(labels["label"]) == ["a", "b", "c"]


@pytest.mark.data("migest-ipumsi-age")
@pytest.mark.slow
def test_figures_render(tmp_path):
    import pandas as pd

    from flytt import datasets
    from flytt.figures import save
    from flytt.figures.indices import (
        age_schedule_plot,
        chord_diagram,
        distance_decay_plot,
        scale_plot,
    )
    from flytt.indices import distance_decay, fit_rogers_castro
    from flytt.indices.geography import geography_for as geo_for

    m = ODMatrix.from_flows(datasets.load("ssb-counties").flows, 2011)
    g = geo_for(m.codes)
    d = pd.read_csv(ref("migest-ipumsi-age"))
    d = d[d["sample"] == "FRA2006"]
    fit = fit_rogers_castro(d["age"], (d["migrants"] / d["population"]).fillna(0), 11)
    charts = {"chord": chord_diagram(m), "decay": distance_decay_plot(distance_decay(m, g.distances())),
              "age": age_schedule_plot(fit),
              "scale": scale_plot(indices_by_scale(m, g.neighbours, ks=[3, 9], draws=3))}
    for name, chart in charts.items():
        png, _ = save(chart, tmp_path / name, formats=("png", "svg"))
        assert png.stat().st_size > 10_000
    assert "Østfold" in (tmp_path / "chord.svg").read_text(encoding="utf-8")


def test_scale_plot_has_one_panel_per_varying_measure_and_no_empty_panel(tmp_path):
    """Three varying measures used to leave an empty fourth panel (with an x axis) in a
    two-column facet grid; every panel now holds a measure and the grid has no gap."""
    from flytt import datasets
    from flytt.figures.indices import SCALE_MEASURES, scale_plot
    from flytt.i18n import t

    m = ODMatrix.from_flows(datasets.load("ssb-counties").flows, 2011)
    analysis = indices_by_scale(m, geography_for(m.codes).neighbours, ks=[3, 9], draws=3)
    varying = [k for k in analysis.measures if analysis.frame[k].nunique() > 1]
    spec = scale_plot(analysis).to_dict()
    assert "facet" not in spec
    panels = spec["concat"]
    titles = [p["title"]["text"] for p in panels]
    assert titles == [t(f"indices.scale.{k}") for k in SCALE_MEASURES if k in varying]
    assert len(panels) % spec["columns"] == 0  # full rows: no empty cell
    for panel in panels:  # each panel shows its own measure only
        rows = spec["datasets"][panel["data"]["name"]]
        assert {row["measure"] for row in rows} == {panel["title"]["text"]}


def test_islands_are_linked_to_their_nearest_region():
    import pandas as pd

    from flytt.indices.geography import RegionGeography

    # a–b touch; c is an island nearest to b; d an island nearest to c
    cent = pd.DataFrame({"code": list("abcd"), "name": list("abcd"),
                         "lon": [10.0, 11.0, 11.5, 14.0], "lat": [60.0, 60.0, 61.0, 61.0]})
    geo_ = RegionGeography(cent, {"a": {"b"}, "b": {"a"}, "c": set(), "d": set()})
    linked = geo_.linked_neighbours()
    assert linked == {"a": {"b"}, "b": {"a", "c"}, "c": {"b", "d"}, "d": {"c"}}
    assert geo_.neighbours["c"] == set()  # the contiguity itself is unchanged
