"""Browser tests: the real app under uvicorn on 127.0.0.1 (a free port) against the test
Neo4j with the demo data, driven by Playwright in Debian's Chromium (never a downloaded
browser). Every page is also scanned with axe-core, injected from web/node_modules."""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from peernet.app import create_app
from peernet.config import PROJECT_ROOT, Settings, get_settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


class LiveServer:
    """uvicorn in a thread, on a socket bound here so the port is free and ours."""

    def __init__(self, settings: Settings) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False,
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True, name="uvicorn-test")

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()


@pytest.fixture(scope="session")
def live_server(demo_graph) -> Iterator[str]:
    with LiveServer(get_settings()) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser(live_server):
    """Per module: Playwright's sync API marks an event loop as running in this thread while
    it is open, which would stop the rest of the suite's asyncio code (hence ``off_loop``)."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: `make setup` runs `npm ci` in web/")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Pages:
    """Opens browser contexts that record every request, so a test can assert that nothing
    left 127.0.0.1 (no CDN, no fonts, no telemetry)."""

    def __init__(self, browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list = []
        self.outside: list[str] = []
        self.console_errors: list[str] = []

    def new(self, *, viewport: dict | None = None, base_url: str | None = None):
        context = self.browser.new_context(
            viewport=viewport or DESKTOP, base_url=base_url or self.base_url, locale="sv-SE",
            accept_downloads=True,
        )
        context.on("request", self._check_request)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.set_default_timeout(20_000)
        return page

    def _check_request(self, request) -> None:
        url = request.url
        if not url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            self.outside.append(url)

    def sign_in(self, role: str, *, viewport: dict | None = None, next_path: str = "/find"):
        page = self.new(viewport=viewport)
        page.goto(f"/signin?next={next_path}")
        page.click(f'button[data-role="{role}"]')
        wait_ready(page, next_path)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def wait_ready(page, path: str) -> None:
    """The shell sets body[data-ready] once the page has rendered (its data loaded)."""
    page.wait_for_url(f"**{path}*")
    page.wait_for_selector(f'body[data-ready="{path}"]')


@pytest.fixture
def pages(browser, live_server) -> Iterator[Pages]:
    opened = Pages(browser, live_server)
    yield opened
    opened.close()
    assert not opened.outside, f"requests left the machine: {opened.outside[:5]}"


def off_loop(fn, *args, **kwargs):
    """Run ``fn`` (e.g. conftest's ``cypher``, which uses ``asyncio.run``) in a worker thread,
    out of reach of Playwright's loop in this one."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def write_cypher(query: str, **params) -> None:
    """A write straight to the test graph, for a test's own clean-up."""
    from tests.conftest import _with_db

    async def work(db):
        async def tx_work(tx):
            await (await tx.run(query, **params)).consume()
        await db.write(tx_work)

    off_loop(asyncio.run, _with_db(work))


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA rules (and its best practices) on the page as shown."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {
            runOnly: {type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        });
        return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
        }));
    }""")


def assert_accessible(page, label: str) -> list[dict]:
    violations = axe_violations(page)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{label}: serious or critical axe violations: {serious}"
    return violations


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


def pdf_pages(page) -> int:
    """How many pages the browser's print-to-PDF gives (A4, the print stylesheet)."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
