"""The dashboard's barometer view: Norwegian title, stream named once, no map → a note."""

from __future__ import annotations

import json

from flytt.errors import NotFoundError
from flytt.web import views


def _view(**kw) -> dict:
    args = {"period": "2022-2024", "level": "municipality", "stream": "all",
            "long_term": False, "lang": "en"} | kw
    return json.loads(views.barometer_view.__wrapped__(**args))


def test_norwegian_title_and_each_stream_named_once():
    body = _view(stream="domestic_immigrants", lang="nb")
    assert body["title"].startswith("Attraktivitetsbarometeret: kommuner, 2022-2024, "
                                    "innvandreres innenlandske nettoflytting")
    text = json.dumps(body, ensure_ascii=False)
    assert "innvandreres innenlandske innvandreres" not in text
    assert "Folketall" in body["table_html"]  # Norwegian headings in the table


def test_without_boundaries_the_scatter_leads_and_a_note_says_why(monkeypatch):
    from flytt.figures import barometer as fig

    def no_map(*args, **kwargs):
        raise NotFoundError("no boundaries for these codes")

    monkeypatch.setattr(fig, "quintile_map", no_map)
    body = _view(lang="nb")
    assert body["notes"][0] == "Kartet er utelatt: no boundaries for these codes."
    assert len(body["more"]) == 1  # the scatter moved up; the bars remain
    assert body["rows"]


def test_pages_answer_head_requests():
    from fastapi.testclient import TestClient

    from flytt.web import create_app

    client = TestClient(create_app(None), base_url="http://localhost")
    for path in ("/", "/tables", "/barometer", "/city", "/flows"):
        response = client.head(path)
        assert response.status_code == 200 and response.content == b"", path
        assert response.headers["content-type"].startswith("text/html")


def test_flows_and_history_tables_in_norwegian():
    flows = json.loads(views.flows_view.__wrapped__("ssb-counties", 2011, 5, "in", ("03",),
                                                    "nb"))
    assert "Flyttinger" in flows["table_html"] and ">moves<" not in flows["table_html"]
    history = json.loads(views.history_view.__wrapped__("0301", "municipality", "all", "nb"))
    assert "Attraktivitet" in history["table_html"]
