"""The StatBank client against a real HTTP server on 127.0.0.1 replaying SSB's recorded
answer, with faults; the rate limiter with an injected clock; the decoders."""

from __future__ import annotations

import itertools
import json
import math
import socket
import sys
from pathlib import Path

import httpx
import pytest
from conftest import ref
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1]))  # ssb_replay beside conftest
from ssb_replay import RECORDED, Replay

from flytt import jsonstat
from flytt.errors import DataError, InputError, NotFoundError
from flytt.ratelimit import RateLimiter
from flytt.ssb import Query, StatBank, StatBankError, parse_select
from flytt.ssb.query import cells, resolve_values, split


def recorded_values() -> dict[str, int]:
    """Region code → persons 2022, read straight from the recorded JSON (no flytt code)."""
    doc = json.loads(ref(RECORDED).read_text(encoding="utf-8"))
    index = doc["dimension"]["Region"]["category"]["index"]
    return {code: doc["value"][i] for code, i in index.items()}


@pytest.fixture
def replay():
    with Replay(slow_seconds=1.5) as server:
        yield server


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def client(replay, tmp_path, **kw) -> StatBank:
    clock = FakeClock()
    kw.setdefault("sleep", clock.sleep)
    kw.setdefault("jitter", lambda: 1.0)  # the full backoff: waits can be asserted
    return StatBank(replay.url, cache_dir=tmp_path / "cache", timeout=1.0,
                    limiter=RateLimiter(30, 60, clock=clock, sleep=clock.sleep), **kw)


# ---------------------------------------------------------------- decoding
def test_jsonstat2_decodes_to_the_recorded_numbers():
    frame = jsonstat.decode(ref(RECORDED).read_bytes())
    expected = recorded_values()
    assert len(frame) == 359 == len(expected)
    assert dict(zip(frame["Region"], frame["value"])) == expected
    assert int(frame["value"].sum()) == 5_425_270  # population 1 Jan 2022 (SSB)
    row = frame.set_index("Region").loc["K-3020"]
    assert row["Region_label"] == "Nordre Follo" and row["Tid"] == "2022"


def test_jsonstat1_bundle_decodes_in_row_major_order():
    frame = jsonstat.decode(ref("ssb-01120-jsonstat1").read_text())
    doc = json.loads(ref("ssb-01120-jsonstat1").read_text())
    assert list(frame["value"]) == doc["dataset"]["value"]
    # last dimension (ContentsCode) varies fastest: weight, price, weight, price ...
    assert list(frame["ContentsCode"][:4]) == ["Vekt", "Kilopris", "Vekt", "Kilopris"]
    first = frame.iloc[0]
    assert (first["VareGrupper2"], first["Tid"], first["value"]) == ("01", "2014U30", 14297)


def test_px_format_decodes():
    from flytt.ssb.px import parse_px

    text = ('CHARSET="ANSI";\nTITLE="Population";\nSTUB="region";\nHEADING="year";\n'
            'VALUES("region")="0301 Oslo","4601 Bergen";\nVALUES("year")="2021",\n"2022";\n'
            'CODES("region")="0301","4601";\nDATA=\n697010 709037\n285601 "..";\n')
    frame, title = parse_px(text)
    assert title == "Population"
    assert list(frame["region"]) == ["0301", "0301", "4601", "4601"]
    assert list(frame["year"]) == ["2021", "2022", "2021", "2022"]
    assert frame["value"].tolist()[:3] == [697010, 709037, 285601]
    assert frame["value"].isna().tolist() == [False, False, False, True]


# ---------------------------------------------------------------- queries
def test_selection_expressions_follow_ssb_semantics():
    years = [str(y) for y in range(2015, 2025)]
    assert resolve_values(["top(3)"], years, is_time=True, var="Tid") == ["2022", "2023", "2024"]
    assert resolve_values(["bottom(2)"], years, is_time=True, var="Tid") == ["2015", "2016"]
    assert resolve_values(["top(2, 1)"], years, is_time=True, var="Tid") == ["2022", "2023"]
    assert resolve_values(["from(2023)"], years, is_time=True, var="Tid") == ["2023", "2024"]
    assert resolve_values(["to(2016)"], years, is_time=True, var="Tid") == ["2015", "2016"]
    assert resolve_values(["range(2017,2019)"], years, is_time=True, var="Tid") == [
        "2017", "2018", "2019"]
    regions = ["0301", "3001", "3002", "4601"]
    assert resolve_values(["30*"], regions, is_time=False, var="R") == ["3001", "3002"]
    assert resolve_values(["top(1)"], regions, is_time=False, var="R") == ["0301"]
    with pytest.raises(InputError, match="does not exist"):
        resolve_values(["9999"], regions, is_time=False, var="R")
    assert parse_select(["Tid=top(5, 1)", "Region=0301,4601"]) == {
        "Tid": ("top(5, 1)",), "Region": ("0301", "4601")}
    with pytest.raises(InputError, match="VARIABLE=CODES"):
        parse_select(["Region"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=4), st.integers(1, 3000))
