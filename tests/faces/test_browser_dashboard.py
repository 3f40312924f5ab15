"""``flytt serve`` end to end in headless Chromium: every page loads without console errors
and talks only to its own host; changing a control updates the chart and the table with
the numbers of the core API; clicking a municipality shows its history. Screenshots go to
``$FLYTT_SCREENSHOTS`` (default: pytest's temporary directory)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright")
from browser_support import live_server, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = "document.body.dataset.ready === '1'"


@pytest.fixture(scope="module")
def server():
    with live_server() as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("FLYTT_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _updated(page, n: int) -> None:
    page.wait_for_function(f"{READY} && document.body.dataset.updates === '{n}'",
                           timeout=60_000)


def _shows(page, *fragments: str) -> None:
    """Wait until the page shows the answer to a request containing every fragment."""
    test = " && ".join(f"(document.body.dataset.query || '').includes({f!r})"
                       for f in fragments)
    page.wait_for_function(f"{READY} && {test}", timeout=60_000)


def _cells(page, column: int) -> list[str]:
    return page.locator(f"#table tbody tr td:nth-child({column})").all_inner_texts()


def _check_clean(messages: list[str], requests: list[str], server: str) -> None:
    assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
    own = urlparse(server).netloc
    assert {urlparse(u).netloc for u in requests if u.startswith("http")} <= {own}


@pytest.mark.parametrize("path", ["/", "/tables", "/flows", "/barometer", "/city",
                                  "/tables?lang=nb"])
def test_every_page_loads_cleanly(server, shots, path):
    requests: list[str] = []
    with open_page(server + path) as (page, messages):
        page.on("request", lambda r: requests.append(r.url))
        page.wait_for_function(READY, timeout=120_000)
        if path != "/":
            assert page.locator("#chart svg").count() == 1
            assert page.locator("#table table").count() == 1
            assert page.locator("#error").is_hidden()
        name = path.strip("/").replace("?", "_").replace("=", "-") or "home"
        page.screenshot(path=str(shots / f"dashboard_{name}.png"), full_page=True)
    _check_clean(messages, requests, server)


def test_tables_page_follows_the_controls(server, shots):
    from flytt.api import migration_table
    from flytt.render import format_number

    with open_page(server + "/tables") as (page, messages):
        _updated(page, 1)
        first_chart = page.locator("#chart").inner_html()
        assert "In-migration, out-migration" in page.locator("#title").inner_text()
        page.select_option("#kind", "od")
        _updated(page, 2)
        assert page.locator("#chart").inner_html() != first_chart
        od = migration_table("od", dataset="ssb-counties", year=2011).to_frame()
        assert _cells(page, 1)[:19] == od["origin_code"].tolist()[:19]
        assert _cells(page, 3)[2] == format_number(od["total"].iloc[2])
        page.fill("#year", "2005")
        page.select_option("#kind", "net")
        page.locator("#year").dispatch_event("change")
        _shows(page, "/net?", "year=2005")
        net = migration_table("net", dataset="ssb-counties", year=2005).to_frame()
        assert _cells(page, 3) == [format_number(v) for v in net["net_total"]]
        page.select_option("#kind", "od")  # no od table for 2005: a clear message
        page.wait_for_function("!document.getElementById('error').hidden", timeout=30_000)
        assert "has no od table for 2005" in page.locator("#error").inner_text()
        page.screenshot(path=str(shots / "dashboard_tables_error.png"))
    assert [m for m in messages if m.startswith("pageerror")] == []


def test_flow_map_filters_by_region_and_direction(server, shots):
    with open_page(server + "/flows") as (page, messages):
        _updated(page, 1)
        assert len(_cells(page, 1)) == 25
        page.select_option("#region", ["03"])
        _updated(page, 2)
        page.select_option("#direction", "in")
        _updated(page, 3)
        assert set(_cells(page, 3)) == {"03"}  # destination code
        page.select_option("#direction", "out")
        _updated(page, 4)
        assert set(_cells(page, 1)) == {"03"}  # origin code
        assert page.locator("#chart svg path").count() > 10
        page.screenshot(path=str(shots / "dashboard_flows_out_of_oslo.png"), full_page=True)
    _check_clean(messages, [], server)


def test_barometer_controls_and_history(server, shots):
    from flytt.barometer import barometer, demo_panel

    with open_page(server + "/barometer?lang=nb") as (page, messages):
        _updated(page, 1)
        page.select_option("#level", "region")
        _updated(page, 2)
        core = barometer(demo_panel(), (2022, 2024), level="region").to_frame()
        assert _cells(page, 2)[:5] == core["region_code"].head(5).tolist()
        page.select_option("#period", "2016-2018")
        page.select_option("#level", "municipality")
        _shows(page, "period=2016-2018", "level=municipality")
        page.locator("#chart g.mark-shape path").nth(100).click(force=True)
        page.wait_for_function("document.body.dataset.history && "
                               "document.body.dataset.history !== 'loading'", timeout=60_000)
        code = page.evaluate("document.body.dataset.history")
        assert page.locator("#history-chart svg").count() == 1
        rows = page.locator("#history-table tbody tr").all_inner_texts()
        assert len(rows) == 5 and all(code in r for r in rows)
        page.screenshot(path=str(shots / "dashboard_barometer_history.png"), full_page=True)
    _check_clean(messages, [], server)


def test_city_page_switches_parts(server, shots):
    with open_page(server + "/city") as (page, messages):
        _updated(page, 1)
        trend = page.locator("#chart").inner_html()
        page.select_option("#part", "decomposition")
        _updated(page, 2)
        assert page.locator("#chart").inner_html() != trend
        assert "SYNTHETIC" in page.locator("#notes").inner_text()
        page.screenshot(path=str(shots / "dashboard_city.png"), full_page=True)
    _check_clean(messages, [], server)


ERROR_SHOWN = "!document.getElementById('error').hidden && " + READY


def _cleared(page) -> None:
    """The error replaced the previous answer: no chart, table, title or notes left."""
    assert page.locator("#chart svg").count() == 0
    assert page.locator("#table table").count() == 0
    assert page.locator("#more svg").count() == 0
    assert page.locator("#title").inner_text() == ""


def test_flows_between_a_single_region_shows_the_message_instead_of_the_map(server, shots):
    with open_page(server + "/flows") as (page, messages):
        _updated(page, 1)
        page.select_option("#region", ["03"])
        _updated(page, 2)
        page.select_option("#direction", "between")
        page.wait_for_function(ERROR_SHOWN, timeout=30_000)
        assert "needs at least 2 regions" in page.locator("#error").inner_text()
        _cleared(page)
        page.screenshot(path=str(shots / "dashboard_flows_between_one.png"), full_page=True)
        page.select_option("#region", ["03", "02"])  # a valid choice draws again
        _updated(page, 3)
        assert page.locator("#error").is_hidden() and page.locator("#chart svg").count() == 1
        assert set(_cells(page, 1)) <= {"03", "02"}
    assert [m for m in messages if m.startswith("pageerror")] == []


def test_tables_errors_replace_the_old_chart_with_one_request_each(server, shots):
    requests: list[str] = []
    with open_page(server + "/tables") as (page, messages):
        page.on("request", lambda r: requests.append(r.url))
        _updated(page, 1)
        page.select_option("select[name=dataset]", "demo-barometer")  # has no tables
        page.wait_for_function(ERROR_SHOWN, timeout=30_000)
        _cleared(page)
        page.select_option("select[name=dataset]", "ssb-counties")
        _updated(page, 2)
        page.select_option("#kind", "od")
        _updated(page, 3)
        requests.clear()
        page.fill("#year", "2015")
        page.locator("#year").press("Enter")  # change and submit: still one request
        page.wait_for_function(ERROR_SHOWN, timeout=30_000)
        page.wait_for_timeout(500)
        assert "no od table for 2015" in page.locator("#error").inner_text()
        _cleared(page)
        assert len([u for u in requests if "/api/tables/od" in u and "year=2015" in u]) == 1
        page.screenshot(path=str(shots / "dashboard_tables_od_2015.png"), full_page=True)
    assert [m for m in messages if m.startswith("pageerror")] == []


def test_only_the_latest_answer_is_drawn(server):
    with open_page(server + "/tables") as (page, messages):
        _updated(page, 1)
        page.evaluate("""() => {  // the net table answers late: an out-of-order response
            const fetch0 = window.fetch;
            window.fetch = (url, opts) => fetch0(url, opts).then(r => url.includes('/net?')
                ? new Promise(ok => setTimeout(() => ok(r), 1500)) : r);
        }""")
        page.select_option("#kind", "net")
        assert page.evaluate("document.body.dataset.ready") == "0"  # loading state
        page.select_option("#kind", "od")
        _shows(page, "/od?")
        page.wait_for_timeout(2000)  # the late net answer arrives and is dropped
        assert "/od?" in page.evaluate("document.body.dataset.query")
        assert page.evaluate("document.body.dataset.ready") == "1"
        assert _cells(page, 1)[0] == "01"  # the od table's first origin
    assert [m for m in messages if m.startswith("pageerror")] == []


def test_barometer_offers_long_term_only_where_it_exists(server):
    with open_page(server + "/barometer?lang=nb") as (page, messages):
        _updated(page, 1)
        page.select_option("#long_term", "true")
        _updated(page, 2)
        page.select_option("#period", "2010-2012")  # no two periods before it
        _shows(page, "period=2010-2012", "long_term=false")
        assert page.locator("#long_term").is_disabled()
        assert page.locator("#long_term_hint").is_visible()
        assert page.locator("#error").is_hidden()
        page.select_option("#level", "region")
        _shows(page, "level=region")
        assert "Klikk på en region" in page.locator("#notes").inner_text()
        page.select_option("#period", "2016-2018")
        assert not page.locator("#long_term").is_disabled()
    _check_clean(messages, [], server)
