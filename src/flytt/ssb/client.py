"""An httpx client for SSB's StatBank API (PxWebApi v2).

- table metadata (JSON-stat2) and codelists; data as JSON-stat2, CSV or PX, decoded into
  tidy frames (codes and labels per dimension, ``value``, ``status``) by
  :mod:`flytt.ssb.formats`;
- the server's own limits from ``/config`` (cells per call, calls per time window; SSB:
  800,000 cells, Statistics Sweden 150,000), queries split below the cell limit and paced
  across processes (:class:`flytt.ratelimit.SharedRateLimiter` in the cache directory);
- every answer is decoded and checked against the query (every dimension asked for, only
  the codes asked for, cells = the product of the sizes) **before** it is used or cached;
- retries with jittered exponential backoff on 429, 5xx, timeouts and broken
  connections, honouring ``Retry-After`` up to :attr:`StatBank.max_retry_after`; a total
  deadline per request and a bound on the decompressed size; redirects only within the
  API's host; every retry is logged with its reason and wait;
- an on-disk cache (:mod:`flytt.ssb.cache`, ``<cache>/ssb``): metadata, codelists and the
  configuration are revalidated after :attr:`StatBank.expiry` (a day; SSB publishes at
  08:00), data are reused while the table's ``updated`` time is unchanged; ``refresh``
  downloads again, ``offline`` reads only the cache.

Base URL: argument, else ``$FLYTT_SSB_URL``, else :data:`DEFAULT_BASE_URL`.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import os
import random
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx
import pandas as pd

from .. import jsonstat
from ..cache import cache_root
from ..errors import DataError, FlyttError, InputError, NotFoundError, shown
from ..ratelimit import SharedRateLimiter
from .cache import AnswerCache, Entry
from .query import CELL_LIMIT, Query, cells, resolve_values, split

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
ENV_URL = "FLYTT_SSB_URL"
MAX_URL_LENGTH = 2000
"""Longer GET URLs are sent as POST with a JSON body (SSB rejects URLs over ~2100 chars)."""
DEFAULT_EXPIRY = 86_400.0
"""Seconds after which metadata, codelists, the configuration and relative selections
(``top(n)``, ``from(y)``, ``*``) are revalidated."""
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_RELATIVE = ("(", "*", "?")
T = TypeVar("T")


class StatBankError(FlyttError):
    """The StatBank API could not deliver a usable answer (after retries)."""


class UnusableAnswerError(StatBankError):
    """An answer arrived but did not decode or did not match its query (not cached)."""


class _Pacer(Protocol):
    max_calls: int
    period: float

    def acquire(self) -> float: ...


@dataclass(frozen=True)
class Response:
    """A raw API answer (from the network or the cache)."""

    content: bytes
    content_type: str
    url: str
    from_cache: bool
    fetched: str = ""
    """When it was downloaded (UTC, ISO 8601)."""


@dataclass(frozen=True)
class ServerConfig:
    """What a PxWebApi v2 server says of itself at ``/config`` (defaults: SSB's)."""

    max_cells: int = CELL_LIMIT
    max_calls: int = 0
    """Calls per ``window`` seconds; 0 = not announced there (SSB announces its pace in
    ``x-ratelimit-policy`` headers instead)."""
    window: float = 0.0
    formats: tuple[str, ...] = ("json-stat2", "csv", "px")
    from_server: bool = False

    @classmethod
    def parse(cls, doc: Any, source: str) -> ServerConfig:
        """The configuration from a ``/config`` answer; a wrong shape is a :class:`DataError`."""
        if not isinstance(doc, dict) or "maxDataCells" not in doc:
            raise DataError(f"{source}: not a PxWebApi configuration (no maxDataCells): "
                            f"{shown(json.dumps(doc)[:200])}")

        def number(key: str) -> float:
            value = doc.get(key, 0)
            return float(value) if isinstance(value, (int, float)) and value > 0 else 0.0

        formats = doc.get("dataFormats")
        return cls(max_cells=int(number("maxDataCells")) or CELL_LIMIT,
                   max_calls=int(number("maxCallsPerTimeWindow")),
                   window=number("timeWindow"),
                   formats=tuple(str(f) for f in formats) if isinstance(formats, list)
                   else cls.formats, from_server=True)


@dataclass(frozen=True)
class StatBankResult:
    """The tidy answer to a data query: ``frame`` (per dimension ``D`` and ``D_label``,
    then ``value`` and, when SSB marks cells, ``status``), how many API requests it took,
    how many came from the cache, the table's title, footnotes and ``updated`` time."""

    query: Query
    frame: pd.DataFrame
    parts: int
    from_cache: int
    label: str = ""
    notes: tuple[str, ...] = ()
    updated: str = ""
    fetched: str = ""
    """When the oldest part was downloaded (UTC, ISO 8601)."""

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    tidy = to_frame


@dataclass(frozen=True)
class _Raw:
    status: int
    headers: httpx.Headers
    content: bytes
    url: str

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


class _OffHost(Exception):
    """A redirect pointed at another host (raised from the request hook)."""


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
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if math.isfinite(seconds):
        return max(0.0, seconds)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _policy(value: str | None) -> tuple[int, float] | None:
    """``x-ratelimit-policy: 40;w=60s`` → (40, 60.0); None if absent or unreadable."""
    if not value:
        return None
    calls, _, rest = value.split(",")[0].partition(";")
    window = next((p.strip()[2:] for p in rest.split(";") if p.strip().startswith("w=")), "")
    try:
        n, w = int(calls.strip()), float(window.rstrip("s"))
    except ValueError:
        return None
    return (n, w) if n > 0 and w > 0 else None


def _relative(selection: Mapping[str, Sequence[str]]) -> bool:
    return any(mark in expr for exprs in selection.values() for expr in exprs
               for mark in _RELATIVE)


@dataclass
class StatBank:
    """A StatBank client. All arguments are optional; see the module docstring.
    Seconds throughout; ``transport`` swaps the network (httpx) in tests."""

    base_url: str | None = None
    cache_dir: Path | None = None
    offline: bool = False
    refresh: bool = False
    timeout: float = 60.0
    """Seconds to wait for a connection or for the next bytes of an answer."""
    deadline: float = 600.0
    """Seconds one request may take in all, however steadily the server trickles."""
    max_bytes: int = 2_000_000_000
    """Largest answer accepted, after decompression."""
    max_retries: int = 5
    connect_retries: int = 2
    """Retries when no connection can be made at all (the network is down: fail fast)."""
    backoff: float = 1.0
    """First retry delay in seconds; doubled for each further retry, times a jitter."""
    max_backoff: float = 120.0
    max_retry_after: float = 300.0
    """A ``Retry-After`` longer than this is not waited for: the fetch stops and says so."""
    expiry: float = DEFAULT_EXPIRY
    limiter: _Pacer | None = None
    """Default: a limiter shared by every process, in the cache directory."""
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random
    """A number in [0, 1): each backoff is multiplied by 0.5 + jitter / 2."""
    cell_limit: int = CELL_LIMIT
    """Cells per call; the server's ``/config`` may lower it."""
    _server: ServerConfig | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.base_url = (self.base_url or os.environ.get(ENV_URL) or DEFAULT_BASE_URL).rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise InputError(f"--base-url {shown(self.base_url)}: give the API root with "
                             "http:// or https://, e.g. https://data.ssb.no/api/pxwebapi/v2")
        self.cache_dir = Path(self.cache_dir) if self.cache_dir else cache_root() / "ssb"
        self._answers = AnswerCache(self.cache_dir)
        self._client: httpx.Client | None = None
        self._own_limiter = self.limiter is None
        if self.limiter is None:
            host = httpx.URL(self.base_url).host or "server"
            self.limiter = SharedRateLimiter(self.cache_dir / f"pace-{host}.sqlite")

    # ------------------------------------------------------------------ transport
    @property
    def _base(self) -> str:
        if self.base_url is None:
            raise RuntimeError("StatBank.base_url is unset (__post_init__ did not run)")
        return self.base_url

    def _http(self) -> httpx.Client:
        if self._client is None:
            home = httpx.URL(self._base)

            def same_host(request: httpx.Request) -> None:
                if (request.url.host, request.url.port) != (home.host, home.port):
                    raise _OffHost(str(request.url))

            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                transport=self.transport, headers={"User-Agent": "flytt (python-httpx)"},
                follow_redirects=True, max_redirects=5,
                event_hooks={"request": [same_host]})
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> StatBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def cache(self) -> AnswerCache:
        """The answers cached on disk (``flytt cache`` lists and clears them)."""
        return self._answers

    def request(self, path: str, params: dict[str, str], body: dict | None = None, *,
                expect: str = "json", use: Callable[[bytes, str], T],
                kind: str = "data", table: str = "", max_age: float | None = None,
                valid_for: str | None = None) -> tuple[T, Response]:
        """GET (or POST with ``body``) ``base_url + path`` through the cache, the pace and
        the retry loop; ``use(content, url)`` decodes and checks the answer (a
        :class:`FlyttError` from it means unusable: a cached one is dropped and fetched
        again, a fresh one is not cached). ``max_age``: seconds a cached answer stays
        fresh; ``valid_for``: the table's ``updated`` time a cached answer must match.
        ``expect``: ``json`` or ``text`` (content type check)."""
        url = f"{self._base}{path}"
        key = AnswerCache.key(url, params, body)
        entry = None if self.refresh else self._answers.get(key)
        if entry is not None and (self.offline or self._fresh(entry, max_age, valid_for)):
            used = self._from_cache(entry, use)
            if used is not None:
                return used
            entry = None
        if self.offline:
            raise NotFoundError(f"offline mode: no cached answer for {url} "
                                f"{_describe(params, body)} in {self.cache_dir}; run once "
                                "without --offline to fill the cache")
        try:
            response = self._send(url, params, body, expect)
        except StatBankError as exc:
            if entry is None or kind == "data":
                raise
            used = self._from_cache(entry, use)
            if used is None:
                raise
            log.warning("%s; using the %s cached %s ago", exc, kind, _ago(entry))
            return used
        try:
            value = use(response.content, response.url)
        except FlyttError as exc:
            raise UnusableAnswerError(f"SSB StatBank {url}: the answer is not usable, so it is "
                                f"not cached: {exc}") from None
        stored = self._answers.put(key, response.content, {
            "kind": kind, "table": table, "url": response.url, "params": params,
            "body": body, "content_type": response.content_type,
            "table_updated": valid_for})
        return value, Response(response.content, response.content_type, response.url, False,
                               str(stored.meta["fetched"]))

    def _fresh(self, entry: Entry, max_age: float | None, valid_for: str | None) -> bool:
        if valid_for and entry.meta.get("table_updated") != valid_for:
            log.info("the table was updated since %s was cached; fetching it again",
                     entry.meta.get("url"))
            return False
        if max_age is not None and entry.age() > max_age:
            log.info("the cached %s is %s old (expiry %s); revalidating",
                     entry.meta.get("kind", "answer"), _ago(entry), _duration(max_age))
            return False
        return True

    def _from_cache(self, entry: Entry, use: Callable[[bytes, str], T],
                    ) -> tuple[T, Response] | None:
        """The cached answer decoded by ``use``, or None (and the entry dropped) when it
        no longer decodes."""
        meta = entry.meta
        try:
            content = entry.content()
            value = use(content, str(meta.get("url", "")))
        except (OSError, FlyttError) as exc:
            log.warning("dropped a cached answer that no longer decodes (%s): %s",
                        meta.get("url"), exc)
            self._answers.drop(entry.key)
            return None
        return value, Response(content, str(meta.get("content_type", "")),
                               str(meta.get("url", "")), True, str(meta.get("fetched", "")))

    def _pace(self) -> None:
        assert self.limiter is not None
        waited = self.limiter.acquire()
        if waited > 0.5:
            log.info("waited %.1f s to stay within %d calls per %g s", waited,
                     self.limiter.max_calls, self.limiter.period)

    def _adopt_pace(self, calls: int, window: float, why: str) -> None:
        """Use the server's pace when flytt chose the limiter itself."""
        limiter = self.limiter
        if not self._own_limiter or limiter is None:
            return
        if (limiter.max_calls, limiter.period) != (calls, window):
            log.info("pacing at %d calls per %g s (%s)", calls, window, why)
            limiter.max_calls, limiter.period = calls, window

    def _fetch(self, method: str, url: str, params: dict, body: dict | None) -> _Raw:
        """One attempt: the whole exchange (connection, headers, body, redirects) within
        :attr:`deadline`, the body within :attr:`max_bytes`. httpx's timeouts are per
        read, so a server that trickles its headers or body is cut off by a watchdog: the
        attempt runs in a daemon thread that is abandoned (its client closed) at the
        deadline."""
        started = time.monotonic()
        outcome: dict[str, Any] = {}
        done = threading.Event()
        client = self._http()

        def attempt() -> None:
            try:
                outcome["raw"] = self._read(client, method, url, params, body, started)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                outcome["error"] = exc
            finally:
                done.set()

        threading.Thread(target=attempt, daemon=True, name="flytt-statbank").start()
        if not done.wait(self.deadline):
            self._client = None  # the next attempt gets a fresh connection pool
            threading.Thread(target=client.close, daemon=True).start()
            raise self._too_slow(url)
        if "error" in outcome:
            raise outcome["error"]
        raw: _Raw = outcome["raw"]
        return raw

    def _too_slow(self, url: str) -> StatBankError:
        return StatBankError(f"SSB StatBank {url}: the answer did not arrive within "
                             f"{self.deadline:g} s (the server sends it too slowly); try "
                             "again later")

    def _read(self, client: httpx.Client, method: str, url: str, params: dict,
              body: dict | None, started: float) -> _Raw:
        with client.stream(method, url, params=params, json=body) as r:
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise StatBankError(f"SSB StatBank {url}: the answer is larger than "
                                        f"{self.max_bytes:,} bytes (decompressed); refused. "
                                        "Ask for fewer cells (--select)")
                if time.monotonic() - started > self.deadline:
                    raise self._too_slow(url)
                chunks.append(chunk)
            return _Raw(r.status_code, r.headers, b"".join(chunks), str(r.url))

    def _send(self, url: str, params: dict, body: dict | None, expect: str) -> Response:
        last, refused = "", 0
        host = httpx.URL(url).host
        for attempt in range(self.max_retries + 1):
            delay = min(self.backoff * 2**attempt, self.max_backoff) * (0.5 + self.jitter() / 2)
            self._pace()
            try:
                r = self._fetch("GET" if body is None else "POST", url, params, body)
            except _OffHost as exc:
                raise StatBankError(f"SSB StatBank {url}: the server redirected to another "
                                    f"host ({shown(str(exc))}); flytt follows redirects only "
                                    f"within {host}. Give that server with --base-url if it "
                                    "is the one you mean") from None
            except httpx.TooManyRedirects:
                raise StatBankError(f"SSB StatBank {url}: the server keeps redirecting (a "
                                    "redirect loop); try again later") from None
            except httpx.TimeoutException:
                last = f"no answer within {self.timeout:g} s"
            except httpx.TransportError as exc:
                if _unresolvable(exc):  # no DNS answer: retrying only makes the user wait
                    raise StatBankError(
                        f"SSB StatBank {url}: cannot look up {host} (no network?)"
                        "; --offline reads answers already in the cache, --base-url / "
                        "FLYTT_SSB_URL points at another server") from None
                last = f"connection failed ({exc.__class__.__name__}: {exc})"
                if isinstance(exc, httpx.ConnectError):
                    refused += 1
                    if refused > self.connect_retries:
                        raise StatBankError(
                            f"SSB StatBank {url}: cannot connect to {host} after {refused} "
                            f"attempts ({shown(exc)}); is the network down? --offline reads "
                            "answers already in the cache") from None
                    delay = min(delay, 1.0)
            else:
                if (pace := _policy(r.headers.get("x-ratelimit-policy"))) is not None:
                    self._adopt_pace(*pace, why="the server's x-ratelimit-policy")
                if r.status in _RETRY_STATUS:
                    last = f"HTTP {r.status}"
                    wait = _retry_after(r.headers.get("Retry-After"))
                    if wait is not None:
                        if wait > self.max_retry_after:
                            raise StatBankError(
                                f"SSB StatBank {url}: HTTP {r.status}, and the server asks to "
                                f"wait {_duration(wait)} (Retry-After) before the next "
                                f"request, longer than flytt waits ({_duration(self.max_retry_after)}); "
                                "try again later")
                        delay = wait
                        last += f" (Retry-After {r.headers.get('Retry-After')})"
                else:
                    problem = self._check(r, expect)
                    if problem is None:
                        return Response(r.content, r.headers.get("content-type", ""),
                                        r.url, False)
                    last = problem
            if attempt < self.max_retries:
                log.warning("SSB StatBank %s: %s; retrying in %.1f s (attempt %d of %d)",
                            url, last, delay, attempt + 2, self.max_retries + 1)
                self.sleep(delay)
        raise StatBankError(f"SSB StatBank {url}: giving up after {self.max_retries + 1} "
                            f"attempts; last problem: {last}")

    @staticmethod
    def _check(r: _Raw, expect: str) -> str | None:
        """Raise for client errors; return a (retryable) problem or None if usable."""
        if r.status == 404:
            raise NotFoundError(f"SSB StatBank: not found: {r.url} ({_detail(r)})")
        if 400 <= r.status < 500:
            raise InputError(f"SSB StatBank rejected the query (HTTP {r.status}): "
                             f"{_detail(r)}")
        if r.status >= 300:
            return f"HTTP {r.status}"
        ctype = r.headers.get("content-type", "").lower()
        if expect == "json":
            if "json" not in ctype:
                raise StatBankError(f"SSB StatBank {r.url}: expected JSON, got content type "
                                    f"'{ctype or 'none'}': {shown(r.text[:120])}")
            try:
                json.loads(r.content)
            except ValueError as exc:
                return f"the JSON answer is cut off or broken ({exc})"
        elif "html" in ctype:
            raise StatBankError(f"SSB StatBank {r.url}: expected a data file, got an HTML page "
                                f"({shown(r.text[:120])})")
        return None

    # ------------------------------------------------------------------ API
    def config(self) -> ServerConfig:
        """The server's limits (``/config``), cached like metadata; SSB's defaults when the
        server has no ``/config``."""
        if self._server is None:
            server: ServerConfig
            try:
                server, _ = self.request(
                    "/config", {}, kind="config", max_age=self.expiry,
                    use=lambda content, url: ServerConfig.parse(json.loads(content), url))
            except NotFoundError:  # the server has none, or offline without it cached
                log.info("no /config from %s; using SSB's limits", self.base_url)
                server = ServerConfig()
            except UnusableAnswerError as exc:
                log.warning("%s; using SSB's limits", exc)
                server = ServerConfig()
            if server.max_calls and server.window:
                self._adopt_pace(server.max_calls, server.window, why=f"{self.base_url}/config")
            self._server = server
        return self._server

    def metadata(self, table: str, lang: str = "en") -> jsonstat.Cube:
        """Table metadata: dimensions with their codes and labels (JSON-stat2, no values),
        revalidated after :attr:`expiry`."""
        cube, _ = self.request(f"/tables/{table}/metadata", {"lang": lang}, kind="metadata",
                               table=table, max_age=self.expiry,
                               use=lambda content, url: jsonstat.parse(content,
                                                                       allow_empty=True))
        return cube

    def codelist(self, codelist_id: str, lang: str = "en") -> list[tuple[str, str]]:
        """Codes and labels of a codelist (``agg_KommSummer``, ``vs_Fylker``, ...)."""
        values, _ = self.request(f"/codeLists/{codelist_id}", {"lang": lang},
                                 kind="codelist", table=codelist_id, max_age=self.expiry,
                                 use=lambda content, url: _codelist(content, url))
        return values

    def resolve(self, query: Query, meta: jsonstat.Cube | None = None) -> dict[str, list[str]]:
        """Explicit value codes per variable, for counting cells and splitting.

        Variables not selected are eliminated when the table allows it; otherwise the
        time variable defaults to the latest period (``top(1)``) and others to all
        values (``*``)."""
        meta = meta or self.metadata(query.table, query.lang)
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

    def _data_request(self, query: Query, selection: Mapping[str, Sequence[str]],
                      asked: dict[str, list[str]], updated: str) -> tuple[Any, Response]:
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
        url = httpx.URL(f"{self._base}{path}", params=get_params)
        expect = "json" if query.format == "json-stat2" else "text"

        def use(content: bytes, source: str) -> Any:
            from .formats import decode

            answer = decode(content, query.format, source=source or str(url))
            check_answer(answer.frame, [d.id for d in answer.dimensions], asked,
                         by_id=query.format == "json-stat2")
            return answer

        age = self.expiry if _relative(selection) and not updated else None
        if len(str(url)) <= MAX_URL_LENGTH:
            return self.request(path, get_params, expect=expect, use=use, table=query.table,
                                max_age=age, valid_for=updated or None)
        body = {"selection": [{"variableCode": v, "valueCodes": list(c)}
                              | ({"codelist": query.codelists[v]} if v in query.codelists
                                 else {}) for v, c in selection.items()]}
        return self.request(path, params, body, expect=expect, use=use, table=query.table,
                            max_age=age, valid_for=updated or None)

    def data(self, query: Query, *,
             on_part: Callable[[int, int], None] | None = None) -> StatBankResult:
        """Run a data query (split into parts below the server's cell limit), check every
        answer against the query and decode it.

        ``on_part(done, total)`` is called after each part (for progress bars).
        """
        server = self.config()
        if query.format not in server.formats:
            raise InputError(f"{self.base_url} does not offer outputFormat={query.format}; "
                             f"it offers {', '.join(server.formats)}")
        meta = self.metadata(query.table, query.lang)
        resolved = self.resolve(query, meta)
        limit = min(self.cell_limit, server.max_cells)
        if cells(resolved) <= limit:
            selection = {v: query.selection.get(v, tuple(c)) for v, c in resolved.items()}
            parts: list[tuple[Mapping[str, Sequence[str]], dict[str, list[str]]]] = [
                (selection, resolved)]
        else:
            parts = [(p, p) for p in split(resolved, limit)]
        log.info("table %s: %s cells in %d request(s) of at most %s cells", query.table,
                 f"{cells(resolved):,}", len(parts), f"{limit:,}")
        frames, cached, answer, fetched = [], 0, None, []
        for i, (part, asked) in enumerate(parts, start=1):
            answer, r = self._data_request(query, part, asked, meta.updated)
            cached += r.from_cache
            fetched.append(r.fetched)
            frames.append(answer.frame)
            if on_part:
                on_part(i, len(parts))
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        assert answer is not None
        return StatBankResult(query, frame, len(parts), cached, answer.label, answer.notes,
                              meta.updated or answer.updated, min(fetched))


