"""An httpx client for SSB's StatBank API (PxWebApi v2).

- table metadata (JSON-stat2) and codelists; data as JSON-stat2, CSV or PX, decoded into
  tidy frames (codes and labels per dimension, ``value``);
- queries above SSB's 800,000-cell limit are split into parts automatically;
- at most 30 requests per 60 s (client side), retries with exponential backoff on 429,
  5xx, timeouts and broken connections, honouring ``Retry-After``;
- an on-disk cache keyed by the request (``<cache>/ssb``, see :mod:`flytt.cache`),
  ``refresh`` to re-download, ``offline`` to read only the cache.

Base URL: argument, else ``$FLYTT_SSB_URL``, else :data:`DEFAULT_BASE_URL`.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pandas as pd

from .. import jsonstat
from ..cache import cache_root
from ..errors import FlyttError, InputError, NotFoundError
from ..ratelimit import RateLimiter
from .query import CELL_LIMIT, Query, cells, resolve_values, split

DEFAULT_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
ENV_URL = "FLYTT_SSB_URL"
MAX_URL_LENGTH = 2000
"""Longer GET URLs are sent as POST with a JSON body (SSB rejects URLs over ~2100 chars)."""
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class StatBankError(FlyttError):
    """The StatBank API could not deliver a usable answer (after retries)."""


@dataclass(frozen=True)
class Response:
    """A raw API answer (from the network or the cache)."""

    content: bytes
    content_type: str
    url: str
    from_cache: bool


@dataclass(frozen=True)
class StatBankResult:
    """The tidy answer to a data query: ``frame`` (per dimension ``D`` and ``D_label``,
    then ``value``), how many API requests it took and how many came from the cache."""

    query: Query
    frame: pd.DataFrame
    parts: int
    from_cache: int
    label: str = ""

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    tidy = to_frame


def _unresolvable(exc: BaseException) -> bool:
    """True when a connection failed because the host name could not be looked up."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass
