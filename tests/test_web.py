"""The dashboard's JSON API: numbers equal to the core API, clear 4xx on bad parameters,
no 5xx for anything the OpenAPI schema allows (schemathesis), pages and offline assets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from flytt.api import migration_table  # noqa: E402
from flytt.web import create_app  # noqa: E402

os.environ.setdefault("FLYTT_DATA_MIRROR", str(Path(__file__).resolve().parents[2] / "shared"
                                               / "data"))
APP = create_app()


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(APP)


def test_table_numbers_equal_core_api(client):
    body = client.get("/api/tables/balance", params={"year": 2015}).json()
    core = migration_table("balance", dataset="ssb-counties", year=2015).to_frame()
    assert body["columns"] == list(core.columns)
    assert [r["net_internal"] for r in body["rows"]] == core["net_internal"].tolist()
    assert body["rows"][0]["region_code"] == "TOTAL"
    assert body["spec"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert "Møre og Romsdal" in body["table_html"]


def test_od_table_keeps_not_applicable_cells_as_null(client):
    body = client.get("/api/tables/od", params={"year": 2011, "lang": "nb"}).json()
    core = migration_table("od", dataset="ssb-counties", year=2011).to_frame()
    oslo = next(r for r in body["rows"] if r["origin_code"] == "03")
    assert oslo["03"] is None and pd_isna(core.set_index("origin_code").loc["03", "03"])
    assert oslo["02"] == core.set_index("origin_code").loc["03", "02"]
    assert body["title"].startswith("Flyttinger innen og mellom regioner")


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_flows_follow_the_filter(client):
    from flytt import geo
    from flytt.flowlines import county_flows_on_map, top_flows

    body = client.get("/api/flows", params={"top": 5, "direction": "in",
                                            "region": ["03"]}).json()
    core = top_flows(county_flows_on_map(), geo.centroids("county", 2018), year=2011, top=5,
                     direction="in", regions=["03"])
    assert [r["moves"] for r in body["rows"]] == core.frame["moves"].tolist()
    assert {r["destination_code"] for r in body["rows"]} == {"03"}
    assert body["meta"]["total_moves"] == core.total_moves


@pytest.mark.parametrize("url, status, words", [
    ("/api/tables/od?year=2005", 404, "has no od table for 2005"),
    ("/api/tables/xx?year=2011", 422, "'od', 'net' or 'balance'"),
    ("/api/tables/balance?year=abc", 422, "valid integer"),
    ("/api/tables/balance?year=2011&dataset=nope", 422, "ssb-counties"),
    ("/api/flows?direction=sideways", 422, "'all', 'in', 'out' or 'between'"),
    ("/api/flows?region=99", 404, "no region 99"),
    ("/api/flows?top=0", 422, "greater than or equal to 1"),
    ("/api/flows?region=a%20b", 422, "pattern"),
])
def test_bad_parameters_get_a_clear_4xx(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert words in response.text


def test_pages_and_assets_are_served_locally(client):
    for page in ("/", "/tables", "/flows", "/tables?lang=nb"):
        response = client.get(page)
        assert response.status_code == 200
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "http://" not in response.text and "https://" not in response.text
    assert "window.vegaEmbed" in client.get("/static/vega.js").text
    assert client.get("/tables?lang=de").status_code == 422
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN


def test_openapi_schema_lists_the_api(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/tables/{kind}", "/api/flows", "/api/datasets"} <= set(schema["paths"])
    flows = schema["paths"]["/api/flows"]["get"]
    assert {"400", "404", "422"} <= set(flows["responses"])


schemathesis = pytest.importorskip("schemathesis")
SCHEMA = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.mark.slow
@SCHEMA.parametrize()
def test_api_has_no_server_errors(case):
    from hypothesis import settings  # noqa: F401

    case.call_and_validate()
