"""The FastAPI application: pages, the JSON API, static files and the Vega bundle, with a
content security policy that keeps the browser on this host."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from . import api, pages

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
       "font-src 'self' data:; frame-ancestors 'none'")
"""Same-origin only: the dashboard makes no request to another host."""


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""Host names a browser uses for this machine. The dashboard answers only these unless
told otherwise, so a page elsewhere that points a name of its own at 127.0.0.1 (DNS
rebinding) gets 400 instead of the store's data."""


def allowed_hosts(bind: str) -> tuple[str, ...]:
    """The ``Host:`` names to answer when listening on ``bind``: the loopback names for a
    loopback address; for another address that address too (and any name for
    ``0.0.0.0``/``::``, which listen on every interface: the user chose to share)."""
    if bind in ("0.0.0.0", "::", ""):
        return ("*",)
    name = f"[{bind}]" if ":" in bind else bind
    return LOOPBACK_HOSTS if name in LOOPBACK_HOSTS else (*LOOPBACK_HOSTS, name)


class SecurityHeaders:
    """ASGI middleware adding :data:`CSP` and ``nosniff`` to every HTTP response (plain ASGI:
    no copy of the body, unlike Starlette's ``BaseHTTPMiddleware``)."""

    headers = ((b"content-security-policy", CSP.encode()),
               (b"x-content-type-options", b"nosniff"))

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                   *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db: Path | None = None, hosts: tuple[str, ...] = LOOPBACK_HOSTS) -> FastAPI:
    """The dashboard app (no Swagger UI: it would load scripts from a CDN). ``db``: a store
    whose flows the tables page can also show, opened read-only per request. ``hosts``: the
    ``Host:`` names it answers (:func:`allowed_hosts`; ``("*",)`` for any), others get
    400."""
    app = FastAPI(title="flytt", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Migration statistics from flytt's core: SSB's tables, flows, "
                              "the attractiveness barometer and the city analysis. Read-only.")
    api.problem_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts), www_redirect=False)

    @app.get("/static/vega.js", include_in_schema=False)
    def vega_bundle() -> Response:
        from ..report.vega import bundle

        return Response(bundle(), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router(db))
    app.include_router(pages.router(str(db) if db is not None else ""))
    return app
