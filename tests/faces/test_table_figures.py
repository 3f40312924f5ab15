"""The charts that go with SSB's tables read with names, not bare codes."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ref

from flytt.api import migration_table
from flytt.figures.tables import od_heatmap, table_chart


@pytest.mark.data("seed-flows-2011")
def test_od_heatmap_names_regions_and_axes():
    table = migration_table("od", dataset="ssb-counties", year=2011)
    spec = od_heatmap(table, title="t", labels={"moves": "Flyttinger", "from": "Fra",
                                                "to": "Til", "abroad": "Utlandet"}).to_dict()
    rows = spec["datasets"][next(iter(spec["datasets"]))]
    origins = {r["origin"] for r in rows}
    assert {"03 Oslo", "20 Finnmark Finnmárku", "Utlandet"} <= origins
    assert spec["encoding"]["x"]["title"] == "Til →"
    assert spec["encoding"]["y"]["title"] == "Fra ↓"
    oslo_to_akershus = next(r for r in rows if r["origin"] == "03 Oslo"
                            and r["destination"] == "02 Akershus")
    seed = pd.read_csv(ref("seed-flows-2011"), dtype=str)
    published = seed[(seed.origin_code == "03") & (seed.destination_code == "02")].moves
    assert oslo_to_akershus["moves"] == int(published.iloc[0])  # 13 813 in seed 001


def test_every_table_kind_has_a_chart():
    for kind, year in (("od", 2011), ("net", 2005), ("balance", 2015)):
        chart = table_chart(migration_table(kind, dataset="ssb-counties", year=year), title=kind)
        assert chart.to_dict()["title"] == kind
