"""The /breaks page without JavaScript (every control a form), and break counts in the history."""

import html as markup
import itertools
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from psoas.web.static_files import static_url
from tests.page_text import error_summary
from tests.web.breaks_support import LONDON, breaks_client, desktop_timer, put_on_hold, sit
from tests.web.conftest import MakeClient, csrf, main_of
from tests.web.progress_support import Clock
from tests.web.test_isolation import signed_in

SETTINGS_FORM = {
    "mode": "desk",
    "desk_interval_min": "",
    "drive_interval_min": "90",
    "working_hours_start": "07:30",
    "working_hours_end": "16:00",
    "working_days": ["0", "1", "2", "3"],
    "quiet_hours_start": "",
    "quiet_hours_end": "",
    "idle_break_min": "10",
    "snooze_cap_min": "15",
}


@pytest.fixture
def client_and_clock(make_client: MakeClient) -> tuple[TestClient, Clock]:
    return breaks_client(make_client)


def post(client: TestClient, path: str, **form: Any) -> Any:
    """A form as the browser sends it (the hidden CSRF field), following the redirect."""
    return client.post(path, data={"csrf_token": csrf(client), **form})


def field_errors(html: str) -> dict[str, str]:
    """Each form field's error message, by field id."""
    found = re.findall(r'<p class="field-error" id="error-([^"]+)">(.*?)</p>', html, re.S)
    return {
        key: markup.unescape(re.sub(r"<[^>]+>|\s+", " ", text).replace(" Error: ", "").strip())
        for key, text in found
    }


def shown(html: str, element_id: str) -> bool:
    tag = re.search(rf'<[^>]*\bid="{element_id}"[^>]*>', html)
    assert tag is not None, element_id
    return " hidden" not in tag.group(0)


def snooze_buttons(html: str) -> list[int]:
    """The snooze minutes offered (the buttons not hidden)."""
    buttons = re.findall(r'<button[^>]*value="snooze-(\d+)"[^>]*>', html)
    tags = re.findall(r'<button[^>]*value="snooze-\d+"[^>]*>', html)
    return [int(m) for m, tag in zip(buttons, tags, strict=True) if " hidden" not in tag]


