"""What the browser tests share: Debian's chromium driven by Playwright (no browser download), a local
server for the module's `site` folder, and a page that records console errors and refuses every outside request.

Plain `pytest` skips these tests when /usr/bin/chromium is missing; `make e2e` sets
INFOSHARE_E2E=required so that CI fails instead of skipping.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
REQUIRED = os.environ.get("INFOSHARE_E2E") == "required"


SKIP_WITHOUT_CHROMIUM = pytest.mark.skipif(not CHROMIUM.exists() and not REQUIRED, reason="/usr/bin/chromium is missing (.ci/run installs Debian's package)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the name is the base class's
        pass


@dataclass
class Watched:
    """A browser page and everything that went wrong on it: console errors, uncaught exceptions, outside requests."""

    page: Page
    base: str
    problems: list[str] = field(default_factory=list)

    def open(self, relative: str) -> None:
        response = self.page.goto(self.base + relative)
        assert response is not None and response.ok, f"{relative}: {response.status if response else 'no response'}"


@pytest.fixture(scope="module")
def base_url(site) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def watched(browser, base_url) -> Iterator[Watched]:
    context = browser.new_context()
    page = context.new_page()
    watched = Watched(page, base_url)
    page.on("console", lambda message: message.type == "error" and watched.problems.append(f"{page.url}: console: {message.text}"))
    page.on("pageerror", lambda error: watched.problems.append(f"{page.url}: uncaught: {error}"))

    def only_local(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            watched.problems.append(f"{page.url}: requested {route.request.url}")
            route.abort()

    context.route("**/*", only_local)
    yield watched
    context.close()
