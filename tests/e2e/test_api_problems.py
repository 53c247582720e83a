"""What the pages' scripts tell a person when the API refuses a request or does not answer, in a
real browser: static/api_client.js turns the server's problems into sentences, and each page
(breaks.js, player_api.js) keeps its own words for a sign-out, a bare status and no answer.

Real refusals come from the real server, reached by the page's own controls with a value the
form would never send; a sign-out, a bare status and a lost connection are stood in for with
Playwright's request routing, which the server cannot be made to do on cue.
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import Server, browser_fetch
from tests.e2e.test_breaks import DESK

pytestmark = pytest.mark.e2e

TICK = "**/api/v1/breaks/tick"
ANSWER = "**/api/v1/breaks/answer"
START = "**/api/v1/sessions"


def press(page: Page, value: str) -> None:
    """Submit the reminder's answer form by script with this button value (the panel is hidden
    while no reminder is due, so a click cannot reach it)."""
    page.evaluate(
        """value => {
          const form = document.getElementById("break-answer");
          const button = form.querySelector("button");
          button.value = value;
          form.requestSubmit(button);
        }""",
        value,
    )


def answered(status: int, body: str = "") -> Callable[[Route], None]:
    return lambda route: route.fulfill(status=status, body=body, content_type="application/json")


def test_the_breaks_page_shows_field_errors_refusals_and_lost_answers(
    start_server: Callable[..., Server], page: Page
) -> None:
    server = start_server()
    page.clock.install()
    page.goto(server.url("/breaks"))
    problem = page.locator("#break-problem")
    expect(page.locator("#break-notify")).to_be_visible()  # the script has run
    expect(problem).to_be_hidden()

    # 422 with FastAPI's field list: a sentence naming the field as the page does.
    press(page, "snooze-7")
    expect(problem).to_have_text("Snooze must be 5, 10 or 15.")
    # 409 with one sentence: capitalised, with a full stop.
    press(page, "skip")
    expect(problem).to_have_text("Break reminders are not running; start them first.")

    page.route(ANSWER, lambda route: route.abort())
    press(page, "done")
    expect(problem).to_have_text("The answer did not reach the server; please try again.")
    expect(page.locator('#break-answer button[value="skip"]')).to_be_enabled()

    # The minute tick: a bare status, a sign-out (its own words, whatever the detail), and no
    # answer at all; a good tick clears the line, and a 409 leaves the page as it was.
    for routed, shown in [
        (answered(503), "The server did not answer (status 503). It tries again in a minute."),
        (
            answered(401, '{"detail": "sign in first"}'),
            "You are signed out. Sign in again to keep the reminders.",
        ),
        (
            lambda route: route.abort(),
            "The server could not be reached; this page tries again in a minute.",
        ),
    ]:
        page.route(TICK, routed)
        page.clock.run_for(60_000)
        expect(problem).to_have_text(shown)
        page.unroute(TICK)
    page.clock.run_for(60_000)
    expect(problem).to_be_hidden()
    # Everything the line shows from here on is kept, so that the 409's effect (none) can be
    # checked once a later tick, answered after it, has visibly been handled.
    page.evaluate(
        """() => {
          const line = document.getElementById("break-problem");
          window.problemsShown = [];
          new MutationObserver(() => window.problemsShown.push(line.textContent))
            .observe(line, { childList: true, characterData: true, subtree: true });
        }"""
    )
    page.route(TICK, answered(409, '{"detail": "the break timer kept changing"}'))
    with page.expect_response(TICK):
        page.clock.run_for(60_000)
    page.unroute(TICK)
    bare = "The server did not answer (status 503). It tries again in a minute."
    page.route(TICK, answered(503))
    page.clock.run_for(60_000)
    expect(problem).to_have_text(bare)
    assert page.evaluate("window.problemsShown") == [bare]


def test_the_player_shows_field_errors_bare_statuses_and_no_connection(
    start_server: Callable[..., Server], page: Page
) -> None:
    server = start_server()
    page.goto(server.url("/"))
    assert browser_fetch(page, "PUT", "/api/v1/profile", DESK)[0] == 200
    page.goto(server.url("/session"))
    error = page.locator("#player-error")
    expect(page.locator("#player-start")).to_be_visible()

    # 422 with FastAPI's field list, from the real server: a day of the week that is not one.
    page.evaluate("document.querySelector('#day option:checked').value = '8'")
    page.click("text=Start the session")
    expect(error).to_have_text("Which day of your plan must be less than or equal to 7.")

    cases: list[tuple[Callable[[Route], None], str | re.Pattern[str]]] = [
        (answered(500), "The server answered 500. Try again in a moment."),
        (
            answered(401, '{"detail": "sign in first"}'),
            "You are signed out. Sign in again, then carry on from the Session page.",
        ),
        # No answer at all: the player tries to start on the phone (docs/offline.md), which
        # cannot for day 8 (or with no copy of the plan kept yet), and says so.
        (lambda route: route.abort(), re.compile(r"^No connection, and this phone")),
    ]
    for routed, shown in cases:
        page.route(START, routed)
        page.click("text=Start the session")
        expect(error).to_have_text(shown)
        page.unroute(START)
    expect(page.locator("#player-start button")).to_be_enabled()