def test_split_covers_every_cell_once_within_the_limit(sizes, limit):
    selection = {f"v{i}": [str(j) for j in range(n)] for i, n in enumerate(sizes)}
    parts = split(selection, limit)
    assert all(cells(p) <= limit for p in parts)
    covered = [c for p in parts for c in itertools.product(*p.values())]
    assert len(covered) == len(set(covered)) == math.prod(sizes)


# ---------------------------------------------------------------- rate limit
def test_rate_limiter_allows_30_per_60_seconds():
    clock = FakeClock()
    limiter = RateLimiter(30, 60, clock=clock, sleep=clock.sleep)
    for _ in range(30):
        assert limiter.acquire() == 0
    assert limiter.acquire() == pytest.approx(60)  # the 31st waits for the first to expire
    clock.now += 10
    assert limiter.wait_time() == 0  # the 2nd .. 30th calls were at t=0 -> expired at 60
    times = []
    for _ in range(100):
        limiter.acquire()
        times.append(clock.now)
    for i in range(len(times) - 30):
        assert times[i + 30] - times[i] >= 60


# ---------------------------------------------------------------- the client over HTTP
def test_fetch_all_regions_equals_the_recorded_answer(replay, tmp_path):
    with client(replay, tmp_path) as sb:
        result = sb.data(Query("07459", {"Region": ("*",), "Tid": ("2022",)}))
    got = dict(zip(result.frame["Region"], result.frame["value"]))
    assert got == recorded_values()
    assert result.parts == 1 and result.from_cache == 0
    method, path, params, _ = replay.requests[-1]
    assert (method, path) == ("GET", "/tables/07459/data")
    assert params["valueCodes[Region]"] == "*" and params["outputFormat"] == "json-stat2"


def test_large_query_is_split_and_reassembled(replay, tmp_path):
    parts = []
    with client(replay, tmp_path, cell_limit=100) as sb:
        result = sb.data(Query("07459", {"Region": ("*",)}),
                         on_part=lambda done, total: parts.append((done, total)))
    assert result.parts == 4 and parts[-1] == (4, 4)
    assert dict(zip(result.frame["Region"], result.frame["value"])) == recorded_values()
    assert [r[0] for r in replay.requests if r[1].endswith("/data")] == ["GET"] * 4


def test_long_value_lists_are_posted(replay, tmp_path):
    with client(replay, tmp_path, cell_limit=300) as sb:
        result = sb.data(Query("07459", {"Region": ("*",)}))
    assert dict(zip(result.frame["Region"], result.frame["value"])) == recorded_values()
    # 300 explicit K-codes make a URL over 2000 characters: sent as POST with a JSON body
    data = [r for r in replay.requests if r[1].endswith("/data")]
    assert [r[0] for r in data] == ["POST", "GET"]
    assert len(data[0][3]["selection"][0]["valueCodes"]) == 300


def test_cache_and_offline_mode(replay, tmp_path):
    q = Query("07459", {"Region": ("K-0301", "K-4601")})
    with client(replay, tmp_path) as sb:
        first = sb.data(q)
    n = len(replay.requests)
    with client(replay, tmp_path, offline=True) as sb:
        again = sb.data(q)
    assert len(replay.requests) == n and again.from_cache == 1
    assert again.frame.equals(first.frame)
    assert list(first.frame["value"]) == [recorded_values()["K-0301"], recorded_values()["K-4601"]]
    with client(replay, tmp_path, offline=True) as sb, pytest.raises(NotFoundError,
                                                                     match="offline"):
        sb.data(Query("07459", {"Region": ("K-3001",)}))
    with client(replay, tmp_path, refresh=True) as sb:
        sb.data(q)
    assert len(replay.requests) > n


def test_recovers_from_429_with_retry_after_and_503(replay, tmp_path):
    replay.faults = ["429", "503"]
    replay.retry_after = "7"
    sleeps = []
    with client(replay, tmp_path, sleep=sleeps.append, backoff=0.5) as sb:
        result = sb.data(Query("07459", {"Region": ("K-0301",)}))
    assert result.frame["value"].tolist() == [recorded_values()["K-0301"]]
    assert sleeps == [7.0, 1.0]  # Retry-After honoured, then backoff 0.5·2¹


def test_recovers_from_a_slow_answer_and_a_truncated_one(replay, tmp_path):
    replay.faults = ["slow", "truncated"]
    sleeps = []
    with client(replay, tmp_path, sleep=sleeps.append, backoff=0.25) as sb:
        result = sb.data(Query("07459", {"Region": ("K-5001",)}))
    assert result.frame["value"].tolist() == [recorded_values()["K-5001"]]
    assert sleeps == [0.25, 0.5]


def test_gives_up_with_a_clear_message(replay, tmp_path):
    replay.faults = ["503"] * 3
    with client(replay, tmp_path, max_retries=2, sleep=lambda s: None) as sb:
        with pytest.raises(StatBankError, match="giving up after 3 attempts; last problem: "
                                                "HTTP 503"):
            sb.data(Query("07459", {"Region": ("K-0301",)}))
    replay.faults = ["truncated"] * 2
    with client(replay, tmp_path, max_retries=1, sleep=lambda s: None) as sb:
        with pytest.raises(StatBankError, match="cut off"):
            sb.data(Query("07459", {"Region": ("K-0301",)}))


