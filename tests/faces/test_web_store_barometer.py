"""``flytt serve --db STORE`` shows the barometer of the user's store, not the demo: a store
filled through ``flytt import`` with a real-shaped panel (Telemarksforsking's inputs
2003–2016: population and jobs of the 426 municipalities of 2017, net migration as flows
to and from abroad) gives that panel's municipalities, periods and numbers, and no
SYNTHETIC label; ``flytt report --db`` builds its barometer section from the same store."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ref
from typer.testing import CliRunner

from flytt.barometer import barometer, panel_from_store
from flytt.cli.app import app

pytestmark = pytest.mark.data("tmf-webinput")


def tmf_files(folder: Path) -> dict[str, Path]:
    """Population, jobs and flows files from Telemarksforsking's WebInput: net migration
    (population growth minus natural increase, % of the population) as one flow a year
    between each municipality and ABROAD."""
    web = pd.read_csv(ref("tmf-webinput"))
    k = web[web["Inndeling"] == "Kommune"].copy()
    k["region_code"] = k["Nr"].map(lambda n: f"{n:04d}")
    k = k.rename(columns={"År": "year", "Navn": "region_name", "Folketall": "population",
                          "Arbeidsplasser": "jobs"})
    net = (k["population"] * (k["Befolkningsvekst"] - k["Fødselsoverskudd"]) / 100).round()
    flows = pd.DataFrame({
        "year": k["year"],
        "origin_code": ["ABROAD" if n > 0 else c for n, c in zip(net, k["region_code"])],
        "destination_code": [c if n > 0 else "ABROAD" for n, c in zip(net, k["region_code"])],
        "moves": net.abs().astype(int)})
    files = {"population": k[["year", "region_code", "region_name", "population"]],
             "jobs": k[["year", "region_code", "jobs"]], "flows": flows[flows["moves"] > 0]}
    folder.mkdir(parents=True, exist_ok=True)
    for kind, frame in files.items():
        frame.to_csv(folder / f"{kind}.csv", index=False)
    return {kind: folder / f"{kind}.csv" for kind in files}


@pytest.fixture(scope="module")
def tmf_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tmf")
    db = folder / "store.duckdb"
    for kind, path in tmf_files(folder).items():
        done = CliRunner().invoke(app, ["import", kind, str(path), "--db", str(db)])
        assert done.exit_code == 0, done.output
    return db


def test_dashboard_api_answers_with_the_stores_barometer(tmf_store):
    from fastapi.testclient import TestClient

    from flytt.web import create_app

    client = TestClient(create_app(tmf_store), base_url="http://localhost")
    answer = client.get("/api/barometer", params={"lang": "nb"}).json()
    core = barometer(panel_from_store(tmf_store), (2014, 2016)).to_frame()
    assert answer["meta"]["period"] == "2014-2016" and answer["meta"]["synthetic"] is False
    assert answer["meta"]["units"] == len(core) == 426
    assert [r["region_code"] for r in answer["rows"][:10]] == core["region_code"][:10].tolist()
    assert answer["rows"][0]["attractiveness"] == pytest.approx(core["attractiveness"].iloc[0])
    text = answer["title"] + " ".join(answer["notes"])
    assert "SYNTET" not in text and "SYNTHETIC" not in text
    assert answer["title"].startswith("Attraktivitetsbarometeret: kommuner, 2014-2016")
    for spec in (answer["spec"], *answer["more"]):  # charts in the numbers of the table
        assert spec["config"]["locale"]["number"]["minus"] == "\u2212"
        assert spec["config"]["locale"]["number"]["decimal"] == ","
    page = client.get("/barometer").text
    assert "2014-2016" in page and "2005-2007" in page and "2022-2024" not in page
    history = client.get("/api/barometer/history", params={"code": "0301"}).json()
    assert [r["period"] for r in history["rows"]] == ["2005-2007", "2008-2010", "2011-2013",
                                                       "2014-2016"]
    assert history["title"] == "History: 0301 Oslo"


def test_long_term_without_three_periods_is_a_422_saying_what_exists(tmp_path):
    """A store of 2010–2016 has two periods (2011-2013, 2014-2016): the long term of either
    is a valid choice the panel cannot serve — 422 in the page's language, not a 500."""
    from fastapi.testclient import TestClient

    from flytt.web import create_app

    db = tmp_path / "store.duckdb"
    for kind, path in tmf_files(tmp_path / "files").items():
        frame = pd.read_csv(path, dtype=str)
        frame[frame["year"].astype(int) >= 2010].to_csv(path, index=False)
        done = CliRunner().invoke(app, ["import", kind, str(path), "--db", str(db)])
        assert done.exit_code == 0, done.output
    client = TestClient(create_app(db), base_url="http://localhost")
    assert client.get("/api/barometer", params={"period": "2014-2016"}).status_code == 200
    for lang, words in (("en", "No long term: it needs three periods, and the panel has 2."),
                        ("nb", "Ingen lang sikt: den trenger tre perioder, og panelet har 2.")):
        res = client.get("/api/barometer", params={"period": "2014-2016", "long_term": "true",
                                                   "lang": lang})
        assert res.status_code == 422
        detail = res.json()["detail"][0]
        assert detail["loc"] == ["query", "long_term"] and detail["msg"] == words
        assert detail["ctx"]["long_term_periods"] == []
        assert words in client.get("/barometer", params={"lang": lang}).text


def test_report_barometer_section_uses_the_store(tmf_store, tmp_path):
    from flytt.report.sections import Context, barometer_section

    section = barometer_section(Context("en", tmp_path, db=tmf_store))
    assert "store.duckdb" in section.intro and "SYNTHETIC" not in section.intro
    top = next(i.table for i in section.items if getattr(i, "stem", "") == "barometer_top"
               and hasattr(i, "table"))
    core = barometer(panel_from_store(tmf_store), (2014, 2016)).top(20)
    assert top.frame["region_code"].tolist() == core["region_code"].tolist()
    assert "SYNTHETIC" not in top.footnote


@pytest.mark.browser
@pytest.mark.slow
def test_serve_db_shows_the_stores_municipalities_in_the_browser(tmf_store, tmp_path):
    pytest.importorskip("playwright")
    from browser_support import live_server, open_page

    core = barometer(panel_from_store(tmf_store), (2014, 2016)).to_frame()
    with live_server(tmf_store) as url, open_page(url + "/barometer") as (page, messages):
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
        codes = page.locator("#table tbody tr td:nth-child(2)").all_inner_texts()
        assert codes[:5] == core["region_code"].head(5).tolist()
        names = page.locator("#table tbody tr td:nth-child(3)").all_inner_texts()
        assert names[:5] == core["region_name"].head(5).tolist()
        assert "SYNTHETIC" not in page.inner_text("body")
        options = page.locator("#period option").all_inner_texts()
        assert options[0] == "2014-2016" and "2022-2024" not in options
        page.screenshot(path=str(tmp_path / "dashboard_store_barometer.png"), full_page=True)
    assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
