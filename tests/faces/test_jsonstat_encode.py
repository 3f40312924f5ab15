"""flytt's JSON-stat 2.0 output read back by the JSON-stat decoder (and checked by hand)."""

from __future__ import annotations

import json

from flytt import contracts as C
from flytt.api import migration_table
from flytt.jsonstat import decode, encode_table


def test_balance_round_trips_through_the_decoder():
    table = migration_table("balance", dataset="ssb-counties", year=2015)
    doc = json.loads(json.dumps(encode_table(table)))
    assert doc["role"] == {"time": ["year"], "geo": [C.REGION], "metric": ["contents"]}
    tidy = decode(doc)
    assert len(tidy) == 20 * 9
    cell = tidy[(tidy[C.REGION] == "TOTAL") & (tidy["contents"] == "in_all")]
    assert cell["value"].iloc[0] == 212_994 and cell["year"].iloc[0] == "2015"
    oslo = tidy[(tidy[C.REGION] == "03") & (tidy["contents"] == "net_internal")]
    assert oslo["value"].iloc[0] == 293 and oslo[f"{C.REGION}_label"].iloc[0] == "Oslo"


def test_not_applicable_and_unpublished_cells_carry_status():
    od = encode_table(migration_table("od", dataset="ssb-counties", year=2011))
    rows, cols = od["size"][1], od["size"][2]
    ri = od["dimension"][C.ORIGIN]["category"]["index"]
    ci = od["dimension"]["destination"]["category"]["index"]
    oslo_oslo = ri["03"] * cols + ci["03"]
    assert od["value"][oslo_oslo] is None and od["status"][str(oslo_oslo)] == "."
    assert rows == 21 and od["value"][ri["TOTAL"] * cols + ci["total"]] == 338_325
    net = encode_table(migration_table("net", dataset="ssb-counties", year=2005))
    ri = net["dimension"][C.REGION]["category"]["index"]
    ci = net["dimension"]["region_column"]["category"]["index"]
    n = net["size"][2]
    assert net["value"][ri["02"] * n + ci["01"]] == -448
    assert net["status"][str(ri["01"] * n + ci["02"])] == ".."  # not available (nil "-" would mean 0)
