"""The report without network and without a data mirror: the maps, the barometer maps and
the indices are drawn on the boundaries bundled with the package, and the report says so;
with not even those (a damaged install), every part that needs no geography stays and a
visible note names the rest."""

from __future__ import annotations

import pandas as pd
import pytest

from flytt import geo
from flytt.report import sections as report_sections
from flytt.report.content import Figure, Note, Table
from flytt.report.sections import Context

DISTANCE_KEYS = {"mean_distance", "median_distance", "distance_decay"}


def _clear_geography_caches() -> None:
    from flytt.indices import geography

    geography._vintage.cache_clear()


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """No mirror, an empty cache and no network: the registry's real download path fails
    as it does on an offline machine (httpx cannot connect → NotFoundError)."""
    import httpx

    def no_network(*args, **kwargs):
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.delenv("FLYTT_DATA_MIRROR", raising=False)
    monkeypatch.setenv("FLYTT_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(httpx, "stream", no_network)
    _clear_geography_caches()  # geography computed by earlier tests with the mirror
    yield
    _clear_geography_caches()


@pytest.fixture
def no_bundled(offline, tmp_path, monkeypatch):
    """Offline, and the bundled copies gone too."""
    monkeypatch.setattr(geo, "BUNDLED", tmp_path / "no-bundled-data")


def _items(section) -> dict[str, object]:
    return {f"{type(i).__name__}:{i.stem}": i for i in section.items if not isinstance(i, Note)}


def _matrix():
    from flytt.datasets import load
    from flytt.indices import ODMatrix

    return ODMatrix.from_flows(load("ssb-counties").flows, 2011)


def test_registry_is_really_out_of_reach(offline):
    from flytt.errors import NotFoundError
    from flytt.registry import fetch

    with pytest.raises(NotFoundError, match="cannot download 'code-history'"):
        fetch("code-history")
    assert geo.boundary_source("county", 2017).bundled


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_maps_section_is_complete_offline_and_names_its_boundaries(offline, tmp_path, lang):
    section = report_sections.maps_section(Context(lang=lang, out_dir=tmp_path))
    assert section.missing == []
    assert list(_items(section)) == ["Figure:map_net_internal_2011", "Figure:flowmap_2011",
                                     "Figure:chord_2011", "Table:flowmap_2011"]
    notes = [i.text for i in section.items if isinstance(i, Note)]
    word = "forenklet kopi" if lang == "nb" else "simplified copy bundled with flytt"
    assert any(word in n and "kommuner-2018" in n and "CC BY 4.0" in n for n in notes)
    # all 19 counties of SSB's tables are on the map, with their names
    drawn = {f["properties"]["code"]: f["properties"]["name"]
             for f in geo.boundaries("county", 2017)["features"]}
    assert set(drawn) == set(geo.COUNTIES_1972_2017)
    assert drawn["16"] == "Sør-Trøndelag" and drawn["20"] == "Finnmark"


def test_with_the_mirror_the_maps_say_registry(tmp_path):
    section = report_sections.maps_section(Context(lang="en", out_dir=tmp_path))
    notes = [i.text for i in section.items if isinstance(i, Note)]
    assert any(n.startswith("Boundaries: the 19 counties of 1972–2017 from the data registry")
               for n in notes)


def test_indices_section_is_complete_offline_with_bundled_geography(offline, tmp_path):
    """Bundled boundaries give every part, the distance indices included (their numbers
    are compared with the registry's in the test below)."""
    section = report_sections.indices_section(Context(lang="en", out_dir=tmp_path))
    assert section.missing == []
    assert list(_items(section)) == ["Table:indices_2011", "Figure:distance_decay_2011",
                                     "Figure:indices_by_scale_2011", "Table:corridors_2011",
                                     "Table:regions_2011"]
    values = _items(section)["Table:indices_2011"].table.frame.set_index("measure")["value"]
    assert DISTANCE_KEYS <= set(values.index)


def test_bundled_geography_matches_the_registry(tmp_path, monkeypatch):
    """The contiguity of the bundled counties of 1972–2017 and of the municipalities of
    2020 and 2024 equals that of the registry's full files; centroids move < 5 km."""
    from flytt.indices import geography

    def both(level, vintage):
        _clear_geography_caches()
        full = geography._vintage(level, vintage)
        with monkeypatch.context() as mp:
            mp.setenv("FLYTT_DATA_MIRROR", str(tmp_path / "empty-mirror"))
            _clear_geography_caches()
            assert geo.boundary_source(level, vintage).bundled
            bundled = geography._vintage(level, vintage)
        _clear_geography_caches()
        return full, bundled

    for level, vintage in (("county", 2017), ("municipality", 2020), ("municipality", 2024)):
        full, bundled = both(level, vintage)
        assert bundled.neighbours == full.neighbours, (level, vintage)
        m = full.centroids.merge(bundled.centroids, on="code", suffixes=("_f", "_b"))
        assert len(m) == len(full.centroids) == len(bundled.centroids)
        assert (m["name_f"] == m["name_b"]).all()
        km = geo.haversine_km(m["lon_f"], m["lat_f"], m["lon_b"], m["lat_b"])
        assert km.max() < 5, (level, vintage, km.max())


def test_indices_offline_equal_the_registry_numbers_closely(offline, tmp_path, monkeypatch):
    from flytt.indices import summary
    from flytt.indices.geography import centroid_distances

    m = _matrix()
    bundled = summary(m, distances=centroid_distances(m.codes))
    monkeypatch.undo()  # back to the mirror
    _clear_geography_caches()
    full = summary(m, distances=centroid_distances(m.codes))
    _clear_geography_caches()
    for key in ("mean_distance", "median_distance"):
        assert bundled[key] == pytest.approx(full[key], rel=0.01), key
    assert bundled["mei"] == full["mei"]


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_indices_section_degrades_per_part_without_any_boundaries(no_bundled, tmp_path, lang):
    from flytt.indices import corridors, region_summary, summary

    section = report_sections.indices_section(Context(lang=lang, out_dir=tmp_path))
    items = _items(section)
    assert set(items) == {"Table:indices_2011", "Figure:chord_2011", "Table:corridors_2011",
                          "Table:regions_2011"}

    m = _matrix()
    shown = items["Table:indices_2011"].table.frame
    expected = summary(m).to_frame()
    if lang == "nb":  # descriptions in Norwegian, by the same keys
        from flytt.i18n import CATALOG

        expected["description"] = [CATALOG[f"indices.{m}"]["nb"] for m in expected["measure"]]
    pd.testing.assert_frame_equal(shown, expected)
    assert not DISTANCE_KEYS & set(shown["measure"])
    values = shown.set_index("measure")["value"]
    assert values["mei"] == summary(m)["mei"]
    assert values["gini_total"] == summary(m)["gini_total"]
    assert {"mei", "connectivity", "gini_total", "mwg_mean", "acv"} <= set(values.index)
    pd.testing.assert_frame_equal(items["Table:corridors_2011"].table.frame,
                                  corridors(m).top(15))
    pd.testing.assert_frame_equal(items["Table:regions_2011"].table.frame,
                                  region_summary(m).to_frame())
    assert isinstance(items["Figure:chord_2011"], Figure)

    [note] = section.missing
    for part in ("mean_distance", "median_distance", "distance_decay", "MAUP",
                 "FLYTT_DATA_MIRROR", "kommuner-2018"):
        assert part in note.text, part
    if lang == "en":
        for part in ("distance indices", "distance-decay figure", "scale figure", "network"):
            assert part in note.text, part


def test_offline_report_has_every_section_with_its_maps(offline, tmp_path, monkeypatch):
    from flytt.report import build_report

    monkeypatch.setattr(report_sections, "SECTION_BUILDERS",
                        tuple(b for b in report_sections.SECTION_BUILDERS
                              if b[0] in ("maps", "barometer", "indices")))
    result = build_report(tmp_path / "r", lang="en")
    page = result.index.read_text(encoding="utf-8")
    maps, barometer, indices = result.sections
    for section in (maps, barometer, indices):
        assert section.missing == [], section.id
    stems = {i.stem for s in result.sections for i in s.items if isinstance(i, Figure)}
    assert {"map_net_internal_2011", "flowmap_2011", "barometer_map_municipalities",
            "barometer_map_regions", "barometer_map_counties", "distance_decay_2011",
            "indices_by_scale_2011"} <= stems
    assert page.count("simplified copy bundled with flytt") == 2  # maps and barometer
    assert (tmp_path / "r" / "tables" / "regions_2011.csv").is_file()


def test_offline_report_without_bundled_data_keeps_the_indices(no_bundled, tmp_path,
                                                                monkeypatch):
    from flytt.report import build_report

    monkeypatch.setattr(report_sections, "SECTION_BUILDERS",
                        tuple(b for b in report_sections.SECTION_BUILDERS
                              if b[0] in ("maps", "indices")))
    result = build_report(tmp_path / "r", lang="en")
    page = result.index.read_text(encoding="utf-8")
    maps, indices = result.sections
    assert [type(i) for i in maps.items] == [Note]  # the maps need boundaries
    assert any(isinstance(i, Table) for i in indices.items)
    assert 'id="table-indices_2011"' in page and 'id="spec-chord_2011"' in page
    assert "distance-decay figure" in page


def test_with_the_mirror_the_section_is_unchanged(tmp_path):
    from flytt.indices import summary
    from flytt.indices.geography import centroid_distances

    section = report_sections.indices_section(Context(lang="en", out_dir=tmp_path))
    assert section.missing == []
    assert list(_items(section)) == ["Table:indices_2011", "Figure:distance_decay_2011",
                                     "Figure:indices_by_scale_2011", "Table:corridors_2011",
                                     "Table:regions_2011"]
    m = _matrix()
    pd.testing.assert_frame_equal(_items(section)["Table:indices_2011"].table.frame,
                                  summary(m, distances=centroid_distances(m.codes)).to_frame())
