"""The progress pages: check-ins by form, runs by upload, the dashboard, and the plan changed."""

import re

from fastapi.testclient import TestClient

from psoas.catalogue import load_catalogue
from psoas.domain.profile import Profile
from psoas.services.planning import plan_for
from tests.page_text import error_summary
from tests.web.conftest import T0, MakeClient, csrf, main_of, save_profile
from tests.web.progress_support import (
    DESK,
    RUNNER,
    gpx,
    play_a_whole_session,
    sign_up,
    with_clock,
)

FIGURE = re.compile(r'<figure class="chart".*?</figure>', flags=re.S)


def form(client: TestClient, **fields: str | list[str]) -> dict[str, str | list[str]]:
    return {"csrf_token": csrf(client), **fields}


def log(client: TestClient, **fields: str | list[str]) -> str:
    """Post the check-in form; answer the page it leads to."""
    response = client.post(
        "/progress/check-in", data=form(client, **fields), follow_redirects=False
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"].startswith("/progress?logged=")
    return main_of(client.get(response.headers["location"]).text)


def test_a_check_in_by_form_is_saved_charted_and_its_activities_offered_again(
    client: TestClient,
) -> None:
    save_profile(client, DESK)
    page = main_of(client.get("/progress/check-in").text)
    assert f'value="{T0.date().isoformat()}"' in page  # the day defaults to today
    for flag in load_catalogue().screening.red_flags:
        assert flag.question in page  # the warning signs, worded as at screening
    assert 'name="thomas_left"' in page
    assert "a trend over weeks, not a diagnosis" in " ".join(page.split())

    shown = log(
        client,
        pain_now="3",
        **{"pain_during-sitting": "4", "psfs-0-activity": "Climbing stairs", "psfs-0-score": "5"},
        thomas_left="above",
        sitting_hours="7.5",
    )
    assert 'role="status"' in shown
    assert "Your check-in for Mon 16 Nov is saved" in shown
    assert "No change to your plan" in shown
    figures = FIGURE.findall(shown)
    assert len(figures) == 7
    for figure in figures:
        assert "<h3" in figure
        # Drawn for a wide column and for a phone's; charts.css shows the one that fits.
        for drawing, width in (("chart-wide", 640), ("chart-narrow", 320)):
            opening = rf'class="chart-image {drawing}" aria-hidden="true"><svg '
            assert re.search(opening + rf'[^>]*viewBox="0 0 {width} ', figure), drawing
        caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure, flags=re.S)
        assert caption is not None
        assert caption.group(1).strip()
    assert "Pain now went" in shown or "Pain now was 3" in shown or "3 on" in shown
    assert "Climbing stairs" in shown
    # Strict CSP: no inline style or script in the page.
    assert "style=" not in shown
    assert "<script" not in shown

    again = main_of(client.get("/progress/check-in").text)
    assert 'name="psfs-0-activity" maxlength="80" value="Climbing stairs"' in again
    [check_in] = client.get("/api/v1/check-ins").json()
    assert check_in["check_in"]["pain_during"]["sitting"] == 4
    assert check_in["check_in"]["psfs"] == [{"activity": "Climbing stairs", "score": 5}]
    assert check_in["check_in"]["thomas_left"] == "above"
    assert check_in["check_in"]["sitting_hours"] == 7.5
    # Last week's activity, offered again and left unscored, is not scored this time.
    offered = {"psfs-0-activity": "Climbing stairs", "psfs-0-offered": "Climbing stairs"}
    log(client, pain_now="2", **offered)
    assert client.get("/api/v1/check-ins").json()[-1]["check_in"]["psfs"] == []


