"""The JSON API (``/api/...``): every parameter validated by FastAPI from its type, every
domain error turned into a 4xx with flytt's own message (see :func:`problem_handlers`).

No ``from __future__ import annotations`` here: FastAPI reads the parameter types of the
route functions at runtime, including the dataset enum made in :func:`router`."""

import gzip
from collections import OrderedDict
from collections.abc import Callable
from enum import Enum, EnumType
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from .. import contracts as C
from ..errors import DataError, FlyttError, InputError, NotFoundError, StoreBusyError
from ..i18n import t
from ..options import Lang
from . import views

LangParam = Annotated[Literal["nb", "en"], Query(description="Language of titles and labels.")]
YearParam = Annotated[int, Query(ge=C.MIN_YEAR, le=C.MAX_YEAR, description="Year of the data.")]
CodeParam = Annotated[str, Query(pattern=C.CODE_PATTERN.pattern, max_length=32)]


class Problem(BaseModel):
    """An error the client can act on."""

    detail: str = Field(description="What is wrong, and what would be accepted.")


class ViewModel(BaseModel):
    """A chart (Vega-Lite spec), the table behind it and notes."""

    title: str
    spec: dict[str, Any] = Field(description="Vega-Lite specification of the chart.")
    columns: list[str]
    rows: list[dict[str, Any]]
    table_html: str
    notes: list[str] = []
    meta: dict[str, Any] = {}


class DatasetModel(BaseModel):
    name: str
    title: str
    source: str
    licence: str
    years: list[int]
    contents: str
    synthetic: bool


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Parameters that cannot be used together."},
    404: {"model": Problem, "description": "No such year, region or table in the data."},
    422: {"description": "Invalid parameters, or a choice the data cannot serve (the long "
                         "term of a period without the two periods before it): "
                         "`detail[].msg` says what exists, in the page's language."},
}


HOT_SIZE = 512
_hot: OrderedDict[tuple, tuple[bytes, bytes]] = OrderedDict()


