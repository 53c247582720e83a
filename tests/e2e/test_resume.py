"""Closing the tab mid-session loses at most the step in progress, and the session carries on
from the next step."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.e2e.conftest import Server, browser_fetch, saved_at_least, screenshot

pytestmark = pytest.mark.e2e

RUNNER: dict[str, Any] = {
    "activities": ["desk-work", "running"],
    "pain_now": 2,
    "equipment": ["mat", "foam-roller", "strap-or-towel"],
    "minutes_per_session": 10,
    "sessions_per_week": 3,
}
# 3% of real time: a step takes about a second, slow enough to close the tab between steps.
TIME_SCALE = 0.03
# Every step before the one on screen is decided; the server has confirmed as many.
ALL_REPORTED = """() => Number(document.getElementById("player").dataset.saved)
  >= Number(document.querySelector('#player-live [data-field="step"]').textContent) - 1"""


def test_a_closed_tab_keeps_the_steps_done_and_resumes_after_them(
    start_server: Callable[..., Server], new_context: Callable[[], BrowserContext]
) -> None:
    server = start_server()
    context = new_context()
    page = context.new_page()
    page.goto(server.url(f"/session?time_scale={TIME_SCALE}"))
    assert browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    page.reload()
    page.click("text=Start the session")
    expect(page.locator("#player-live")).to_be_visible()
    session_id = page.locator("#player").get_attribute("data-session-id")

    # Two steps done, then one skipped for lack of equipment, from the skip dialog.
    saved_at_least(page, 2)
    page.keyboard.press("s")
    dialog = page.locator("#player-skip")
    expect(dialog).to_be_visible()
    expect(page.locator("#player")).to_have_attribute("data-stage", "paused")
    screenshot(page, "resume-1-skip-reason")
    dialog.locator('button[value="no-equipment"]').click()
    expect(dialog).to_be_hidden()
    saved_at_least(page, 3)
    # Pause, and let the server confirm every step before the one on screen: what the tab
    # reported is then all stored, so the reads below cannot race a report still on its way.
    page.keyboard.press(" ")
    expect(page.locator("#player")).to_have_attribute("data-stage", "paused")
    page.wait_for_function(ALL_REPORTED)
    page.close()

    checker = context.new_page()
    checker.goto(server.url("/history"))
    status, history = browser_fetch(checker, "GET", "/api/v1/history")
    assert status == 200
    [session] = history
    assert session["id"] == int(str(session_id))
    assert session["status"] == "partial"
    assert session["ended_at"] is None
    assert session["steps_done"] >= 2
    assert [skip["reason"] for skip in session["skipped"]] == ["no-equipment"]
    status, state = browser_fetch(checker, "GET", f"/api/v1/sessions/{session_id}")
    recorded = {int(index) for index in state["recorded"]}
    # Nothing was lost or invented: the steps recorded are the first ones, in order.
    assert recorded == set(range(len(recorded)))
    assert state["next_step"] == len(recorded) < len(state["steps"])

    # The session page offers to carry on, and carries on from the next step.
    checker.goto(server.url(f"/session?time_scale={TIME_SCALE}"))
    expect(checker.locator("main")).to_contain_text("session is not finished")
    checker.click("text=Carry on with it")
    expect(checker).to_have_url(server.url(f"/session?resume={session_id}&time_scale={TIME_SCALE}"))
    checker.click("#player-start button[type=submit]")
    live = checker.locator("#player-live")
    expect(live).to_be_visible()
    first = state["steps"][state["next_step"]]
    expect(live.locator('[data-field="step"]')).to_have_text(str(state["next_step"] + 1))
    expect(live.locator("h2")).to_have_text(first["exercise_name"])
    expect(checker.locator("#player")).to_have_attribute("data-saved", str(len(recorded)))
    screenshot(checker, "resume-2-carried-on")

    # Quit keeps what was done and offers the check-in; finishing makes the session partial.
    checker.keyboard.press("q")
    checkin = checker.locator("#player-checkin")
    expect(checkin).to_be_visible()
    expect(checkin.locator('[data-action="carry-on"]')).to_be_visible()
    checker.fill("#pain-after", "7")
    checker.click("text=Save and finish")
    summary = checker.locator("#player-summary")
    expect(summary).to_contain_text("(partial)")
    # Pain of 7 or more after a session: the see-a-professional message.
    expect(summary.locator('[data-field="referral"]')).to_be_visible()
    expect(summary.locator('[data-field="referral"]')).to_contain_text("physiotherapist")
    screenshot(checker, "resume-3-partial-with-referral")


def test_starting_again_ends_the_unfinished_session_and_leaves_no_notice_behind(
    start_server: Callable[..., Server], new_context: Callable[[], BrowserContext]
) -> None:
    server = start_server()
    page = new_context().new_page()
    page.goto(server.url(f"/session?time_scale={TIME_SCALE}"))
    assert browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    page.reload()
    # The start screen previews the day before anything starts.
    preview = page.locator("[data-day-preview]:visible")
    expect(preview).to_have_count(1)
    expect(preview).to_contain_text("minutes")
    expect(preview).to_contain_text("Have ready:")
    # Choosing another day shows that day's preview instead.
    page.select_option("#day", "3")
    expect(page.locator('[data-day-preview="3"]')).to_be_visible()
    expect(page.locator("[data-day-preview]:visible")).to_have_count(1)
    page.click("text=Start the session")
    expect(page.locator("#player-live")).to_be_visible()
    old_id = page.locator("#player").get_attribute("data-session-id")
    saved_at_least(page, 1)
    page.keyboard.press(" ")
    page.wait_for_function(ALL_REPORTED)

    # Back to the session page: it asks before anything new starts.
    page.goto(server.url(f"/session?time_scale={TIME_SCALE}"))
    main = page.locator("main")
    expect(main).to_contain_text("session is not finished")
    expect(page.locator("#player-start")).to_have_count(0)
    screenshot(page, "unfinished-1-choice")
    page.click("text=End it and start again")

    expect(page.locator("#player-start")).to_be_visible()
    expect(page.locator("#player-start")).to_contain_text("session has ended")
    page.click("text=Start the session")
    live = page.locator("#player-live")
    expect(live).to_be_visible()
    new_id = page.locator("#player").get_attribute("data-session-id")
    assert new_id != old_id
    # Nothing about the old session stays on screen while the new one plays.
    expect(page.get_by_text("not finished")).to_have_count(0)
    expect(page.get_by_text("session has ended")).to_be_hidden()
    screenshot(page, "unfinished-2-new-session-playing")

    status, history = browser_fetch(page, "GET", "/api/v1/history")
    assert status == 200
    old = next(session for session in history if session["id"] == int(str(old_id)))
    assert old["ended_at"] is not None
    assert old["status"] == "partial"
    page.goto(server.url("/history"))
    expect(page.locator(f"#session-{old_id}").locator("xpath=..")).to_contain_text("Ended early")
