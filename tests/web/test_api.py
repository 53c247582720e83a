"""The HTTP API: what scripts and the browser player rely on, on SQLite and PostgreSQL."""

import json
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from psoas.cli.app import app as cli
from psoas.domain.profile import Profile
from psoas.services.planning import plan_for, plan_json
from tests.web.conftest import T0, MakeClient

JSON_TYPE = {"content-type": "application/json"}
DESK_WORKER = {
    "activities": ["desk-work"],
    "sitting_hours_per_day": 9,
    "goals": ["relieve-tightness"],
    "symptoms": ["hip-stiffness"],
    "equipment": ["foam-roller", "strap-or-towel", "chair"],
    "minutes_per_session": 15,
}


def test_health_says_which_database_answers(client: TestClient, database_url: str) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": database_url.split(":")[0].split("+")[0]}


def test_health_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    from psoas.web import WebSettings, create_app

    folder = tmp_path / "db"
    folder.mkdir()
    app = create_app(WebSettings(database_url=f"sqlite:///{folder}/x.sqlite3", allowed_hosts=None))
    with TestClient(app) as client:
        # Close pooled connections first: closing the last one checkpoints the WAL into the file.
        app.state.engine.dispose()
        (folder / "x.sqlite3").write_bytes(b"this is not a database" * 100)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_post_plan_is_byte_for_byte_the_cli_json(client: TestClient, tmp_path: Path) -> None:
    profile_file = tmp_path / "me.yaml"
    profile_file.write_text(yaml.safe_dump(DESK_WORKER), encoding="utf-8")
    # A home of its own: the developer's real database (maybe of a newer psoas) stays out of it.
    arguments = ["plan", "--profile", str(profile_file), "--json"]
    printed = CliRunner().invoke(cli, arguments, env={"PSOAS_HOME": str(tmp_path / "h")}).stdout
    response = client.post("/api/v1/plan", json=DESK_WORKER)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.text == printed


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pain=st.integers(0, 10),
    minutes=st.integers(3, 90),
    conditions=st.lists(
        st.sampled_from(["abdominal-hernia", "pregnancy", "osteoporosis"]), unique=True
    ),
)
def test_post_plan_equals_the_core_plan_for_any_profile(
    client: TestClient, pain: int, minutes: int, conditions: list[str]
) -> None:
    profile = Profile.model_validate(
        {**DESK_WORKER, "pain_now": pain, "minutes_per_session": minutes, "conditions": conditions}
    )
    response = client.post("/api/v1/plan", json=profile.model_dump(mode="json"))
    assert response.text == plan_json(plan_for(profile))


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"pain_now": 11}, "pain_now", "less than or equal to 10"),
        ({"pain_now": "lots"}, "pain_now", "must be a JSON number"),
        ({"equipment": ["trampoline"]}, "equipment", "foam-roller"),
        ({"favourite_colour": "blue"}, "favourite_colour", "Extra inputs"),
        ({"minutes_per_session": 1}, "minutes_per_session", "greater than or equal to 3"),
        ({"minutes_per_session": "20"}, "minutes_per_session", "must be a JSON number"),
        ({"pain_now": True}, "pain_now", "must be a JSON number"),
        ({"allow_direct_psoas_pressure": 0}, "allow_direct_psoas_pressure", "true or false"),
    ],
)
def test_bad_profiles_get_422_naming_the_field(
    client: TestClient, body: dict[str, object], field: str, words: str
) -> None:
    for method, path in (("POST", "/api/v1/plan"), ("PUT", "/api/v1/profile")):
        response = client.request(method, path, json=body)
        assert response.status_code == 422, (method, response.text)
        [error] = response.json()["detail"]
        assert error["loc"][:2] == ["body", field]
        assert words in error["msg"]
    assert client.get("/api/v1/profile").status_code == 404  # nothing half-saved


