"""The HTML pages: a layout with controls; ``static/dashboard.js`` fetches the chart and
table for the chosen controls from the JSON API. (No ``from __future__ import
annotations``: FastAPI reads the parameter types at runtime.)"""

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ..report.i18n import Lang, t

TEMPLATES = Path(__file__).parent / "templates"
LangQuery = Annotated[Literal["nb", "en"], Query()]
PAGES: tuple[tuple[str, str], ...] = (("tables", "nav_tables"), ("flows", "nav_flows"),
                                      ("barometer", "nav_barometer"), ("city", "nav_city"))


@cache
def _env():  # -> jinja2.Environment
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def render_page(name: str, lang: Lang, **context: Any) -> HTMLResponse:
    """Render ``templates/<name>.html`` with the navigation and the words of ``lang``."""
    from .. import datasets

    html = _env().get_template(f"{name}.html").render(
        page=name, lang=lang, t=lambda key, **kw: t(key, lang, **kw),
        nav=[(p, t(k, lang)) for p, k in PAGES], datasets=datasets.names(), **context)
    return HTMLResponse(html)


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/")
    def home(lang: LangQuery = "en") -> HTMLResponse:
        return render_page("home", lang)

    @pages.get("/tables")
    def tables(lang: LangQuery = "en") -> HTMLResponse:
        return render_page("tables", lang)

    @pages.get("/flows")
    def flows(lang: LangQuery = "en") -> HTMLResponse:
        return render_page("flows", lang)

    @pages.get("/barometer")
    def barometer(lang: LangQuery = "en") -> HTMLResponse:
        from .views import barometer_periods

        return render_page("barometer", lang, periods=barometer_periods())

    @pages.get("/city")
    def city(lang: LangQuery = "en") -> HTMLResponse:
        from .views import CITIES, CITY_PARTS, CITY_YEARS

        return render_page("city", lang, cities=CITIES, parts=CITY_PARTS,
                           years=list(range(CITY_YEARS[1], CITY_YEARS[0], -1)))

    return pages
