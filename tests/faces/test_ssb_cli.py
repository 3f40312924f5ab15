"""`flytt fetch ssb-table`, `flytt fetch ssb` recipes and `flytt harmonize` end to end."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import duckdb
import httpx
import pandas as pd
import pytest
from conftest import ref
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1]))  # ssb_replay beside conftest
from ssb_replay import RECORDED, Replay

from flytt.cli.app import app
from flytt.ssb import (
    StatBank,
    recipes,
)

runner = CliRunner()


def recorded() -> dict:
    return json.loads(ref(RECORDED).read_text(encoding="utf-8"))


def test_fetch_ssb_table_reproduces_the_recorded_response(tmp_path, monkeypatch):
    doc = recorded()
    index, labels = (doc["dimension"]["Region"]["category"][k] for k in ("index", "label"))
    with Replay() as server:
        monkeypatch.setenv("FLYTT_SSB_URL", server.url)
        out = tmp_path / "07459.csv"
        res = runner.invoke(app, ["fetch", "ssb-table", "07459", "--select", "Region=*",
                                  "--select", "Tid=2022", "--select", "ContentsCode=Personer1",
                                  "--out", str(out)])
        assert res.exit_code == 0, res.output
        # the second time comes from the cache, and works offline
        res = runner.invoke(app, ["fetch", "ssb-table", "07459", "-s", "Region=*", "-s",
                                  "Tid=2022", "-s", "ContentsCode=Personer1", "--offline",
                                  "--out", str(tmp_path / "again.csv")])
        assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["Region", "Region_label", "ContentsCode", "ContentsCode_label",
                             "Tid", "Tid_label", "value"]
    assert {r["Region"]: int(r["value"]) for r in rows} == {
        code: doc["value"][i] for code, i in index.items()}
    assert {r["Region"]: r["Region_label"] for r in rows} == labels
    assert sum(int(r["value"]) for r in rows) == 5_425_270
    assert (tmp_path / "again.csv").read_bytes() == out.read_bytes()


def test_fetch_ssb_table_into_the_store(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    with Replay() as server:
        monkeypatch.setenv("FLYTT_SSB_URL", server.url)
        res = runner.invoke(app, ["fetch", "ssb-table", "07459", "-s", "Region=K-0301,K-5001",
                                  "-s", "Tid=2022", "--store", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "ssb_07459" in res.output
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT Region, value FROM ssb_07459").fetchall())
    con.close()
    doc = recorded()
    index = doc["dimension"]["Region"]["category"]["index"]
    assert rows == {c: doc["value"][index[c]] for c in ("K-0301", "K-5001")}


@pytest.mark.parametrize(("given", "sent"), [("nb", "no"), ("no", "no"), ("en", "en")])
def test_fetch_lang_nb_asks_statbank_for_norwegian(tmp_path, monkeypatch, given, sent):
    with Replay() as server:
        monkeypatch.setenv("FLYTT_SSB_URL", server.url)
        res = runner.invoke(app, ["fetch", "ssb-table", "07459", "-s", "Region=K-0301",
                                  "-s", "Tid=2022", "--lang", given,
                                  "--out", str(tmp_path / "p.csv")])
    assert res.exit_code == 0, res.output
    langs = {q.get("lang") for _, path, q, _ in server.requests if path.endswith("/data")}
    assert langs == {sent}


def test_fetch_lang_rejects_unknown_languages():
    res = runner.invoke(app, ["fetch", "ssb-table", "07459", "--lang", "sv"])
    assert res.exit_code == 2 and "use en or nb" in res.output


def test_fetch_errors_are_clear_not_tracebacks(tmp_path, monkeypatch):
    from flytt.cli.app import main

    with Replay() as server:
        monkeypatch.setenv("FLYTT_SSB_URL", server.url)
        monkeypatch.setattr(sys, "argv", ["flytt", "fetch", "ssb-table", "07459", "-s",
                                          "Region=K-9999"])
        with pytest.raises(SystemExit) as exit_info:
            main()
    assert exit_info.value.code == 2


def _cube(dims: list[tuple[str, list[str]]], values: list, roles: dict) -> dict:
    return {"version": "2.0", "class": "dataset", "label": "test",
            "id": [d for d, _ in dims], "size": [len(c) for _, c in dims],
            "role": roles,
            "dimension": {d: {"label": d, "category": {"index": {c: i for i, c in enumerate(cs)},
                                                         "label": {c: f"{c} label" for c in cs}},
                              "extension": {"elimination": d in ("Alder", "Kjonn")}}
                          for d, cs in dims},
            "value": values}


def test_population_recipe_fills_the_store(tmp_path):
    regions = ["K-3001", "K-0301", "K-1850"]
    ages = ["000", "001", "105+"]
    dims = [("Region", regions), ("Alder", ages), ("Kjonn", ["1", "2"]),
            ("ContentsCode", ["Personer1"]), ("Tid", ["2020", "2021"])]
    n = 3 * 3 * 2 * 2
    values = list(range(1, n + 1))
    # K-1850 (Tysfjord) did not exist in 2020–2021: SSB answers with zeros
    for i in range(n):
        if i // (3 * 2 * 2) == 2:
            values[i] = 0
    meta = _cube(dims, [], {"time": ["Tid"]})
    data = _cube(dims, values, {"time": ["Tid"]})
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=meta)
        if "/codeLists/" in request.url.path:
            return httpx.Response(200, json={"values": [{"code": c, "label": c} for c in regions]})
        return httpx.Response(200, json=data)

    with StatBank("http://ssb.test", cache_dir=tmp_path / "c",
                  transport=httpx.MockTransport(handler)) as client:
        result = recipes.run(client, "population", (2020, 2021))
    params = seen[-1].url.params
    assert params["codelist[Region]"] == "vs_Kommun"
    assert params["valueCodes[Tid]"] == "range(2020,2021)"
    frame = result.frame
    assert set(frame["region_code"]) == {"3001", "0301"}
    assert sorted(set(frame["age"]), key=int) == ["0", "1", "105"]
    assert set(frame["sex"]) == {"M", "F"}
    # first cell: Halden, age 0, men, 2020 = 1; the total is the sum of the non-zero cells
    first = frame[(frame["region_code"] == "3001") & (frame["age"] == "0")
                  & (frame["sex"] == "M") & (frame["year"] == 2020)]
    assert first["population"].tolist() == [1]
    assert int(frame["population"].sum()) == sum(values)
    db = tmp_path / "store.duckdb"
    summary = recipes.store(result, str(db), source="test 07459")
    assert "2020, 2021" in summary
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT sum(population) FROM population").fetchone()[0] == sum(values)
    con.close()


def test_harmonize_command_on_a_population_file(tmp_path):
    src = tmp_path / "pop.csv"
    pd.DataFrame({"year": [2019, 2019, 2019, 2023, 2023],
                  "region_code": ["0101", "1850", "1849", "1507", "3001"],
                  "population": [30000, 1600, 1800, 66000, 31000]}).to_csv(src, index=False)
    weights = tmp_path / "pop2020.csv"
    pd.DataFrame({"year": [2019, 2019, 2019, 2020, 2020],
                  "region_code": ["1805", "1854", "1849", "1806", "1875"],
                  "population": [18000, 2400, 1750, 21000, 2750]}).to_csv(weights, index=False)
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["harmonize", str(src), "--to", "2024", "--weights-from",
                              str(weights), "--out", str(out), "--weights-out",
                              str(tmp_path / "w.csv")])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out, dtype={"region_code": str}).set_index(["year", "region_code"])
    assert got["population"].sum() == 30000 + 1600 + 1800 + 66000 + 31000
    assert got.loc[(2019, "3101"), "population"] == 30000
    # Tysfjord split: Narvik 2020 less Narvik+Ballangen 2019 = 600; Hamarøy 2750-1750 = 1000
    assert got.loc[(2019, "1806"), "population"] == 600
    assert got.loc[(2019, "1875"), "population"] == 1800 + 1000
    w = pd.read_csv(tmp_path / "w.csv", dtype={"successor_code": str})
    assert set(w["successor_code"]) >= {"1806", "1875", "1508", "1580"}
