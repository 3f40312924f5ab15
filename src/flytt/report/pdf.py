"""A printable PDF of the report: the HTML printed by headless Chromium via Playwright
(Debian's ``chromium``; no browser download)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import FlyttError

CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync")
"""Flags for a quiet, offline headless Chromium."""


def chromium_path() -> str:
    """The Chromium executable: ``$FLYTT_CHROMIUM``, else ``chromium`` on the PATH."""
    path = os.environ.get("FLYTT_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    if not path:
        raise FlyttError("--pdf needs Chromium: install Debian's 'chromium' package "
                         "(apt-get install chromium) or set FLYTT_CHROMIUM")
    return path


def print_pdf(html: Path, out: Path, timeout_ms: int = 120_000) -> Path:
    """Print ``html`` (waiting until every chart has rendered) to ``out`` (A4 landscape, so
    the 21-column county matrices fit the page)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise FlyttError("--pdf needs Playwright: pip install 'flytt[pdf]'") from exc
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            page.goto(html.resolve().as_uri())
            page.wait_for_function("document.body.dataset.ready", timeout=timeout_ms)
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", landscape=True, print_background=True,
                     margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"})
        finally:
            browser.close()
    return out