def test_bad_answers_come_back_with_each_fields_problem_and_nothing_is_saved(
    client: TestClient,
) -> None:
    save_profile(client, DESK)
    fields = {
        "pain_now": "11",
        "psfs-0-activity": "Running",
        "psfs-0-score": "",
        "psfs-2-activity": "Stairs",
        "psfs-2-score": "12",
        "note": "kept as typed",
    }
    response = client.post("/progress/check-in", data=form(client, **fields))
    assert response.status_code == 422
    page = main_of(response.text)
    assert error_summary(page) == [
        ("pain_now", "Pain right now must be a whole number from 0 to 10; you wrote “11”."),
        ("psfs-0-score", "The score for activity 1 needs an answer."),  # a new activity
        (
            "psfs-2-score",
            "The score for activity 3 must be a whole number from 0 to 10; you wrote “12”.",
        ),
    ]
    for field in ("pain_now", "psfs-0-score", "psfs-2-score"):
        assert f'id="error-{field}"' in page  # beside the question too
    assert 'id="pain_now" name="pain_now" value="11"' in page
    assert 'value="Stairs"' in page
    assert "kept as typed" in page
    assert client.get("/api/v1/check-ins").json() == []

    future = client.post("/progress/check-in", data=form(client, pain_now="1", on="2999-01-01"))
    assert future.status_code == 422
    assert 'id="error-on"' in future.text
    [(target, sentence)] = error_summary(future.text)
    assert target == "on"
    assert sentence.startswith("The day this check-in is about: ")
    assert "in the future" in sentence
    assert client.get("/api/v1/check-ins").json() == []


def test_two_good_weeks_make_the_plan_harder_and_the_plan_page_says_why(
    make_client: MakeClient,
) -> None:
    client, clock = with_clock(make_client)
    save_profile(client, DESK)
    base = plan_for(Profile.model_validate(DESK))
    log(client, pain_now="1")
    play_a_whole_session(client)
    clock.day(8)
    play_a_whole_session(client)
    log(client, pain_now="1")
    clock.day(12)
    play_a_whole_session(client)
    clock.day(15)
    shown = log(client, pain_now="0")
    assert "Your plan changed" in shown
    assert "One step harder" in shown

    plan = client.get("/api/v1/plan").json()
    items = [item for phase in plan["phases"] for item in phase["items"]]
    before = [item for phase in base.phases for item in phase.items]
    assert all(item["change"] for item in items)
    assert [(i["sets"], i["seconds"], i["reps"]) for i in items] != [
        (i.sets, i.seconds, i.reps) for i in before
    ]
    page = main_of(client.get("/plan").text)
    assert page.count('<p class="change">') == len(items)
    assert "so one step harder" in page  # the reason, on each item
    assert 'href="/progress#changes"' in page
    # A new session plays the dose in force.
    started = client.post(
        "/api/v1/sessions", json={"day": 1}, headers={"X-CSRF-Token": csrf(client)}
    )
    in_force = {item["exercise"]: item for item in items}
    for step in started.json()["steps"]:
        item = in_force[step["exercise"]]
        assert (step["sets"], step["hold_s"], step["reps"]) == (
            item["sets"],
            item["seconds"],
            item["reps"],
        )
    history = main_of(client.get("/progress").text)
    assert 'id="changes"' in history
    assert history.count('class="card plan-change"') == len(items)
    # The progression rule is our choice, so the change says why in words.
    assert "Our choice, because" in history[history.index('id="changes"') :]
    assert 'href="/history#session-' in history  # the sessions it rests on


def test_a_warning_sign_stops_the_plan_until_a_check_in_without_it(
    make_client: MakeClient,
) -> None:
    client, clock = with_clock(make_client)
    save_profile(client, DESK)
    shown = log(client, pain_now="2", red_flags=["fever"])
    banner = shown[shown.index('id="stopped"') :]
    assert 'role="alert"' in shown[: shown.index('id="stopped"')][-200:]
    assert "Contact a doctor today" in banner
    assert "Plan stopped" in shown
    plan_page = main_of(client.get("/plan").text)
    assert 'data-status="urgent-care"' in plan_page
    assert 'href="/progress/check-in"' in plan_page
    assert client.get("/api/v1/plan").json()["status"] == "urgent-care"
    refused = client.post("/api/v1/sessions", json={}, headers={"X-CSRF-Token": csrf(client)})
    assert refused.status_code == 409

    clock.day(3)
    shown = log(client, pain_now="1")
    assert "Plan carries on" in shown
    assert 'id="stopped"' not in shown
    assert client.get("/api/v1/plan").json()["status"] == "ok"


