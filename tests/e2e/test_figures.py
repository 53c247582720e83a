"""Figures in a real browser: the exercise page's pictures load under the Content-Security-
Policy, and the player shows the current step's figure, animated (SMIL, no script)."""

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Server, browser_fetch, screenshot

pytestmark = pytest.mark.e2e

PROFILE: dict[str, Any] = {
    "activities": ["desk-work"],
    "pain_now": 1,
    "equipment": ["mat", "foam-roller", "strap-or-towel"],
    "minutes_per_session": 10,
    "sessions_per_week": 3,
}
LOADED = "image => image.complete && image.naturalWidth > 0"
MOTION_TIMEOUT_S = 10.0


def wait_for_a_new_frame(image: Locator, before: bytes) -> None:
    """Poll the image until it looks different from `before` (an animation playing)."""
    deadline = time.monotonic() + MOTION_TIMEOUT_S
    while image.screenshot() == before:
        assert time.monotonic() < deadline, f"the figure did not move in {MOTION_TIMEOUT_S} s"


def test_exercise_page_pictures_load_with_alt_text(
    start_server: Callable[..., Server], page: Page
) -> None:
    server = start_server()
    page.goto(server.url("/exercises/half-kneeling-psoas-stretch"))
    images = page.locator(".figure-poses img")
    expect(images).to_have_count(2)
    for image in images.all():
        image.scroll_into_view_if_needed()
        page.wait_for_function(LOADED, arg=image.element_handle())
        assert (image.get_attribute("alt") or "").endswith("stretching the front of the back hip.")
    screenshot(page, "figures-1-exercise-page")


def test_the_player_shows_the_steps_figure_moving(
    start_server: Callable[..., Server], page: Page
) -> None:
    server = start_server()
    page.goto(server.url("/session?time_scale=0.2"))
    assert browser_fetch(page, "PUT", "/api/v1/profile", PROFILE)[0] == 200
    page.reload()
    page.click("text=Start the session")
    expect(page.locator("#player-live")).to_be_visible()
    session_id = page.locator("#player").get_attribute("data-session-id")
    status, state = browser_fetch(page, "GET", f"/api/v1/sessions/{session_id}")
    assert status == 200
    first = state["steps"][0]
    key = f"{first['exercise']}:{first['side'] or 'both'}"
    shown = page.locator("#player-live picture:not([hidden])")
    expect(shown).to_have_count(1)
    expect(shown).to_have_attribute("data-figure", key)
    image = shown.locator("img")
    page.wait_for_function(LOADED, arg=image.element_handle())
    assert "motion=animated" in (image.get_attribute("src") or "")
    screenshot(page, "figures-2-player")
    # The SMIL animation plays inside the <img>: two moments look different.
    page.keyboard.press("Space")  # pause the timers; the figure keeps moving
    before = image.screenshot()
    # A still position (no end pose) is drawn without <animate>, and stays still.
    exercise_moves = "<animate" in page.evaluate(
        "async url => (await fetch(url)).text()", image.get_attribute("src")
    )
    if exercise_moves:
        wait_for_a_new_frame(image, before)
    else:  # nothing in the image can change it
        assert image.screenshot() == before