def check_answer(frame: pd.DataFrame, dimensions: Sequence[str],
                 asked: Mapping[str, Sequence[str]], *, by_id: bool = True) -> None:
    """Raise :class:`DataError` unless the answer holds what was asked: every variable
    asked for (``by_id``: dimensions are named by variable id, as in JSON-stat), only the
    codes asked for, and as many cells as the product of the sizes asked."""
    problems = []
    if by_id:
        for var, codes in asked.items():
            if var not in frame.columns:
                problems.append(f"it lacks the dimension {var} asked for")
                continue
            got = set(frame[var].astype(str).unique())
            extra = sorted(got - set(codes))
            missing = [c for c in codes if c not in got]
            if extra:
                problems.append(f"{var} holds {len(extra)} code(s) not asked for "
                                f"({shown(', '.join(extra[:5]))})")
            if missing:
                problems.append(f"{var} lacks {len(missing)} code(s) asked for "
                                f"({shown(', '.join(missing[:5]))})")
        for var in dimensions:
            if var not in asked and var in frame.columns and frame[var].nunique() > 1:
                problems.append(f"it has a dimension {var} that was not asked for")
    expected = cells(asked)
    if len(frame) != expected:
        problems.append(f"it holds {len(frame):,} cells, the query asks for {expected:,}")
    if problems:
        raise DataError("the answer does not match the query: " + "; ".join(problems))


