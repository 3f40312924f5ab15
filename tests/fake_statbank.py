"""A local fake of SSB's StatBank (PxWebApi v2 paths) on 127.0.0.1 serving table 01222
("Population changes in municipalities, by quarter") with generated numbers that obey
SSB's identities, and misbehaving on request.

Independent of flytt on purpose: the selection expressions (``*``, ``03*``, ``top(n)``,
``bottom(n)``, ``from(x)``, ``to(x)``, ``range(a,b)``), the JSON-stat 2 encoding and the
numbers are computed here, so that tests can compare flytt's answers with what was served
(only the list of 2015 municipalities comes from :func:`flytt.geo.municipalities`).

Paths::

    GET  /config                          PxWebApi's configuration (``fake.config``)
    GET  /tables/01222/metadata?lang=en   JSON-stat 2, ``value: []``, ``updated``
    GET  /tables/01222/data?valueCodes[Region]=0301&...      (and POST {"selection": [...]})
    GET  /codeLists/vs_Kommun             {"id", "values": [{"code", "label"}]}
    anything else                         404 {"title": "Non-existent table"}

Misbehaviour: ``fake.faults`` is a list of fault names; the first fault is consumed by the
first request of its kind: a bare name is for a data request, ``config:NAME``,
``metadata:NAME`` and ``codelist:NAME`` for those requests. Data faults:

``drop-dimension``    the answer lacks :attr:`FakeStatBank.dropped` (ContentsCode)
``ten-times-cells``   an extra dimension ``Alder`` of 10 values: 10× the cells
``ten-times-values``  the ``value`` array 10× longer than the dimensions give
``extra-regions``     3 regions not asked for besides those asked for
``extra-years``       every quarter of the table, not only those asked for
``missing-regions``   the last region asked for left out
``trickle``           :attr:`trickle_bytes` bytes every :attr:`trickle_interval` s (for at
                      most :attr:`trickle_for` s, then the rest)
``trickle-headers``   the status line and headers trickled the same way
``redirect-off-host`` 302 to ``http://127.0.0.2:<port>/...`` (same path and query)
``redirect-invalid``  302 to ``http://localhost.invalid/...``
``redirect-same-host`` 302 to the same URL with ``_moved=1`` (served normally)
``redirect-loop``     302 to the same URL with ``_loop=1``, which redirects to itself
``gzip-bomb``         ``Content-Encoding: gzip``: :attr:`bomb_size` zero bytes compressed
``429``               429 with ``Retry-After: {retry_after}`` (3600)
``503`` ``500``       that status, plain text
``truncated``         the JSON cut in half
``html``              200 with an HTML page
``not-jsonstat``      200 JSON that is no dataset
Codelist faults: ``codelist:list`` (a JSON list), ``codelist:values-str``
(``{"values": "x"}``), ``codelist:truncated``, ``codelist:503``. Config faults:
``config:wrong-shape`` (no ``maxDataCells``), ``config:list``, ``config:503``. Metadata
faults: ``metadata:truncated``, ``metadata:503``.

Every request is recorded in ``fake.requests`` as :class:`Request` (method, path, query,
body).
"""

from __future__ import annotations

import copy
import functools
import gzip
import itertools
import json
import re
import threading
import time
import zlib
from fnmatch import fnmatchcase
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlencode, urlparse

TABLE = "01222"
CODELIST = "vs_Kommun"

SSB_CONFIG: dict[str, Any] = {
    "apiVersion": "2.3.2", "appVersion": "2.5.0+build.30",
    "languages": [{"id": "no", "label": "Norsk"}, {"id": "en", "label": "English"}],
    "defaultLanguage": "no", "maxDataCells": 800000, "maxCallsPerTimeWindow": 0,
    "timeWindow": 0, "license": "https://www.ssb.no/en/diverse/lisens",
    "sourceReferences": [
        {"language": "en", "text": "Source: Statistics Norway"},
        {"language": "no", "text": "Kilde: Statistisk sentralbyrå"}],
    "defaultDataFormat": "json-stat2",
    "dataFormats": ["json-stat2", "csv", "px", "xlsx", "html", "json-px", "parquet"],
}
"""SSB's own ``/config`` (data.ssb.no/api/pxwebapi/v2/config)."""

