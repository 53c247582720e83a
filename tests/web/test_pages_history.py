"""The history page: each session with what was done, skipped and felt, newest first."""

from fastapi.testclient import TestClient

from tests.web.conftest import csrf, main_of, save_profile
from tests.web.test_pages_plan import DESK_WORKER


def test_with_no_sessions_it_points_to_the_player(client: TestClient) -> None:
    html = main_of(client.get("/history").text)
    assert "No sessions yet" in html
    assert 'href="/session"' in html


def test_a_session_played_through_the_api_is_listed(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    headers = {"X-CSRF-Token": csrf(client)}
    started = client.post("/api/v1/sessions", json={"day": 1, "pain_before": 3}, headers=headers)
    assert started.status_code == 201, started.text
    state = started.json()
    session_id = state["session"]["id"]
    steps = state["steps"]
    base = f"/api/v1/sessions/{session_id}"
    assert client.post(f"{base}/steps", json={"step_index": 0}, headers=headers).status_code == 204
    skip = {"step_index": 1, "skip_reason": "no-equipment"}
    assert client.post(f"{base}/steps", json=skip, headers=headers).status_code == 204
    finish = {"pain_after": 1, "feel": "looser", "note": "Hips <felt> easier"}
    assert client.post(f"{base}/finish", json=finish, headers=headers).status_code == 200

    html = main_of(client.get("/history").text)
    assert "2026-11-16" in html
    assert "Monday (day 1)" in html
    assert f"1 of {len(steps)} steps" in html
    assert "Partial" in html
    assert f"Step 2, {steps[1]['exercise_name']}" in html
    assert "no equipment" in html
    assert "3 → 1" in html
    assert "looser" in html
    assert "Hips &lt;felt&gt; easier" in html  # a note is text, never markup


def test_sessions_are_newest_first(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    headers = {"X-CSRF-Token": csrf(client)}
    ids = [
        client.post("/api/v1/sessions", json={"day": day}, headers=headers).json()["session"]["id"]
        for day in (1, 3)
    ]
    html = main_of(client.get("/history").text)
    assert "Wednesday (day 3)" in html
    assert html.index(f'id="session-{ids[1]}"') < html.index(f'id="session-{ids[0]}"')
