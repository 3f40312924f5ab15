"""The report's indices section without the data registry: every part that needs no
geography stays, with the numbers of :mod:`flytt.indices`; a visible note names the rest."""

from __future__ import annotations

import pandas as pd
import pytest

from flytt.report import sections as report_sections
from flytt.report.content import Figure, Note, Table
from flytt.report.sections import Context

DISTANCE_KEYS = {"mean_distance", "median_distance", "distance_decay"}


def _clear_geography_caches() -> None:
    from flytt.indices import geography

    geography._counties_1972_2017.cache_clear()
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


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_indices_section_degrades_per_part_offline(offline, tmp_path, lang):
    from flytt.indices import corridors, region_summary, summary

    section = report_sections.indices_section(Context(lang=lang, out_dir=tmp_path))
    items = _items(section)
    assert set(items) == {"Table:indices_2011", "Figure:chord_2011", "Table:corridors_2011",
                          "Table:regions_2011"}

    m = _matrix()
    shown = items["Table:indices_2011"].table.frame
    expected = summary(m).to_frame()
    if lang == "nb":  # descriptions in Norwegian, by the same keys
        from flytt.indices.system import DESCRIPTIONS_NB

        expected["description"] = expected["measure"].map(DESCRIPTIONS_NB)
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
                 "FLYTT_DATA_MIRROR", "code-history"):
        assert part in note.text, part
    if lang == "en":
        for part in ("distance indices", "distance-decay figure", "scale figure", "network"):
            assert part in note.text, part


def test_offline_report_keeps_the_indices_section(offline, tmp_path, monkeypatch):
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
    assert (tmp_path / "r" / "tables" / "regions_2011.csv").is_file()


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