def test_a_runner_uploads_a_run_and_sees_the_ladder_and_the_hill_flagged(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    log(client, pain_now="1", **{"pain_during-running": "1"})
    files = {"file": ("hill.gpx", gpx(climb_m=80), "application/gpx+xml")}
    response = client.post("/progress/runs", data=form(client), files=files, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = main_of(client.get(response.headers["location"]).text)
    assert "Your run of Mon 16 Nov is saved" in page
    run = page[page.index('id="runs"') :]
    assert re.search(r"2\.0\d km", run)
    assert "hilly" in run
    assert "Warning: hilly terrain, beyond what your running stage allowed" in run
    assert "unknown (counts as run)" in run  # the sport, which a GPX without <type> does not say
    assert "% " in run or "%<" in run  # the steepest stretch, in percent

    ladder = page[page.index('<ol class="ladder">') : page.index('id="runs"')]
    names = [stage.name for stage in load_catalogue().ladder.stages]
    positions = [ladder.index(name) for name in names]
    assert positions == sorted(positions)  # every stage, in order
    current = ladder[ladder.index('aria-current="step"') :]
    assert current.index("Walk-run on flat ground") < 200
    assert "since Mon 16 Nov" in current
    assert "✗" in current
    assert "days on this stage: needed at least" in current


def test_a_file_that_is_not_a_run_is_refused_and_nothing_is_stored(client: TestClient) -> None:
    save_profile(client, RUNNER)
    files = {"file": ("photo.gpx", b"\x89PNG\r\n\x1a\n not a run at all", "image/png")}
    response = client.post("/progress/runs", data=form(client), files=files)
    assert response.status_code == 422
    assert "photo.gpx" in main_of(response.text)
    assert 'role="alert"' in response.text
    assert client.get("/api/v1/progress").json()["runs"] == []
    missing = client.post("/progress/runs", data=form(client))
    assert missing.status_code == 422
    assert "Choose a GPX, TCX or FIT file" in missing.text


def test_without_a_check_in_the_progress_pages_point_to_it(client: TestClient) -> None:
    for path in ("/progress", "/progress/check-in"):
        page = main_of(client.get(path).text)
        assert 'href="/check-in"' in page
    refused = client.post("/progress/check-in", data=form(client, pain_now="1"))
    assert refused.status_code == 409
    assert client.get("/api/v1/check-ins").json() == []
    assert '<a href="/progress">Progress</a>' in client.get("/").text  # in the navigation


def test_each_person_sees_only_their_own_progress(make_client: MakeClient) -> None:
    server = make_client(multi_user=True)
    ada = sign_up(TestClient(server.app, base_url="https://localhost"), "ada")
    bob = sign_up(TestClient(server.app, base_url="https://localhost"), "bob")
    save_profile(ada, RUNNER)
    save_profile(bob, RUNNER)
    log(ada, pain_now="4", note="ada's secret note")
    files = {"file": ("ada-run.gpx", gpx(climb_m=10), "application/gpx+xml")}
    assert ada.post("/progress/runs", data=form(ada), files=files).status_code == 200

    bob_page = main_of(bob.get("/progress").text)
    assert "ada's secret note" not in bob_page
    assert "No runs in these weeks" in bob_page
    assert bob.get("/api/v1/check-ins").json() == []
    assert bob.get("/api/v1/progress").json()["runs"] == []
    assert "ada" not in bob.get("/data/export.json").text
    assert "ada's secret note" in ada.get("/data/export.json").text


def test_a_file_uploaded_twice_says_it_was_imported_before_and_stores_it_once(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    files = {"file": ("run.gpx", gpx(climb_m=5), "application/gpx+xml")}
    first = client.post("/progress/runs", data=form(client), files=files, follow_redirects=False)
    assert first.status_code == 303, first.text
    again = client.post("/progress/runs", data=form(client), files=files, follow_redirects=False)
    assert again.status_code == 303, again.text
    page = main_of(client.get(again.headers["location"]).text)
    assert "It was imported before (same start time and sport), so nothing was stored twice" in page
    assert len(client.get("/api/v1/progress").json()["runs"]) == 1
