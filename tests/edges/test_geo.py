"""Boundaries, code lists, groupings and distances against independent sources."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import mirror_dir, ref
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from flytt import geo
from flytt.errors import NotFoundError


@pytest.fixture(autouse=True)
def mirror(monkeypatch):
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(mirror_dir()))


# official counts on 1 January (SSB Klass): municipalities / counties
OFFICIAL = {2017: (426, 19), 2018: (422, 18), 2019: (422, 18), 2020: (356, 11),
            2023: (356, 11), 2024: (357, 15)}


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_code_lists_have_the_official_counts(year):
    assert (len(geo.municipalities(year)), len(geo.counties(year))) == OFFICIAL[year]
    assert geo.municipalities(year)["county_name"].ne("").all()


@pytest.mark.parametrize("vintage", geo.VINTAGES)
def test_boundaries_match_the_code_list_of_their_vintage(vintage):
    for level, width in (("municipality", 4), ("county", 2)):
        fc = geo.boundaries(level, vintage)
        codes = {f["properties"]["code"] for f in fc["features"]}
        listed = geo.municipalities(vintage) if level == "municipality" else geo.counties(vintage)
        assert codes == set(listed["code"])
        for f in fc["features"]:
            assert len(f["properties"]["code"]) == width
            assert isinstance(f["properties"]["name"], str) and f["properties"]["name"]
            lon, lat = np.asarray(f["geometry"]["coordinates"][0][0]).T
            assert 4 < lon.min() and lon.max() < 32 and 57.9 < lat.min() and lat.max() < 71.3


@pytest.mark.data("kommuner-2018-wgs84")
def test_reprojection_matches_pyproj_derived_file():
    """The mirror's derived_wgs84 file was reprojected with pyproj and rounded to 5 d.p."""
    ours = {f["properties"]["code"]: f for f in geo.boundaries("municipality", 2018)["features"]}
    path = ref("kommuner-2018-wgs84")
    theirs = json.loads(path.read_text(encoding="utf-8"))["features"]
    worst = 0.0
    for f in theirs:
        a = np.asarray(ours[f["properties"]["kommunenummer"]]["geometry"]["coordinates"][0][0])
        b = np.asarray(f["geometry"]["coordinates"][0][0])
        if a.shape == b.shape:
            worst = max(worst, float(np.abs(a - b).max()))
    assert worst < 2e-5  # rounding of the reference file (5e-6) plus ours (5e-7)


@pytest.mark.data("fylker-2018-wgs84")
def test_2018_counties_dissolve_like_the_reference():
    ours = {f["properties"]["code"]: shape(f["geometry"])
            for f in geo.boundaries("county", 2018)["features"]}
    path = ref("fylker-2018-wgs84")
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        theirs = shape(f["geometry"])
        assert ours[f["properties"]["fylkesnummer"]].area == pytest.approx(theirs.area, rel=1e-3)


def test_centroids_agree_with_shapely_in_the_same_local_plane():
    cents = geo.centroids("municipality", 2024).set_index("code")
    for f in geo.boundaries("municipality", 2024)["features"][::20]:
        g = shapely.make_valid(shape(f["geometry"]))
        polys = f["geometry"]["coordinates"]
        polys = polys if f["geometry"]["type"] == "MultiPolygon" else [polys]
        lat0 = np.mean(np.concatenate([np.asarray(p[0])[:, 1] for p in polys]))
        k = math.cos(math.radians(lat0))
        c = shapely.transform(g, lambda xy, k=k: xy * [k, 1.0]).centroid
        row = cents.loc[f["properties"]["code"]]
        assert row["lon"] == pytest.approx(c.x / k, abs=0.01)
        assert row["lat"] == pytest.approx(c.y, abs=0.01)


