"""The data registry: mirror lookup, checksums, download into the cache."""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from flytt import registry
from flytt.errors import DataError, NotFoundError

MIRROR = Path(os.environ.get("FLYTT_DATA_MIRROR")
              or Path(__file__).resolve().parents[2] / "shared" / "data")


@pytest.fixture
def mirror(monkeypatch):
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(MIRROR))
    return MIRROR


@pytest.mark.parametrize("key", sorted(registry.REGISTRY))
def test_every_entry_is_in_the_mirror_with_the_recorded_checksum(mirror, key):
    path = registry.fetch(key)
    # independent check: hash the file here with hashlib directly
    assert hashlib.sha256(path.read_bytes()).hexdigest() == registry.REGISTRY[key].sha256
    e = registry.REGISTRY[key]
    assert e.url.startswith("https://raw.githubusercontent.com/")
    assert e.licence


def test_a_damaged_mirror_file_is_refused(tmp_path, monkeypatch):
    e = registry.REGISTRY["reform-2020"]
    target = tmp_path / e.mirror_path
    target.parent.mkdir(parents=True)
    shutil.copy(MIRROR / e.mirror_path, target)
    with open(target, "ab") as f:
        f.write(b"01,X,0101,Halden,30,Viken,3001,Halden\n")
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path))
    with pytest.raises(DataError, match="sha256"):
        registry.fetch("reform-2020")


def test_a_missing_mirror_file_names_the_path(tmp_path, monkeypatch):
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path))
    with pytest.raises(NotFoundError, match="Kommuner-S.geojson"):
        registry.fetch("kommuner-2024")


def test_unknown_key_lists_the_known_ones():
    with pytest.raises(NotFoundError, match="code-history"):
        registry.fetch("no-such-file")


class _Files(http.server.SimpleHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).hits.append(self.path)
        super().do_GET()


@pytest.fixture
def file_server():
    handler = lambda *a, **k: _Files(*a, directory=str(MIRROR), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_download_once_into_the_cache_then_reuse(file_server, tmp_path, monkeypatch):
    monkeypatch.delenv("FLYTT_DATA_MIRROR", raising=False)
    monkeypatch.setenv("FLYTT_CACHE_DIR", str(tmp_path))
    e = registry.REGISTRY["reform-2020"]
    monkeypatch.setitem(registry.REGISTRY, "reform-2020",
                        replace(e, url=f"{file_server}/{e.mirror_path}"))
    _Files.hits.clear()
    first = registry.fetch("reform-2020")
    second = registry.fetch("reform-2020")
    assert first == second and first.is_relative_to(tmp_path)
    assert first.read_bytes() == (MIRROR / e.mirror_path).read_bytes()
    assert len(_Files.hits) == 1
    registry.fetch("reform-2020", refresh=True)
    assert len(_Files.hits) == 2


def test_download_with_wrong_checksum_leaves_nothing(file_server, tmp_path, monkeypatch):
    monkeypatch.delenv("FLYTT_DATA_MIRROR", raising=False)
    monkeypatch.setenv("FLYTT_CACHE_DIR", str(tmp_path))
    e = registry.REGISTRY["reform-2020"]
    monkeypatch.setitem(registry.REGISTRY, "reform-2020",
                        replace(e, url=f"{file_server}/{e.mirror_path}", sha256="0" * 64))
    with pytest.raises(DataError, match="sha256"):
        registry.fetch("reform-2020")
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_no_network_and_no_mirror_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("FLYTT_DATA_MIRROR", raising=False)
    monkeypatch.setenv("FLYTT_CACHE_DIR", str(tmp_path))
    e = registry.REGISTRY["code-history"]
    monkeypatch.setitem(registry.REGISTRY, "code-history",
                        replace(e, url="http://127.0.0.1:9/none.csv"))
    with pytest.raises(NotFoundError, match="FLYTT_DATA_MIRROR"):
        registry.fetch("code-history")