class StatBank:
    """A StatBank client. All arguments are optional; see the module docstring."""

    base_url: str | None = None
    cache_dir: Path | None = None
    offline: bool = False
    refresh: bool = False
    timeout: float = 60.0
    max_retries: int = 5
    backoff: float = 1.0
    """First retry delay in seconds; doubled for each further retry."""
    max_backoff: float = 120.0
    limiter: RateLimiter = field(default_factory=RateLimiter)
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    cell_limit: int = CELL_LIMIT

    def __post_init__(self) -> None:
        self.base_url = (self.base_url or os.environ.get(ENV_URL) or DEFAULT_BASE_URL).rstrip("/")
        self.cache_dir = Path(self.cache_dir) if self.cache_dir else cache_root() / "ssb"
        self._client: httpx.Client | None = None

    # ------------------------------------------------------------------ transport
    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=self.timeout, transport=self.transport,
                                        headers={"User-Agent": "flytt (python-httpx)"},
                                        follow_redirects=True)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> StatBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cache_files(self, url: str, params: dict, body: Any) -> tuple[Path, Path]:
        key = json.dumps({"url": url, "params": sorted(params.items()), "body": body},
                         sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self._cache / f"{digest}.body", self._cache / f"{digest}.json"

    @property
    def _cache(self) -> Path:
        """``cache_dir`` as resolved by ``__post_init__`` (never None after it)."""
        if self.cache_dir is None:
            raise RuntimeError("StatBank.cache_dir is unset (__post_init__ did not run)")
        return self.cache_dir

    def request(self, path: str, params: dict[str, str], body: dict | None = None, *,
                expect: str = "json") -> Response:
        """GET (or POST with ``body``) ``base_url + path``, through the cache, the rate
        limiter and the retry loop. ``expect``: ``json`` or ``text`` (content type check)."""
        url = f"{self.base_url}{path}"
        body_file, meta_file = self._cache_files(url, params, body)
        if not self.refresh and body_file.is_file() and meta_file.is_file():
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            return Response(body_file.read_bytes(), meta["content_type"], meta["url"], True)
        if self.offline:
            raise NotFoundError(f"offline mode: no cached answer for {url} "
                                f"{_describe(params, body)} in {self.cache_dir}; run once "
                                "without --offline to fill the cache")
        response = self._send(url, params, body, expect)
        self._cache.mkdir(parents=True, exist_ok=True)
        tmp = body_file.with_suffix(".part")
        tmp.write_bytes(response.content)
        os.replace(tmp, body_file)
        meta_file.write_text(json.dumps({"url": response.url, "content_type":
                                         response.content_type, "params": params,
                                         "fetched": datetime.now(UTC).isoformat()}),
                             encoding="utf-8")
        return response

    def _send(self, url: str, params: dict, body: dict | None, expect: str) -> Response:
        last = ""
        for attempt in range(self.max_retries + 1):
            delay = min(self.backoff * 2**attempt, self.max_backoff)
            self.limiter.acquire()
            try:
                if body is None:
                    r = self._http().get(url, params=params)
                else:
                    r = self._http().post(url, params=params, json=body)
            except httpx.TimeoutException:
                last = f"no answer within {self.timeout:g} s"
            except httpx.TransportError as exc:
                if _unresolvable(exc):  # no DNS answer: retrying only makes the user wait
                    raise StatBankError(
                        f"SSB StatBank {url}: cannot look up {httpx.URL(url).host} (no network?)"
                        "; --offline reads answers already in the cache, --base-url / "
                        "FLYTT_SSB_URL points at another server") from None
                last = f"connection failed ({exc.__class__.__name__}: {exc})"
            else:
                if r.status_code in _RETRY_STATUS:
                    last = f"HTTP {r.status_code}"
                    wait = _retry_after(r.headers.get("Retry-After"))
                    if wait is not None:
                        delay = min(wait, self.max_backoff)
                        last += f" (Retry-After {r.headers.get('Retry-After')})"
                else:
                    problem = self._check(r, expect)
                    if problem is None:
                        return Response(r.content, r.headers.get("content-type", ""),
                                        str(r.url), False)
                    last = problem
            if attempt < self.max_retries:
                self.sleep(delay)
        raise StatBankError(f"SSB StatBank {url}: giving up after {self.max_retries + 1} "
                            f"attempts; last problem: {last}")

    @staticmethod
    def _check(r: httpx.Response, expect: str) -> str | None:
        """Raise for client errors; return a (retryable) problem or None if usable."""
        if r.status_code == 404:
            raise NotFoundError(f"SSB StatBank: not found: {r.url} ({_detail(r)})")
        if 400 <= r.status_code < 500:
            raise InputError(f"SSB StatBank rejected the query (HTTP {r.status_code}): "
                             f"{_detail(r)}")
        if r.status_code >= 300:
            return f"HTTP {r.status_code}"
        ctype = r.headers.get("content-type", "").lower()
        if expect == "json":
            if "json" not in ctype:
                raise StatBankError(f"SSB StatBank {r.url}: expected JSON, got content type "
                                    f"'{ctype or 'none'}': {r.text[:120]!r}")
            try:
                json.loads(r.content)
            except ValueError as exc:
                return f"the JSON answer is cut off or broken ({exc})"
        elif "html" in ctype:
            raise StatBankError(f"SSB StatBank {r.url}: expected a data file, got an HTML page "
                                f"({r.text[:120]!r})")
        return None

    # ------------------------------------------------------------------ API
    def metadata(self, table: str, lang: str = "en") -> jsonstat.Cube:
        """Table metadata: dimensions with their codes and labels (JSON-stat2, no values)."""
        r = self.request(f"/tables/{table}/metadata", {"lang": lang})
        return jsonstat.parse(r.content, allow_empty=True)

    def codelist(self, codelist_id: str, lang: str = "en") -> list[tuple[str, str]]:
        """Codes and labels of a codelist (``agg_KommSummer``, ``vs_Fylker``, ...)."""
        r = self.request(f"/codeLists/{codelist_id}", {"lang": lang})
        doc = json.loads(r.content)
        return [(str(v["code"]), str(v.get("label", v["code"]))) for v in doc.get("values", [])]

    def resolve(self, query: Query) -> dict[str, list[str]]:
        """Explicit value codes per variable, for counting cells and splitting.

        Variables not selected are eliminated when the table allows it; otherwise the
        time variable defaults to the latest period (``top(1)``) and others to all
        values (``*``)."""
        meta = self.metadata(query.table, query.lang)
        known = {d.id: d for d in meta.dimensions}
        unknown = [v for v in {**query.selection, **query.codelists} if v not in known]
        if unknown:
            raise InputError(f"table {query.table} has no variable(s) {', '.join(unknown)}; "
                             f"its variables: {', '.join(known)}")
        time_vars = set(meta.roles.get("time", []))
        resolved: dict[str, list[str]] = {}
        for d in meta.dimensions:
            exprs = query.selection.get(d.id)
            if exprs is None:
                if d.elimination:
                    continue
                exprs = ("top(1)",) if d.id in time_vars else ("*",)
            codes = ([c for c, _ in self.codelist(query.codelists[d.id], query.lang)]
                     if d.id in query.codelists else list(d.codes))
            resolved[d.id] = resolve_values(exprs, codes, is_time=d.id in time_vars, var=d.id)
            if not resolved[d.id]:
                raise InputError(f"the selection {d.id}={','.join(exprs)} matches no values")
        return resolved

    def _data_request(self, query: Query, selection: dict[str, list[str]] | dict[str, tuple],
                      ) -> Response:
        params: dict[str, str] = {"lang": query.lang, "outputFormat": query.format}
        if query.format == "csv":
            params["outputFormatParams"] = "separatorsemicolon,usecodesandtexts"
            params["stub"] = ",".join(selection)
        for var, cl in query.codelists.items():
            params[f"codelist[{var}]"] = cl
        for var, ov in query.output_values.items():
            params[f"outputValues[{var}]"] = ov
        get_params = params | {f"valueCodes[{v}]": ",".join(c) for v, c in selection.items()}
        path = f"/tables/{query.table}/data"
        url = httpx.URL(f"{self.base_url}{path}", params=get_params)
        expect = "json" if query.format == "json-stat2" else "text"
        if len(str(url)) <= MAX_URL_LENGTH:
            return self.request(path, get_params, expect=expect)
        body = {"selection": [{"variableCode": v, "valueCodes": list(c)}
                              | ({"codelist": query.codelists[v]} if v in query.codelists
                                 else {}) for v, c in selection.items()]}
        return self.request(path, params, body, expect=expect)

    def data(self, query: Query, *,
             on_part: Callable[[int, int], None] | None = None) -> StatBankResult:
        """Run a data query (split into parts when above the cell limit) and decode it.

        ``on_part(done, total)`` is called after each part (for progress bars).
        """
        resolved = self.resolve(query)
        if cells(resolved) <= self.cell_limit:
            selection = {v: query.selection.get(v, tuple(c)) for v, c in resolved.items()}
            parts: list[dict] = [selection]
        else:
            parts = split(resolved, self.cell_limit)
        frames, cached, label = [], 0, ""
        for i, part in enumerate(parts, start=1):
            r = self._data_request(query, part)
            cached += r.from_cache
            frame, label = decode(r.content, query.format, source=r.url)
            frames.append(frame)
            if on_part:
                on_part(i, len(parts))
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        return StatBankResult(query, frame, len(parts), cached, label)


def decode(content: bytes, fmt: str, *, source: str = "response") -> tuple[pd.DataFrame, str]:
    """Decode an API answer in ``fmt`` into a tidy frame and the table's title."""
    if fmt == "json-stat2":
        cube = jsonstat.parse(content)
        return cube.to_frame(), cube.label
    from ..readers import _decode  # the tolerant text decoding of the readers

    text = _decode(content, source, None)
    if fmt == "px":
        from .px import parse_px

        return parse_px(text, source=source)
    from .statbank_csv import read_statbank_csv

    return read_statbank_csv(text, source=source), ""


def _detail(r: httpx.Response) -> str:
    try:
        doc = r.json()
    except ValueError:
        return r.text[:200].strip() or r.reason_phrase
    if isinstance(doc, dict):
        return "; ".join(str(doc[k]) for k in ("title", "detail", "error", "message")
                         if doc.get(k)) or json.dumps(doc)[:200]
    return json.dumps(doc)[:200]


def _describe(params: dict, body: Any) -> str:
    shown = {k: v for k, v in params.items() if k != "lang"}
    return json.dumps(shown | ({"body": body} if body else {}), ensure_ascii=False)[:300]


__all__ = [
    "DEFAULT_BASE_URL",
    "ENV_URL",
    "Response",
    "StatBank",
    "StatBankError",
    "StatBankResult",
    "decode",
]
