"""``flytt serve``: the web dashboard (FastAPI, optional extra ``web``). Pages for the
tables, the flow map, the barometer and the city analysis, and a JSON API with an OpenAPI
schema at ``/api/openapi.json``. A thin face: every number comes from the core API and
every chart from a figure function (:mod:`.views`)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
