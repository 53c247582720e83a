"""The session page: what it offers for each state of the person's plan, before any script runs.

The player itself (timers, reports, the end check-in) runs in the browser: tests/e2e.
"""

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from psoas.services.sessions import pain_referral
from psoas.web.static_files import static_url
from tests.web.conftest import MakeClient, csrf, main_of, save_profile
from tests.web.test_pages_plan import DESK_WORKER

RUNNER: dict[str, Any] = {
    "activities": ["desk-work", "running"],
    "pain_now": 2,
    "equipment": ["mat", "foam-roller", "strap-or-towel"],
    "minutes_per_session": 10,
    "sessions_per_week": 3,
}
SCRIPT = re.compile(r"<script\b[^>]*>")


def start_session(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/sessions", json=body, headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == 201, response.text
    state: dict[str, Any] = response.json()
    return state


def test_without_a_check_in_it_points_to_the_check_in(client: TestClient) -> None:
    response = client.get("/session")
    assert response.status_code == 200
    main = main_of(response.text)
    assert "There is no check-in yet" in main
    assert 'href="/check-in"' in main
    assert 'id="player"' not in main
    assert "player.js" not in main


def test_an_urgent_care_plan_cannot_be_started_and_says_why(client: TestClient) -> None:
    save_profile(client, {"red_flags": ["saddle-numbness"]})
    main = main_of(client.get("/session").text)
    assert "No session can be started" in main
    assert 'href="/plan"' in main
    assert 'id="player-start"' not in main
    assert "player.js" not in main


def test_a_see_professional_plan_says_why_before_offering_the_walk(client: TestClient) -> None:
    save_profile(client, {"pain_now": 8})
    main = main_of(client.get("/session").text)
    referral = pain_referral(8)
    assert referral is not None
    assert str(escape(referral.text)) in main
    assert main.index(str(escape(referral.text))) < main.index('id="player-start"')
    assert "Your plan has no sessions" not in main


def test_an_urgent_plan_has_no_session_and_says_why(client: TestClient) -> None:
    save_profile(client, {"red_flags": ["fever"]})
    main = main_of(client.get("/session").text)
    assert "No session can be started" in main
    assert 'id="player-start"' not in main


def test_an_ok_plan_offers_the_start_form(client: TestClient) -> None:
    save_profile(client, RUNNER)
    response = client.get("/session")
    assert response.status_code == 200
    main = main_of(response.text)
    assert '<form id="player-start"' in main
    # Pain is optional, labelled, and explains the 7+ rule.
    assert '<label for="pain-before">' in main
    assert 'min="0"' in main
    assert 'max="10"' in main
    assert "At 7 or more, do not start" in " ".join(main.split())
    assert 'data-severe-pain="7"' in main
    # The plan's session days, with today's (a Monday in the test clock) chosen.
    days = re.findall(r'<option value="(\d)"( selected)?>', main)
    assert [day for day, _ in days] == ["1", "3", "5"]
    assert days[0][1] == " selected"
    assert "Start the session</button>" in main
    assert 'data-time-scale="1.0"' in main


def test_without_javascript_the_page_only_explains_that_the_player_needs_it(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    main = main_of(client.get("/session").text)
    noscript = main[main.index("<noscript>") : main.index("</noscript>")]
    assert "needs JavaScript" in noscript
    # Every panel stays hidden until the script shows it.
    for panel in ("player-start", "player-live", "player-checkin", "player-summary"):
        tag = re.search(rf'<(?:form|div) id="{panel}"[^>]*>', main)
        assert tag is not None, panel
        assert " hidden" in tag.group(0), panel


def test_scripts_are_files_from_this_server_only(client: TestClient) -> None:
    save_profile(client, RUNNER)
    response = client.get("/session")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    scripts = SCRIPT.findall(response.text)
    assert scripts, "the page loads the player"
    assert all(' src="/static/' in tag for tag in scripts)
    assert '<meta name="csrf-token" content="' in response.text
    # Deferred scripts run in page order: the rules make the namespace, the shared API client
    # comes before player_api.js, which uses it, and player.js wires the rest last.
    # By hashed address (static_files.static_url), so a browser may keep them a year.
    hashed = r'<script src="/static/([^"?]+)(\?v=[0-9a-f]{12})" defer>'
    found = re.findall(hashed, main_of(response.text))
    sources = [name for name, _ in found]
    assert sources[:3] == ["player_rules.js", "api_client.js", "player_api.js"]
    assert sources[-1] == "player.js"
    for path in (*(f"/static/{name}{v}" for name, v in found), static_url("player.css")):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(("raw", "shown"), [("0.05", "0.05"), ("1", "1.0"), ("", "1.0")])
def test_a_time_scale_reaches_the_player(client: TestClient, raw: str, shown: str) -> None:
    save_profile(client, RUNNER)
    main = main_of(client.get(f"/session?time_scale={raw}").text)
    assert f'data-time-scale="{shown}"' in main


def test_a_faster_pace_is_said_on_the_page_and_the_normal_one_is_a_link_away(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    main = main_of(client.get("/session?time_scale=0.5").text)
    assert "Faster practice: every timer runs" in main
    assert "at 50% of its length" in main
    assert '<a href="/session">Play at the normal pace</a>' in main
    assert "Timers at 50%" in main  # in the player's top line while a step plays
    normal = main_of(client.get("/session").text)
    assert "Faster practice" not in normal
    assert "Timers at" not in normal


@pytest.mark.parametrize("raw", ["0", "-0.5", "1.5", "nan", "inf", "fast"])
def test_a_time_scale_out_of_range_is_refused_with_the_rule(client: TestClient, raw: str) -> None:
    save_profile(client, RUNNER)
    response = client.get(f"/session?time_scale={raw}")
    assert response.status_code == 422
    assert "time_scale: must be a number above 0 and at most 1" in response.text


def test_resuming_an_unknown_session_is_not_found(client: TestClient) -> None:
    response = client.get("/session?resume=999")
    assert response.status_code == 404
    assert "session 999 not found" in response.text


def test_resume_must_be_a_session_number(client: TestClient) -> None:
    response = client.get("/session?resume=abc")
    assert response.status_code == 422
    assert "resume: must be a session number" in response.text


def test_an_unfinished_session_is_offered_and_resumes_at_the_next_step(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    state = start_session(client, day=3, time_scale=0.5)
    session_id = state["session"]["id"]
    token = {"X-CSRF-Token": csrf(client)}
    for index in (0, 1):
        response = client.post(
            f"/api/v1/sessions/{session_id}/steps", json={"step_index": index}, headers=token
        )
        assert response.status_code == 204

    offer = main_of(client.get("/session?time_scale=0.05").text)
    assert "Your Wednesday session is not finished" in offer
    assert f'href="/session?resume={session_id}&amp;time_scale=0.05"' in offer

    main = main_of(client.get(f"/session?resume={session_id}&time_scale=0.05").text)
    assert f'data-session-id="{session_id}"' in main
    assert 'data-state="resume"' in main
    assert "carries on from step 3" in main
    assert "2 of" in main
    assert "Carry on</button>" in main


def test_a_finished_session_is_not_resumed(client: TestClient) -> None:
    save_profile(client, RUNNER)
    session_id = start_session(client)["session"]["id"]
    finished = client.post(
        f"/api/v1/sessions/{session_id}/finish", json={}, headers={"X-CSRF-Token": csrf(client)}
    )
    assert finished.status_code == 200
    main = main_of(client.get(f"/session?resume={session_id}").text)
    assert "is already finished" in main
    assert 'id="player"' not in main
    # Nor offered on the start page.
    assert "not finished" not in main_of(client.get("/session").text)


def test_someone_elses_session_is_not_found(make_client: MakeClient) -> None:
    owner, other = make_client(multi_user=True), make_client(multi_user=True)
    for client, name in ((owner, "owner"), (other, "other")):
        response = client.post(
            "/signup",
            data={"username": name, "password": "long enough password", "csrf_token": csrf(client)},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
    save_profile(owner, RUNNER)
    session_id = start_session(owner)["session"]["id"]
    assert owner.get(f"/session?resume={session_id}").status_code == 200
    response = other.get(f"/session?resume={session_id}")
    assert response.status_code == 404
    assert "There is no check-in yet" in main_of(other.get("/session").text)


def test_multi_user_sends_a_stranger_to_sign_in(make_client: MakeClient) -> None:
    client = make_client(multi_user=True)
    response = client.get("/session?time_scale=0.1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=/session")


def test_the_start_form_previews_each_day_with_exercises_minutes_and_equipment(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    main = main_of(client.get("/session").text)
    form = main[main.index('<form id="player-start"') : main.index("</form>")]
    state = start_session(client, day=1)
    names = list(dict.fromkeys(step["exercise_name"] for step in state["steps"]))
    preview = form[form.index('data-day-preview="1"') : form.index("</section>")]
    assert re.findall(r"<li>([^<]+)</li>", preview) == [str(escape(name)) for name in names]
    # About as long as the steps' timers add up to, in whole minutes rounded up.
    total_s = sum(
        step["get_ready_s"]
        + (step["reps"] or 1) * step["hold_s"]
        + ((step["reps"] or 1) - 1) * step["rep_transition_s"]
        + step["rest_after_s"]
        for step in state["steps"]
    )
    assert f"Monday: about {-(-int(total_s) // 60)} minutes" in preview
    # What to have ready, in words, and only what this person holds.
    ready = sorted({thing for step in state["steps"] for thing in step["equipment"]})
    assert ready, "the runner's Monday needs something"
    shown = re.search(r"<strong>Have ready:</strong> ([^.]+)\.", preview)
    assert shown is not None
    assert sorted(shown.group(1).split(", ")) == ready
    assert all("-" not in thing and " or " not in thing for thing in ready)
    # One preview per day in the menu; only the chosen day's is shown before script runs.
    assert re.findall(r'data-day-preview="(\d)"', form) == ["1", "3", "5"]
    assert len(re.findall(r'data-day-preview="\d"\s+aria-labelledby="[^"]+" hidden', form)) == 2


def test_an_unfinished_session_asks_to_carry_on_or_end_it_before_starting(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    session_id = start_session(client, day=1)["session"]["id"]
    token = {"X-CSRF-Token": csrf(client)}
    url = f"/api/v1/sessions/{session_id}/steps"
    assert client.post(url, json={"step_index": 0}, headers=token).status_code == 204

    ask = main_of(client.get("/session?time_scale=0.05").text)
    assert "Your Monday session is not finished" in ask
    assert "did 1 of" in ask
    assert f'href="/session?resume={session_id}&amp;time_scale=0.05"' in ask
    assert f'action="/session/{session_id}/end?time_scale=0.05"' in ask
    assert "End it and start again</button>" in ask
    # No start form, and no player, until the person has chosen.
    assert 'id="player-start"' not in ask
    assert "player.js" not in ask

    ended = client.post(
        f"/session/{session_id}/end?time_scale=0.05",
        data={"csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert ended.status_code == 303
    assert ended.headers["location"] == f"/session?ended={session_id}&time_scale=0.05"
    start = main_of(client.get(ended.headers["location"]).text)
    assert "not finished" not in start
    form = start[start.index('<form id="player-start"') : start.index("</form>")]
    # Said inside the start form, which the player hides once the new session plays.
    assert "Your Monday session has ended, with 1 of" in " ".join(form.split())
    # The old session is closed, not left open: history says how far it got.
    [old] = client.get("/api/v1/history").json()
    assert old["ended_at"] is not None
    assert old["status"] == "partial"
    assert "Ended early, after 1 of" in client.get("/history").text

    # A second click (or another tab) finds it ended already: no error, same place.
    again = client.post(
        f"/session/{session_id}/end", data={"csrf_token": csrf(client)}, follow_redirects=False
    )
    assert again.status_code == 303


def test_ending_needs_the_token_and_a_session_of_yours(client: TestClient) -> None:
    save_profile(client, RUNNER)
    session_id = start_session(client)["session"]["id"]
    refused = client.post(f"/session/{session_id}/end", headers={"Origin": "http://testserver"})
    assert refused.status_code == 403
    assert client.get("/api/v1/history").json()[0]["ended_at"] is None
    missing = client.post("/session/999/end", data={"csrf_token": csrf(client)})
    assert missing.status_code == 404


def test_the_pain_questions_carry_their_problem_in_the_pages_words(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    html = client.get("/session").text
    for input_id, label, sentence in (
        ("pain-before", "Pain right now", "Pain right now must be a whole number from 0 to 10"),
        ("pain-after", "Pain now", "Pain now must be a whole number from 0 to 10"),
    ):
        assert f'<label for="{input_id}">{label}, 0 to 10 (optional)</label>' in html
        tag = re.search(rf'<input id="{input_id}"[^>]*>', html)
        assert tag is not None
        assert f'data-problem="{sentence}, or left empty."' in tag.group(0)
