"""Schema-driven fuzzing of /api/v1 against the app's own OpenAPI document (schemathesis).

Every operation gets generated requests, valid and invalid, sent in process to a single-person
app on a fresh SQLite file; every default check runs: no server error, status codes, content
types and bodies as documented, invalid input refused, valid input accepted. A stateful run then
follows the links schemathesis infers (a started session's id into its steps, finish, read and
delete), and one whole session with every exercise is checked against the same document, so the
session and exercise endpoints are seen answering with real data, not only unknown ids.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from schemathesis.python.asgi import shutdown_lifespans

from psoas.domain.profile import Profile
from psoas.domain.session import SKIP_REASONS
from psoas.services import breaks
from psoas.services.progress import current_plan
from psoas.storage import LOCAL_PERSON_ID
from psoas.web import WebSettings, create_app
from tests.web.progress_support import gpx

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # a Monday: plan day 1
PROFILE = {"activities": ["desk-work"], "goals": ["relieve-tightness"], "minutes_per_session": 15}
SIXTEEN = timedelta(minutes=16)
# Put back after the break test, so the fuzzed operations meet the settings they always did.
SETTINGS_DEFAULTS = {
    "desk_interval_min": None,
    "idle_break_min": 5,
    "working_hours": {"start": "08:00", "end": "18:00"},
    "working_days": [0, 1, 2, 3, 4],
}
CONFIG = SchemathesisConfig.from_dict(
    {
        # Failures show the request as sent: the default masks any key containing "session".
        "output": {"sanitization": {"enabled": False}},
        "operations": [
            {
                # pain_before 7-10 is valid input that is refused on purpose: 422 with a
                # "see a professional first" message, not a session.
                "include-path": "/api/v1/sessions",
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "409", "422"]
                    }
                },
            },
            {
                # A day in the future is valid JSON Schema and refused on purpose.
                "include-path": "/api/v1/check-ins",
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "422"]
                    }
                },
            },
            {
                # Any bytes fit the schema's file; only a real GPX, TCX or FIT is taken.
                "include-path": "/api/v1/runs",
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "413", "422"]
                    }
                },
            },
            {
                # Rules across fields, which JSON Schema cannot state: equal start and end (an
                # empty window) and a drive interval under 30 minutes are refused.
                "include-path": "/api/v1/breaks/settings",
                "include-method": "PUT",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "409", "422"]
                    }
                },
            },
            {
                # A valid export is refused while the person has data and replace is not set.
                "include-path": "/api/v1/import",
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "413", "422"]
                    }
                },
            },
        ],
    }
)
# `app` re-saves the check-in once per operation, not per example: that is what is wanted.
# The fuzz stage (this file, the multi-user run and test_hostile_bodies.py) is sized to about
# two minutes on a laptop; docs/reliability.md has the figures.
FUZZ = settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def fixed_clock() -> datetime:
    return T0


def make_app(database_url: str) -> FastAPI:
    return create_app(WebSettings(database_url=database_url, allowed_hosts=None, clock=fixed_clock))


def contract() -> dict[str, Any]:
    """The OpenAPI document the app serves; building it touches no database."""
    app = make_app("sqlite://")
    try:
        return app.openapi()
    finally:
        app.state.engine.dispose()


# Loaded at collection, as `@schema.parametrize()` needs it then (`schemathesis.pytest.
# from_fixture` would defer it, but fails on pytest 9.2); requests go to the fixture's app.
schema = schemathesis.openapi.from_dict(contract(), config=CONFIG)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, TestClient]]:
    """One app for the module, migrated; schemathesis starts its own lifespan on first call."""
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'psoas.sqlite3'}")
    with TestClient(app) as client:
        yield app, client
    shutdown_lifespans()


@pytest.fixture
def app(served: tuple[FastAPI, TestClient]) -> FastAPI:
    """The app with a saved check-in, so the session endpoints get past 404 'no profile'."""
    app, client = served
    response = client.put("/api/v1/profile", json=PROFILE)
    assert response.status_code == 200, response.text
    assert "psoas_csrf" not in response.cookies  # requests stay cookie-free: no CSRF token needed
    return app


@schema.parametrize()
@FUZZ
def test_every_operation_conforms_to_the_schema(case: Case[Any], app: FastAPI) -> None:
    response = case.call_and_validate(app=app)
    # A fresh client per call, as a local script: with a cookie or an Origin header, CSRF
    # protection would answer 403 to every POST, PUT and DELETE instead of reaching the route.
    assert {"cookie", "origin"}.isdisjoint(k.lower() for k in response.request.headers)


def test_session_workflows_conform_to_the_schema(
    app: FastAPI, served: tuple[FastAPI, TestClient]
) -> None:
    _, client = served

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            # Each scenario starts with no sessions, so replaying it while shrinking meets the
            # same answers (SQLite numbers sessions from 1 again once the table is empty).
            for session in client.get("/api/v1/sessions").json():
                assert client.delete(f"/api/v1/sessions/{session['id']}").status_code == 204

        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            return {"app": app}

    Workflow.run(settings=settings(FUZZ, max_examples=12, stateful_step_count=8))


def test_a_whole_session_and_every_exercise_conform_to_the_schema(
    app: FastAPI, served: tuple[FastAPI, TestClient]
) -> None:
    _, client = served

    def call(method: str, template: str, status: int, **kwargs: Any) -> Any:
        path = template.format(**kwargs.pop("path", {}))
        response = client.request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        schema[template][method].validate_response(response)
        return response.json() if response.content else None

    for exercise in call("GET", "/api/v1/exercises", 200):
        call("GET", "/api/v1/exercises/{exercise_id}", 200, path={"exercise_id": exercise["id"]})
    state = call("POST", "/api/v1/sessions", 201, json={"pain_before": 2, "time_scale": 0.5})
    ids = {"session_id": state["session"]["id"]}
    for index, _step in enumerate(state["steps"]):
        reason = SKIP_REASONS[index % len(SKIP_REASONS)] if index % 3 == 2 else None
        report = {"step_index": index, "skip_reason": reason}
        call("POST", "/api/v1/sessions/{session_id}/steps", 204, path=ids, json=report)
    state = call("GET", "/api/v1/sessions/{session_id}", 200, path=ids)
    assert state["next_step"] is None
    assert len(state["recorded"]) == len(state["steps"])
    body = {"pain_after": 1, "feel": "looser", "note": "easier than last week"}
    summary = call("POST", "/api/v1/sessions/{session_id}/finish", 200, path=ids, json=body)
    assert summary["status"] == "completed"
    call("POST", "/api/v1/sessions/{session_id}/finish", 409, path=ids, json={})
    call("POST", "/api/v1/sessions/{session_id}/steps", 409, path=ids, json={"step_index": 0})
    assert ids["session_id"] in [s["id"] for s in call("GET", "/api/v1/history", 200)]
    call("DELETE", "/api/v1/sessions/{session_id}", 204, path=ids)
    call("GET", "/api/v1/sessions/{session_id}", 404, path=ids)


def test_progress_and_your_data_with_real_records_conform_to_the_schema(
    app: FastAPI, served: tuple[FastAPI, TestClient]
) -> None:
    _, client = served

    def call(method: str, path: str, status: int, **kwargs: Any) -> Any:
        response = client.request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        schema[path.partition("?")[0]][method].validate_response(response)
        return response.json()

    runner = {"goals": ["return-to-running"], "activities": ["running"], "pain_now": 2}
    assert client.put("/api/v1/profile", json=runner).status_code == 200
    body = {"on": T0.date().isoformat(), "pain_now": 1, "pain_during": {"running": 1}}
    call("POST", "/api/v1/check-ins", 201, json=body)
    call("POST", "/api/v1/runs", 201, files={"file": ("run.gpx", gpx(climb_m=80))})
    progress = call("GET", "/api/v1/progress", 200)
    assert progress["ladder"] is not None
    assert progress["runs"][0]["flagged"] is True
    assert call("GET", "/api/v1/plan/changes", 200)
    assert call("GET", "/api/v1/check-ins", 200)
    # Local clock times in the export: the document once said they carry a UTC offset.
    hours = {"working_hours": {"start": "08:00", "end": "18:30"}}
    call("PUT", "/api/v1/breaks/settings", 200, json={**hours, "quiet_hours": None})
    document = call("GET", "/api/v1/export", 200)
    assert document["break_settings"][0]["data"]["working_hours"]["end"] == "18:30:00"
    call("POST", "/api/v1/import?replace=true", 200, json=document)
    call("DELETE", "/api/v1/data", 200)
    call("PUT", "/api/v1/breaks/settings", 200, json=SETTINGS_DEFAULTS)
    assert client.put("/api/v1/profile", json=PROFILE).status_code == 200


def test_break_reminders_with_a_reminder_showing_conform_to_the_schema(
    app: FastAPI, served: tuple[FastAPI, TestClient]
) -> None:
    _, client = served

    def call(method: str, path: str, status: int, **kwargs: Any) -> Any:
        response = client.request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        schema[path.partition("?")[0]][method].validate_response(response)
        return response.json()

    # The app's clock stands still, so the timer is started 16 minutes before it, as the page
    # would have; a 30-minute idle limit lets the first tick count those minutes as sitting.
    settings = {"desk_interval_min": 15, "idle_break_min": 30, "working_hours": None}
    call("PUT", "/api/v1/breaks/settings", 200, json={**settings, "working_days": [0]})
    engine = app.state.engine
    plan = current_plan(engine, Profile.model_validate(PROFILE))
    breaks.start(engine, person_id=LOCAL_PERSON_ID, plan=plan, driver="browser", now=T0 - SIXTEEN)
    tick = call("POST", "/api/v1/breaks/tick", 200, json={"time_zone": "Europe/London"})
    assert tick["show"] is True
    assert tick["reminder"]["stretch"] is not None
    assert call("GET", "/api/v1/breaks", 200)["reminder"] == tick["reminder"]
    call("POST", "/api/v1/breaks/answer", 200, json={"action": "snooze", "snooze_min": 5})
    assert call("GET", "/api/v1/breaks/stats?days=2", 200)[0]["snoozed"] == 1
    call("GET", "/api/v1/breaks/settings", 200)
    call("POST", "/api/v1/breaks/stop", 200)
    call("PUT", "/api/v1/breaks/settings", 200, json=SETTINGS_DEFAULTS)
