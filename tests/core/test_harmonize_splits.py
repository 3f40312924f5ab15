"""Split shares do not depend on which rows the data hold, say where they come from, and
municipality names are those of the target year (SSB's parallel-name form)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ref
from typer.testing import CliRunner

from flytt import harmonize as H
from flytt import registry
from flytt.cli.app import app
from flytt.errors import InputError, NotFoundError
from flytt.harmonize import SOURCE_REGISTRY, harmonize, municipality_names
from flytt.ssb.statbank_csv import read_statbank_file

runner = CliRunner()

ONE_ROW = pd.DataFrame({"year": [2019], "region_code": ["1850"],
                        "population": pd.array([1950], dtype="Int64")})
# the trial's fuller file: the other predecessors of Narvik and Hamarøy too, 2019 only
FULL = pd.DataFrame({"year": [2019] * 4, "region_code": ["1850", "1805", "1854", "1849"],
                     "population": pd.array([1950, 14000, 2500, 1700], dtype="Int64")})


def tysfjord(weights: pd.DataFrame) -> dict[str, float]:
    w = weights[weights["split_code"] == "1850"]
    return dict(zip(w["successor_code"], w["share"]))


def ssb_tysfjord_shares() -> dict[str, float]:
    """Straight from SSB's 2019 and 2020 exports: Narvik 2020 less 1805 Narvik and 1854
    Ballangen 2019; Hamarøy 2020 less 1849 Hamarøy 2019."""
    p19 = read_statbank_file(ref("ssb-population-2019")).groupby("region")["value"].sum()
    p20 = read_statbank_file(ref("ssb-population-2020")).groupby("region")["value"].sum()
    narvik = p20["K-1806"] - p19["1805"] - p19["1854"]
    hamaroy = p20["K-1875"] - p19["1849"]
    return {"1806": narvik / (narvik + hamaroy), "1875": hamaroy / (narvik + hamaroy)}


@pytest.mark.parametrize("target", [2020, 2024])
def test_tysfjord_shares_do_not_depend_on_the_rows_in_the_file(target):
    one, full = harmonize(ONE_ROW, target), harmonize(FULL, target)
    assert tysfjord(one.weights) == tysfjord(full.weights)
    expected = ssb_tysfjord_shares()
    for code, share in tysfjord(one.weights).items():
        assert share == pytest.approx(expected[code], abs=1e-12)
    # the README: Narvik 42 %, Hamarøy 58 %
    assert {c: round(100 * s) for c, s in tysfjord(one.weights).items()} == {
        "1806": 42, "1875": 58}
    for result in (one, full):
        w = result.weights
        assert (w["basis"] == "population 2020 less other predecessors' 2019").all()
        assert (w["source"] == SOURCE_REGISTRY).all()
    split = lambda r: r.frame[r.frame["region_code"].isin(["1806", "1875"])]
    assert split(one)["population"].sum() == 1950
    got = split(one).set_index("region_code")["population"]
    assert got.to_dict() == {"1806": round(1950 * expected["1806"]),
                             "1875": 1950 - round(1950 * expected["1806"])}


def test_a_population_that_holds_every_number_is_used_and_named():
    pop = pd.DataFrame({"year": [2019, 2019, 2019, 2020, 2020],
                        "region_code": ["1805", "1854", "1849", "1806", "1875"],
                        "population": [18000, 2400, 1750, 21000, 2750]})
    w = harmonize(ONE_ROW, 2024, population=pop).weights
    assert tysfjord(w) == {"1806": 600 / 1600, "1875": 1000 / 1600}
    assert (w["source"] == "the population given").all()
    assert w.set_index("successor_code")["persons"].to_dict() == {"1806": 600, "1875": 1000}
    # a population lacking Ballangen 2019 is not half used: SSB's exports are
    partial = pop[pop["region_code"] != "1854"]
    w = harmonize(ONE_ROW, 2024, population=partial).weights
    assert tysfjord(w) == pytest.approx(ssb_tysfjord_shares(), abs=1e-12)
    assert (w["source"] == SOURCE_REGISTRY).all()


def test_a_population_file_holding_both_years_weights_itself():
    data = pd.DataFrame({"year": [2019, 2019, 2019, 2019, 2020, 2020],
                         "region_code": ["1850", "1805", "1854", "1849", "1806", "1875"],
                         "population": pd.array([1950, 14000, 2500, 1700, 17000, 2700],
                                                dtype="Int64")})
    w = harmonize(data, 2024).weights
    assert tysfjord(w) == {"1806": 500 / 1500, "1875": 1000 / 1500}
    assert (w["source"] == "the data").all()


def test_without_any_basis_a_clear_error_suggests_weights_from(monkeypatch):
    def offline(years):
        raise NotFoundError("cannot download 'ssb-population-2019' (no network)")

    monkeypatch.setattr(H, "population_from_registry", offline)
    with pytest.raises(InputError, match="--weights-from") as err:
        harmonize(ONE_ROW, 2024)
    text = str(err.value)
    assert "1850" in text and "1806 (2020)" in text and "no network" in text


def test_cli_prints_the_same_shares_with_basis_and_source(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    outs = []
    for name, frame in (("tys.csv", ONE_ROW), ("full.csv", FULL)):
        path = tmp_path / name
        frame.to_csv(path, index=False)
        res = runner.invoke(app, ["harmonize", str(path), "--weights-out",
                                  str(tmp_path / f"w-{name}"), "--out",
                                  str(tmp_path / f"o-{name}")])
        assert res.exit_code == 0, res.output
        lines = [ln for ln in res.output.splitlines() if ln.startswith("  1850 →")]
        outs.append(lines)
    assert outs[0] == outs[1]
    basis = f"population 2020 less other predecessors' 2019; {SOURCE_REGISTRY}"
    assert outs[0] == [f"  1850 → 1806 Narvik: 0.4223 ({basis})",
                       f"  1850 → 1875 Hábmer - Hamarøy: 0.5777 ({basis})"]
    w = pd.read_csv(tmp_path / "w-tys.csv", dtype={"successor_code": str})
    assert list(w.columns) == ["split_code", "year", "successor_code", "successor_name",
                               "persons", "share", "basis", "source"]


def test_cli_without_a_basis_exits_with_the_hint(tmp_path):
    """A data mirror without SSB's population exports, and a one-row file: no basis."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for key in registry.keys():  # every product file but the population exports
        e = registry.entry(key)
        if not key.startswith("ssb-population"):
            (mirror / e.mirror_path).parent.mkdir(parents=True, exist_ok=True)
            (mirror / e.mirror_path).symlink_to(ref(key))
    path = tmp_path / "tys.csv"
    ONE_ROW.to_csv(path, index=False)
    proc = subprocess.run([sys.executable, "-m", "flytt.cli.app", "harmonize", str(path)],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "FLYTT_DATA_MIRROR": str(mirror)})
    assert proc.returncode == 2, proc.stderr
    assert "--weights-from FILE" in proc.stderr and "split of 1850" in proc.stderr
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- names
def kartverket_2024() -> dict[str, str]:
    raw = json.loads(ref("kommuner-2024").read_text(encoding="utf-8"))
    return {str(f["properties"]["kommunenummer"]).zfill(4): f["properties"]["kommunenavn"]
            for f in raw["features"]}


