"""The history page: each session with what was done, skipped and felt, newest first."""

from fastapi.testclient import TestClient

from tests.web.conftest import MakeClient, csrf, main_of, save_profile
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

    html = main_of(client.get("/history?time_zone=Europe/Paris").text)
    # The person's local time (09:00 UTC is 10:00 in Paris), in the one format of every page.
    assert '<time datetime="2026-11-16T09:00:00+00:00">Mon 16 Nov, 10:00</time>' in html
    assert "<dt>Plan day</dt><dd>Monday</dd>" in html
    assert f"1 of {len(steps)} steps, 1 skipped" in html
    assert f"Ended early, after 2 of {len(steps)} steps" in html
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
    assert "<dt>Plan day</dt><dd>Wednesday</dd>" in html
    assert html.index(f'id="session-{ids[1]}"') < html.index(f'id="session-{ids[0]}"')


def play(client: TestClient, steps: int | None = None, *, finish: bool = False) -> int:
    """A session of day 1 with its first `steps` steps done (all by default); its id."""
    headers = {"X-CSRF-Token": csrf(client)}
    state = client.post("/api/v1/sessions", json={"day": 1}, headers=headers).json()
    session_id: int = state["session"]["id"]
    base = f"/api/v1/sessions/{session_id}"
    for index in range(len(state["steps"]) if steps is None else steps):
        report = {"step_index": index}
        assert client.post(f"{base}/steps", json=report, headers=headers).status_code == 204
    if finish:
        assert client.post(f"{base}/finish", json={}, headers=headers).status_code == 200
    return session_id


def status_of(html: str, session_id: int) -> str:
    card = html[html.index(f'id="session-{session_id}"') :]
    return card[card.index("<dt>Status</dt><dd>") + 19 : card.index("</dd>", card.index("Status"))]


def test_every_step_done_is_completed_without_the_after_session_questions(
    client: TestClient,
) -> None:
    save_profile(client, DESK_WORKER)
    unanswered = play(client)
    answered = play(client, finish=True)
    html = main_of(client.get("/history").text)
    assert status_of(html, unanswered) == "Completed"
    assert status_of(html, answered) == "Completed"
    assert "Partial" not in html
    assert f'href="/session?resume={unanswered}"' not in html


def test_an_unfinished_session_offers_carry_on_and_an_ended_one_says_how_far_it_got(
    client: TestClient,
) -> None:
    save_profile(client, DESK_WORKER)
    ended = play(client, 2, finish=True)
    open_ = play(client, 1)
    html = main_of(client.get("/history").text)
    assert status_of(html, open_) == "Not finished: you can carry on with it"
    assert f'href="/session?resume={open_}"' in html
    assert status_of(html, ended).startswith("Ended early, after 2 of ")
    assert f'href="/session?resume={ended}"' not in html
    # Every session can be deleted, after a confirm step.
    assert f'href="/history/{open_}/delete"' in html
    assert f'href="/history/{ended}/delete"' in html


def test_deleting_a_session_asks_first_then_removes_it(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    kept, deleted = play(client, 1), play(client, 2)
    confirm = main_of(client.get(f"/history/{deleted}/delete").text)
    assert "This cannot be undone" in confirm
    assert f'action="/history/{deleted}/delete"' in confirm
    assert 'name="csrf_token"' in confirm
    # Nothing is deleted by visiting the page, nor by a POST without the token.
    assert f'id="session-{deleted}"' in client.get("/history").text
    refused = client.post(f"/history/{deleted}/delete", headers={"Origin": "http://testserver"})
    assert refused.status_code == 403
    response = client.post(
        f"/history/{deleted}/delete", data={"csrf_token": csrf(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    after = main_of(client.get(response.headers["location"]).text)
    assert "The session of Mon 16 Nov, " in after
    assert "is deleted" in after
    assert f'id="session-{deleted}"' not in after
    assert f'id="session-{kept}"' in after
    assert client.get(f"/history/{deleted}/delete").status_code == 404


def test_someone_elses_or_no_session_cannot_be_deleted(make_client: MakeClient) -> None:
    owner, other = make_client(multi_user=True), make_client(multi_user=True)
    for client, name in ((owner, "owner"), (other, "other")):
        response = client.post(
            "/signup",
            data={"username": name, "password": "long enough password", "csrf_token": csrf(client)},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
    save_profile(owner, DESK_WORKER)
    session_id = play(owner, 1)
    token = {"csrf_token": csrf(other)}
    assert other.get(f"/history/{session_id}/delete").status_code == 404
    assert other.post(f"/history/{session_id}/delete", data=token).status_code == 404
    assert other.post("/history/2147483648/delete", data=token).status_code in (404, 422)
    assert f'id="session-{session_id}"' in owner.get("/history").text
