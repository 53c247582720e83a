"""With no connection: the app opens from what the service worker kept, a session starts and plays
on the phone, its steps wait there, and each reaches the server exactly once when it returns."""

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.conftest import Server, browser_fetch
from tests.e2e.test_isolation import sign_up
from tests.e2e.test_resume import RUNNER

pytestmark = pytest.mark.e2e

TIME_SCALE = 0.02
SHOTS = Path("/work/shots/issue-17-pwa")
KEPT = """async (url) => Boolean(await caches.match(url))"""
PLAN_KEPT = """async () => {
  const kept = await caches.match("/plan");
  return kept ? (await kept.text()).includes("plan-item") : false;
}"""


def kept_within(page: Page, url: str, *, seconds: float) -> None:
    """Wait until the service worker's caches hold `url` (caches.match is async, so poll)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(KEPT, url):
        assert time.monotonic() < deadline, f"{url} was not kept"
        time.sleep(0.2)


def shoot(page: Page, name: str) -> None:
    """The player with the line that says where the steps are, for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#player-sync").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_a_session_played_offline_is_stored_once_when_back_online(
    start_server: Callable[..., Server], browser: Browser
) -> None:
    server = start_server()
    # A real http://127.0.0.1 origin is a secure context, so the service worker runs.
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="allow")
    context.set_default_timeout(20_000)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    player_url = server.url(f"/session?time_scale={TIME_SCALE}")
    page.goto(player_url)
    assert browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    # The first visit under the worker: it keeps this page and the plan's days.
    page.reload()
    for url in (f"/api/v1/plan/session-days?time_scale={TIME_SCALE}", player_url):
        kept_within(page, url, seconds=10)

    # The plan kept is the plan in force (the worker fetched the person's pages again).
    deadline = time.monotonic() + 10
    while not page.evaluate(PLAN_KEPT):
        assert time.monotonic() < deadline, "the plan in force was not kept"
        time.sleep(0.2)

    context.set_offline(True)
    page.goto(server.url("/plan"))  # from the phone's copy, as every page below
    expect(page.locator(".plan-item").first).to_be_visible()
    page.goto(server.url("/exercises/boat-pose"))
    expect(page.locator("h1")).to_have_text("Boat pose")
    expect(page.locator("main img").first).to_have_js_property("complete", True)
    page.goto(player_url)
    expect(page.locator("h1")).to_have_text("Guided session")
    page.click("text=Start the session")
    expect(page.locator("#player-live")).to_be_visible()
    sync_line = page.locator("#player-sync")
    expect(sync_line).to_have_text("Saved on this phone; will sync when you're back online.")
    expect(sync_line).to_be_visible()
    expect(page.locator("#player-live img:visible")).to_have_count(1)
    shoot(page, "player-offline-360x640")
    page.set_viewport_size({"width": 1366, "height": 900})
    shoot(page, "player-offline-1366x900")
    page.set_viewport_size({"width": 360, "height": 640})

    expect(page.locator("#player-checkin")).to_be_visible(timeout=60_000)
    planned = int(page.locator('#player-live [data-field="steps"]').inner_text())
    page.fill("#pain-after", "1")
    page.click("text=Save and finish")
    expect(page.locator("#player-summary")).to_be_visible()
    expect(page.locator('#player-summary [data-field="done"]')).to_have_text(
        f"{planned} of {planned} (completed)"
    )
    expect(sync_line).to_contain_text("Saved on this phone")
    expect(sync_line).to_be_visible()
    shoot(page, "player-offline-summary-360x640")

    context.set_offline(False)
    expect(sync_line).to_have_text("Saved on the server.")
    status, history = browser_fetch(page, "GET", "/api/v1/history")
    assert status == 200
    [session] = history  # the start reached the server once
    assert (session["steps_done"], session["steps_planned"]) == (planned, planned)
    assert (session["status"], session["pain_after"]) == ("completed", 1)
    with sqlite3.connect(server.home / "psoas.sqlite3") as database:
        rows = database.execute(
            "SELECT step_index, count(*) FROM session_steps WHERE session_id = ? "
            "GROUP BY step_index ORDER BY step_index",
            (session["id"],),
        ).fetchall()
        sessions = database.execute("SELECT count(*) FROM sessions").fetchone()[0]
    assert rows == [(index, 1) for index in range(planned)]
    assert sessions == 1
    # Nothing waits on the phone any more.
    assert page.evaluate("window.PsoasOffline.pending()") == 0
    assert errors == []
    context.close()


