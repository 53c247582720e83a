"""On a multi-user server, two people in two browsers see only their own check-in, plan and
sessions. Sign-in rides on Secure cookies, which Chromium keeps for http://127.0.0.1."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Server, browser_fetch, saved_at_least, screenshot

pytestmark = pytest.mark.e2e

RUNNER: dict[str, Any] = {
    "activities": ["running"],
    "pain_now": 1,
    "equipment": ["mat", "foam-roller", "strap-or-towel"],
    "minutes_per_session": 10,
}
PASSWORD = "correct horse battery"


def sign_up(context: BrowserContext, server: Server, username: str) -> Page:
    page = context.new_page()
    page.goto(server.url("/signup"))
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("text=Create account")
    page.wait_for_url(server.url("/"))
    cookies = {cookie["name"]: cookie for cookie in context.cookies(server.base_url)}
    # The sign-in cookie is Secure and HttpOnly, and the browser kept it over plain http on
    # 127.0.0.1 (a potentially trustworthy origin): nothing was weakened for this test.
    assert cookies["psoas_login"]["secure"] is True
    assert cookies["psoas_login"]["httpOnly"] is True
    assert cookies["psoas_csrf"]["secure"] is True
    page.goto(server.url("/account"))
    expect(page.locator("h1")).to_have_text(f"Account: {username}")
    return page


def test_one_person_cannot_reach_anothers_session(
    start_server: Callable[..., Server], new_context: Callable[[], BrowserContext]
) -> None:
    server = start_server(multi_user=True)
    ann = sign_up(new_context(), server, "ann")
    bob = sign_up(new_context(), server, "bob")

    # Ann checks in and starts a session.
    assert browser_fetch(ann, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    ann.goto(server.url("/session?time_scale=0.01"))
    ann.click("text=Start the session")
    expect(ann.locator("#player-live")).to_be_visible()
    saved_at_least(ann, 1)
    session_id = ann.locator("#player").get_attribute("data-session-id")
    screenshot(ann, "isolation-1-ann-playing")
    ann.keyboard.press("q")
    expect(ann.locator("#player-checkin")).to_be_visible()

    # Bob cannot read it, resume it, see it in history, or delete it.
    assert browser_fetch(bob, "GET", f"/api/v1/sessions/{session_id}")[0] == 404
    assert browser_fetch(bob, "GET", "/api/v1/history") == (200, [])
    assert browser_fetch(bob, "DELETE", f"/api/v1/sessions/{session_id}")[0] == 404
    response = bob.goto(server.url(f"/session?resume={session_id}"))
    assert response is not None
    assert response.status == 404
    bob.goto(server.url("/history"))
    expect(bob.locator("main")).to_contain_text("No sessions yet")
    expect(bob.locator(f"#session-{session_id}")).to_have_count(0)
    # Bob's plan is his own: he has not checked in.
    bob.goto(server.url("/plan"))
    expect(bob.locator('main a[href="/check-in"]').first).to_be_visible()
    expect(bob.locator("#status")).to_have_count(0)
    screenshot(bob, "isolation-2-bob-plan")

    # Ann still has all of it.
    status, state = browser_fetch(ann, "GET", f"/api/v1/sessions/{session_id}")
    assert status == 200
    assert len(state["recorded"]) >= 1
    ann.goto(server.url("/plan"))
    expect(ann.locator("#status")).to_have_attribute("data-status", "ok")
    ann.goto(server.url("/history"))
    expect(ann.locator(f"#session-{session_id}")).to_have_count(1)


def test_the_page_a_boosted_sign_up_lands_on_can_write_at_once(
    start_server: Callable[..., Server], new_context: Callable[[], BrowserContext]
) -> None:
    """Signing up makes a new CSRF token; the page htmx swaps in must carry it into the head,
    or the player's and the outbox's writes are refused until a full reload."""
    server = start_server(multi_user=True)
    page = new_context().new_page()
    page.goto(server.url("/signup"))
    page.fill("#username", "cai")
    page.fill("#password", PASSWORD)
    page.click("text=Create account")
    page.wait_for_url(server.url("/"))
    status, _ = browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)
    assert status == 200
