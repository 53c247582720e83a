"""End-to-end fixtures: the real server (`psoas serve`) on a free port, driven by Debian's
Chromium through Playwright. Nothing is downloaded: `playwright install` cannot run here.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    sync_playwright,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
START_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class Server:
    base_url: str
    home: Path
    log: Path

    def url(self, path: str) -> str:
        return self.base_url + path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Server]]:
    """Start `psoas serve` (optionally --multi-user) on a new SQLite file; stopped at teardown."""
    running: list[subprocess.Popen[bytes]] = []
    logs: list[object] = []

    def start(*, multi_user: bool = False) -> Server:
        home = tmp_path_factory.mktemp("psoas-home")
        port = free_port()
        command = [
            str(Path(sys.executable).with_name("psoas")),
            "serve",
            "--port",
            str(port),
            "--database-url",
            f"sqlite:///{home / 'psoas.sqlite3'}",
        ]
        if multi_user:
            command.append("--multi-user")
        log_path = home / "server.log"
        log = log_path.open("wb")
        logs.append(log)
        process = subprocess.Popen(
            command,
            env={**os.environ, "PSOAS_HOME": str(home)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        running.append(process)
        server = Server(f"http://127.0.0.1:{port}", home, log_path)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(server.url("/healthz")):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"psoas serve did not start:\n{log_path.read_text()}", pytrace=False)
            time.sleep(0.1)
        return server

    yield start
    for process in running:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for log in logs:
        log.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        # `make test` has said so already; CI (CI=true) must not pass with the browser unused.
        message = f"{CHROMIUM} is missing: `sudo scripts/setup-system.sh` installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[[], BrowserContext]]:
    """Fresh browser profiles (cookies, storage); a 360 px wide phone screen unless resized."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def console(page: Page, message: ConsoleMessage) -> None:
        # Answers such as 404 are the tests' to judge; anything else logged as an error is not.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"{page.url}: {message.text}")

    def watch(page: Page) -> None:
        # A script error, or a script or style the CSP refused, fails the test.
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: console(page, message))

    def make() -> BrowserContext:
        # No service worker: its first fill (the library and every figure, about 130 answers)
        # would load the server under every test's own steps. tests/e2e/test_offline.py has it.
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, service_workers="block"
        )
        context.set_default_timeout(15_000)
        context.on("page", watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    if errors:
        pytest.fail("errors in the browser:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def page(new_context: Callable[[], BrowserContext]) -> Page:
    return new_context().new_page()


def screenshot(page: Page, name: str) -> None:
    """A full-page picture in tests/e2e/artifacts/ (kept out of git) to look at afterwards."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


FETCH = """async ([method, path, body]) => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const init = {method, headers: {"X-CSRF-Token": token, "Accept": "application/json"}};
  if (body !== null) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  return [response.status, text ? JSON.parse(text) : null];
}"""


def browser_fetch(page: Page, method: str, path: str, body: object = None) -> tuple[int, Any]:
    """Call the API from inside the page, as the player does: the browser's own cookies and the
    page's CSRF token. The page must be showing one of the site's HTML pages."""
    status, data = page.evaluate(FETCH, [method, path, body])
    return int(status), data


def saved_at_least(page: Page, count: int) -> None:
    """Wait until the player says the server has stored `count` steps of this session."""
    page.wait_for_function(
        "count => Number(document.getElementById('player').dataset.saved) >= count", arg=count
    )
