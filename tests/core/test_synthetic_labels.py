"""The city analysis of a register written by ``flytt synth`` says SYNTHETIC in every
output (headline, notes.txt, city.html, every figure, the trend's ``source``), and a real
register says nothing of the kind."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from flytt import city
from flytt import microdata as M
from flytt.figures import city as fig


@pytest.fixture(scope="module")
def register(synthetic_register):
    return synthetic_register


@pytest.fixture(scope="module", params=["en", "nb"])
def result(request, register) -> city.CityResult:
    return city.analyse(register, "0301", focus=2020, baseline=(2016, 2019),
                        lang=request.param)


CONTRACTS = {"trend": city.TREND_COLUMNS, "age": city.AGE_COLUMNS,
             "age_groups": city.AGE_GROUP_COLUMNS, "occupation": city.OCCUPATION_COLUMNS,
             "background": city.BACKGROUND_COLUMNS,
             "birthplace_family": city.BIRTHPLACE_FAMILY_COLUMNS,
             "destinations": city.DESTINATION_COLUMNS,
             "decomposition": city.DECOMPOSITION_COLUMNS}


def _titles(spec: object) -> str:
    """Every title and subtitle of a Vega-Lite spec, as one text."""
    if isinstance(spec, dict):
        found = [str(v) for k, v in spec.items() if k in ("title", "subtitle")]
        return " ".join(found + [_titles(v) for v in spec.values()])
    if isinstance(spec, list):
        return " ".join(_titles(v) for v in spec)
    return ""


def test_the_marker_of_flytt_synth_is_detected(register, tmp_path):
    assert M.is_synthetic(register)
    (register / M.MANIFEST).rename(tmp_path / "manifest")  # the Parquet files say it too
    try:
        assert M.is_synthetic(register)
    finally:
        (tmp_path / "manifest").rename(register / M.MANIFEST)
    real = tmp_path / "real" / "moves" / "year=2020"
    real.mkdir(parents=True)
    pd.DataFrame({"person_id": [1]}).to_parquet(real / "part.parquet")
    (tmp_path / "real" / M.MANIFEST).write_text(json.dumps({"synthetic": False}))
    assert not M.is_synthetic(tmp_path / "real")


def test_every_output_says_synthetic(result, tmp_path):
    word = {"en": "SYNTHETIC", "nb": "SYNTETISK"}[result.lang]
    assert result.synthetic and word in result.synthetic_note
    assert fig.summary_text(result).startswith(result.synthetic_note)
    paths = result.write_csv(tmp_path)
    assert word in (tmp_path / "notes.txt").read_text(encoding="utf-8")
    assert word in fig.city_page(result, {n: f"{n}.svg" for n in fig.FIGURES})
    for name in fig.FIGURES:
        assert word in _titles(fig.chart(result, name).to_dict()), name
    for part in result.parts.values():  # tables in the report and the dashboard
        assert part.footnote.startswith(result.synthetic_note), part.name
    trend = pd.read_csv(tmp_path / "trend.csv")
    assert set(trend["source"]) == {city.SYNTHETIC_SOURCE}
    for path in paths:  # the CSV contracts keep their columns
        assert tuple(pd.read_csv(path, nrows=0).columns) == CONTRACTS[path.stem], path.name


def test_a_real_register_is_not_labelled(register):
    moves = city.read_register(register, ["0301"])
    real = city.analyse_register(
        city.Register(moves=moves.moves, population=moves.population, source="real"),
        "0301", focus=2020, baseline=(2016, 2019))
    assert not real.synthetic and real.synthetic_note == ""
    assert not any("SYNTHETIC" in p.footnote for p in real.parts.values())
    assert set(real.trend.frame["source"]) == {city.MICRODATA_SOURCE}
    assert "SYNTHETIC" not in fig.summary_text(real)
    assert "SYNTHETIC" not in _titles(fig.chart(real, "trend").to_dict())
