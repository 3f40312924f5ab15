"""Vega-Lite in HTML without a CDN: the Vega/Vega-Lite/vega-embed bundle from vl-convert
and the configured spec of a chart. Used by the report (inlined) and the dashboard
(served from ``/static/vega.js``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..options import Lang

EMBED_OPTIONS: dict[str, Any] = {"actions": False, "renderer": "svg"}
"""vega-embed options: no action menu (it links to external editors), SVG output."""

BUNDLE_SNIPPET = "window.vegaEmbed=vegaEmbed; window.vega=vega; window.vegaLite=vegaLite;"
"""The script run in the bundle: vl-convert's default (its stub wants it given)."""


@cache
def bundle() -> str:
    """vega, vega-lite and vega-embed as one script defining ``window.vegaEmbed``; safe to
    inline in a ``<script>`` element."""
    import vl_convert as vlc

    return vlc.javascript_bundle(BUNDLE_SNIPPET).replace("</script", "<\\/script")


def themed(chart: Any) -> Any:
    """``chart`` with the flytt theme, unless its figure function already configured it."""
    import altair as alt

    from ..figures import configure

    return chart if getattr(chart, "config", alt.Undefined) is not alt.Undefined \
        else configure(chart)


def spec(chart: Any, lang: Lang = "en") -> dict:
    """The Vega-Lite spec of an Altair chart with the flytt theme applied; in ``nb`` with a
    Norwegian number locale (``config.locale``: ``−2 000``, ``0,5``)."""
    from ..figures import localised_spec

    return localised_spec(themed(chart).to_dict(), lang)


def embed_options(lang: Lang = "en") -> dict[str, Any]:
    """:data:`EMBED_OPTIONS`, with vega-embed's ``formatLocale`` of ``lang``."""
    from ..i18n import chart_locale

    return {**EMBED_OPTIONS, "formatLocale": chart_locale(lang)}


def script_json(value: Any) -> str:
    """JSON for a ``<script type="application/json">`` element (no ``</`` inside)."""
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