SCB_CONFIG: dict[str, Any] = SSB_CONFIG | {
    "languages": [{"id": "sv", "label": "Svenska"}, {"id": "en", "label": "English"}],
    "defaultLanguage": "sv", "maxDataCells": 150000, "maxCallsPerTimeWindow": 30,
    "timeWindow": 10, "license": "https://creativecommons.org/licenses/by/4.0/"}
"""Statistics Sweden's limits: 150,000 cells per call, 30 calls per 10 seconds."""

CONTENTS: tuple[tuple[str, str, str], ...] = (
    ("Folketallet1", "Population at the beginning of the quarter",
     "Befolkning ved inngangen av kvartalet"),
    ("Fodte2", "Live births", "Levendefødte"),
    ("Dode3", "Deaths", "Døde"),
    ("Fodselsoverskudd4", "Excess of births", "Fødselsoverskudd"),
    ("Innvandring5", "Immigration", "Innvandring"),
    ("Utvandring6", "Emigration", "Utvandring"),
    ("Tilflytting7", "In-migration, domestic", "Innflytting, innenlands"),
    # SSB's English label of domestic OUT-migration really is "Emigration, domestic"
    ("Fraflytting8", "Emigration, domestic", "Utflytting, innenlands"),
    ("Nettoinnflytting9", "Net migration including immigration and emigration",
     "Nettoinnflytting, inkl. inn- og utvandring"),
    ("Folketilvekst10", "Population growth", "Befolkningsvekst"),
    ("Folketallet11", "Population at the end of the quarter",
     "Befolkning ved utgangen av kvartalet"),
)
"""01222's contents: code, English label, Norwegian label."""
CONTENT_CODES = tuple(c for c, _, _ in CONTENTS)
COUNTIES: tuple[tuple[str, str], ...] = (("01", "Østfold"), ("03", "Oslo"))
LABELS = {
    "en": {"table": "01222: Population changes in municipalities, by region, contents and "
                    "quarter", "Region": "region", "ContentsCode": "contents",
           "Tid": "quarter", "source": "Statistics Norway", "Alder": "age"},
    "no": {"table": "01222: Befolkningsendringar i kommunar, etter region, "
                    "statistikkvariabel og kvartal", "Region": "region",
           "ContentsCode": "statistikkvariabel", "Tid": "kvartal",
           "source": "Statistisk sentralbyrå", "Alder": "alder"},
}


class Request(NamedTuple):
    method: str
    path: str
    query: dict[str, str]
    body: Any


def quarters(first_year: int, last_year: int) -> list[str]:
    """``["2014K1", …, "2016K4"]``."""
    return [f"{y}K{q}" for y in range(first_year, last_year + 1) for q in range(1, 5)]


def _draw(*parts: str) -> int:
    return zlib.crc32("|".join(parts).encode("utf-8"))


