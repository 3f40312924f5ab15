"""The HTML pages: a layout with controls; ``static/dashboard.js`` fetches the chart and
table for the chosen controls from the JSON API. (No ``from __future__ import
annotations``: FastAPI reads the parameter types at runtime.)"""

from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ..i18n import t
from ..options import Lang

TEMPLATES = Path(__file__).parent / "templates"
LangQuery = Annotated[Literal["nb", "en"], Query()]
PAGES: tuple[tuple[str, str], ...] = (("tables", "nav_tables"), ("flows", "nav_flows"),
                                      ("barometer", "nav_barometer"), ("city", "nav_city"))


@cache
def _env():  # -> jinja2.Environment
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def _context(name: str, source: str = "") -> dict[str, Any]:
    """What a page needs besides the words: the choices of its controls."""
    from . import views

    if name == "barometer":
        return {"periods": views.barometer_periods(source),
                "long_periods": views.long_term_periods(source),
                "synthetic": views.barometer_panel(source).synthetic}
    if name == "city":
        return {"cities": views.CITIES, "parts": views.CITY_PARTS,
                "years": list(range(views.CITY_YEARS[1], views.CITY_YEARS[0], -1))}
    return {}


@lru_cache(maxsize=32)
def page_html(name: str, lang: Lang, store: str = "") -> str:
    """``templates/<name>.html`` rendered with the navigation and the words of ``lang``
    (pages do not change while the server runs, so each is rendered once); ``store``: offer
    the store (its path) as a source of the tables and the barometer."""
    from .. import datasets
    from .views import STORE

    return _env().get_template(f"{name}.html").render(
        page=name, lang=lang, t=lambda key, **kw: t(key, lang, **kw),
        nav=[(p, t(k, lang)) for p, k in PAGES],
        datasets=datasets.names() + ([STORE] if store else []), **_context(name, store))


def router(store: str = "") -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    def add(path: str, name: str) -> None:
        async def page(lang: LangQuery = "en") -> HTMLResponse:
            return HTMLResponse(page_html(name, lang, store))

        pages.add_api_route(path, page, methods=["GET", "HEAD"], name=name)  # curl -I works

    add("/", "home")
    for name, _ in PAGES:
        add(f"/{name}", name)
    return pages
