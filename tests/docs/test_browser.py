"""The built site in a real browser: headless Chromium (Debian's `chromium`), driven by Playwright.

The site is served on loopback; the home page, the reference of `PexipEngage`, an operation page
and the search must render without a console error, the search must find `get_appointment_by_id`,
and a screenshot of each is kept in `site-screenshots/` for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# The `site` fixture (conftest.py) is built once per run, by whichever worker asks first.
pytestmark = [pytest.mark.main_python_only, pytest.mark.end_to_end]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "site-screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a headless run in a container, with nothing fetched from the network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.slow
def test_the_site_renders_in_chromium_and_its_search_finds_an_operation(served: str) -> None:
    if not Path(CHROMIUM).is_file():
        pytest.fail("no chromium: `make docs-browser` installs Debian's `chromium` (apt-get install chromium)")
    from playwright.sync_api import ConsoleMessage, sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh, temporary profile (user data directory).
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page()

            def on_console(message: ConsoleMessage) -> None:
                if message.type == "error":
                    errors.append(f"{page.url}: {message.text}")

            page.on("console", on_console)
            page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

            for name, path, expected in [
                ("home", "/", "pexip-engage-client"),
                ("reference-pexipengage", "/reference/client/#pexip_engage_client.PexipEngage", "PexipEngage"),
                ("operation-appointments", "/operations/appointments/#get_appointment_by_id", "GET /enterprises"),
            ]:
                response = page.goto(served + path, wait_until="networkidle")
                assert response is not None
                assert response.status == 200, path
                assert expected in page.inner_text("article"), path
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)

            page.goto(served + "/", wait_until="networkidle")
            box = page.locator("input.md-search__input")
            box.click(force=True)  # the box sits in a drawer that opens on focus
            box.press_sequentially("get_appointment_by_id", delay=30)  # as typed: the theme searches on key events
            # The operation's own entry, linking to its section of the appointments page.
            result = page.locator(
                'a.md-search-result__link[href*="/operations/appointments/"][href$="#get_appointment_by_id"]'
            )
            result.first.wait_for(state="attached", timeout=30_000)
            page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=False)
            assert "get_appointment_by_id" in page.inner_text(".md-search-result")
        finally:
            browser.close()
    assert errors == []
