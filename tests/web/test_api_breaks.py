"""The break-reminder API: settings, a page keeping the count, answers, stats, and who may do
what: a plan on hold and a live desktop reminder refuse a start, and people see only their own."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from psoas.services import breaks
from tests.web.breaks_support import (
    LONDON,
    breaks_client,
    desktop_timer,
    put_on_hold,
    sit,
    stored,
)
from tests.web.conftest import MakeClient, csrf, save_profile
from tests.web.progress_support import DESK, Clock
from tests.web.test_isolation import signed_in

SETTINGS_DEFAULTS = {
    "mode": "desk",
    "desk_interval_min": None,
    "drive_interval_min": None,
    "working_hours": {"start": "08:00", "end": "18:00"},
    "working_days": [0, 1, 2, 3, 4],
    "quiet_hours": {"start": "22:00", "end": "07:00"},
    "idle_break_min": 5,
    "snooze_cap_min": 20,
}


@pytest.fixture
def client_and_clock(make_client: MakeClient) -> tuple[TestClient, Clock]:
    return breaks_client(make_client)


def start(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/breaks/start", json={"time_zone": LONDON, **body})
    assert response.status_code == 200, response.text
    started: dict[str, Any] = response.json()
    return started


def answer(client: TestClient, status: int = 200, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/breaks/answer", json={"time_zone": LONDON, **body})
    assert response.status_code == status, response.text
    answered: dict[str, Any] = response.json()
    return answered


def test_settings_change_only_the_fields_sent(client_and_clock: tuple[TestClient, Clock]) -> None:
    client, _ = client_and_clock
    assert client.get("/api/v1/breaks/settings").json() == SETTINGS_DEFAULTS
    changes = {
        "desk_interval_min": 45,
        "working_hours": None,
        "working_days": [4, 0, 2],
        "quiet_hours": {"start": "21:30", "end": "06:45:00"},
    }
    response = client.put("/api/v1/breaks/settings", json=changes)
    assert response.status_code == 200, response.text
    expected = {
        **SETTINGS_DEFAULTS,
        **changes,
        "working_days": [0, 2, 4],
        "quiet_hours": {"start": "21:30", "end": "06:45"},
    }
    assert response.json() == expected
    assert client.get("/api/v1/breaks/settings").json() == expected
    assert client.get("/api/v1/breaks").json()["settings"] == expected
    # null puts the cited default back; what is not sent stays.
    back = client.put("/api/v1/breaks/settings", json={"desk_interval_min": None}).json()
    assert back == {**expected, "desk_interval_min": None}


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"desk_interval_min": 10}, ["body", "desk_interval_min"]),
        ({"drive_interval_min": 150}, ["body", "drive_interval_min"]),
        ({"desk_interval_min": "45"}, ["body", "desk_interval_min"]),
        ({"idle_break_min": True}, ["body", "idle_break_min"]),
        ({"mode": "car"}, ["body", "mode"]),
        ({"working_days": [1, 1]}, ["body", "working_days"]),
        ({"working_days": [7]}, ["body", "working_days", 0]),
        ({"working_hours": {"start": "08:00", "end": "08:00"}}, ["body", "working_hours"]),
        ({"quiet_hours": {"start": "22:00+01:00", "end": "07:00"}}, ["body", "quiet_hours"]),
        ({"snooze_cap": 10}, ["body", "snooze_cap"]),
    ],
)
def test_bad_settings_are_refused_naming_the_field(
    client_and_clock: tuple[TestClient, Clock], changes: dict[str, Any], loc: list[Any]
) -> None:
    client, _ = client_and_clock
    response = client.put("/api/v1/breaks/settings", json={"snooze_cap_min": 30, **changes})
    assert response.status_code == 422, response.text
    assert [problem["loc"][: len(loc)] for problem in response.json()["detail"]] == [loc]
    assert client.get("/api/v1/breaks/settings").json() == SETTINGS_DEFAULTS  # nothing saved


def test_a_reminder_comes_after_the_interval_and_each_answer_counts(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    started = start(client)
    assert started["state"] == "running-browser"
    assert started["page_keeps_count"] is True
    assert (started["mode"], started["interval_min"], started["sitting_min"]) == ("desk", 60, 0)
    assert started["next_reminder_at"] == "2026-11-16T10:00:00Z"
    assert any(line.startswith("Clock only") for line in started["lines"])

    before = sit(client, clock, 59)
    assert before["shown"] == []
    assert before["reminder"] is None
    assert before["sitting_min"] == 59

    due = sit(client, clock, 1)
    assert due["shown"] == [True]
    reminder = due["reminder"]
    assert reminder["title"] == "Time to stand up"
    assert reminder["sitting_min"] == 60
    assert reminder["stretch"]["name"] in reminder["body"]
    assert reminder["snooze_choices_min"] == due["snooze_choices_min"] == [5, 10, 15]
    # Still showing a minute later, but not newly: the page does not notify twice.
    later = sit(client, clock, 1)
    assert later["shown"] == []
    assert later["reminder"] == {**reminder, "sitting_min": 61, "body": later["reminder"]["body"]}
    assert client.get("/api/v1/breaks").json()["reminder"]["title"] == "Time to stand up"

    snoozed = answer(client, action="snooze", snooze_min=15)
    assert snoozed["message"] == "Snoozed 15 minutes: the reminder comes back at 10:16."
    assert snoozed["reminder"] is None
    again = sit(client, clock, 15)
    assert again["shown"] == [True]
    # 15 of the 20-minute cap are used: only 5 more are offered, and 10 is refused.
    assert again["snooze_choices_min"] == [5]
    refused = answer(client, 422, action="snooze", snooze_min=10)
    assert refused["detail"][0]["loc"] == ["body", "snooze_min"]
    assert "snooze choices: 5" in refused["detail"][0]["msg"]

    done = answer(client, action="done")
    assert done["message"] == "Break recorded. Next reminder at 11:16 if you sit that long."
    assert done["reminder"] is None
    assert done["sitting_min"] == 0
    today = {"day": "2026-11-16", "prompted": 2, "taken": 1, "natural": 0, "snoozed": 1}
    assert done["today"] == {**today, "skipped": 0}
    assert "Today: 2 reminders, 1 taken, 0 natural, 1 snoozed, 0 skipped." in done["lines"]


def test_skip_and_done_without_a_reminder(client_and_clock: tuple[TestClient, Clock]) -> None:
    client, clock = client_and_clock
    assert answer(client, 409, action="done")["detail"].startswith("break reminders are not")
    start(client)
    assert answer(client, 409, action="skip")["detail"] == (
        "there is no reminder to skip; none is showing"
    )
    # A break taken unasked is recorded as a natural one.
    assert answer(client, action="done")["today"]["natural"] == 1
    sit(client, clock, 60)
    skipped = answer(client, action="skip")
    assert skipped["message"] == "Skipped. Next reminder at 11:00."
    assert skipped["today"]["skipped"] == 1


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"action": "snooze"}, ["body", "snooze_min"]),
        ({"action": "done", "snooze_min": 5}, ["body", "snooze_min"]),
        ({"action": "snooze", "snooze_min": 7}, ["body", "snooze_min"]),
        ({"action": "later"}, ["body", "action"]),
        ({"action": "done", "time_zone": "Mars/Olympus"}, ["body", "time_zone"]),
    ],
)
def test_bad_answers_name_the_field(
    client_and_clock: tuple[TestClient, Clock], body: dict[str, Any], loc: list[str]
) -> None:
    client, _ = client_and_clock
    start(client)
    response = client.post("/api/v1/breaks/answer", json=body)
    assert response.status_code == 422, response.text
    assert [problem["loc"] for problem in response.json()["detail"]] == [loc]


def test_times_and_hours_are_the_browsers_time_zone(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, _ = client_and_clock
    # Monday 09:00 UTC is 10:00 in Paris: inside working hours, times given with the offset.
    paris = start(client, time_zone="Europe/Paris")
    assert paris["time_zone"] == "Europe/Paris"
    assert paris["next_reminder_at"] == "2026-11-16T11:00:00+01:00"
    assert "Next reminder at 11:00." in paris["lines"]
    # 04:00 in New York is inside the quiet hours; 18:00 in Tokyo is after working hours.
    for zone in ("America/New_York", "Asia/Tokyo"):
        tick = client.post("/api/v1/breaks/tick", json={"time_zone": zone}).json()
        assert tick["off_hours"] is True, zone
        assert "Outside your reminder hours: the count starts when they begin." in tick["lines"]
    unknown = client.post("/api/v1/breaks/tick", json={"time_zone": "Europe/Atlantis"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "time_zone"]
    assert "IANA" in unknown.json()["detail"][0]["msg"]
    query = client.get("/api/v1/breaks", params={"time_zone": "../etc/passwd"})
    assert query.status_code == 422
    assert query.json()["detail"][0]["loc"] == ["query", "time_zone"]


def test_a_page_closed_longer_than_the_idle_minutes_starts_the_count_again(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    start(client)
    sit(client, clock, 40)
    clock.now += timedelta(minutes=6)  # nobody ticked: the page was closed, or the laptop slept
    status = client.get("/api/v1/breaks").json()
    assert any(line.startswith("Nobody has looked since 09:40") for line in status["lines"])
    restarted = sit(client, clock, 1)
    assert restarted["sitting_min"] == 0
    assert restarted["next_reminder_at"] == "2026-11-16T10:47:00Z"


def test_drive_mode_keeps_its_own_interval_bounds(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    response = client.post("/api/v1/breaks/start", json={"mode": "drive", "interval_minutes": 20})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "interval_minutes"]
    assert "drive mode allows 30-120 minutes" in problem["msg"]
    drive = start(client, mode="drive")
    assert (drive["mode"], drive["interval_min"]) == ("drive", 120)
    due = sit(client, clock, 120)
    assert due["shown"] == [True]
    assert due["reminder"]["title"] == "Plan a stop"
    assert "Never stretch while driving" in due["reminder"]["body"]


def test_start_is_refused_while_the_plan_is_on_hold(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, _ = client_and_clock
    reason = put_on_hold(client)
    response = client.post("/api/v1/breaks/start", json={})
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Break reminders stay off while your plan is on hold for warning signs: " + reason
    )
    assert client.get("/api/v1/breaks").json()["state"] == "stopped"


def test_a_live_desktop_reminder_keeps_the_count_and_the_page_only_reads_it(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    desktop_timer(client, clock)
    refused = client.post("/api/v1/breaks/start", json={"mode": "drive"})
    assert refused.status_code == 409
    assert "already run on your desktop" in refused.json()["detail"]
    version = stored(client).version

    clock.now += timedelta(minutes=2)
    tick = client.post("/api/v1/breaks/tick", json={}).json()
    assert (tick["state"], tick["page_keeps_count"], tick["show"]) == (
        "running-desktop",
        False,
        None,
    )
    assert "Idle and screen lock are read from: a test double." in tick["lines"]
    assert stored(client).version == version  # the page did not move the desktop's timer
    assert stored(client).driver == "desktop"

    # Not heard from for longer than its longest quiet spell (a sign of life every 10 minutes)
    # and a margin: the page keeps the count, without pretending to be the desktop (its
    # heartbeat stays as the desktop left it).
    clock.now += breaks.DESKTOP_SILENT_AFTER
    heartbeat = stored(client).heartbeat_at
    silent = client.post("/api/v1/breaks/tick", json={}).json()
    assert (silent["state"], silent["page_keeps_count"]) == ("desktop-silent", True)
    assert any("has not been heard from since 09:00" in line for line in silent["lines"])
    assert stored(client).version == version + 1
    assert stored(client).heartbeat_at == heartbeat
    # ... and a start from the page may now replace it.
    assert start(client)["state"] == "running-browser"
    assert stored(client).driver == "browser"


def test_answers_and_stop_reach_a_desktop_reminder(
    client_and_clock: tuple[TestClient, Clock],
) -> None:
    client, clock = client_and_clock
    desktop_timer(client, clock)
    assert answer(client, action="done")["state"] == "running-desktop"
    stopped = client.post("/api/v1/breaks/stop").json()
    assert stopped["state"] == "stopped"
    assert stopped["lines"][0] == "Break reminders are not running."
    # The desktop process finds its timer gone at its next step, and ends.
    assert client.post("/api/v1/breaks/tick", json={}).json()["state"] == "stopped"


def test_without_a_check_in_there_is_no_plan_to_remind_from(make_client: MakeClient) -> None:
    client = make_client()
    client.headers["x-csrf-token"] = csrf(client)
    response = client.post("/api/v1/breaks/start", json={})
    assert response.status_code == 404
    assert response.json()["detail"] == "profile not found"
    assert client.get("/api/v1/breaks").json()["state"] == "stopped"
    assert client.post("/api/v1/breaks/tick", json={}).json()["state"] == "stopped"
    assert client.put("/api/v1/breaks/settings", json={"mode": "drive"}).status_code == 200


def test_stats_per_day_newest_first(client_and_clock: tuple[TestClient, Clock]) -> None:
    client, clock = client_and_clock
    start(client)
    sit(client, clock, 60)
    answer(client, action="done")
    rows = client.get("/api/v1/breaks/stats", params={"days": 3, "time_zone": LONDON}).json()
    assert [row["day"] for row in rows] == ["2026-11-16", "2026-11-15", "2026-11-14"]
    assert rows[0] == {
        "day": "2026-11-16",
        "prompted": 1,
        "taken": 1,
        "natural": 0,
        "snoozed": 0,
        "skipped": 0,
    }
    # Seen from Tokyo it is already 20:00, and still the same day.
    assert client.get("/api/v1/breaks/stats", params={"time_zone": "Asia/Tokyo"}).json()[0][
        "day"
    ] == ("2026-11-16")
    assert len(client.get("/api/v1/breaks/stats").json()) == 7
    for days in (0, 367, "a"):
        assert client.get("/api/v1/breaks/stats", params={"days": days}).status_code == 422


def test_people_see_and_answer_only_their_own_reminders(make_client: MakeClient) -> None:
    clock = Clock()
    server = make_client(multi_user=True, clock=clock)
    ada, bob = signed_in(server, "ada"), signed_in(server, "bob")
    for person in (ada, bob):
        save_profile(person, DESK)
    assert ada.put("/api/v1/breaks/settings", json={"desk_interval_min": 30}).status_code == 200
    assert bob.get("/api/v1/breaks/settings").json() == SETTINGS_DEFAULTS
    assert start(ada)["interval_min"] == 30
    assert sit(ada, clock, 30)["shown"] == [True]

    # Bob has no timer of his own, and nothing he does reaches Ada's.
    bob_status = bob.get("/api/v1/breaks").json()
    assert (bob_status["state"], bob_status["reminder"]) == ("stopped", None)
    assert bob.post("/api/v1/breaks/tick", json={}).json()["state"] == "stopped"
    assert answer(bob, 409, action="done")["detail"].startswith("break reminders are not")
    assert bob.post("/api/v1/breaks/stop").json()["state"] == "stopped"
    assert bob.get("/api/v1/breaks/stats", params={"days": 1}).json()[0]["prompted"] == 0
    ada_status = ada.get("/api/v1/breaks").json()
    assert (ada_status["state"], ada_status["reminder"]["title"]) == (
        "running-browser",
        "Time to stand up",
    )
    # Bob's own start is his alone.
    assert start(bob)["interval_min"] == 60
    assert answer(ada, action="done")["today"]["taken"] == 1
    assert bob.get("/api/v1/breaks").json()["today"]["taken"] == 0
    signed_out = TestClient(server.app, base_url="https://localhost")
    assert signed_out.get("/api/v1/breaks").status_code == 401


def test_openapi_documents_the_break_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    answers = {
        ("/api/v1/breaks", "get"): "BreakStatus",
        ("/api/v1/breaks/settings", "get"): "BreakSettingsOut",
        ("/api/v1/breaks/settings", "put"): "BreakSettingsOut",
        ("/api/v1/breaks/start", "post"): "BreakStatus",
        ("/api/v1/breaks/tick", "post"): "TickResult",
        ("/api/v1/breaks/answer", "post"): "AnswerResult",
        ("/api/v1/breaks/stop", "post"): "BreakStatus",
    }
    for (path, method), model in answers.items():
        schema = paths[path][method]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": f"#/components/schemas/{model}"}, (path, method)
    assert "409" in paths["/api/v1/breaks/start"]["post"]["responses"]
    assert "422" in paths["/api/v1/breaks/settings"]["put"]["responses"]
    days = next(
        p for p in paths["/api/v1/breaks/stats"]["get"]["parameters"] if p["name"] == "days"
    )
    assert (days["schema"]["minimum"], days["schema"]["maximum"]) == (1, 366)
