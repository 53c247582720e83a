"""axe-core finds no accessibility violation on any page state, on a 360x640 phone and a
1366x900 desktop: every page of tests/page_states.py, then each form with bad answers.

axe-core is a test asset (tests/e2e/assets/axe.min.js, MPL-2.0, its licence beside it), never
served by the app: it is evaluated in the page through the browser's debugging protocol, which
the page's Content-Security-Policy does not govern. One browser, one multi-user server (the
signed-out pages too), the pages in sequence: each is loaded once and checked at both sizes.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, ViewportSize, expect

from psoas.catalogue import load_catalogue
from tests.e2e.conftest import ARTIFACTS, Server, browser_fetch
from tests.page_states import MULTI_USER_SIGNED_IN, MULTI_USER_SIGNED_OUT, single_user_states
from tests.page_text import ids_in

pytestmark = pytest.mark.e2e

AXE = (Path(__file__).parent / "assets" / "axe.min.js").read_text(encoding="utf-8")
SIZES: tuple[ViewportSize, ...] = (
    {"width": 360, "height": 640},
    {"width": 1366, "height": 900},
)
PASSWORD = "long enough pass"
RUN = """async () => {
  const results = await window.axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    where: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
  }));
}"""
NO_BROWSER_CHECKS = "document.querySelectorAll('form').forEach(f => { f.noValidate = true; })"


class _Checker:
    """Checks the page as it is at each size; collects every violation, named by state."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: list[str] = []
        self.checked = 0

    def check(self, name: str, shots: bool = False) -> None:
        # What scripts wrote counts too (the player, the breaks page): no internal id in it.
        if leaks := ids_in(self.page.evaluate("document.body.innerText")):
            self.found.append(f"{name}: internal ids in the text: {leaks}")
        self.page.evaluate(AXE)
        for size in SIZES:
            self.page.set_viewport_size(size)
            for violation in self.page.evaluate(RUN):
                self.found.append(f"{name} at {size['width']}px: {violation}")
            self.checked += 1
            if shots:  # what shows first, where the focus is: tests/e2e/artifacts/
                ARTIFACTS.mkdir(exist_ok=True)
                # As on a load at this size: the focused summary in view (a resize moves it).
                self.page.evaluate("document.activeElement.scrollIntoView({block: 'nearest'})")
                shot = ARTIFACTS / f"words-{name.replace(' ', '-')}-{size['width']}.png"
                self.page.screenshot(path=str(shot))
        self.page.set_viewport_size(SIZES[0])

    def visit(self, server: Server, name: str, path: str) -> None:
        self.page.goto(server.url(path))
        self.check(name)

    def submit(self, name: str, fields: dict[str, str], button: str) -> None:
        """Fill the form as a person would, with the browser's own checks off, so the server's
        error page is what gets checked."""
        self.page.evaluate(NO_BROWSER_CHECKS)
        for selector, value in fields.items():
            self.page.fill(selector, value)
        with self.page.expect_navigation():
            self.page.click(button)
        assert self.page.locator("#error-summary").count() == 1, name
        assert self.page.evaluate("document.activeElement.id") == "error-summary", name
        self.check(name, shots=True)


class _Driver:
    def __init__(self, page: Page) -> None:
        self.page = page

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        status, data = browser_fetch(self.page, method, path, body)
        assert status < 300, (path, status, data)
        return data


def test_axe_finds_no_violation_on_any_page_state(
    start_server: Callable[..., Server], new_context: Callable[[], BrowserContext]
) -> None:
    server = start_server(multi_user=True)
    page = new_context().new_page()
    axe = _Checker(page)

    # The check can fail: an input without a label is found.
    page.goto(server.url("/login"))
    page.evaluate(AXE)
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    assert "label" in [violation["rule"] for violation in page.evaluate(RUN)]

    for state in MULTI_USER_SIGNED_OUT:
        axe.visit(server, state.name, state.path)
    page.goto(server.url("/signup"))
    page.fill("#username", "dana")
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("text=Create account")

    for setup, states in single_user_states():
        if setup is not None:
            setup(_Driver(page))
        for state in states:
            axe.visit(server, state.name, state.path)
    for state in MULTI_USER_SIGNED_IN:
        axe.visit(server, state.name, state.path)

    # A session playing, then the questions after it: the panels the script shows.
    page.goto(server.url("/session?time_scale=0.05"))
    page.fill("#pain-before", "12")
    page.click("text=Start the session")
    expect(page.locator("#player-error")).to_have_text(
        "Pain right now must be a whole number from 0 to 10, or left empty."
    )
    assert page.evaluate("document.activeElement.id") == "player-error"
    axe.check("session start with a bad pain score", shots=True)
    page.fill("#pain-before", "")
    page.click("text=Start the session")
    expect(page.locator("#player-live")).to_be_visible()
    axe.check("session playing")
    page.keyboard.press("q")
    expect(page.locator("#player-checkin")).to_be_visible()
    axe.check("after a session")

    # The check-in asks the warning signs afresh: answer them, then go on to a number.
    page.goto(server.url("/check-in"))
    for radio in page.locator('input[type="radio"][value="no"]').all():
        radio.check()
    for _ in load_catalogue().check_in.questions:
        if page.locator("#sitting_hours_per_day").count():
            break
        with page.expect_navigation():
            page.click('button[value="next"]')
    axe.submit(
        "check-in with a bad number",
        {"#sitting_hours_per_day": "lots"},
        'button[value="next"]',
    )
    page.goto(server.url("/progress/check-in"))
    axe.submit(
        "progress check-in with bad answers",
        {"#pain_now": "11", "#psfs-0-score": "12"},
        "text=Save the check-in",
    )
    page.goto(server.url("/breaks"))
    page.click("summary:has(#break-settings)")  # the settings are folded away until opened
    axe.submit(
        "break settings with bad values",
        {"#desk_interval_min": "5", "#idle_break_min": ""},
        "text=Save settings",
    )
    page.goto(server.url("/data"))
    page.set_input_files(
        "#import-file", {"name": "notes.json", "mimeType": "application/json", "buffer": b"{no"}
    )
    axe.submit(
        "import of a file that is not an export",
        {},
        'form[action="/data/import"] button[type="submit"]',
    )
    page.goto(server.url("/data/delete"))
    axe.submit("delete without the word", {"#confirm": "nope"}, "text=Delete all my data")

    page.goto(server.url("/account"))
    with page.expect_navigation():
        page.click('form[action="/logout"] button[type="submit"]')
    page.goto(server.url("/signup"))
    axe.submit(
        "sign-up with a taken name",
        {"#username": "dana", "#password": PASSWORD},
        "text=Create account",
    )
    page.goto(server.url("/login"))
    axe.submit(
        "sign-in with a wrong password",
        {"#username": "dana", "#password": "not the password"},
        'button[type="submit"]',
    )

    assert axe.checked >= 2 * 60, axe.checked
    assert not axe.found, "\n".join(axe.found)