def _codelist(content: bytes, source: str) -> list[tuple[str, str]]:
    """``{"values": [{"code": …, "label": …}, …]}`` → codes and labels; else DataError."""
    try:
        doc = json.loads(content)
    except ValueError as exc:
        raise DataError(f"{source}: the codelist answer is not JSON ({exc})") from None
    values = doc.get("values") if isinstance(doc, dict) else None
    if not isinstance(values, list) or not values or not all(
            isinstance(v, dict) and isinstance(v.get("code"), (str, int)) for v in values):
        raise DataError(f"{source}: not a codelist (expected {{\"values\": [{{\"code\": "
                        f"…, \"label\": …}}]}}): {shown(content.decode('utf-8', 'replace'))}")
    return [(str(v["code"]), str(v.get("label", v["code"]))) for v in values]


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _ago(entry: Entry) -> str:
    return _duration(entry.age())


def _detail(r: _Raw) -> str:
    try:
        doc = json.loads(r.content)
    except ValueError:
        return shown(r.text[:200].strip()) or f"HTTP {r.status}"
    if isinstance(doc, dict):
        return shown("; ".join(str(doc[k]) for k in ("title", "detail", "error", "message")
                               if doc.get(k)) or json.dumps(doc)[:200], 200)
    return shown(json.dumps(doc)[:200], 200)


def _describe(params: dict, body: Any) -> str:
    shown_params = {k: v for k, v in params.items() if k != "lang"}
    return json.dumps(shown_params | ({"body": body} if body else {}),
                      ensure_ascii=False)[:300]


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_EXPIRY",
    "ENV_URL",
    "Response",
    "ServerConfig",
    "StatBank",
    "StatBankError",
    "StatBankResult",
    "UnusableAnswerError",
    "check_answer",
]
