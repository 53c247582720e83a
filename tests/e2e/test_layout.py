"""Phone-first layout in Chromium at 360 x 640 and 1366 x 900: the player's countdown and
controls in view during a step, the one-row navigation with the page you are on marked, and the
404 page."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from psoas.catalogue import load_catalogue
from tests.e2e.conftest import Server, browser_fetch, screenshot

pytestmark = pytest.mark.e2e

SIZES = [(360, 640), (1366, 900)]
# A day long enough that its preview pushes the Start button below a phone's screen.
RUNNER: dict[str, Any] = {
    "activities": ["desk-work", "running"],
    "goals": ["relieve-tightness", "return-to-running"],
    "pain_now": 2,
    "equipment": ["mat", "foam-roller", "strap-or-towel"],
    "minutes_per_session": 20,
    "sessions_per_week": 3,
}
CONTROLS = ["pause", "next", "back", "skip", "quit"]
# Where each element is on the page (not the screen): inside [0, height) needs no scrolling.
BOXES = """() => [...document.querySelectorAll(
    '#player-live .player-count, #player-live .player-controls button')].map(e => {
  const r = e.getBoundingClientRect();
  return {name: e.dataset.action || "countdown", top: r.top + scrollY, bottom: r.bottom + scrollY,
          left: r.left, right: r.right};
})"""


def phone_page(new_context: Callable[[], BrowserContext], width: int, height: int) -> Page:
    page = new_context().new_page()
    page.set_viewport_size({"width": width, "height": height})
    return page


def assert_in_view(page: Page, width: int, height: int) -> None:
    boxes = page.evaluate(BOXES)
    assert [box["name"] for box in boxes] == ["countdown", *CONTROLS]
    for box in boxes:
        assert box["top"] >= 0, box
        assert box["bottom"] <= height, (box, height)
        assert box["left"] >= 0, box
        assert box["right"] <= width, (box, width)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_countdown_and_every_control_are_in_view_during_a_step(
    start_server: Callable[..., Server],
    new_context: Callable[[], BrowserContext],
    width: int,
    height: int,
) -> None:
    server = start_server()
    page = phone_page(new_context, width, height)
    page.goto(server.url("/session"))
    assert browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    page.reload()
    # Scrolled down to the Start button, as on a phone under a long day preview: the session
    # must still begin with the countdown on screen.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.click("text=Start the session")
    expect(page.locator("#player-live")).to_be_visible()
    # ... and on the screen as it is now, not above it.
    count_top = "document.querySelector('#player-live .player-count').getBoundingClientRect().top"
    assert page.evaluate(count_top) >= 0
    page.keyboard.press(" ")
    expect(page.locator("#player")).to_have_attribute("data-stage", "paused")
    # The figure of the step has loaded (its room was kept before it did).
    page.wait_for_function(
        "() => [...document.querySelectorAll('#player-live picture:not([hidden]) img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    # The page's title gives way to the player (kept for screen readers); the header is one row.
    title_gone = "document.querySelector('main > h1').getBoundingClientRect().height <= 1"
    page.wait_for_function(title_gone)
    assert page.locator(".site-header").bounding_box()["height"] <= 60  # type: ignore[index]
    assert_in_view(page, width, height)
    # The longest exercise name there is, wrapping over lines on a phone, still leaves them all
    # in view, in the count-in and in the hold that follows.
    longest = max((e.name for e in load_catalogue().exercises.values()), key=len)
    page.evaluate(
        "name => { document.getElementById('player-exercise').textContent = name }", longest
    )
    assert_in_view(page, width, height)
    screenshot(page, f"layout-player-{width}x{height}")
    page.keyboard.press(" ")
    page.keyboard.press("n")  # ends the count-in
    expect(page.locator("#player")).to_have_attribute("data-stage", "hold")
    assert_in_view(page, width, height)


@pytest.mark.parametrize("multi_user", [False, True])
def test_the_navigation_is_one_row_and_marks_the_page(
    start_server: Callable[..., Server], new_context: Callable[[], BrowserContext], multi_user: bool
) -> None:
    server = start_server(multi_user=multi_user)
    page = phone_page(new_context, 360, 640)
    page.goto(server.url("/exercises" if not multi_user else "/login"))
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 60  # type: ignore[index]
    menu = page.locator("nav .site-menu")
    links = menu.locator("a")
    expect(links.first).to_be_hidden()  # folded on a phone, no script needed to open it
    page.click("nav summary")
    expect(page.locator('nav a[href="/data"]')).to_be_visible()
    current = menu.locator('a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text("Exercises" if not multi_user else "Sign in")
    if not multi_user:
        page.click('nav a[href="/plan"]')
        expect(page.locator('nav a[aria-current="page"]')).to_have_text("Plan")
    # A desktop shows every link in the row, with nothing to open.
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.locator("nav summary")).to_be_hidden()
    expect(page.locator('nav a[href="/data"]')).to_be_visible()
    assert header.bounding_box()["height"] <= 60  # type: ignore[index]
    # Nothing on the page is wider than a phone's screen.
    page.set_viewport_size({"width": 360, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_wrong_address_gets_a_page_that_helps(
    start_server: Callable[..., Server], new_context: Callable[[], BrowserContext]
) -> None:
    server = start_server()
    page = phone_page(new_context, 360, 640)
    response = page.goto(server.url("/plans"))
    assert response is not None
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("main")).to_contain_text("There is no page at this address.")
    page.click("main >> text=The exercises")
    expect(page.locator("h1")).to_have_text("Exercises")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
