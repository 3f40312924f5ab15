"""Fixes from the new-user trial: JSON-stat of any table, text files, strict imports."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from flytt import contracts as C
from flytt.api import migration_table
from flytt.cli.app import app
from flytt.jsonstat import decode, encode_table
from flytt.tables import FrameTable

runner = CliRunner()


def seed(shared_data, name: str) -> pd.DataFrame:
    return pd.read_csv(shared_data / "seed-tables" / name, dtype=str, keep_default_na=False)


# --------------------------------------------------------------- 1. JSON-stat of any table
def test_any_table_with_text_columns_is_valid_json_stat():
    frame = pd.DataFrame({"rank": [1, 2], C.REGION: ["3318", "1511"],
                          C.REGION_NAME: ["Krødsherad", "Vanylven"],
                          "population": [450, 1334], "share_pct": [5.5, None]})
    doc = json.loads(json.dumps(encode_table(FrameTable("ranking", "A ranking", frame))))
    assert doc["id"] == [C.REGION, "contents"] and doc["size"] == [2, 3]
    assert len(doc["value"]) == 6
    assert doc["role"] == {"geo": [C.REGION], "metric": ["contents"]}
    assert doc["dimension"][C.REGION]["category"]["label"] == {"3318": "Krødsherad",
                                                                "1511": "Vanylven"}
    tidy = decode(doc).set_index([C.REGION, "contents"])["value"]
    assert tidy[("1511", "population")] == 1334 and tidy[("3318", "share_pct")] == 5.5
    assert pd.isna(tidy[("1511", "share_pct")]) and tidy[("1511", "rank")] == 2


def test_rows_not_identified_by_text_get_a_row_dimension():
    frame = pd.DataFrame({"measure": ["a", "a"], "value": [1.5, 2.5]})
    doc = encode_table(FrameTable("m", "Measures", frame))
    assert doc["id"] == ["row", "measure", "contents"] and doc["size"] == [2, 1, 1]
    assert decode(doc)["value"].tolist() == [1.5, 2.5]


def test_barometer_demo_as_json_stat(tmp_path):
    out = tmp_path / "b.json"
    result = runner.invoke(app, ["barometer", "--demo", "-p", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["value"]) == int(pd.Series(doc["size"]).prod())
    tidy = decode(doc)
    assert "Krødsherad" in set(tidy[f"{C.REGION}_label"])


# --------------------------------------------------------------- 2. roles of od and net
def test_od_json_stat_roles_and_cells(shared_data):
    doc = encode_table(migration_table("od", dataset="ssb-counties", year=2011))
    assert doc["role"] == {"time": ["year"], "geo": [C.ORIGIN, "destination"],
                           "metric": ["contents"]}
    assert doc["dimension"]["contents"]["category"]["index"] == {C.MOVES: 0}
    assert doc["dimension"]["destination"]["category"]["label"]["total"] == "Total"
    tidy = decode(doc).set_index([C.ORIGIN, "destination"])["value"]
    flows = seed(shared_data, "flows_counties_2011.csv")
    oslo_akershus = flows[(flows.origin_code == "03") & (flows.destination_code == "02")]
    assert tidy[("03", "02")] == int(oslo_akershus.moves.iloc[0])


def test_net_json_stat_roles():
    doc = encode_table(migration_table("net", dataset="ssb-counties", year=2005))
    assert doc["role"] == {"time": ["year"], "geo": [C.REGION, "region_column"],
                           "metric": ["contents"]}
    assert doc["size"][-1] == 1 and len(doc["value"]) == 19 * 20


# --------------------------------------------------------------- 3. text files
def test_table_out_txt_has_the_terminal_text(tmp_path, shared_data):
    out = tmp_path / "balance.txt"
    result = runner.invoke(app, ["table", "balance", "-d", "ssb-counties", "-y", "2015",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    whole = seed(shared_data, "migrations_by_county_2015.csv").iloc[0]
    assert f"{int(whole.in_all):,}".replace(",", " ") in text and "Oslo" in text
    assert "\x1b[" not in text
