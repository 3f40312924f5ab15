"""The StatBank client against a fake StatBank that misbehaves (issue 20: answers checked
against the query, always fresh, never silent).

Every misbehaviour ends in a :class:`StatBankError` with a one-line message naming the
problem, nothing of it in the cache, and a good request right after works. Also: a cached
answer that no longer decodes, freshness (``top(1)`` after a new quarter), the server's
``/config`` limits, the pace shared between processes, logged retries, a refused
connection, and the barometer's net migration from English and Norwegian answers.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))  # fake_statbank beside conftest
from fake_statbank import SCB_CONFIG, FakeStatBank, quarters, value

from flytt.errors import NotFoundError
from flytt.ratelimit import RateLimiter, SharedRateLimiter
from flytt.ssb import Query, StatBank, StatBankError

SMALL = Query("01222", {"Region": ("0301", "1103"), "ContentsCode": ("Fodte2", "Dode3"),
                        "Tid": ("2016K4",)})
"""2 regions × 2 contents × 1 quarter = 4 cells."""
VIA_CODELIST = Query("01222", {"Region": ("0301", "1103"), "ContentsCode": ("Fodte2",),
                               "Tid": ("2016K4",)}, codelists={"Region": "vs_Kommun"})


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake():
    with FakeStatBank() as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def client(fake: FakeStatBank, tmp_path: Path, clock: FakeClock | None = None,
           **kw) -> StatBank:
    """A client with small bounds: 1 s timeout and deadline, 2 MB answers; waits go to
    ``clock`` (nothing really sleeps), the full backoff (jitter 1)."""
    clock = clock or FakeClock()
    kw.setdefault("timeout", 1.0)
    kw.setdefault("deadline", 1.0)
    kw.setdefault("max_bytes", 2_000_000)
    kw.setdefault("sleep", clock.sleep)
    kw.setdefault("jitter", lambda: 1.0)
    kw.setdefault("limiter", RateLimiter(1000, 60, clock=clock, sleep=clock.sleep))
    return StatBank(fake.url, cache_dir=tmp_path / "cache", **kw)


def kinds(tmp_path: Path) -> list[str]:
    """The kinds of the entries in the cache, read by a fresh client."""
    return sorted(str(e.meta["kind"]) for e in
                  StatBank("http://127.0.0.1:9", cache_dir=tmp_path / "cache").cache.entries())


def cells_of(frame) -> dict[tuple[str, str, str], int]:
    return {(str(r), str(c), str(t)): int(v) for r, c, t, v in
            zip(frame["Region"], frame["ContentsCode"], frame["Tid"], frame["value"])}


def expected(query: Query) -> dict[tuple[str, str, str], int]:
    """What the fake serves for an explicit selection (from its generator)."""
    s = query.selection
    return {(r, c, t): value(r, c, t) for r in s["Region"] for c in s["ContentsCode"]
            for t in s["Tid"]}


def trickled(fake: FakeStatBank, within: float = 2.5) -> list[str]:
    """How the fake's trickled answers ended, once it has noticed (a hang-up shows at its
    next write, every 0.2 s)."""
    until = time.monotonic() + within
    while not fake.trickles and time.monotonic() < until:
        time.sleep(0.05)
    return fake.trickles


def one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message, message
    assert message.strip(), "empty message"
    return message


# ---------------------------------------------------------------- misbehaviours
MISBEHAVIOURS = {
    # fault(s): words the message must hold
    "drop-dimension": (["drop-dimension"], ["does not match the query",
                                            "lacks the dimension ContentsCode"]),
    "ten-times-cells": (["ten-times-cells"], ["dimension Alder that was not asked for",
                                              "40 cells", "asks for 4"]),
    "ten-times-values": (["ten-times-values"], ["not usable", "40 entries", "4 cells"]),
    "extra-regions": (["extra-regions"], ["Region holds 3 code(s) not asked for"]),
    "extra-years": (["extra-years"], ["Tid holds 11 code(s) not asked for"]),
    "missing-region": (["missing-regions"], ["Region lacks 1 code(s) asked for", "1103"]),
    "trickle": (["trickle"], ["did not arrive within 1 s"]),
    "redirect-off-host": (["redirect-off-host"], ["redirected to another host",
                                                  "127.0.0.2"]),
    "redirect-invalid-host": (["redirect-invalid"], ["redirected to another host",
                                                     "localhost.invalid"]),
    "redirect-loop": (["redirect-loop"], ["redirect loop"]),
    "gzip-bomb": (["gzip-bomb"], ["larger than 2,000,000 bytes", "refused"]),
    "429-retry-after-3600": (["429"], ["HTTP 429", "Retry-After", "60 min"]),
    "503-always": (["503"] * 6, ["giving up after 6 attempts", "HTTP 503"]),
    "truncated-always": (["truncated"] * 6, ["giving up after 6 attempts", "cut off"]),
    "html": (["html"], ["expected JSON", "text/html"]),
    "not-jsonstat": (["not-jsonstat"], ["not usable", "not a JSON-stat dataset"]),
    "metadata-truncated-always": (["metadata:truncated"] * 6,
                                  ["metadata", "giving up after 6 attempts", "cut off"]),
}


@pytest.mark.parametrize("case", list(MISBEHAVIOURS))
def test_misbehaviour_is_an_error_naming_it_and_nothing_is_cached(fake, tmp_path, case):
    faults, words = MISBEHAVIOURS[case]
    fake.faults = list(faults)
    clock = FakeClock()
    c = client(fake, tmp_path, clock)
    with pytest.raises(StatBankError) as exc:
        c.data(SMALL)
    message = one_line(exc)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert fake.faults == [], "the fault was not served"
    assert "data" not in kinds(tmp_path)
    if case == "trickle":
        assert trickled(fake) == ["client hung up"]
    if case == "429-retry-after-3600":
        assert clock.sleeps == [], "waited although the server asked for an hour"
    if case.startswith("metadata"):
        assert "metadata" not in kinds(tmp_path)
    # the next request, well served, works and is cached (by the same client)
    result = c.data(SMALL)
    assert cells_of(result.frame) == expected(SMALL)
    assert kinds(tmp_path).count("data") == 1


@pytest.mark.parametrize("fault", ["codelist:list", "codelist:values-str"])
def test_codelist_of_the_wrong_shape_is_an_error_and_not_cached(fake, tmp_path, fault):
    fake.faults = [fault]
    c = client(fake, tmp_path)
    with pytest.raises(StatBankError) as exc:
        c.data(VIA_CODELIST)
    message = one_line(exc)
    assert "vs_Kommun" in message and "not a codelist" in message
    assert fake.count("data") == 0, "data were fetched with an unusable codelist"
    assert "codelist" not in kinds(tmp_path) and "data" not in kinds(tmp_path)
    result = c.data(VIA_CODELIST)
    assert cells_of(result.frame) == expected(VIA_CODELIST)
    assert {"codelist", "data"} <= set(kinds(tmp_path))


@pytest.mark.parametrize("fault", ["config:wrong-shape", "config:list"])
def test_config_of_the_wrong_shape_is_not_cached_and_not_silent(fake, tmp_path, caplog,
                                                                 fault):
    """A broken /config is not fatal (SSB's limits are used) but is said and not kept."""
    fake.faults = [fault]
    caplog.set_level(logging.INFO, logger="flytt")
    c = client(fake, tmp_path)
    result = c.data(SMALL)
    assert cells_of(result.frame) == expected(SMALL)
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("not a PxWebApi configuration" in m for m in warned), warned
    assert c.config().from_server is False and c.config().max_cells == 800_000
    assert "config" not in kinds(tmp_path)
    # a new client asks again and gets it
    again = client(fake, tmp_path)
    assert again.config().from_server is True
    assert fake.count("config") == 2
    assert "config" in kinds(tmp_path)


def test_503_then_good_is_retried_logged_once_and_cached(fake, tmp_path, caplog):
    fake.faults = ["503"]
    caplog.set_level(logging.INFO, logger="flytt")
    clock = FakeClock()
    result = client(fake, tmp_path, clock).data(SMALL)
    assert cells_of(result.frame) == expected(SMALL)
    assert fake.count("data") == 2
    warnings = [r.getMessage() for r in caplog.records
                if r.levelno == logging.WARNING and r.name.startswith("flytt")]
    assert len(warnings) == 1, warnings
    assert "HTTP 503" in warnings[0] and "retrying in" in warnings[0], warnings[0]
    assert clock.sleeps == [1.0]
    assert kinds(tmp_path).count("data") == 1


def test_truncated_then_good_is_retried(fake, tmp_path):
    fake.faults = ["truncated"]
    result = client(fake, tmp_path).data(SMALL)
    assert cells_of(result.frame) == expected(SMALL)
    assert fake.count("data") == 2


def test_a_redirect_within_the_host_is_followed(fake, tmp_path):
    fake.faults = ["redirect-same-host"]
    result = client(fake, tmp_path).data(SMALL)
    assert cells_of(result.frame) == expected(SMALL)
    assert [r.query.get("_moved") for r in fake.data_requests()] == [None, "1"]


def test_trickling_headers_also_hit_the_deadline(fake, tmp_path):
    """The deadline is for the whole request: a server that trickles its status line and
    headers (each byte well within the timeout) must not hold the client either: the
    client hangs up before the fake gives up trickling (after 4 s it sends the rest)."""
    fake.faults = ["trickle-headers"]
    fake.trickle_for = 4.0
    c = client(fake, tmp_path)
    with pytest.raises(StatBankError) as exc:
        c.data(SMALL)
    assert "did not arrive within 1 s" in one_line(exc)
    assert trickled(fake) == ["client hung up"], "the client waited for the whole header"
    assert "data" not in kinds(tmp_path)


def test_another_table_is_not_found(fake, tmp_path):
    with pytest.raises(NotFoundError) as exc:
        client(fake, tmp_path).data(Query("99999", {"Tid": ("top(1)",)}))
    assert "Non-existent table" in one_line(exc)
    assert "data" not in kinds(tmp_path) and "metadata" not in kinds(tmp_path)


def test_connection_refused_fails_within_seconds(tmp_path):
    waits: list[float] = []
    c = StatBank("http://127.0.0.1:9", cache_dir=tmp_path / "cache", timeout=1.0,
                 sleep=waits.append, jitter=lambda: 1.0)
    with pytest.raises(StatBankError) as exc:
        c.data(SMALL)
    assert "cannot connect" in one_line(exc)
    assert sum(waits) <= 3.0, waits
    assert kinds(tmp_path) == []


# ---------------------------------------------------------------- the cache
def data_entry(tmp_path: Path):
    [entry] = [e for e in StatBank("http://127.0.0.1:9", cache_dir=tmp_path / "cache")
               .cache.entries() if e.meta["kind"] == "data"]
    return entry


def test_a_cached_answer_that_no_longer_decodes_is_dropped_and_fetched_again(fake,
                                                                             tmp_path):
    client(fake, tmp_path).data(SMALL)
    assert fake.count("data") == 1
    client(fake, tmp_path).data(SMALL)
    assert fake.count("data") == 1, "a good cached answer was not used"
    entry = data_entry(tmp_path)
    entry.body.write_bytes(b"garbage \x00\x01\x02 not json-stat")
    result = client(fake, tmp_path).data(SMALL)
    assert fake.count("data") == 2
    assert cells_of(result.frame) == expected(SMALL)
    assert result.from_cache == 0
    assert json.loads(data_entry(tmp_path).content())["class"] == "dataset"


def test_offline_with_a_broken_cached_answer_is_not_found(fake, tmp_path):
    client(fake, tmp_path).data(SMALL)
    data_entry(tmp_path).body.write_bytes(b'{"version": "2.0", "class": "dataset", "id"')
    before = len(fake.requests)
    with pytest.raises(NotFoundError) as exc:
        client(fake, tmp_path, offline=True).data(SMALL)
    message = one_line(exc)
    assert "offline" in message and "no cached answer" in message
    assert len(fake.requests) == before, "offline mode went to the network"
    assert "data" not in kinds(tmp_path), "the broken answer was kept"


# ---------------------------------------------------------------- freshness
LATEST = Query("01222", {"Region": ("0301",), "ContentsCode": ("Nettoinnflytting9",),
                         "Tid": ("top(1)",)})
FIXED = Query("01222", {"Region": ("0301",), "ContentsCode": ("Nettoinnflytting9",),
                        "Tid": ("2016K4",)})


def latest(c: StatBank, query: Query = LATEST) -> tuple[str, int]:
    frame = c.data(query).frame
    assert len(frame) == 1
    return str(frame["Tid"].iloc[0]), int(frame["value"].iloc[0])


def publish_2017k1(fake: FakeStatBank) -> None:
    fake.add_quarter("2017K1", updated="2017-05-11T06:00:00Z")


def test_top1_is_reused_until_the_metadata_is_revalidated(fake, tmp_path):
    assert latest(client(fake, tmp_path)) == ("2016K4", value("0301", "Nettoinnflytting9",
                                                              "2016K4"))
    publish_2017k1(fake)
    # the default expiry (a day): the cached metadata and answer are still fresh
    assert latest(client(fake, tmp_path))[0] == "2016K4"
    assert fake.count("data") == 1 and fake.count("metadata") == 1
    # expiry 0: the metadata is revalidated, the new `updated` seen, 2017K1 fetched
    assert latest(client(fake, tmp_path, expiry=0)) == (
        "2017K1", value("0301", "Nettoinnflytting9", "2017K1"))
    assert fake.count("metadata") == 2 and fake.count("data") == 2
    # and the new answer replaced the old one under the same query
    assert latest(client(fake, tmp_path))[0] == "2017K1"
    assert fake.count("data") == 2
    assert kinds(tmp_path).count("data") == 1


def test_two_day_old_cache_is_revalidated_with_the_default_expiry(fake, tmp_path):
    assert latest(client(fake, tmp_path))[0] == "2016K4"
    publish_2017k1(fake)
    old = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
    for described in (tmp_path / "cache").glob("*.json"):
        meta = json.loads(described.read_text(encoding="utf-8"))
        meta["fetched"] = old
        described.write_text(json.dumps(meta), encoding="utf-8")
    assert latest(client(fake, tmp_path))[0] == "2017K1"
    assert fake.count("metadata") == 2 and fake.count("data") == 2


def test_a_fixed_selection_is_fetched_again_only_when_the_table_is_updated(fake, tmp_path):
    assert latest(client(fake, tmp_path), FIXED)[0] == "2016K4"
    latest(client(fake, tmp_path, expiry=0), FIXED)
    assert fake.count("metadata") == 2, "the metadata was not revalidated"
    assert fake.count("data") == 1, "fetched again though the table was not updated"
    fake.updated = "2016-05-11T06:00:00Z"
    latest(client(fake, tmp_path), FIXED)
    assert fake.count("data") == 1, "the metadata is still fresh: no reason to ask"
    latest(client(fake, tmp_path, expiry=0), FIXED)
    assert fake.count("data") == 2, "the table was updated but the old answer was used"
    assert data_entry(tmp_path).meta["table_updated"] == "2016-05-11T06:00:00Z"


# ---------------------------------------------------------------- /config limits
def test_the_servers_cell_limit_splits_the_query(tmp_path):
    with FakeStatBank(config=SCB_CONFIG, first_year=2000, last_year=2016) as fake:
        query = Query("01222", {"Region": ("*",), "ContentsCode": ("*",), "Tid": ("*",)})
        total = len(fake.regions) * 11 * len(quarters(2000, 2016))
        assert total > 2 * 150_000
        result = client(fake, tmp_path).data(query)
        sizes = []
        for r in fake.data_requests():
            chosen = fake.resolve(fake.selection_of(r), r.query.get("lang", "en"))
            sizes.append(len(chosen["Region"]) * len(chosen["ContentsCode"])
                         * len(chosen["Tid"]))
    assert len(sizes) == result.parts >= 3
    assert max(sizes) <= 150_000, sizes
    assert sum(sizes) == total == len(result.frame)
    got = result.frame.set_index(["Region", "ContentsCode", "Tid"])["value"]
    assert got.index.is_unique
    for key in [("0301", "Fodte2", "2000K1"), ("01", "Folketallet11", "2016K4"),
                ("1601", "Nettoinnflytting9", "2008K3")]:
        assert int(got.loc[key]) == value(*key)


def test_the_servers_pace_is_adopted_by_the_clients_own_limiter(tmp_path):
    with FakeStatBank(config=SCB_CONFIG) as fake:
        c = StatBank(fake.url, cache_dir=tmp_path / "cache", timeout=1.0, limiter=None)
        c.data(SMALL)
    assert isinstance(c.limiter, SharedRateLimiter)
    assert c.limiter.path.parent == tmp_path / "cache"
    assert (c.limiter.max_calls, c.limiter.period) == (30, 10)


def test_the_servers_pace_does_not_replace_a_limiter_given(tmp_path):
    with FakeStatBank(config=SCB_CONFIG) as fake:
        given = RateLimiter(5, 60)
        c = StatBank(fake.url, cache_dir=tmp_path / "cache", timeout=1.0, limiter=given)
        c.data(SMALL)
    assert c.limiter is given and (given.max_calls, given.period) == (5, 60)


def test_ssb_config_announces_no_pace_and_the_default_stays(fake, tmp_path):
    c = StatBank(fake.url, cache_dir=tmp_path / "cache", timeout=1.0, limiter=None)
    c.data(SMALL)
    assert c.config().from_server and c.config().max_cells == 800_000
    assert c.config().max_calls == 0
    assert (c.limiter.max_calls, c.limiter.period) == (30, 60)


# ---------------------------------------------------------------- the shared pace
def test_two_limiters_on_one_file_share_one_budget(tmp_path, clock):
    path = tmp_path / "pace.sqlite"
    a = SharedRateLimiter(path, max_calls=3, period=60, clock=clock, sleep=clock.sleep)
    b = SharedRateLimiter(path, max_calls=3, period=60, clock=clock, sleep=clock.sleep)
    assert [a.acquire(), b.acquire(), a.acquire()] == [0.0, 0.0, 0.0]
    assert clock.sleeps == []
    waited = b.acquire()
    assert waited == pytest.approx(60.0)
    assert sum(clock.sleeps) == pytest.approx(60.0)
    # the new window holds b's call: two more of a's, then b must wait again
    assert [a.acquire(), a.acquire()] == [0.0, 0.0]
    assert b.acquire() == pytest.approx(60.0)


class Waited(Exception):
    pass


def _refuse_to_wait(seconds: float) -> None:
    raise Waited(seconds)


CHILD = ("import sys; from pathlib import Path; from flytt.ratelimit import "
         "SharedRateLimiter as S\n"
         "def wait(s):\n    print(f'wait {s:.1f}'); sys.exit(3)\n"
         "print(S(Path(sys.argv[1]), max_calls=3, period=60, sleep=wait).acquire())")


def child(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, timeout=60)


def test_another_process_counts_against_the_same_budget(tmp_path):
    path = tmp_path / "pace.sqlite"
    here = SharedRateLimiter(path, max_calls=3, period=60, sleep=_refuse_to_wait)
    assert here.acquire() == 0.0 and here.acquire() == 0.0
    done = child(path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0.0"
    with pytest.raises(Waited) as exc:
        here.acquire()
    assert 50 < exc.value.args[0] <= 60
    done = child(path)  # and the other process must wait too
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("wait ")
    assert 50 < float(done.stdout.split()[1]) <= 60


# ---------------------------------------------------------------- the barometer identity
def test_english_and_norwegian_answers_give_the_same_net_migration(fake, tmp_path):
    from flytt.barometer.ssb_inputs import changes_by_year
    from flytt.ssb import recipes
    from flytt.store import Store

    c = client(fake, tmp_path, deadline=30.0, max_bytes=50_000_000)
    nets = {}
    for lang in ("en", "no"):
        result = recipes.run(c, "changes", (2015, 2015), lang=lang)
        db = tmp_path / f"{lang}.duckdb"
        recipes.store(result, str(db), source=f"fake StatBank ({lang})")
        with Store(db, read_only=True) as st:
            frame = st.con.execute("SELECT * FROM ssb_changes").df()
        out_label = set(frame.loc[frame["ContentsCode"] == "Fraflytting8",
                                  "ContentsCode_label"].astype(str))
        assert out_label == {"Emigration, domestic" if lang == "en"
                             else "Utflytting, innenlands"}
        net, how = changes_by_year(frame)
        assert "in-migration" in how, how
        nets[lang] = {(int(y), str(r)): int(v) for y, r, v in
                      zip(net["year"], net["region_code"], net["net_migration"])}
    labels = {r.query["lang"] for r in fake.data_requests()}
    assert labels == {"en", "no"}
    want = {(2015, code): sum(value(code, "Nettoinnflytting9", q)
                              for q in quarters(2015, 2015))
            for code, _ in fake.municipalities}
    assert len(want) == 428
    assert nets["en"] == nets["no"]
    assert nets["en"] == want