def test_names_are_those_of_the_target_year_with_parallel_names():
    names = municipality_names(2024)
    assert len(names) == 357
    assert names["1875"] == "Hábmer - Hamarøy"  # not the code history's bare "Hábmer"
    assert names["5001"] == "Trondheim - Tråante"
    assert names["5054"] == "Indre Fosen"
    assert names["1508"] == "Ålesund"
    assert names["5007"] == "Namsos - Nåavmesjenjaelmie"
    # Sámi letters SSB's Latin-1 export cannot hold are restored
    assert names["5610"] == "Kárášjohka - Karasjok"
    assert names["5622"] == "Porsanger - Porsáŋgu - Porsanki"
    assert names["1853"] == "Evenes - Evenášši"
    # homonyms keep their current county qualifier
    assert names["3419"] == "Våler (Innlandet)"
    # independent check: Kartverket's 2024 file names (no qualifiers) agree on the
    # parallel names wherever it has them
    for code, name in kartverket_2024().items():
        if " - " in name and code not in ("5025",):  # Røros: Kartverket puts Rosse first
            assert names[code] == name, code
    old = municipality_names(2020)
    assert len(old) == 356 and old["1507"] == "Ålesund" and old["5006"] == "Steinkjer"
    assert old["1875"] == "Hamarøy"


def test_output_names_are_the_target_years():
    frame = pd.DataFrame({"year": [2019, 2023, 2023], "region_code": ["1849", "5001", "1507"],
                          "region_name": ["Hamarøy", "Trondheim", "Ålesund"],
                          "population": pd.array([1700, 200000, 66000], dtype="Int64")})
    result = harmonize(frame, 2024)
    got = dict(zip(result.frame["region_code"], result.frame["region_name"]))
    assert got["1875"] == "Hábmer - Hamarøy" and got["5001"] == "Trondheim - Tråante"
    assert got["1508"] == "Ålesund" and got["1580"] == "Haram"
    w = result.weights.set_index("successor_code")["successor_name"]
    assert w.to_dict() == {"1508": "Ålesund", "1580": "Haram"}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
