"""Headless Chromium for browser tests: Debian's ``chromium`` driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def open_page(url: str, width: int = 1300, height: int = 1000) -> Iterator[tuple[object, list]]:
    """A Playwright page at ``url`` and the list of its console messages and page errors
    (``"error: ..."``, ``"pageerror: ..."``). Skips the test when Chromium is missing."""
    playwright = pytest.importorskip("playwright.sync_api")
    from flytt.errors import FlyttError
    from flytt.report.pdf import CHROMIUM_ARGS, chromium_path

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


@contextmanager
def live_server(db: Path | None = None) -> Iterator[str]:
    """The dashboard (of the store ``db``, if given) served by uvicorn on a free loopback
    port in a thread; yields its URL."""
    import socket
    import threading
    import time

    import uvicorn

    from flytt.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