def test_the_page_shows_status_controls_the_drive_note_and_a_fortnight(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, _ = client_and_clock
    response = client.get("/breaks")
    assert response.status_code == 200
    # In the site navigation, marked as the page you are on.
    assert '<a href="/breaks" aria-current="page">Breaks</a>' in response.text
    html = main_of(response.text)
    assert "Break reminders are not running." in html
    assert shown(html, "break-reminder") is False
    assert 'action="/breaks/start"' in html
    assert '<button type="submit" name="mode" value="drive"' in html
    assert "never asks you to stretch while" in html
    # No day had anything to count: a sentence, not fourteen rows of zeros.
    assert '<tr id="break-day-' not in html
    assert "No reminders and no breaks in the last 14 days." in html


def start_and_stop_forms(html: str) -> tuple[bool, bool]:
    """Whether the Start buttons and the Stop button are shown."""
    forms = {
        action: " hidden" not in tag
        for tag, action in re.findall(r'(<form[^>]*action="/breaks/(start|stop)"[^>]*>)', html)
    }
    return forms["start"], forms["stop"]


def test_the_controls_match_the_state(client_and_clock: tuple[TestClient, Clock]) -> None:
    client, clock = client_and_clock
    assert start_and_stop_forms(main_of(client.get("/breaks").text)) == (True, False)
    post(client, "/breaks/start", mode="desk")
    html = main_of(client.get("/breaks").text)
    assert "Break reminders are running in a web page" in html
    assert start_and_stop_forms(html) == (False, True)  # Stop, not both Starts beside it
    sit(client, clock, 60)
    post(client, "/breaks/answer", answer="done")
    html = main_of(client.get("/breaks").text)
    assert start_and_stop_forms(html) == (False, True)
    # The day with a reminder is the one row of the table.
    assert html.count('<tr id="break-day-') == 1
    assert '<tr id="break-day-2026-11-16">' in html
    post(client, "/breaks/stop")
    assert start_and_stop_forms(main_of(client.get("/breaks").text)) == (True, False)


def test_headings_are_whole_words_and_settings_fold_away(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    post(client, "/breaks/start", mode="desk")
    sit(client, clock, 60)
    html = main_of(client.get("/breaks").text)
    headings = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert headings == ["Day", "Reminders", "Taken", "Natural", "Snoozed", "Skipped"]
    assert "&shy;" not in html
    # Closed until there is something to fix.
    assert '<details class="break-settings-box">' in html
    bad = post(client, "/breaks/settings", **{**SETTINGS_FORM, "idle_break_min": "99"})
    assert '<details class="break-settings-box" open>' in main_of(bad.text)
    # Deferred scripts run in page order: the shared API client before breaks.js, which uses it.
    scripts = re.findall(r'<script src="(/static/[^"]+)" defer></script>', html)
    assert scripts == [static_url("api_client.js"), static_url("breaks.js")]
    for path in scripts:
        assert client.get(path).status_code == 200, path
    # The settings as stored: defaults, with the cited intervals as placeholders.
    assert 'id="mode-desk" name="mode" value="desk" checked' in html
    assert 'id="working_hours_start" name="working_hours_start" value="08:00"' in html
    assert 'placeholder="60"' in html


def test_settings_are_saved_by_the_form(client_and_clock: tuple[TestClient, Clock]) -> None:
    client, _ = client_and_clock
    response = post(client, "/breaks/settings", **SETTINGS_FORM)
    assert response.status_code == 200
    assert str(response.url).endswith("/breaks?saved=settings")
    assert "Your settings are saved." in response.text
    assert client.get("/api/v1/breaks/settings").json() == {
        "mode": "desk",
        "desk_interval_min": None,
        "drive_interval_min": 90,
        "working_hours": {"start": "07:30", "end": "16:00"},
        "working_days": [0, 1, 2, 3],
        "quiet_hours": None,
        "idle_break_min": 10,
        "snooze_cap_min": 15,
    }
    html = main_of(client.get("/breaks").text)
    assert 'id="drive_interval_min" name="drive_interval_min" value="90"' in html
    assert 'id="working_days-3" name="working_days" value="3" checked' in html
    assert 'id="working_days-4" name="working_days" value="4">' in html


def test_bad_settings_come_back_with_each_fields_problem_and_nothing_saved(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, _ = client_and_clock
    before = client.get("/api/v1/breaks/settings").json()
    bad = {
        **SETTINGS_FORM,
        "desk_interval_min": "5",
        "drive_interval_min": "soon",
        "working_hours_end": "",
        "quiet_hours_start": "23:00",
        "quiet_hours_end": "23:00",
        "idle_break_min": "",
        "mode": "bus",
    }
    response = post(client, "/breaks/settings", **bad)
    assert response.status_code == 422
    html = main_of(response.text)
    expected = {
        "mode": "Mode when you start without choosing: choose desk or drive.",
        "desk_interval_min": "Desk interval must be at least 15 minutes; you wrote “5”.",
        "drive_interval_min": (
            "Drive interval needs a whole number of minutes, written in figures; you wrote “soon”."
        ),
        "working_hours": (
            "Working hours need a start and an end; or leave both empty for any time of day."
        ),
        "quiet_hours": "Quiet hours: start and end are the same time; the window would be empty.",
        "idle_break_min": "Idle minutes that count as a break: please fill this in.",
    }
    assert field_errors(html) == expected
    assert "Please check these settings (nothing is saved yet)" in html
    assert sorted(error_summary(html)) == sorted(expected.items())  # it takes focus, too
    assert 'id="desk_interval_min" name="desk_interval_min" value="5"' in html  # kept
    assert 'aria-invalid="true" aria-describedby="desk_interval_min-hint error-desk' in html
    assert client.get("/api/v1/breaks/settings").json() == before


def test_start_check_answer_and_stop_by_forms(client_and_clock: tuple[TestClient, Clock]) -> None:
    client, clock = client_and_clock
    started = post(client, "/breaks/start", mode="desk", time_zone="Europe/Paris")
    assert str(started.url).endswith("/breaks?saved=started&time_zone=Europe%2FParis")
    html = main_of(started.text)
    assert "Break reminders started." in html
    assert "Next reminder at 11:00." in html  # in Paris, which the form carried
    assert 'name="time_zone" value="Europe/Paris"' in html
    assert "Break reminders are running in a web page (desk mode, every 60 minutes)" in html
    assert 'action="/breaks/tick"' in html  # "Check now", inside <noscript>

    sit(client, clock, 56)  # as the script would have, minute by minute
    clock.now += timedelta(minutes=4)
    checked = main_of(post(client, "/breaks/tick", time_zone=LONDON).text)
    assert shown(checked, "break-reminder")
    assert "Time to stand up" in checked
    assert "A reminder is waiting since 10:00." in checked
    assert snooze_buttons(checked) == [5, 10, 15]

    snoozed = post(client, "/breaks/answer", answer="snooze-15", time_zone=LONDON)
    assert str(snoozed.url).endswith("/breaks?saved=snooze-15&time_zone=Europe%2FLondon")
    assert "Snoozed 15 minutes: the reminder comes back at 10:15." in snoozed.text
    assert not shown(main_of(snoozed.text), "break-reminder")
    sit(client, clock, 15)
    assert snooze_buttons(main_of(client.get("/breaks").text)) == [5]  # the cap is 20

    refused = post(client, "/breaks/answer", answer="snooze-10")
    assert refused.status_code == 422
    assert "past the cap of 20 minutes" in refused.text
    done = post(client, "/breaks/answer", answer="done")
    assert "Break recorded. Next reminder at 11:15 if you sit that long." in done.text
    nothing = post(client, "/breaks/answer", answer="skip")
    assert nothing.status_code == 409
    assert "there is no reminder to skip; none is showing" in nothing.text
    html = main_of(post(client, "/breaks/stop").text)
    assert "Break reminders stopped." in html
    assert "Break reminders are not running." in html
    assert not shown(html, "break-reminder")
    row = re.search(r'<tr id="break-day-2026-11-16">.*?</tr>', html, re.S)
    assert row is not None
    counts = re.findall(r'data-kind="(\w+)">(\d+)<', row.group(0))
    assert counts == [
        ("prompted", "2"),
        ("taken", "1"),
        ("natural", "0"),
        ("snoozed", "1"),
        ("skipped", "0"),
    ]


def test_a_form_without_its_csrf_token_is_refused(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, _ = client_and_clock
    del client.headers["x-csrf-token"]
    for path, form in (("/breaks/start", {"mode": "desk"}), ("/breaks/stop", {})):
        assert client.post(path, data=form).status_code == 403
    assert client.get("/api/v1/breaks").json()["state"] == "stopped"


def test_a_plan_on_hold_refuses_a_start_with_its_reason(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, _ = client_and_clock
    reason = put_on_hold(client)
    response = post(client, "/breaks/start", mode="drive")
    assert response.status_code == 409
    html = main_of(response.text)
    assert "Break reminders stay off while your plan is on hold for warning signs" in html
    assert reason.split(".")[0] in html


def test_with_a_live_desktop_reminder_the_page_shows_it_and_offers_no_start(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    desktop_timer(client, clock)
    html = main_of(client.get("/breaks").text)
    assert "Break reminders are running on your desktop (desk mode, every 60 minutes)" in html
    start_form = re.search(r'<form[^>]*action="/breaks/start"[^>]*>', html)
    assert start_form is not None
    assert " hidden" in start_form.group(0)
    assert 'action="/breaks/tick"' not in html  # the desktop keeps the count, not the page
    response = post(client, "/breaks/start", mode="desk")
    assert response.status_code == 409
    assert "already run on your desktop" in response.text


def test_without_a_check_in_the_page_sends_you_to_it(make_client: MakeClient) -> None:
    client = make_client()
    html = main_of(client.get("/breaks").text)
    assert "There is no check-in yet" in html
    assert 'href="/check-in"' in html
    response = post(client, "/breaks/start", mode="desk")
    assert response.status_code == 409
    assert "Do the check-in first" in response.text


def test_the_page_has_one_h1_headings_in_order_labelled_inputs_and_no_inline_script(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    post(client, "/breaks/start", mode="desk")
    sit(client, clock, 60)  # the reminder panel shows, with its heading
    html = client.get("/breaks").text
    assert shown(main_of(html), "break-reminder")
    assert html.count("<h1") == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    for input_id in re.findall(r'<input(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id
    assert "<script>" not in html
    assert "style=" not in html


def test_history_shows_break_counts_on_days_that_had_any(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    html = main_of(client.get("/history").text)
    assert "No break reminders yet." in html
    assert "<table" not in html
    post(client, "/breaks/start", mode="desk")
    sit(client, clock, 60)
    post(client, "/breaks/answer", answer="skip")
    html = main_of(client.get("/history").text)
    assert "No break reminders yet." not in html
    assert html.count('<tr id="break-day-') == 1  # only the day with reminders
    row = re.search(r'<tr id="break-day-2026-11-16">.*?</tr>', html, re.S)
    assert row is not None
    assert re.findall(r'data-kind="(\w+)">(\d+)<', row.group(0)) == [
        ("prompted", "1"),
        ("taken", "0"),
        ("natural", "0"),
        ("snoozed", "0"),
        ("skipped", "1"),
    ]


def test_another_persons_reminders_stay_theirs(make_client: MakeClient) -> None:
    clock = Clock()
    server = make_client(multi_user=True, clock=clock)
    ada, bob = signed_in(server, "ada"), signed_in(server, "bob")
    ada.put("/api/v1/profile", json={"activities": ["desk-work"]})
    assert post(ada, "/breaks/start", mode="desk").status_code == 200
    assert "Break reminders are not running." in bob.get("/breaks").text
    post(bob, "/breaks/stop")
    assert "Break reminders are running in a web page" in ada.get("/breaks").text
    assert server.get("/breaks", follow_redirects=False).headers["location"] == (
        "/login?next=/breaks"
    )
