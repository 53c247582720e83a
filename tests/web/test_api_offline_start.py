"""Starting a session with no connection: the day's steps kept on the device, and the start sent
later under the device's client_key, on SQLite and PostgreSQL."""

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.web.conftest import T0
from tests.web.test_api import DESK_WORKER


def _days(client: TestClient, scale: float = 1.0) -> list[dict[str, object]]:
    response = client.get(f"/api/v1/plan/session-days?time_scale={scale}")
    assert response.status_code == 200, response.text
    days: list[dict[str, object]] = response.json()["days"]
    return days


def test_the_device_gets_every_days_steps_as_a_start_would_give_them(client: TestClient) -> None:
    assert client.get("/api/v1/plan/session-days").status_code == 404  # no check-in yet
    client.put("/api/v1/profile", json=DESK_WORKER)
    days = _days(client, 0.5)
    assert days
    first = days[0]
    started = client.post("/api/v1/sessions", json={"day": first["day"], "time_scale": 0.5})
    assert started.json()["steps"] == first["steps"]


def test_a_start_sent_again_with_its_client_key_finds_the_same_session(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    day = _days(client)[0]
    body = {
        "day": day["day"],
        "pain_before": 2,
        "client_key": "0b5c4d2e-7f1a-4c3b-9d8e-123456789abc",
        "steps_key": day["steps_key"],
        "started_at": (T0 - timedelta(hours=2)).isoformat(),
    }
    first = client.post("/api/v1/sessions", json=body)
    assert first.status_code == 201, first.text
    session_id = first.json()["session"]["id"]
    assert first.json()["session"]["started_at"] == "2026-11-16T07:00:00Z"
    client.post(f"/api/v1/sessions/{session_id}/steps", json={"step_index": 0})
    again = client.post("/api/v1/sessions", json=body)
    assert again.status_code == 200
    assert again.json()["session"]["id"] == session_id
    assert again.json()["recorded"] == {"0": "done"}
    assert [s["id"] for s in client.get("/api/v1/sessions").json()] == [session_id]


def test_a_start_whose_steps_changed_is_refused_naming_steps_key(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    day = _days(client)[0]
    body = {"day": day["day"], "client_key": "device-key-123", "steps_key": "0" * 16}
    response = client.post("/api/v1/sessions", json=body)
    assert response.status_code == 409
    assert response.json()["detail"].startswith("steps_key: your plan's steps for this day")
    assert client.get("/api/v1/sessions").json() == []


def test_bad_offline_start_fields_are_422_naming_the_field(client: TestClient) -> None:
    client.put("/api/v1/profile", json=DESK_WORKER)
    future = (T0 + timedelta(hours=1)).isoformat()
    for body, field in (
        ({"client_key": "short"}, "client_key"),
        ({"client_key": "has spaces in it"}, "client_key"),
        ({"steps_key": "XYZ"}, "steps_key"),
        ({"started_at": "yesterday"}, "started_at"),
        ({"started_at": future}, "started_at"),
        ({"started_at": "2026-11-16T08:00:00"}, "started_at"),
        ({"started_at": "0001-01-01T00:00:00+01:00"}, "started_at"),
    ):
        response = client.post("/api/v1/sessions", json=body)
        assert response.status_code == 422, (body, response.text)
        assert field in response.text, (body, response.text)
    assert client.get("/api/v1/sessions").json() == []


def test_the_openapi_document_describes_the_offline_start(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    start = document["components"]["schemas"]["psoas__web__api__sessions__StartRequest"][
        "properties"
    ]
    assert {"client_key", "steps_key", "started_at"} <= set(start)
    assert "same key" in start["client_key"]["description"]
    assert "/api/v1/plan/session-days" in document["paths"]
    responses = document["paths"]["/api/v1/sessions"]["post"]["responses"]
    assert {"200", "201", "409"} <= set(responses)