CACHE_NAMES = "async () => (await caches.keys()).filter(name => name.startsWith('psoas-pages-'))"
STORES = "async () => (await indexedDB.databases()).map(db => db.name)"


def test_each_persons_offline_copy_is_their_own_and_goes_at_sign_out(
    start_server: Callable[..., Server], browser: Browser
) -> None:
    server = start_server(multi_user=True)
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="allow")
    context.set_default_timeout(20_000)
    page = sign_up(context, server, "ann")
    key = page.locator('meta[name="psoas-offline"]').get_attribute("content")
    assert key
    assert browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    page.goto(server.url("/session"))
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    kept_within(page, "/session", seconds=10)
    names = page.evaluate(CACHE_NAMES)
    assert names
    assert all(name.startswith(f"psoas-pages-{key}-") for name in names), names
    # A step kept on this phone (no connection), so the person's store exists.
    context.set_offline(True)
    page.click("text=Start the session")
    expect(page.locator("#player-sync")).to_contain_text("Saved on this phone")
    assert f"psoas-offline-{key}" in page.evaluate(STORES)
    page.keyboard.press("q")
    context.set_offline(False)
    expect(page.locator("#player-sync")).to_have_text("Saved on the server.")

    page.goto(server.url("/account"))
    page.click('button:has-text("Sign out")')
    page.wait_for_url(server.url("/login"))
    assert page.evaluate(CACHE_NAMES) == []
    assert f"psoas-offline-{key}" not in page.evaluate(STORES)
    context.close()


GONE = """async (urls) => (await Promise.all(urls.map(url => caches.match(url)))).every(f => !f)"""


def test_a_new_answer_drops_the_kept_plan_and_a_download_is_never_kept(
    start_server: Callable[..., Server], browser: Browser
) -> None:
    """A warning sign given online must stop an offline start too; and the data export (JSON
    with everything the person recorded) is a download, not a page to keep."""
    server = start_server()
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="allow")
    context.set_default_timeout(20_000)
    page = context.new_page()
    player_url = f"/session?time_scale={TIME_SCALE}"
    days_url = f"/api/v1/plan/session-days?time_scale={TIME_SCALE}"
    page.goto(server.url(player_url))
    assert browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()
    for url in (days_url, player_url):
        kept_within(page, url, seconds=10)

    with page.expect_download():
        page.evaluate("location.href = '/data/export.json'")
    assert page.evaluate(GONE, ["/data/export.json"])

    with_fever = {**RUNNER, "red_flags": ["fever"]}
    assert browser_fetch(page, "PUT", "/api/v1/profile", with_fever)[0] == 200
    page.wait_for_function(GONE, arg=[days_url, player_url, "/plan", "/"])
    context.set_offline(True)
    page.goto(server.url(player_url))
    expect(page.locator("h1")).to_have_text("No connection")
    context.close()


def test_a_step_that_waited_on_the_phone_is_not_overtaken_by_the_finish(
    start_server: Callable[..., Server], browser: Browser
) -> None:
    """The first step gets no answer (the player's retry and the phone's resends included)
    until the session is over, so it waits on the phone; every write after it queues behind it,
    so the finish cannot close the session on the server before that step lands."""
    server = start_server()
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="allow")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(server.url("/"))
    assert browser_fetch(page, "PUT", "/api/v1/profile", RUNNER)[0] == 200
    dropped: list[str] = []
    back = threading.Event()  # set: the first step's address answers again

    def first_step_lost_until_the_end(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        if body.get("step_index") == 0 and not back.is_set():
            dropped.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/api/v1/sessions/*/steps", first_step_lost_until_the_end)
    page.goto(server.url(f"/session?time_scale={TIME_SCALE}"))
    page.click("text=Start the session")
    expect(page.locator("#player-checkin")).to_be_visible(timeout=60_000)
    planned = int(page.locator('#player-live [data-field="steps"]').inner_text())
    page.click("text=Save and finish")
    expect(page.locator("#player-summary")).to_be_visible()
    back.set()
    page.evaluate("window.PsoasOffline.sync()")  # as the "online" event or the 30 s retry would
    page.wait_for_function("async () => (await window.PsoasOffline.pending()) === 0")
    assert len(dropped) >= 2
    [session] = browser_fetch(page, "GET", "/api/v1/history")[1]
    assert (session["steps_done"], session["status"]) == (planned, "completed")
    context.close()
