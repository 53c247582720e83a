"""Sitting-break reminders in a real browser: settings and start by the /breaks forms, the page's
minute tick, a browser notification, and the answer that closes it.

The real server's clock cannot be hurried (and should not be, for a test), and the shortest desk
interval is 15 minutes. So after starting by the page, the test starts the person's timer again
16 minutes in the past through the same service the page uses, on the server's database file; a
30-minute idle limit keeps those minutes counted as sitting. The page's own minute is hurried
with Playwright's clock, which fakes the browser's timers only.
"""

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.services import accounts, breaks
from psoas.services.progress import current_plan
from psoas.storage import create_engine_for
from tests.e2e.conftest import Server, browser_fetch, screenshot
from tests.e2e.test_isolation import PASSWORD, sign_up

pytestmark = pytest.mark.e2e

DESK: dict[str, Any] = {
    "activities": ["desk-work"],
    "goals": ["relieve-tightness"],
    "equipment": ["mat", "strap-or-towel"],
}
# Records each notification the page shows and closes, then lets the browser's own go ahead.
NOTIFICATION_SPY = """(() => {
  const Real = window.Notification;
  if (!Real) return;
  window.__notes = [];
  window.__closed = 0;
  class Spy extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notes.push({title, body: options.body, tag: options.tag});
    }
    close() { window.__closed += 1; super.close(); }
  }
  window.Notification = Spy;
})();"""


@pytest.fixture
def server_engine(start_server: Callable[..., Server]) -> Iterator[tuple[Server, Engine]]:
    server = start_server(multi_user=True)
    engine = create_engine_for(f"sqlite:///{server.home / 'psoas.sqlite3'}")
    yield server, engine
    engine.dispose()


def rewind(engine: Engine, username: str, minutes: int) -> None:
    """Start the person's browser timer again as if the page had started it `minutes` ago."""
    person = accounts.check_password(engine, username=username, password=PASSWORD)
    assert person is not None
    plan = current_plan(engine, Profile.model_validate(DESK), person_id=person)
    then = datetime.now().astimezone() - timedelta(minutes=minutes)
    breaks.start(engine, person_id=person, plan=plan, driver="browser", now=then)


def test_a_reminder_shows_as_a_notification_and_is_answered(
    server_engine: tuple[Server, Engine], new_context: Callable[[], BrowserContext]
) -> None:
    server, engine = server_engine
    context = new_context()
    context.grant_permissions(["notifications"], origin=server.base_url)
    context.add_init_script(NOTIFICATION_SPY)
    page: Page = sign_up(context, server, "cleo")
    assert browser_fetch(page, "PUT", "/api/v1/profile", DESK)[0] == 200
    page.clock.install()

    page.click("nav summary")  # the menu, on a phone
    page.click('nav a[href="/breaks"]')
    expect(page.locator("h1")).to_have_text("Sitting breaks")
    expect(page.locator("#break-notify-state")).to_contain_text("Browser notifications are on")
    expect(page.locator("#break-notify-on")).to_be_hidden()
    # Reminders at any hour on any day, so the test does not depend on when it runs.
    page.click("summary:has(#break-settings)")
    page.fill("#desk_interval_min", "15")
    for key in ("working_hours", "quiet_hours"):
        page.fill(f"#{key}_start", "")
        page.fill(f"#{key}_end", "")
    for day in range(7):
        page.check(f"#working_days-{day}")
    page.fill("#idle_break_min", "30")
    page.click("text=Save settings")
    expect(page.locator("#break-said")).to_have_text("Your settings are saved.")

    page.click("text=Start desk breaks")
    expect(page.locator("#break-said")).to_have_text("Break reminders started.")
    expect(page.locator("#break-lines")).to_contain_text("desk mode, every 15 minutes")
    expect(page.locator("#break-lines")).to_contain_text("Clock only")
    # The script put the browser's own time zone in the forms.
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    expect(page.locator('form[action="/breaks/stop"] input[name="time_zone"]')).to_have_value(zone)
    expect(page.locator("#break-reminder")).to_be_hidden()

    rewind(engine, "cleo", minutes=16)
    page.clock.run_for(60_000)  # the page's minute tick
    reminder = page.locator("#break-reminder")
    expect(reminder).to_be_visible()
    expect(reminder.locator("h2")).to_have_text("Time to stand up")
    expect(reminder).to_contain_text("Sitting for 16 minutes.")
    expect(reminder.locator('button[value="snooze-15"]')).to_be_visible()
    notes = page.evaluate("window.__notes")
    assert [(note["title"], note["tag"]) for note in notes] == [("Time to stand up", "psoas-break")]
    assert notes[0]["body"].startswith("Sitting for 16 minutes.")
    screenshot(page, "breaks-1-reminder")

    before = page.url
    page.click("text=Done: I took a break")
    expect(page.locator("#break-said")).to_contain_text("Break recorded. Next reminder at")
    expect(reminder).to_be_hidden()
    assert page.evaluate("window.__closed") == 1
    expect(page.locator("#break-lines")).to_contain_text("1 reminder, 1 taken")
    assert page.url == before  # answered by the script, without a reload

    page.click("nav summary")
    page.click('nav a[href="/history"]')
    row = page.locator("table.break-stats tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator('td[data-kind="prompted"]')).to_have_text("1")
    expect(row.locator('td[data-kind="taken"]')).to_have_text("1")
    # All six columns fit the 360 px phone screen: no sideways scrolling to see the skips.
    table = page.locator("table.break-stats")
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    screenshot(page, "breaks-2-history")
