"""The data registry: mirror lookup, checksums, and the download path end to end against
a local HTTP server on 127.0.0.1 (good, corrupted, truncated, cut-off, missing and slow
files); the test run's own start-up without mirror or network."""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, mirror_dir

from flytt import registry
from flytt.errors import DataError, NotFoundError

KEY = "reform-2020"  # a small product file


@pytest.mark.parametrize("key", [
    pytest.param(k, marks=() if e.url else pytest.mark.data(k))
    for k, e in sorted(registry.REGISTRY.items())])
def test_every_entry_is_at_hand_with_the_recorded_size_and_checksum(key):
    e = registry.REGISTRY[key]
    path = mirror_dir() / e.mirror_path
    # independent check: hash the file here with hashlib directly
    assert hashlib.sha256(path.read_bytes()).hexdigest() == e.sha256
    assert path.stat().st_size == e.size
    assert registry.fetch(key) == path
    assert e.licence and e.description
    if e.url is None:
        assert e.test_only and e.made_from, "a mirror-only file must say what it was made of"
    else:
        assert e.url.startswith("https://raw.githubusercontent.com/")
        commit = e.url.split("/")[5]
        assert len(commit) == 40 and int(commit, 16) >= 0, "URLs are pinned to a commit"


def test_the_product_never_needs_a_test_only_or_mirror_only_file():
    product = registry.keys()
    assert product and all(registry.entry(k).url for k in product)
    assert not set(product) & set(registry.keys(test_only=True))
    assert {"tmf-webinput", "seed-flows-2011", "migest-korea-gravity"} <= set(
        registry.keys(test_only=True))


def test_a_damaged_mirror_file_is_refused(tmp_path, monkeypatch):
    e = registry.REGISTRY[KEY]
    target = tmp_path / e.mirror_path
    target.parent.mkdir(parents=True)
    shutil.copy(registry.fetch(KEY), target)
    with open(target, "r+b") as f:  # same size, one byte changed
        f.seek(100)
        byte = f.read(1)
        f.seek(100)
        f.write(bytes([byte[0] ^ 1]))
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path))
    with pytest.raises(DataError, match="sha256"):
        registry.fetch(KEY)


def test_a_missing_mirror_file_names_the_path(tmp_path, monkeypatch):
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path))
    with pytest.raises(NotFoundError, match="Kommuner-S.geojson"):
        registry.fetch("kommuner-2024")


def test_a_mirror_only_file_says_it_has_no_upstream(tmp_path, monkeypatch):
    monkeypatch.delenv("FLYTT_DATA_MIRROR", raising=False)
    monkeypatch.setenv("FLYTT_CACHE_DIR", str(tmp_path))
    with pytest.raises(NotFoundError, match="no public upstream.*FLYTT_DATA_MIRROR"):
        registry.fetch("seed-flows-2011")


def test_unknown_key_lists_the_known_ones():
    with pytest.raises(NotFoundError, match="code-history"):
        registry.fetch("no-such-file")