def test_malformed_json_is_422_not_500(client: TestClient) -> None:
    response = client.post(
        "/api/v1/plan", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_profile_round_trip_and_saved_plan(client: TestClient) -> None:
    assert client.get("/api/v1/plan").status_code == 404
    saved = client.put("/api/v1/profile", json=DESK_WORKER)
    assert saved.status_code == 200
    assert client.get("/api/v1/profile").json() == saved.json()
    plan = client.get("/api/v1/plan")
    assert plan.text == plan_json(plan_for(Profile.model_validate(DESK_WORKER)))
    assert client.delete("/api/v1/profile").status_code == 204
    assert client.get("/api/v1/profile").status_code == 404
    assert client.delete("/api/v1/profile").status_code == 404


def test_library_matches_the_cli(client: TestClient) -> None:
    listed = CliRunner().invoke(cli, ["exercises", "list", "--json"]).stdout
    assert client.get("/api/v1/exercises").json() == json.loads(listed)
    shown = CliRunner().invoke(cli, ["exercises", "show", "psoas-smash", "--json"]).stdout
    assert client.get("/api/v1/exercises/psoas-smash").json() == json.loads(shown)
    sources = CliRunner().invoke(cli, ["sources", "--json"]).stdout
    assert client.get("/api/v1/sources").json() == json.loads(sources)
    missing = client.get("/api/v1/exercises/no-such-thing")
    assert missing.status_code == 404
    assert "no-such-thing" in missing.json()["detail"]


def test_a_session_is_started_recorded_step_by_step_and_finished(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    started = client.post("/api/v1/sessions", json={"pain_before": 2, "time_scale": 0.5})
    assert started.status_code == 201, started.text
    state = started.json()
    session_id = state["session"]["id"]
    steps = state["steps"]
    assert state["next_step"] == 0
    assert state["session"]["plan_day"] == T0.isoweekday()  # today's session
    full = client.get(f"/api/v1/sessions/{session_id}").json()["steps"]
    assert steps[0]["hold_s"] == pytest.approx(full[0]["hold_s"] * 0.5)

    for index in range(len(steps)):
        body = {"step_index": index} if index != 1 else {"step_index": 1, "skip_reason": "pain"}
        assert client.post(f"/api/v1/sessions/{session_id}/steps", json=body).status_code == 204
    # A retry after a lost answer changes nothing; a different outcome is a conflict.
    again = client.post(f"/api/v1/sessions/{session_id}/steps", json={"step_index": 0})
    assert again.status_code == 204
    clash = client.post(
        f"/api/v1/sessions/{session_id}/steps", json={"step_index": 0, "skip_reason": "other"}
    )
    assert clash.status_code == 409

    finished = client.post(
        f"/api/v1/sessions/{session_id}/finish", json={"pain_after": 1, "feel": "looser"}
    )
    assert finished.status_code == 200
    summary = finished.json()
    assert (summary["status"], summary["steps_done"]) == ("completed", len(steps) - 1)
    assert summary["skipped"][0]["reason"] == "pain"
    assert client.get("/api/v1/history").json() == [summary]
    assert client.get("/api/v1/sessions").json() == [summary]
    late = client.post(f"/api/v1/sessions/{session_id}/steps", json={"step_index": 0})
    assert late.status_code == 409
    assert client.post(f"/api/v1/sessions/{session_id}/finish", json={}).status_code == 409


def test_a_session_closed_early_is_partial_and_resumable(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    session_id = client.post("/api/v1/sessions", json={}).json()["session"]["id"]
    client.post(f"/api/v1/sessions/{session_id}/steps", json={"step_index": 0})
    client.post(f"/api/v1/sessions/{session_id}/steps", json={"step_index": 1})
    state = client.get(f"/api/v1/sessions/{session_id}").json()
    assert state["next_step"] == 2
    assert state["recorded"] == {"0": "done", "1": "done"}
    assert state["session"]["status"] == "partial"


def test_a_day_without_a_session_names_the_day_field(client: TestClient) -> None:
    client.put("/api/v1/profile", json={**DESK_WORKER, "sessions_per_week": 1})
    days = client.get("/api/v1/plan").json()["weekly_schedule"]
    free = next(day for day in range(1, 8) if day not in {d["day"] for d in days})
    response = client.post("/api/v1/sessions", json={"day": free})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "day"]


def test_session_requests_take_numbers_not_strings_or_booleans(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    for body in ({"pain_before": "3"}, {"pain_before": False}, {"day": "1"}):
        assert client.post("/api/v1/sessions", json=body).status_code == 422, body
    assert client.get("/api/v1/history").json() == []


def test_405_lists_every_method_the_path_answers(client: TestClient) -> None:
    response = client.request("PATCH", "/api/v1/profile", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PUT, DELETE"


def test_absurd_session_ids_are_422_not_a_server_error(client: TestClient) -> None:
    for method in ("GET", "DELETE"):
        response = client.request(method, f"/api/v1/sessions/{2**63}")
        assert response.status_code == 422, method


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"step_index": -1}, "step_index"),
        ({"step_index": 999}, "step_index"),
        ({"step_index": 0, "skip_reason": "bored"}, "skip_reason"),
    ],
)
def test_bad_step_reports_are_422(client: TestClient, body: dict[str, object], field: str) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    session_id = client.post("/api/v1/sessions", json={}).json()["session"]["id"]
    response = client.post(f"/api/v1/sessions/{session_id}/steps", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["body", field]
    assert client.get(f"/api/v1/sessions/{session_id}").json()["recorded"] == {}


def test_sessions_need_a_plan_that_has_sessions(client: TestClient) -> None:
    assert client.post("/api/v1/sessions", json={}).status_code == 404  # no check-in yet
    assert client.put("/api/v1/profile", json={"red_flags": ["fever"]}).status_code == 200
    refused = client.post("/api/v1/sessions", json={})
    assert refused.status_code == 409
    assert "urgent-care" in refused.json()["detail"]
    assert client.get("/api/v1/history").json() == []


def test_high_pain_before_a_session_refers_instead_of_starting(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    response = client.post("/api/v1/sessions", json={"pain_before": 8})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "pain_before"]
    assert client.get("/api/v1/history").json() == []


def test_unknown_session_ids_are_404(client: TestClient) -> None:
    for method, path, body in (
        ("GET", "/api/v1/sessions/4242", None),
        ("POST", "/api/v1/sessions/4242/steps", {"step_index": 0}),
        ("POST", "/api/v1/sessions/4242/finish", {}),
        ("DELETE", "/api/v1/sessions/4242", None),
    ):
        assert client.request(method, path, json=body).status_code == 404, (method, path)


def test_deleting_a_session_removes_it_from_history(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    session_id = client.post("/api/v1/sessions", json={}).json()["session"]["id"]
    assert client.delete(f"/api/v1/sessions/{session_id}").status_code == 204
    assert client.get("/api/v1/history").json() == []


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) >= {
        "/api/v1/profile",
        "/api/v1/plan",
        "/api/v1/exercises",
        "/api/v1/exercises/{exercise_id}",
        "/api/v1/sources",
        "/api/v1/sessions",
        "/api/v1/sessions/{session_id}",
        "/api/v1/sessions/{session_id}/steps",
        "/api/v1/sessions/{session_id}/finish",
        "/api/v1/history",
        "/healthz",
    }
    assert not any(path.startswith(("/plan", "/check-in", "/login")) for path in paths)


def test_single_person_server_answers_only_loopback_names(make_client: MakeClient) -> None:
    client = make_client()
    assert client.get("/healthz").status_code == 200
    rebound = client.get("/healthz", headers={"host": "evil.example"})
    assert rebound.status_code == 400


def test_put_profile_writes_the_profile_file_the_cli_reads(
    client: TestClient, tmp_path: Path
) -> None:
    """Single-person mode: the API check-in and the check-in page keep the same file."""
    assert client.put("/api/v1/profile", json=DESK_WORKER).status_code == 200
    written = yaml.safe_load((tmp_path / "profile.yaml").read_text(encoding="utf-8"))
    assert Profile.model_validate(written) == Profile.model_validate(DESK_WORKER)
    shown = CliRunner().invoke(cli, ["plan", "--profile", str(tmp_path / "profile.yaml")])
    assert shown.exit_code == 0, shown.output
    assert client.delete("/api/v1/profile").status_code == 204
    assert not (tmp_path / "profile.yaml").exists()


def test_a_shared_server_writes_no_profile_file(database_url: str, tmp_path: Path) -> None:
    from psoas.web import WebSettings, create_app

    settings = WebSettings(
        database_url=database_url,
        multi_user=True,
        allowed_hosts=None,
        profile_file=tmp_path / "shared.yaml",
    )
    browser = TestClient(create_app(settings), base_url="https://localhost")
    browser.__enter__()
    token = browser.get("/signup").cookies.get("__Host-psoas_csrf")
    form = {"username": "ada", "password": "correct horse battery", "csrf_token": token}
    assert browser.post("/signup", data=form, follow_redirects=False).status_code == 303
    headers = {"x-csrf-token": browser.cookies["__Host-psoas_csrf"]}
    assert browser.put("/api/v1/profile", json=DESK_WORKER, headers=headers).status_code == 200
    assert not (tmp_path / "shared.yaml").exists()
    browser.__exit__(None, None, None)


def test_integral_numbers_are_integers_as_json_schema_says(client: TestClient) -> None:
    assert client.put("/api/v1/profile", json=DESK_WORKER).status_code == 200
    body = b'{"day": 1.0, "pain_before": 2e0, "time_scale": 1.0}'
    started = client.post("/api/v1/sessions", content=body, headers=JSON_TYPE)
    assert started.status_code == 201, started.text
    session = started.json()["session"]["id"]
    step = client.post(
        f"/api/v1/sessions/{session}/steps", content=b'{"step_index": 0.0}', headers=JSON_TYPE
    )
    assert step.status_code == 204, step.text
    half = client.post(
        f"/api/v1/sessions/{session}/finish", content=b'{"pain_after": 1.5}', headers=JSON_TYPE
    )
    assert half.status_code == 422  # not an integer


def test_the_schema_lists_the_time_zones_taken(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    [zone, _null] = document["components"]["schemas"]["TickRequest"]["properties"]["time_zone"][
        "anyOf"
    ]
    assert "Europe/London" in zone["enum"]
    assert "maxLength" not in zone
    tick = client.post("/api/v1/breaks/tick", json={"time_zone": "0" * 63})
    assert tick.status_code == 422