def test_wrong_content_type_and_bad_queries_fail_clearly(replay, tmp_path):
    replay.faults = ["html"]
    with client(replay, tmp_path) as sb:
        with pytest.raises(StatBankError, match="expected JSON, got content type 'text/html"):
            sb.data(Query("07459", {"Region": ("K-0301",)}))
        with pytest.raises(InputError, match="does not exist"):
            sb.data(Query("07459", {"Region": ("0301",)}))
        with pytest.raises(InputError, match="no variable"):
            sb.data(Query("07459", {"Alder": ("*",)}))
        with pytest.raises(NotFoundError, match="Non-existent table"):
            sb.data(Query("99999", {}))
        replay.faults = ["400"]
        with pytest.raises(InputError, match="Non-existent value"):
            sb.data(Query("07459", {"Region": ("K-0301",)}))
    assert not any((tmp_path / "cache").glob("*.part"))


def test_no_server_at_all(tmp_path):
    with StatBank("http://127.0.0.1:9", cache_dir=tmp_path, max_retries=1,
                  sleep=lambda s: None) as sb:
        with pytest.raises(StatBankError, match="connection failed"):
            sb.metadata("07459")


def test_mock_transport_csv_answer(tmp_path):
    """The CSV output format through an httpx MockTransport (decoder, not the network)."""
    meta = json.loads(ref(RECORDED).read_text(encoding="utf-8"))
    meta["value"] = []
    csv_text = ('"region";"contents";"year";"07459: Population"\n'
                '"K-0301 Oslo";"Personer1 Persons";"2022";"699827"\n'
                '"K-4601 Bergen";"Personer1 Persons";"2022";"286930"\n')

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=meta)
        if request.url.path.endswith("/config"):
            return httpx.Response(404, json={"title": "no such page"})
        assert request.url.params["outputFormat"] == "csv"
        return httpx.Response(200, text=csv_text, headers={"content-type": "text/csv"})

    with StatBank("http://ssb.test", cache_dir=tmp_path,
                  transport=httpx.MockTransport(handler)) as sb:
        frame = sb.data(Query("07459", {"Region": ("K-0301", "K-4601")}, format="csv")).frame
    assert list(frame["region"]) == ["K-0301", "K-4601"]
    assert list(frame["region_label"]) == ["Oslo", "Bergen"]
    assert frame["value"].tolist() == [699827, 286930]


def test_decode_errors_are_data_errors():
    with pytest.raises(DataError, match="cut off"):
        jsonstat.decode(b'{"version": "2.0", "class": "dataset", "id": ["a"')


class _NoDNS(httpx.BaseTransport):
    """A transport whose every request fails as a host-name lookup does without network."""

    def __init__(self) -> None:
        self.calls = 0

    def handle_request(self, request):
        self.calls += 1
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc


def test_a_host_that_cannot_be_looked_up_fails_at_once_with_advice(tmp_path):
    transport = _NoDNS()
    with StatBank("https://data.ssb.no/api/pxwebapi/v2", cache_dir=tmp_path, max_retries=5,
                  transport=transport, sleep=lambda s: None) as sb:
        with pytest.raises(StatBankError, match=r"cannot look up data\.ssb\.no \(no network\?\)"
                                                r".*--offline"):
            sb.metadata("07459")
    assert transport.calls == 1


def test_parquet_where_the_server_offers_it(tmp_path):
    """outputFormat=parquet when /config lists it (SSB's does); refused where it does not."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    meta = json.loads(ref(RECORDED).read_text(encoding="utf-8"))
    meta["value"] = []
    body = io.BytesIO()
    pq.write_table(pa.table({"Region": ["K-0301", "K-4601"], "ContentsCode": ["Personer1"] * 2,
                             "Tid": ["2022", "2022"], "value": [699827, 286930]}), body)
    formats = ["json-stat2", "csv", "px", "parquet"]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/config"):
            return httpx.Response(200, json={"maxDataCells": 800000, "dataFormats": formats})
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=meta)
        assert request.url.params["outputFormat"] == "parquet"
        return httpx.Response(200, content=body.getvalue(),
                              headers={"content-type": "application/octet-stream"})

    q = Query("07459", {"Region": ("K-0301", "K-4601"), "Tid": ("2022",)}, format="parquet")
    with StatBank("http://ssb.test", cache_dir=tmp_path / "a",
                  transport=httpx.MockTransport(handler)) as sb:
        frame = sb.data(q).frame
    assert dict(zip(frame["Region"], frame["value"])) == {"K-0301": 699827, "K-4601": 286930}
    formats.remove("parquet")
    with StatBank("http://ssb.test", cache_dir=tmp_path / "b",
                  transport=httpx.MockTransport(handler)) as sb:
        with pytest.raises(InputError, match="does not offer outputFormat=parquet"):
            sb.data(q)
