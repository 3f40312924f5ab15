"""The dashboard's JSON API: numbers equal to the core API, clear 4xx on bad parameters,
no 5xx for anything the OpenAPI schema allows (schemathesis), pages and offline assets."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from hypothesis import settings

from flytt.api import migration_table
from flytt.web import create_app
from flytt.web.app import LOOPBACK_HOSTS

APP = create_app(hosts=(*LOOPBACK_HOSTS, "testserver"))
"""The dashboard as served on loopback, plus the name schemathesis's ASGI client sends."""


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(APP, base_url="http://localhost")


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
    assert body["title"].startswith("Flytting innen og mellom fylker")


def test_norwegian_table_has_norwegian_headings_and_row_names(client):
    body = client.get("/api/tables/balance", params={"year": 2015, "lang": "nb"}).json()
    html = body["table_html"]
    assert "Hele landet" in html and "<th>Innflytting i alt</th>" in html
    assert "The whole country" not in html and "region code" not in html
    assert "in all" not in html


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_flows_follow_the_filter(client):
    from flytt.datasets import load
    from flytt.flowlines import top_flows
    from flytt.indices.geography import geography_for

    body = client.get("/api/flows", params={"top": 5, "direction": "in",
                                            "region": ["03"]}).json()
    counties = load("ssb-counties").flows
    core = top_flows(counties, geography_for(counties.regions()).centroids, year=2011, top=5,
                     direction="in", regions=["03"])
    assert [r["moves"] for r in body["rows"]] == core.frame["moves"].tolist()
    assert {r["destination_code"] for r in body["rows"]} == {"03"}
    assert body["meta"]["total_moves"] == core.total_moves


@pytest.mark.parametrize("direction, regions, lang, words", [
    ("in", ["03"], "en", "largest flows into Oslo, 2011"),
    ("out", ["03"], "en", "largest flows out of Oslo, 2011"),
    ("between", ["03", "02"], "en", "largest flows between Oslo and Akershus, 2011"),
    ("all", ["03"], "en", "largest flows to and from Oslo, 2011"),
    ("all", [], "en", "largest flows between the counties, 2011"),
    ("in", ["03"], "nb", "største flyttestrømmene inn til Oslo, 2011"),
    ("out", ["03"], "nb", "største flyttestrømmene ut av Oslo, 2011"),
    ("between", ["03", "02"], "nb", "største flyttestrømmene mellom Oslo og Akershus, 2011"),
])
def test_flows_title_says_the_direction_and_regions(client, direction, regions, lang, words):
    body = client.get("/api/flows", params={"top": 3, "direction": direction,
                                            "region": regions, "lang": lang}).json()
    assert body["title"].endswith(words), body["title"]


