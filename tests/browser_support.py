"""Headless Chromium for browser tests: Debian's ``chromium`` driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def open_page(url: str, width: int = 1300, height: int = 1000) -> Iterator[tuple[object, list]]:
    """A Playwright page at ``url`` and the list of its console messages and page errors
    (``"error: ..."``, ``"pageerror: ..."``). Skips the test when Chromium is missing."""
    playwright = pytest.importorskip("playwright.sync_api")
    from flytt.report.pdf import CHROMIUM_ARGS, chromium_path
    from flytt.errors import FlyttError

    try:
        executable = chromium_path()
    except FlyttError as exc:
        pytest.skip(str(exc))
    messages: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
            page.goto(url)
            yield page, messages
        finally:
            browser.close()
