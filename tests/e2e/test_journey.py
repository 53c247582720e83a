"""A person's first visit, in a real browser: check-in, plan, a guided session to its end, the
after-session check-in, and history."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, browser_fetch, screenshot

pytestmark = pytest.mark.e2e

# The check-in answers, by question (the form's field name); any question not here keeps its
# default. Warning signs are all answered no.
ANSWERS: dict[str, list[str] | str] = {
    "activities": ["desk-work", "running"],
    "sitting_hours_per_day": "8",
    "goals": ["relieve-tightness"],
    "symptoms": ["hip-stiffness"],
    "pain_now": "2",
    "equipment": ["mat", "foam-roller", "strap-or-towel"],
    "minutes_per_session": "10",
    "sessions_per_week": "3",
}
# 1% of real time: the 10-minute session plays in about 10 seconds.
TIME_SCALE = 0.01
# Stages that N ends early, or the end of the session.
WAITING_OR_DONE = """() => ["get-ready", "rep-transition", "rest", "switch-sides", "done"]
  .includes(document.getElementById("player").dataset.stage)"""


def complete_check_in(page: Page, server: Server) -> None:
    page.goto(server.url("/check-in"))
    for _ in range(30):  # the wizard has about a dozen pages
        if page.url.endswith("/plan"):
            return
        field = page.locator('[id^="q-"]').first.get_attribute("id")
        assert field is not None, page.content()
        field = field.removeprefix("q-")
        if field == "red_flags":
            for no in page.locator('input[type="radio"][value="no"]').all():
                no.check()
        answer = ANSWERS.get(field)
        if isinstance(answer, list):
            for option in answer:
                page.check(f"#{field}-{option}")
        elif answer is not None:
            page.fill(f"#{field}", answer)
        page.click('button[name="action"][value="next"]')
        expect(page.locator("main")).to_be_visible()
    pytest.fail(f"the check-in did not end on /plan (at {page.url})")


def test_check_in_plan_session_and_history(start_server: Callable[..., Server], page: Page) -> None:
    server = start_server()
    complete_check_in(page, server)

    # The plan: status ok and its phases.
    expect(page.locator("#status")).to_have_attribute("data-status", "ok")
    for phase in ("release", "lengthen", "strengthen"):
        expect(page.locator(f"#phase-{phase}")).to_be_visible()
    screenshot(page, "journey-1-plan")

    # Following the plan's link is an htmx-boosted visit: the player must start up there too.
    page.click('main a[href="/session"]')
    expect(page.locator("#player-start")).to_be_visible()
    expect(page.locator("#day option:checked")).to_have_count(1)

    page.goto(server.url(f"/session?time_scale={TIME_SCALE}"))
    # Pain of 7 or more: no session, and the advice to see a professional.
    page.fill("#pain-before", "8")
    page.click("text=Start the session")
    expect(page.locator("#player-error")).to_contain_text("physiotherapist")
    expect(page.locator("#player-start")).to_be_visible()
    page.fill("#pain-before", "2")
    screenshot(page, "journey-2-start")
    page.click("text=Start the session")
    player = page.locator("#player")
    expect(page.locator("#player-live")).to_be_visible()
    expect(page.locator("#player-live h2")).not_to_be_empty()
    session_id = player.get_attribute("data-session-id")
    assert session_id is not None
    expect(page.locator("#player-error")).to_be_hidden()
    assert page.url.endswith(f"/session?resume={session_id}&time_scale={TIME_SCALE}")
    screenshot(page, "journey-3-playing")

    # N ends waiting stages early (and does nothing in a hold): press it in the next few.
    for _ in range(4):
        page.wait_for_function(WAITING_OR_DONE)
        if player.get_attribute("data-stage") == "done":
            break
        page.keyboard.press("n")
    expect(page.locator("#player-checkin")).to_be_visible(timeout=45_000)
    expect(page.locator("#player-checkin")).to_contain_text("That was the last step")
    planned = len(browser_fetch(page, "GET", f"/api/v1/sessions/{session_id}")[1]["steps"])
    expect(player).to_have_attribute("data-saved", str(planned))

    page.fill("#pain-after", "1")
    page.check('input[name="feel"][value="looser"]')
    page.fill("#note", "Hips feel easier.")
    screenshot(page, "journey-4-check-in")
    page.click("text=Save and finish")
    summary = page.locator("#player-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(f"{planned} of {planned} (completed)")
    expect(summary).to_contain_text("2/10 → 1/10")
    expect(summary.locator('[data-field="referral"]')).to_be_hidden()
    screenshot(page, "journey-5-summary")

    # Every step was recorded as done, and history says so.
    status, state = browser_fetch(page, "GET", f"/api/v1/sessions/{session_id}")
    assert status == 200
    assert state["recorded"] == {str(index): "done" for index in range(planned)}
    status, history = browser_fetch(page, "GET", "/api/v1/history")
    assert status == 200
    [session] = history  # the refused start left nothing behind
    assert session["id"] == int(session_id)
    assert session["status"] == "completed"
    assert session["steps_done"] == session["steps_planned"] == planned
    assert session["skipped"] == []
    assert (session["pain_before"], session["pain_after"], session["feel"]) == (2, 1, "looser")

    page.click("text=See your history")
    card = page.locator(f'section[aria-labelledby="session-{session_id}"]')
    expect(card).to_contain_text("Completed")
    expect(card).to_contain_text(f"{planned} of {planned} steps")
    expect(card).to_contain_text("Hips feel easier.")
    screenshot(page, "journey-6-history")