def test_centroid_of_a_square_with_a_hole():
    square = [[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]  # clockwise, any orientation works
    hole = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    lon, lat = geo.centroid({"type": "Polygon", "coordinates": [square, hole]})
    # L-shape of three unit squares: centroid (7/6, 7/6) in a plane; at lat≈1° the
    # longitude scale is cos(1°), which cancels in a pure scaling
    assert lon == pytest.approx(7 / 6) and lat == pytest.approx(7 / 6)


def test_oslo_centroid_is_in_oslo():
    c = geo.centroids("municipality", 2020).set_index("code").loc["0301"]
    assert 10.6 < c["lon"] < 10.9 and 59.85 < c["lat"] < 60.1


def _curated_ba(vintage):
    path = ref(f"ba-regions-{vintage}-csv")
    with open(path, encoding="utf-8") as f:
        return {r[f"kommunenummer_klass_{vintage}"]: int(r["ba_nr"]) for r in csv.DictReader(f)}


@pytest.mark.data("ba-regions-2020-csv", "ba-regions-2024-csv")
@pytest.mark.parametrize("vintage", [2020, 2024])
def test_ba_grouping_equals_the_curated_extract(vintage):
    g = geo.ba_grouping(vintage)
    ours = {c: int(b) for c, b in zip(g.frame["code"], g.frame["group_code"])}
    assert ours == _curated_ba(vintage)
    assert g.frame["group_code"].nunique() == 159
    oslo_baerum = {"2020": "3024", "2024": "3201"}[str(vintage)]
    assert g.mapping["0301"] == g.mapping[oslo_baerum] == "005"


def test_county_grouping_follows_the_reforms():
    assert geo.county_grouping(2019).mapping["1201"] == "12"
    assert geo.county_grouping(2020).mapping["4601"] == "46"
    g = geo.county_grouping(2024)
    assert g.mapping["1580"] == "15" and g.names["03"] == "Oslo"


def test_haversine_quarter_of_the_equator():
    assert geo.haversine_km(0, 0, 90, 0) == pytest.approx(math.pi / 2 * geo.EARTH_RADIUS_KM)


@settings(max_examples=200)
@given(*(st.floats(-180, 180) if i % 2 == 0 else st.floats(-90, 90) for i in range(6)))
def test_haversine_is_a_metric(lo1, la1, lo2, la2, lo3, la3):
    d12 = geo.haversine_km(lo1, la1, lo2, la2)
    assert d12 == pytest.approx(geo.haversine_km(lo2, la2, lo1, la1), abs=1e-6)
    assert d12 <= geo.haversine_km(lo1, la1, lo3, la3) + geo.haversine_km(lo3, la3, lo2, la2) \
        + 1e-6
    assert 0 <= d12 <= math.pi * geo.EARTH_RADIUS_KM + 1e-6


def test_haversine_broadcasts():
    d = geo.haversine_km(np.array([10.75, 5.32]), np.array([59.91, 60.39]), 10.75, 59.91)
    assert d.shape == (2,) and d[0] == 0


def test_without_data_a_clear_error(no_reference_data):
    with pytest.raises(NotFoundError, match="not in the data mirror"):
        geo.boundaries("municipality", 2020)
    with pytest.raises(NotFoundError, match="vintages"):
        geo.boundaries("municipality", 2019)


def test_offline_the_bundled_copies_stand_in(tmp_path, monkeypatch):
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path))  # an empty mirror
    for level, vintage in geo.BUNDLED_BOUNDARIES:
        source = geo.boundary_source(level, vintage)
        assert source.bundled and "Kartverket (CC BY 4.0)" in source.licence
        codes = {f["properties"]["code"] for f in geo.boundaries(level, vintage)["features"]}
        expected = (set(geo.COUNTIES_1972_2017) if vintage == 2017 else
                    set(geo.municipalities(vintage)["code"]) if level == "municipality"
                    else set(geo.counties(vintage)["code"]))
        assert codes == expected, (level, vintage)
    # 2018 is not bundled: the error says what is
    with pytest.raises(NotFoundError, match="bundles only those of county 2017"):
        geo.boundaries("municipality", 2018)
    assert len(geo.municipalities(2024)) == 357 and len(geo.counties(2020)) == 11
    assert len(set(geo.ba_grouping(2024).mapping.values())) == 159


@pytest.mark.parametrize("vintage", [2020, 2024])
def test_bundled_keys_equal_the_registry_files(vintage, tmp_path, monkeypatch):
    full_ba, full_history = geo.ba_grouping(vintage).mapping, geo.code_history()
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path))
    assert geo.ba_grouping(vintage).mapping == full_ba
    pd.testing.assert_frame_equal(geo.code_history(), full_history)