@pytest.mark.parametrize("url, status, words", [
    ("/api/tables/od?year=2005", 404, "has no od table for 2005"),
    ("/api/tables/xx?year=2011", 422, "'od', 'net' or 'balance'"),
    ("/api/tables/balance?year=abc", 422, "valid integer"),
    ("/api/tables/balance?year=2011&dataset=nope", 422, "ssb-counties"),
    ("/api/flows?direction=sideways", 422, "'all', 'in', 'out' or 'between'"),
    ("/api/flows?region=99", 404, "no region 99"),
    ("/api/flows?top=0", 422, "greater than or equal to 1"),
    ("/api/flows?region=a%20b", 422, "pattern"),
    ("/api/barometer?period=2023-2025", 422, "2022-2024"),
    ("/api/barometer?level=planet", 422, "'municipality', 'region' or 'county'"),
    ("/api/barometer?long_term=maybe", 422, "valid boolean"),
    ("/api/barometer?period=2013-2015&long_term=true", 422, "Long term from 2016-2018 on"),
    ("/api/city?focus=2016", 422, "greater than or equal to 2017"),
    ("/api/city?code=9999", 422, "0301"),
])
def test_bad_parameters_get_a_clear_4xx(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert words in response.text


def test_pages_and_assets_are_served_locally(client):
    for page in ("/", "/tables", "/flows", "/barometer", "/city", "/tables?lang=nb"):
        response = client.get(page)
        assert response.status_code == 200
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "http://" not in response.text and "https://" not in response.text
    assert "window.vegaEmbed" in client.get("/static/vega.js").text
    assert client.get("/tables?lang=de").status_code == 422
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN


def test_openapi_schema_lists_the_api(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/tables/{kind}", "/api/flows", "/api/datasets", "/api/barometer",
            "/api/barometer/history", "/api/city"} <= set(schema["paths"])
    flows = schema["paths"]["/api/flows"]["get"]
    assert {"400", "404", "422"} <= set(flows["responses"])


def test_barometer_numbers_equal_core_api(client):
    from flytt.barometer import barometer, demo_panel

    body = client.get("/api/barometer", params={"period": "2019-2021", "level": "region",
                                                "stream": "domestic_others"}).json()
    core = barometer(demo_panel(), (2019, 2021), level="region", stream="domestic_others")
    frame = core.to_frame()
    assert [r["region_code"] for r in body["rows"]] == frame["region_code"].tolist()
    assert body["rows"][0]["attractiveness"] == pytest.approx(frame["attractiveness"].iloc[0])
    assert len(body["more"]) == 2 and body["meta"]["units"] == len(frame)


def test_barometer_history_follows_a_unit_across_periods(client):
    from flytt.barometer import barometer, demo_panel

    body = client.get("/api/barometer/history", params={"code": "0301"}).json()
    periods = [r["period"] for r in body["rows"]]
    assert periods == ["2010-2012", "2013-2015", "2016-2018", "2019-2021", "2022-2024"]
    core = barometer(demo_panel(), (2016, 2018)).frame.set_index("region_code")
    row = next(r for r in body["rows"] if r["period"] == "2016-2018")
    assert row["rank"] == core.loc["0301", "rank"]
    assert row["attractiveness"] == pytest.approx(core.loc["0301", "attractiveness"])
    missing = client.get("/api/barometer/history", params={"code": "9999"})
    assert missing.status_code == 404 and "no municipality '9999'" in missing.text


@pytest.mark.parametrize("lang, word", [("en", "SYNTHETIC"), ("nb", "SYNTETISKE")])
def test_barometer_and_its_history_say_synthetic_in_the_language(client, lang, word):
    from flytt.i18n import t

    note = t("synthetic_note", lang)
    history = client.get("/api/barometer/history", params={"code": "0301", "lang": lang}).json()
    assert history["notes"] == [note] and word in history["title"]
    barometer = client.get("/api/barometer", params={"lang": lang}).json()
    assert barometer["notes"][1].startswith(note)
    assert (word == "SYNTHETIC") == ("SYNTHETIC" in " ".join(barometer["notes"]))


@pytest.mark.slow
def test_city_view_is_the_core_analysis_on_a_labelled_synthetic_register(client):
    from flytt import city
    from flytt.web import views

    body = client.get("/api/city", params={"part": "trend", "focus": 2020}).json()
    core = city.analyse(views.city_register(), "0301", focus=2020, baseline=(2016, 2019))
    assert body["meta"]["summary"] == pytest.approx(core.summary())
    assert [r["moves"] for r in body["rows"]] == core.trend.frame["moves"].tolist()
    assert any("SYNTHETIC" in n for n in body["notes"])


@pytest.mark.slow
def test_city_view_says_each_note_once_in_the_language(client):
    from flytt.city import disclosure_note
    from flytt.disclosure import resolve
    from flytt.i18n import t

    body = client.get("/api/city", params={"part": "decomposition", "lang": "nb"}).json()
    assert body["notes"][0] == t("city.synthetic_note", "nb")
    assert not any("SYNTHETIC" in n for n in body["notes"])
    shown = " ".join([*body["notes"], body["table_html"]])
    for note in (t("city.synthetic_note", "nb"), disclosure_note(resolve("default"), "nb"),
                 t("city.note.decomposition_disclosure", "nb")):
        assert shown.count(note) == 1, note
    assert t("city.note.decomposition", "nb") in body["table_html"]  # the part's own note


schemathesis = pytest.importorskip("schemathesis")
SCHEMA = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.mark.slow
@SCHEMA.parametrize()
@settings(max_examples=12, deadline=None)
def test_api_has_no_server_errors(case):
    """Every request the schema allows gets a documented answer and never a 5xx. The
    combinations the schema cannot express (direction 'between' a single region; the long
    term of a period without two periods before it) are documented 422s, so
    schemathesis's "valid data is accepted" check is off for them."""
    from schemathesis.checks import positive_data_acceptance

    from flytt.web import views

    query = case.query or {}
    regions = query.get("region", [])
    regions = regions if isinstance(regions, list) else [regions]
    between_one = (case.path == "/api/flows" and query.get("direction") == "between"
                   and len(set(map(str, regions))) == 1)
    period = str(query.get("period", views.barometer_periods()[0]))
    unserved = (case.path == "/api/barometer" and str(query.get("long_term")).lower()
                in ("true", "1", "yes", "on") and views.long_term_problem(period) is not None)
    case.call_and_validate(excluded_checks=[positive_data_acceptance]
                           if between_one or unserved else [])


def test_tables_from_the_store_read_only_and_fresh(tmp_path):
    import pandas as pd

    from flytt.store import Store

    db = tmp_path / "flytt.duckdb"
    flows = pd.DataFrame({"year": [2023] * 3, "origin_code": ["0301", "4601", "0301"],
                          "destination_code": ["4601", "0301", "ABROAD"],
                          "moves": [120, 80, 40]})
    with Store(db) as store:
        store.import_frame("flows", flows, source="test")
    client = TestClient(create_app(db), base_url="http://localhost")
    body = client.get("/api/tables/balance", params={"dataset": "store", "year": 2023}).json()
    core = migration_table("balance", year=2023, db=db).to_frame()
    assert [r["net_all"] for r in body["rows"]] == core["net_all"].tolist()
    assert "store" in client.get("/tables").text
    with Store(db) as store:  # a new import while the dashboard runs shows at once
        store.import_frame("flows", flows.assign(moves=[10, 80, 40]), source="test")
    again = client.get("/api/tables/balance", params={"dataset": "store", "year": 2023}).json()
    oslo = next(r for r in again["rows"] if r["region_code"] == "0301")
    assert oslo["out_internal"] == 10
    missing = client.get("/api/tables/balance", params={"dataset": "store", "year": 2020})
    assert missing.status_code == 404 and "2020" in missing.text
    assert TestClient(APP, base_url="http://localhost").get("/api/tables/balance?dataset=store&year=2023").status_code == 422


FLOW_REGIONS = [[], ["03"], ["03", "02"], ["03", "12", "02"], ["03", "03"]]


@pytest.mark.parametrize("direction", ["all", "in", "out", "between"])
@pytest.mark.parametrize("regions", FLOW_REGIONS, ids=lambda r: "+".join(r) or "none")
def test_flows_every_direction_and_region_choice_answers_without_5xx(client, direction,
                                                                     regions):
    response = client.get("/api/flows", params={"year": 2011, "direction": direction,
                                                "region": regions})
    if direction == "between" and len(set(regions)) == 1:
        assert response.status_code == 422
        detail = response.json()["detail"]  # as FastAPI's own 422: a list of problems
        assert detail[0]["loc"] == ["query", "region"]
        assert "'between' needs at least 2 regions" in detail[0]["msg"]
        return
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    assert rows
    chosen = set(regions)
    if chosen and direction == "between":
        assert all(r["origin_code"] in chosen and r["destination_code"] in chosen for r in rows)
    if chosen and direction == "in":
        assert {r["destination_code"] for r in rows} <= chosen


def test_flow_lines_with_no_flow_left_keep_text_and_number_columns():
    import pandas as pd

    from flytt.flowlines import top_flows
    from flytt.flows import Flows
    from flytt.indices.geography import geography_for

    counties = __import__("flytt.datasets", fromlist=["load"]).load("ssb-counties").flows
    frame = counties.frame[counties.frame["year"] == 2011]
    # no move between 03 and 02 in either direction: 'between' them keeps nothing
    cut = frame[~(frame["origin_code"].isin(["03", "02"])
                  & frame["destination_code"].isin(["03", "02"]))]
    flows = Flows.from_frame(cut, dict(counties.names))
    lines = top_flows(flows, geography_for(flows.regions()).centroids, year=2011,
                      direction="between", regions=["03", "02"])
    assert lines.frame.empty and lines.total_moves == 0
    assert lines.frame["origin_name"].dtype == object
    assert pd.api.types.is_float_dtype(lines.frame["origin_lon"])
    labels = lines.frame["origin_name"] + " → " + lines.frame["destination_name"]
    assert labels.empty  # the sum that raised the pandas error (numbers + text)


def test_flows_between_one_region_is_a_clear_error_in_the_core():
    from flytt.datasets import load
    from flytt.errors import InputError
    from flytt.flowlines import top_flows
    from flytt.indices.geography import geography_for

    counties = load("ssb-counties").flows
    with pytest.raises(InputError, match="at least 2 regions"):
        top_flows(counties, geography_for(counties.regions()).centroids, year=2011,
                  direction="between", regions=["03"])


@pytest.mark.parametrize("level, lang, words", [
    ("municipality", "nb", "Klikk på en kommune"), ("region", "nb", "Klikk på en region"),
    ("county", "nb", "Klikk på et fylke"), ("region", "en", "Click a region"),
])
def test_barometer_hint_names_the_level(client, level, lang, words):
    body = client.get("/api/barometer", params={"level": level, "lang": lang}).json()
    assert body["notes"][0].startswith(words)


@pytest.mark.parametrize("lang, old, new", [
    ("nb", "nettoflytting", "nettoinnvandring fra utlandet"),
    ("en", "net migration", "net immigration from abroad"),
])
def test_barometer_chart_texts_follow_the_stream(client, lang, old, new):
    import json

    body = client.get("/api/barometer", params={"stream": "immigration", "lang": lang,
                                                "level": "region"}).json()
    charts = json.dumps([body["spec"], *body["more"]], ensure_ascii=False).lower()
    assert old not in charts and new in charts
    assert new in body["title"]  # the title names the stream in the page's language
    every = json.dumps(client.get("/api/barometer", params={"lang": lang}).json()["more"],
                       ensure_ascii=False).lower()
    assert old in every


def test_barometer_page_offers_long_term_only_where_it_exists(client):
    from flytt.web import views

    html = client.get("/barometer").text
    assert f'data-periods="{" ".join(views.long_term_periods())}"' in html
    assert views.long_term_periods()[-1] == "2016-2018"
    for period in views.barometer_periods():
        status = client.get("/api/barometer", params={"period": period,
                                                      "long_term": True}).status_code
        assert status == (200 if period in views.long_term_periods() else 422)