# --------------------------------------------------------------------------- downloads
class _Files(http.server.BaseHTTPRequestHandler):
    """Serves the mirror's files under /good/, and damaged versions of them under
    /corrupt/ (one byte changed), /short/ (half, honest length), /cut/ (half, the full
    length announced), /slow/ (headers, then silence); anything else is a 404."""

    hits: list[str] = []
    root = Path()
    stall = threading.Event()

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).hits.append(self.path)
        kind, _, rel = self.path.lstrip("/").partition("/")
        path = self.root / rel
        if kind not in ("good", "corrupt", "short", "cut", "slow") or not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        body = {"good": data, "corrupt": data[:50] + bytes([data[50] ^ 1]) + data[51:],
                "short": data[:len(data) // 2], "cut": data[:len(data) // 2],
                "slow": b""}[kind]
        self.send_response(200)
        self.send_header("Content-Length", str(len(data) if kind in ("cut", "slow")
                                              else len(body)))
        self.end_headers()
        if kind == "slow":
            self.stall.wait(10)
            return
        self.wfile.write(body)


@pytest.fixture
def server():
    _Files.root = mirror_dir()
    _Files.stall.clear()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    _Files.stall.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """No mirror: the registry downloads into an empty cache."""
    monkeypatch.delenv("FLYTT_DATA_MIRROR", raising=False)
    monkeypatch.setenv("FLYTT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _serve(monkeypatch, server: str, kind: str, key: str = KEY) -> registry.Entry:
    e = registry.REGISTRY[key]
    monkeypatch.setitem(registry.REGISTRY, key,
                        replace(e, url=f"{server}/{kind}/{e.mirror_path}"))
    return e


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_download_once_into_the_cache_then_reuse(server, cache, monkeypatch):
    e = _serve(monkeypatch, server, "good")
    _Files.hits.clear()
    seen: list[tuple[int, int]] = []
    first = registry.fetch(KEY, progress=lambda done, total: seen.append((done, total)))
    second = registry.fetch(KEY)
    assert first == second == cache / "data" / e.mirror_path
    assert first.read_bytes() == (mirror_dir() / e.mirror_path).read_bytes()
    assert len(_Files.hits) == 1
    assert seen and seen[-1] == (e.size, e.size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    registry.fetch(KEY, refresh=True)
    assert len(_Files.hits) == 2
    assert _files(cache) == [first]  # nothing but the file itself


def test_the_cache_can_serve_as_a_mirror(server, cache, monkeypatch):
    _serve(monkeypatch, server, "good")
    registry.fetch(KEY)
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(registry.cache_dir()))
    assert registry.fetch(KEY) == registry.cache_dir() / registry.entry(KEY).mirror_path


def test_a_damaged_cached_copy_is_downloaded_again(server, cache, monkeypatch):
    _serve(monkeypatch, server, "good")
    path = registry.fetch(KEY)
    path.write_bytes(path.read_bytes()[:-10])
    _Files.hits.clear()
    assert registry.sha256_of(registry.fetch(KEY)) == registry.entry(KEY).sha256
    assert len(_Files.hits) == 1


@pytest.mark.parametrize(("kind", "error", "match"), [
    ("corrupt", DataError, "sha256 .* expected"),
    ("short", DataError, "bytes, expected .* truncated"),
    ("cut", NotFoundError, f"cannot download '{KEY}'"),
    ("missing", NotFoundError, "404"),
])
def test_a_bad_download_is_a_clear_error_and_leaves_nothing(server, cache, monkeypatch,
                                                            kind, error, match):
    _serve(monkeypatch, server, kind)
    with pytest.raises(error, match=match) as caught:
        registry.fetch(KEY)
    assert KEY in str(caught.value)
    assert _files(cache) == []


def test_a_stalled_download_times_out_and_leaves_nothing(server, cache, monkeypatch):
    monkeypatch.setattr(registry, "READ_TIMEOUT_S", 0.5)
    _serve(monkeypatch, server, "slow")
    with pytest.raises(NotFoundError, match=f"cannot download '{KEY}'.*FLYTT_DATA_MIRROR"):
        registry.fetch(KEY)
    assert _files(cache) == []


def test_fetch_all_stops_trying_the_network_after_it_failed(cache, monkeypatch):
    for key in ("code-history", "reform-2020", "ba-regions-2020"):
        e = registry.REGISTRY[key]
        monkeypatch.setitem(registry.REGISTRY, key, replace(e, url="http://127.0.0.1:9/x"))
    import httpx

    calls: list[str] = []
    real = httpx.stream

    def counting(method, url, **kwargs):
        calls.append(url)
        return real(method, url, **kwargs)

    monkeypatch.setattr(httpx, "stream", counting)
    failed = registry.fetch_all(["code-history", "reform-2020", "ba-regions-2020"])
    assert set(failed) == {"code-history", "reform-2020", "ba-regions-2020"}
    assert len(calls) == 1
    assert "not tried" in failed["reform-2020"]


def test_no_network_and_no_mirror_is_a_clear_error(cache, monkeypatch):
    e = registry.REGISTRY["code-history"]
    monkeypatch.setitem(registry.REGISTRY, "code-history",
                        replace(e, url="http://127.0.0.1:9/none.csv"))
    with pytest.raises(NotFoundError, match="FLYTT_DATA_MIRROR"):
        registry.fetch("code-history")


# --------------------------------------------------------------------------- test start-up
@pytest.mark.slow
def test_a_test_run_without_mirror_or_network_stops_at_once_with_one_message(tmp_path):
    """The suite's conftest on a checkout without ../shared, without FLYTT_DATA_MIRROR and
    without network (a proxy that refuses): exit code 3 and one message, no test run."""
    checkout = tmp_path / "checkout"
    (checkout / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", checkout / "tests" / "conftest.py")
    (checkout / "tests" / "test_x.py").write_text("def test_x():\n    assert False\n")
    env = {k: v for k, v in os.environ.items() if k != "FLYTT_DATA_MIRROR"}
    env |= {"FLYTT_CACHE_DIR": str(tmp_path / "empty-cache"), "HOME": str(tmp_path),
            "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
            "NO_PROXY": "", "no_proxy": ""}
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests"], cwd=checkout, env=env, capture_output=True, text=True,
                         timeout=300)
    elapsed = time.monotonic() - started
    out = run.stdout + run.stderr
    assert run.returncode == 3, out
    assert out.count("reference data missing") == 1 and "First error: cannot download" in out
    for part in ("kommuner-2024", "tmf-webinput", "FLYTT_DATA_MIRROR",
                 "flytt fetch data --all --tests"):
        assert part in out, part
    assert "test_x" not in out and "Traceback" not in out
    assert elapsed < 120, f"took {elapsed:.0f} s"