async def cached_json(request: Request, view: Callable[..., bytes], *args: Any) -> Response:
    """The JSON of ``view(*args)``: computed once in a worker thread, then answered from
    memory (gzip-compressed when the client accepts it) without leaving the event loop."""
    key = (view.__name__, args)
    hit = _hot.get(key)
    if hit is None:
        raw = await run_in_threadpool(view, *args)
        hit = _hot[key] = (raw, gzip.compress(raw, compresslevel=5))
        while len(_hot) > HOT_SIZE:
            _hot.popitem(last=False)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(hit[1], media_type="application/json",
                        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(hit[0], media_type="application/json", headers={"Vary": "Accept-Encoding"})


def _str_enum(name: str, members: dict[str, str]) -> type[Enum]:
    """``Enum(name, members, type=str)``, spelled as the metaclass call it is, so that type
    checkers see the functional API (a new class) and not a member lookup."""
    return EnumType.__call__(Enum, name, members, type=str)


def dataset_enum(with_store: bool) -> type[Enum]:
    """The built-in datasets (and ``store`` when the dashboard has one) as an enum: their
    names become the schema's choices."""
    from .. import datasets

    names = datasets.names() + ([views.STORE] if with_store else [])
    return _str_enum("Dataset", {n.replace("-", "_"): n for n in names})


RETRY_AFTER = 5
"""Seconds a client is asked to wait while the store is locked by an import."""


def problem_handlers(app: FastAPI) -> None:
    """Map flytt's errors to status codes: not found → 404, bad input → 400, the store
    locked by another process → 503 with ``Retry-After`` and one sentence in the page's
    language (no paths, no internals)."""
    statuses = ((NotFoundError, 404), (InputError, 400), (DataError, 400), (FlyttError, 400))
    for exc_type, status in statuses:
        async def handler(request: Request, exc: Exception, status: int = status) -> JSONResponse:
            return JSONResponse({"detail": str(exc)}, status_code=status)

        app.add_exception_handler(exc_type, handler)

    async def busy(request: Request, exc: Exception) -> JSONResponse:
        lang: Lang = "nb" if request.query_params.get("lang") == "nb" else "en"
        return JSONResponse({"detail": t("store_busy", lang)}, status_code=503,
                            headers={"Retry-After": str(RETRY_AFTER)})

    app.add_exception_handler(StoreBusyError, busy)


def router(db: Path | None = None) -> APIRouter:
    """The ``/api`` routes; ``db``: a store the tables can also come from (read-only)."""
    api = APIRouter(prefix="/api", tags=["api"])
    Dataset = dataset_enum(db is not None)
    counties = Dataset("ssb-counties")
    dataset_query = Query(description="A built-in dataset.")
    if TYPE_CHECKING:  # the members are known at run time only
        DatasetParam = Annotated[Enum, dataset_query]
    else:
        DatasetParam = Annotated[Dataset, dataset_query]

    @api.get("/datasets", response_model=list[DatasetModel], summary="Built-in datasets")
    def list_datasets() -> list[DatasetModel]:
        from .. import datasets

        out = []
        for name in datasets.names():
            ds = datasets.load(name)
            out.append(DatasetModel(name=name, title=ds.title, source=ds.source,
                                    licence=ds.licence, years=ds.years,
                                    contents=ds.contents(), synthetic=ds.synthetic))
        return out

    @api.get("/tables/{kind}", response_model=ViewModel, responses=ERRORS,
             summary="One of SSB's tables (od, net, balance) with its chart, from a "
                     "built-in dataset or the store")
    async def table(request: Request, kind: Annotated[Literal["od", "net", "balance"], PathParam()],
              year: YearParam, dataset: DatasetParam = counties,
              lang: LangParam = "en") -> Response:
        if dataset.value == views.STORE and db is not None:
            return await cached_json(request, views.table_view, kind, dataset.value, year,
                                     lang, str(db), views.store_version(db))
        return await cached_json(request, views.table_view, kind, dataset.value, year, lang)

    @api.get("/flows", response_model=ViewModel, responses=ERRORS,
             summary="The largest flows between regions on the map")
    async def flows(request: Request, year: YearParam = 2011, dataset: DatasetParam = counties,
              top: Annotated[int, Query(ge=1, le=200, description="Number of flows.")] = 25,
              direction: Annotated[Literal["all", "in", "out", "between"], Query(
                  description="all, or flows into / out of / between the chosen regions "
                              "(no region chosen: every flow; 'between' a single region: "
                              "422, it needs at least 2)."
              )] = "all",
              region: Annotated[list[CodeParam] | None, Query(max_length=40, description=(
                  "Region code(s) for the direction filter; repeat for several."))] = None,
              lang: LangParam = "en") -> Response:
        from ..flowlines import check_filter

        regions = tuple(dict.fromkeys(region or ()))
        try:  # parameters that cannot be used together: a 422 shaped as FastAPI's own
            check_filter(direction, regions)
        except InputError as exc:
            return JSONResponse({"detail": [{"type": "value_error", "loc": ["query", "region"],
                                             "msg": str(exc), "input": list(regions)}]},
                                status_code=422)
        return await cached_json(request, views.flows_view, dataset.value, year, top, direction,
                                 regions, lang)

    source = str(db) if db is not None else ""  # the barometer's panel: the store's, or demo
    Period = _str_enum("Period", {f"p{p.replace('-', '_')}": p
                                  for p in views.barometer_periods(source)})
    period_query = Query(description="Three-year period.")
    if TYPE_CHECKING:  # the members are known at run time only
        PeriodParam = Annotated[Enum, period_query]
    else:
        PeriodParam = Annotated[Period, period_query]
    latest = Period(views.barometer_periods(source)[0])
    LevelParam = Annotated[Literal["municipality", "region", "county"], Query(
        description="Municipalities, BA regions or counties.")]
    StreamParam = Annotated[Literal["all", "immigration", "domestic_immigrants",
                                    "domestic_others"], Query(
        description="The net migration measured: all, immigration from abroad, domestic "
                    "moves of immigrants, or of others.")]

    @api.get("/barometer", response_model=ViewModel, responses=ERRORS,
             summary="The attractiveness barometer of the store's panel (with --db), else "
                     "of the synthetic demo panel")
    async def barometer(request: Request, period: PeriodParam = latest,
                  level: LevelParam = "municipality", stream: StreamParam = "all",
                  long_term: Annotated[bool, Query(description=(
                      "Sum over the three periods ending with this one."))] = False,
                  lang: LangParam = "en") -> Response:
        problem = views.long_term_problem(period.value, source) if long_term else None
        if problem is not None:  # a valid choice the panel cannot serve: say what exists
            return JSONResponse({"detail": [{
                "type": "value_error", "loc": ["query", "long_term"],
                "msg": problem.text(lang), "input": True,
                "ctx": {"long_term_periods": list(views.long_term_periods(source))}}]},
                status_code=422)
        return await cached_json(request, views.barometer_view, period.value, level, stream,
                                 long_term, lang, source)

    @api.get("/barometer/history", response_model=ViewModel, responses=ERRORS,
             summary="One unit's attractiveness in every period")
    async def history(request: Request, code: Annotated[str, Query(pattern=C.CODE_PATTERN.pattern, max_length=32,
                                           description="Unit code, e.g. 0301.")],
                level: LevelParam = "municipality", stream: StreamParam = "all",
                lang: LangParam = "en") -> Response:
        return await cached_json(request, views.history_view, code, level, stream, lang,
                                 source)

    city_query = Query(description="City: " + ", ".join(f"{c} {n}"
                                                         for c, n in views.CITIES.items()))
    part_query = Query(description="Part of the analysis (figure).")
    if TYPE_CHECKING:  # literals known at run time only
        CityParam = Annotated[str, city_query]
        PartParam = Annotated[str, part_query]
    else:
        CityParam = Annotated[Literal[tuple(views.CITIES)], city_query]
        PartParam = Annotated[Literal[views.CITY_PARTS], part_query]

    @api.get("/city", response_model=ViewModel, responses=ERRORS,
             summary="Out-migration from a city (seed 004) on a synthetic register")
    async def city(request: Request, code: CityParam = "0301",
             focus: Annotated[int, Query(ge=views.CITY_YEARS[0] + 1, le=views.CITY_YEARS[1],
                                         description="Focus year (baseline: the years "
                                                     "before it).")] = views.CITY_YEARS[1],
             part: PartParam = "trend",
             lang: LangParam = "en") -> Response:
        return await cached_json(request, views.city_view, code, focus, part, lang)

    return api
