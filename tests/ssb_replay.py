"""A local HTTP server that replays SSB StatBank answers (PxWebApi v2 paths) from the real
recorded response in the data registry (``ssb-07459-jsonstat2``), and injects faults on
request."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from conftest import ref

RECORDED = "ssb-07459-jsonstat2"
"""Registry key of the recorded answer (JSON-stat 2.0, table 07459, 2022)."""


class Replay:
    """``faults``: a list consumed one per data request: ``429``, ``503``, ``slow``,
    ``truncated``, ``html``, ``400``; ``requests`` records (method, path, query, body)."""

    def __init__(self, slow_seconds: float = 2.0):
        self.recorded = json.loads(ref(RECORDED).read_text(encoding="utf-8"))
        self.faults: list[str] = []
        self.requests: list[tuple[str, str, dict, dict | None]] = []
        self.slow_seconds = slow_seconds
        self.retry_after = "1"
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                replay.handle(self, None)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                replay.handle(self, json.loads(self.rfile.read(length)))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> Replay:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------------ answers
    def metadata(self) -> dict:
        meta = json.loads(json.dumps(self.recorded))
        meta["value"] = []
        return meta

    def subset(self, selection: dict[str, list[str]]) -> dict:
        ds = self.recorded
        dims = ds["id"]
        keep = []
        for d in dims:
            index = ds["dimension"][d]["category"]["index"]
            codes = sorted(index, key=index.get)
            wanted = selection.get(d, ["*"])
            keep.append(codes if wanted == ["*"] else [c for c in codes if c in wanted])
        sizes = ds["size"]
        out = json.loads(json.dumps(ds))
        values = []
        import itertools
        strides = [1] * len(sizes)
        for i in range(len(sizes) - 2, -1, -1):
            strides[i] = strides[i + 1] * sizes[i + 1]
        for combo in itertools.product(*keep):
            pos = sum(ds["dimension"][d]["category"]["index"][c] * s
                      for d, c, s in zip(dims, combo, strides))
            values.append(ds["value"][pos])
        for d, codes in zip(dims, keep):
            cat = out["dimension"][d]["category"]
            cat["index"] = {c: i for i, c in enumerate(codes)}
            cat["label"] = {c: cat["label"][c] for c in codes}
        out["size"] = [len(k) for k in keep]
        out["value"] = values
        return out

    def send(self, h, status: int, body: bytes, ctype: str, headers: dict | None = None):
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        try:
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def handle(self, h, body: dict | None) -> None:
        parsed = urlparse(h.path)
        query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
        self.requests.append((h.command, parsed.path, query, body))
        if parsed.path == "/tables/07459/metadata":
            return self.send(h, 200, json.dumps(self.metadata()).encode(), "application/json")
        if parsed.path != "/tables/07459/data":
            return self.send(h, 404, b'{"title": "Non-existent table"}', "application/json")
        fault = self.faults.pop(0) if self.faults else None
        if fault == "429":
            return self.send(h, 429, b'{"title": "Too many requests"}', "application/json",
                             {"Retry-After": self.retry_after})
        if fault == "503":
            return self.send(h, 503, b"Service unavailable", "text/plain")
        if fault == "html":
            return self.send(h, 200, b"<html><body>Vedlikehold</body></html>",
                             "text/html; charset=utf-8")
        if fault == "400":
            return self.send(h, 400, b'{"title": "Non-existent value"}', "application/json")
        if fault == "slow":
            time.sleep(self.slow_seconds)
        selection: dict[str, list[str]] = {}
        if body is not None:
            for item in body["selection"]:
                selection[item["variableCode"]] = item["valueCodes"]
        for k, v in query.items():
            if k.lower().startswith("valuecodes["):
                selection[k[11:-1]] = v.split(",")
        payload = json.dumps(self.subset(selection), ensure_ascii=False).encode("utf-8")
        if fault == "truncated":
            payload = payload[: len(payload) // 2]
        self.send(h, 200, payload, "application/json; charset=UTF-8")