def generate(region: str, quarter: str) -> dict[str, int]:
    """The numbers of one region and quarter, every content, with SSB's identities:
    Fodselsoverskudd4 = Fodte2 − Dode3; Nettoinnflytting9 = Tilflytting7 − Fraflytting8 +
    Innvandring5 − Utvandring6; Folketilvekst10 = Fodselsoverskudd4 + Nettoinnflytting9;
    Folketallet11 = Folketallet1 + Folketilvekst10."""
    size = 200 + _draw(region, "size") % 60_000
    scale = max(1, size // 200)

    def some(what: str, most: int) -> int:
        return _draw(region, quarter, what) % (most * scale + 1)

    v = {"Folketallet1": size + _draw(region, quarter, "pop") % 500,
         "Fodte2": some("births", 3), "Dode3": some("deaths", 3),
         "Innvandring5": some("imm", 4), "Utvandring6": some("emi", 2),
         "Tilflytting7": some("in", 9), "Fraflytting8": some("out", 9)}
    v["Fodselsoverskudd4"] = v["Fodte2"] - v["Dode3"]
    v["Nettoinnflytting9"] = (v["Tilflytting7"] - v["Fraflytting8"] + v["Innvandring5"]
                              - v["Utvandring6"])
    v["Folketilvekst10"] = v["Fodselsoverskudd4"] + v["Nettoinnflytting9"]
    v["Folketallet11"] = v["Folketallet1"] + v["Folketilvekst10"]
    return v


_generated = functools.lru_cache(maxsize=None)(generate)


def value(region: str, content: str, quarter: str) -> int:
    """The number the fake serves for one cell."""
    return _generated(region, quarter)[content]


def municipalities_2015() -> list[tuple[str, str]]:
    """The 428 municipalities of 2015 (code, name)."""
    from flytt.geo import municipalities

    frame = municipalities(2015)
    return list(zip(frame["code"].astype(str), frame["name"].astype(str)))


def split_codes(text: str) -> list[str]:
    """``a,b,range(x,y)`` → ``["a", "b", "range(x,y)"]`` (commas in parentheses kept)."""
    out, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += ch
    out.append(current.strip())
    return [c for c in out if c]


class BadSelection(ValueError):
    pass


def select(expressions: list[str], codes: list[str], *, is_time: bool) -> list[str]:
    """The codes (in table order) chosen by PxWebApi selection expressions, as SSB
    resolves them (``top`` = the latest periods for the time variable)."""
    chosen: set[str] = set()
    for expr in expressions:
        m = re.fullmatch(r"(top|bottom|from|to|range)\((.*)\)", expr.strip(), re.IGNORECASE)
        if m is None:
            if "*" in expr or "?" in expr:
                chosen.update(c for c in codes if fnmatchcase(c, expr))
            elif expr in codes:
                chosen.add(expr)
            else:
                raise BadSelection(f"Non-existent value {expr}")
            continue
        name, args = m.group(1).lower(), [a.strip() for a in m.group(2).split(",")]
        if name in ("top", "bottom"):
            n, offset = int(args[0]), int(args[1]) if len(args) > 1 else 0
            newest_first = (name == "top") == is_time
            ordered = list(reversed(codes)) if newest_first else list(codes)
            chosen.update(ordered[offset:offset + n])
            continue
        for a in args:
            if a not in codes:
                raise BadSelection(f"Non-existent value {a}")
        if name == "from":
            chosen.update(codes[codes.index(args[0]):])
        elif name == "to":
            chosen.update(codes[:codes.index(args[0]) + 1])
        else:
            lo, hi = sorted((codes.index(args[0]), codes.index(args[-1])))
            chosen.update(codes[lo:hi + 1])
    return [c for c in codes if c in chosen]


class FakeStatBank:
    """The fake server; a context manager. Settable: :attr:`updated`, :attr:`quarters`,
    :attr:`config`, :attr:`faults`, :attr:`regions`, :attr:`codelist_regions`, the
    trickle and bomb sizes; read :attr:`requests` and :attr:`served`."""

    def __init__(self, *, config: dict | None = None, updated: str = "2016-02-18T07:00:00Z",
                 first_year: int = 2014, last_year: int = 2016):
        self.config: Any = copy.deepcopy(config or SSB_CONFIG)
        self.updated = updated
        self.quarters: list[str] = quarters(first_year, last_year)
        self.municipalities = municipalities_2015()
        self.regions: list[tuple[str, str]] = [*COUNTIES, *self.municipalities]
        """The ``Region`` values of the table (counties, then municipalities)."""
        self.codelist_regions: list[tuple[str, str]] = list(self.municipalities)
        """The values of the ``vs_Kommun`` codelist."""
        self.faults: list[str] = []
        self.requests: list[Request] = []
        self.served: list[dict[str, list[str]]] = []
        """Per data answer served in full: the selection it held (code lists)."""
        self.dropped = "ContentsCode"
        self.retry_after = "3600"
        self.trickle_bytes = 4
        self.trickle_interval = 0.2
        self.trickle_for = 8.0
        self.trickles: list[str] = []
        """Per trickled answer: ``"client hung up"`` or ``"sent in full"``."""
        self.bomb_size = 32 * 1024 * 1024
        self._bomb: tuple[int, bytes] | None = None
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake._handle(self, None)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0) or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                fake._handle(self, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    # ------------------------------------------------------------------ lifecycle
    @property
    def port(self) -> int:
        return self.server.server_port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeStatBank:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------------ helpers for tests
    def add_quarter(self, quarter: str, updated: str | None = None) -> None:
        """Publish a new quarter (and, given, a new ``updated`` time)."""
        self.quarters.append(quarter)
        if updated is not None:
            self.updated = updated

    def data_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/data")]

    def count(self, kind: str) -> int:
        """Requests of ``kind``: data, metadata, config, codelist."""
        ends = {"data": "/data", "metadata": "/metadata", "config": "/config"}
        if kind == "codelist":
            return sum("/codeLists/" in r.path for r in self.requests)
        return sum(r.path.endswith(ends[kind]) for r in self.requests)

    @staticmethod
    def selection_of(request: Request) -> dict[str, list[str]]:
        """The selection expressions of a recorded data request (query and body)."""
        selection: dict[str, list[str]] = {}
        if isinstance(request.body, dict):
            for item in request.body.get("selection", []):
                selection[item["variableCode"]] = list(item["valueCodes"])
        for k, v in request.query.items():
            m = re.fullmatch(r"valuecodes\[(.+)\]", k, re.IGNORECASE)
            if m:
                selection[m.group(1)] = split_codes(v)
        return selection

    def variables(self, lang: str = "en", codelist: str | None = None,
                  ) -> list[tuple[str, list[tuple[str, str]]]]:
        """(variable, [(code, label)]) in table order, as the table stands now."""
        contents = [(c, en if lang == "en" else no) for c, en, no in CONTENTS]
        regions = self.codelist_regions if codelist == CODELIST else self.regions
        return [("Region", list(regions)), ("ContentsCode", contents),
                ("Tid", [(q, q) for q in self.quarters])]

    def resolve(self, selection: dict[str, list[str]], lang: str = "en",
                codelist: str | None = None) -> dict[str, list[str]]:
        """Explicit codes per variable for a selection, as the server resolves it
        (variables left out: ``top(1)`` for time, ``*`` else; none can be eliminated)."""
        out = {}
        for var, values in self.variables(lang, codelist):
            exprs = selection.get(var) or (["top(1)"] if var == "Tid" else ["*"])
            out[var] = select(exprs, [c for c, _ in values], is_time=var == "Tid")
        return out

    # ------------------------------------------------------------------ documents
    def dataset(self, chosen: dict[str, list[str]], lang: str, codelist: str | None,
                *, metadata: bool = False) -> dict:
        """A JSON-stat 2 dataset of the codes ``chosen`` (values generated)."""
        words = LABELS["en" if lang == "en" else "no"]
        dims: dict[str, Any] = {}
        ids, sizes = [], []
        for var, values in self.variables(lang, codelist):
            labels = dict(values)
            codes = chosen[var]
            category: dict[str, Any] = {"index": {c: i for i, c in enumerate(codes)},
                                        "label": {c: labels.get(c, c) for c in codes}}
            if var == "ContentsCode":
                category["unit"] = {c: {"base": "persons" if lang == "en" else "personer",
                                        "decimals": 0} for c in codes}
            dims[var] = {"label": words[var], "category": category,
                         "extension": {"elimination": False, "show": "code_value"}}
            ids.append(var)
            sizes.append(len(codes))
        doc: dict[str, Any] = {
            "version": "2.0", "class": "dataset", "label": words["table"],
            "source": words["source"], "updated": self.updated,
            "id": ids, "size": sizes, "dimension": dims,
            "role": {"time": ["Tid"], "geo": ["Region"], "metric": ["ContentsCode"]},
            "extension": {"px": {"infofile": "None", "tableid": TABLE, "decimals": 0,
                                 "official-statistics": True, "aggregallowed": False,
                                 "language": "en" if lang == "en" else "no",
                                 "matrix": "Kommuner"},
                          "contact": [{"name": "Statistics Norway",
                                       "mail": "statistikkbanken@ssb.no"}]},
        }
        if metadata:
            doc["value"] = []
        else:
            doc["value"] = [value(r, c, t) for r, c, t in itertools.product(
                chosen["Region"], chosen["ContentsCode"], chosen["Tid"])]
        return doc

    # ------------------------------------------------------------------ serving
    def _fault(self, kind: str, path: str) -> str | None:
        with self._lock:
            if not self.faults:
                return None
            head = self.faults[0]
            target, _, name = head.rpartition(":")
            if (target or "data") != kind:
                return None
            self.faults.pop(0)
            return name

    @staticmethod
    def _send(h, status: int, body: bytes, ctype: str = "application/json; charset=UTF-8",
              headers: dict | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        try:
            h.wfile.write(body)
        except OSError:
            pass

    def _json(self, h, doc: Any, status: int = 200) -> None:
        self._send(h, status, json.dumps(doc, ensure_ascii=False).encode("utf-8"))

    def _common(self, h, fault: str | None, doc: Any) -> bool:
        """Faults every kind of request knows; True when one was served."""
        if fault in ("503", "500"):
            self._send(h, int(fault), b"Service unavailable", "text/plain")
        elif fault == "429":
            self._send(h, 429, b'{"title": "Too many requests"}',
                       headers={"Retry-After": self.retry_after})
        elif fault == "truncated":
            payload = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            self._send(h, 200, payload[: len(payload) // 2])
        else:
            return False
        return True

    def _handle(self, h, body: Any) -> None:
        parsed = urlparse(h.path)
        query = {k: v[0] for k, v in parse_qs(parsed.query, keep_blank_values=True).items()}
        self.requests.append(Request(h.command, parsed.path, query, body))
        path = parsed.path.rstrip("/")
        lang = query.get("lang", "no")
        if path == "/config":
            fault = self._fault("config", path)
            if self._common(h, fault, self.config):
                return
            if fault == "wrong-shape":
                return self._json(h, {"apiVersion": "2.3.2", "limits": "none"})
            if fault == "list":
                return self._json(h, [self.config])
            return self._json(h, self.config)
        if path == f"/tables/{TABLE}/metadata":
            fault = self._fault("metadata", path)
            everything = {var: [c for c, _ in values]
                          for var, values in self.variables(lang)}
            doc = self.dataset(everything, lang, None, metadata=True)
            if self._common(h, fault, doc):
                return
            return self._json(h, doc)
        if path == f"/codeLists/{CODELIST}":
            fault = self._fault("codelist", path)
            doc = {"id": CODELIST, "label": "Kommuner (alle)", "language": lang,
                   "type": "Valueset", "elimination": False,
                   "values": [{"code": c, "label": n, "valueMap": [c]}
                              for c, n in self.codelist_regions]}
            if self._common(h, fault, doc):
                return
            if fault == "list":
                return self._json(h, doc["values"])
            if fault == "values-str":
                return self._json(h, {"id": CODELIST, "values": "x"})
            return self._json(h, doc)
        if path == f"/tables/{TABLE}/data":
            return self._data(h, parsed, query, body, lang)
        return self._json(h, {"type": "https://tools.ietf.org/html/rfc7231#section-6.5.4",
                              "title": "Non-existent table", "status": 404}, 404)

    def _data(self, h, parsed, query: dict[str, str], body: Any, lang: str) -> None:
        if query.get("_loop"):
            return self._send(h, 302, b"", "text/plain",
                              {"Location": f"{parsed.path}?{parsed.query}"})
        fault = None if query.get("_moved") else self._fault("data", parsed.path)
        if fault in ("redirect-off-host", "redirect-invalid", "redirect-loop",
                     "redirect-same-host"):
            marker = {"redirect-loop": "_loop", "redirect-same-host": "_moved"}.get(fault)
            target = f"{parsed.path}?{parsed.query}" + (f"&{urlencode({marker: 1})}"
                                                        if marker else "")
            host = {"redirect-off-host": f"http://127.0.0.2:{self.port}",
                    "redirect-invalid": "http://localhost.invalid"}.get(fault, "")
            status = 307 if body is not None else 302
            return self._send(h, status, b"", "text/plain", {"Location": host + target})
        fmt = query.get("outputFormat", "json-stat2")
        if fmt != "json-stat2":
            return self._json(h, {"title": f"Unsupported output format {fmt}"}, 400)
        codelist = query.get("codelist[Region]")
        if isinstance(body, dict):
            for item in body.get("selection", []):
                if item.get("variableCode") == "Region" and item.get("codelist"):
                    codelist = item["codelist"]
        if codelist not in (None, CODELIST):
            return self._json(h, {"title": f"Non-existent codelist {codelist}"}, 400)
        request = Request(h.command, parsed.path, query, body)
        selection = self.selection_of(request)
        unknown = [v for v in selection if v not in ("Region", "ContentsCode", "Tid")]
        if unknown:
            return self._json(h, {"title": f"Non-existent variable {unknown[0]}"}, 400)
        try:
            chosen = self.resolve(selection, lang, codelist)
        except (BadSelection, ValueError, IndexError) as exc:
            return self._json(h, {"title": str(exc) or "Bad selection"}, 400)
        doc = self.dataset(chosen, lang, codelist)
        if self._common(h, fault, doc):
            return
        if fault is None or fault.startswith("trickle") or fault == "gzip-bomb":
            self.served.append(chosen)
        if fault == "html":
            return self._send(h, 200, b"<html><body>Vedlikehold</body></html>",
                              "text/html; charset=utf-8")
        if fault == "not-jsonstat":
            return self._json(h, {"error": "no dataset", "data": [1, 2, 3]})
        if fault == "gzip-bomb":
            return self._send(h, 200, self.bomb(), headers={"Content-Encoding": "gzip"})
        if fault == "trickle":
            return self._trickle(h, json.dumps(doc).encode("utf-8"), headers_too=False)
        if fault == "trickle-headers":
            return self._trickle(h, json.dumps(doc).encode("utf-8"), headers_too=True)
        if fault is not None:
            doc = self._damage(doc, fault, chosen, lang, codelist)
        return self._json(h, doc)

    def _damage(self, doc: dict, fault: str, chosen: dict[str, list[str]], lang: str,
                codelist: str | None) -> dict:
        all_codes = {var: [c for c, _ in values]
                     for var, values in self.variables(lang, codelist)}
        if fault == "extra-regions":
            others = [c for c in all_codes["Region"] if c not in chosen["Region"]][:3]
            wider = chosen | {"Region": [c for c in all_codes["Region"]
                                         if c in chosen["Region"] or c in others]}
            return self.dataset(wider, lang, codelist)
        if fault == "extra-years":
            return self.dataset(chosen | {"Tid": all_codes["Tid"]}, lang, codelist)
        if fault == "missing-regions":
            return self.dataset(chosen | {"Region": chosen["Region"][:-1]}, lang, codelist)
        if fault == "ten-times-values":
            doc["value"] = doc["value"] * 10
            return doc
        if fault == "drop-dimension":
            gone = self.dropped
            narrower = self.dataset(chosen | {gone: chosen[gone][:1]}, lang, codelist)
            at = narrower["id"].index(gone)
            narrower["id"].pop(at)
            narrower["size"].pop(at)
            del narrower["dimension"][gone]
            narrower["role"] = {k: [d for d in v if d != gone]
                                for k, v in narrower["role"].items()}
            return narrower
        if fault == "ten-times-cells":
            ages = [str(a) for a in range(10)]
            doc["id"].append("Alder")
            doc["size"].append(len(ages))
            doc["dimension"]["Alder"] = {
                "label": LABELS["en" if lang == "en" else "no"]["Alder"],
                "category": {"index": {a: i for i, a in enumerate(ages)},
                             "label": {a: f"{a} år" for a in ages}}}
            doc["value"] = [v for v in doc["value"] for _ in ages]
            return doc
        raise ValueError(f"unknown fault {fault!r}")

    def bomb(self) -> bytes:
        """:attr:`bomb_size` zero bytes, gzipped (about a thousandth of that)."""
        if self._bomb is None or self._bomb[0] != self.bomb_size:
            self._bomb = (self.bomb_size, gzip.compress(bytes(self.bomb_size), compresslevel=9))
        return self._bomb[1]

    def _trickle(self, h, payload: bytes, *, headers_too: bool) -> None:
        """Send the answer a few bytes at a time (after :attr:`trickle_for` s, the rest)."""
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode("ascii")
        started = time.monotonic()
        try:
            if not headers_too:
                h.wfile.write(head)
                h.wfile.flush()
                stream = payload
            else:
                stream = head + payload
            for i in range(0, len(stream), self.trickle_bytes):
                if time.monotonic() - started > self.trickle_for:
                    h.wfile.write(stream[i:])
                    h.wfile.flush()
                    break
                h.wfile.write(stream[i:i + self.trickle_bytes])
                h.wfile.flush()
                time.sleep(self.trickle_interval)
        except OSError:
            self.trickles.append("client hung up")
        else:
            self.trickles.append("sent in full")
        h.close_connection = True


__all__ = ["CONTENTS", "SCB_CONFIG", "SSB_CONFIG", "FakeStatBank", "Request", "generate",
           "quarters", "select", "split_codes", "value"]
