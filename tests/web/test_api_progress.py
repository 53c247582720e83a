"""The progress and your-data API: strict input, the plan in force, only ever the caller's data."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import T0, MakeClient, csrf, save_profile
from tests.web.progress_support import DESK, RUNNER, gpx, sign_up

TODAY = T0.date().isoformat()


@pytest.fixture
def client(client: TestClient) -> TestClient:
    """The one-person client sending its CSRF token, as the browser's scripts do."""
    client.headers["x-csrf-token"] = csrf(client)
    return client


def test_a_check_in_is_logged_reviewed_and_listed(client: TestClient) -> None:
    save_profile(client, RUNNER)
    body = {
        "on": TODAY,
        "pain_now": 1,
        "pain_during": {"running": 1},
        "psfs": [{"activity": "Running 5 km", "score": 6}],
        "thomas_right": "level",
    }
    response = client.post("/api/v1/check-ins", json=body)
    assert response.status_code == 201, response.text
    logged = response.json()
    assert [change["kind"] for change in logged["changes"]] == ["ladder-start"]
    assert logged["changes"][0]["reason"]

    [listed] = client.get("/api/v1/check-ins").json()
    assert listed["id"] == logged["id"]
    assert listed["check_in"]["psfs"] == body["psfs"]
    progress = client.get("/api/v1/progress").json()
    assert progress["today"] == TODAY
    assert progress["plan_status"] == "ok"
    assert progress["ladder"]["stage"]["id"] == "walk-run-flat"
    assert {check["criterion"] for check in progress["ladder"]["checks"]} >= {"runs"}
    assert progress["changes"] == client.get("/api/v1/plan/changes").json()
    assert len(progress["check_ins"]) == 1


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"on": TODAY, "pain_now": "5"}, ["body", "pain_now"]),
        ({"on": TODAY, "pain_now": 11}, ["body", "pain_now"]),
        ({"on": TODAY, "pain_now": 1, "pain_during": {"sitting": True}}, ["body", "pain_during"]),
        ({"on": 0, "pain_now": 1}, ["body", "on"]),
        ({"on": TODAY, "pain_now": 1, "mood": "fine"}, ["body", "mood"]),
        ({"on": TODAY, "pain_now": 1, "red_flags": ["headache"]}, ["body", "red_flags"]),
        ({"on": "2999-01-01", "pain_now": 1}, ["body", "on"]),
    ],
)
def test_bad_check_ins_are_422_naming_the_field_and_save_nothing(
    client: TestClient, body: dict[str, Any], loc: list[str]
) -> None:
    save_profile(client, DESK)
    response = client.post("/api/v1/check-ins", json=body)
    assert response.status_code == 422
    locs = [error["loc"][: len(loc)] for error in response.json()["detail"]]
    assert loc in locs
    assert client.get("/api/v1/check-ins").json() == []


def test_a_red_flag_makes_the_api_plan_urgent_care(client: TestClient) -> None:
    save_profile(client, DESK)
    assert client.get("/api/v1/plan").json()["status"] == "ok"
    body = {"on": TODAY, "pain_now": 2, "red_flags": ["saddle-numbness"]}
    logged = client.post("/api/v1/check-ins", json=body).json()
    assert [change["kind"] for change in logged["changes"]] == ["stop"]
    plan = client.get("/api/v1/plan").json()
    assert plan["status"] == "urgent-care"
    assert plan["phases"] == []
    assert client.post("/api/v1/sessions", json={}).status_code == 409
    # POST /plan with a profile stays the stateless base plan.
    assert client.post("/api/v1/plan", json=DESK).json()["status"] == "ok"


def test_runs_are_imported_and_bad_files_refused(client: TestClient) -> None:
    assert client.post("/api/v1/check-ins", json={"on": TODAY, "pain_now": 1}).status_code == 404
    save_profile(client, RUNNER)
    client.post("/api/v1/check-ins", json={"on": TODAY, "pain_now": 1})
    bad = client.post("/api/v1/runs", files={"file": ("run.gpx", b"<gpx><trk><trkseg>")})
    assert bad.status_code == 422
    [error] = bad.json()["detail"]
    assert error["loc"] == ["body", "file"]
    assert "run.gpx" in error["msg"]
    assert client.get("/api/v1/progress").json()["runs"] == []

    response = client.post("/api/v1/runs", files={"file": ("hill.gpx", gpx(climb_m=80))})
    assert response.status_code == 201, response.text
    run = response.json()["run"]
    assert 1900 < run["distance_m"] < 2100
    assert 60 < run["elevation_gain_m"] < 100
    assert run["hilly"] is True
    assert run["climb_class"] == "hilly"
    assert run["flagged"] is True  # hilly while the ladder says flat ground only
    assert run["duration_s"] == 600
    assert run["max_sustained_grade_pct"] > 0
    assert run["day"] == TODAY
    assert client.get("/api/v1/progress").json()["runs"] == [run]


def test_the_upload_answers_every_activity_and_a_second_upload_is_not_stored(
    client: TestClient,
) -> None:
    save_profile(client, RUNNER)
    data = gpx(climb_m=5)
    first = client.post("/api/v1/runs", files={"file": ("run.gpx", data)})
    assert first.status_code == 201, first.text
    [activity] = first.json()["activities"]
    assert activity["already_imported"] is False
    assert activity["sport"] == "unknown"
    assert activity["counts_as"] == "run"
    assert activity["terrain"] in ("flat", "rolling")
    again = client.post("/api/v1/runs", files={"file": ("copy.gpx", data)})
    assert again.status_code == 201, again.text
    [repeat] = again.json()["activities"]
    assert repeat["already_imported"] is True
    assert repeat["id"] == activity["id"]
    assert again.json()["changes"] == []
    assert len(client.get("/api/v1/progress").json()["runs"]) == 1


OVERFLOWING = (
    ("ele", '<trkpt lat="1" lon="1"><ele>1e308</ele></trkpt>', 201, "placeholder"),
    ("ele", '<trkpt lat="1" lon="1"><ele>-1e308</ele></trkpt>', 201, "placeholder"),
    ("time", '<trkpt lat="1" lon="1"><time>0001-01-01T00:00:00+14:00</time></trkpt>', 422, "UTC"),
    ("time", '<trkpt lat="1" lon="1"><time>9999-12-31T23:59:59-14:00</time></trkpt>', 422, "UTC"),
    ("lat", '<trkpt lat="1e308" lon="1"></trkpt>', 422, "outside -90 to 90"),
)


@pytest.mark.parametrize(("field", "point", "status", "words"), OVERFLOWING)
def test_huge_elevations_and_overflowing_times_are_a_note_or_a_clear_422(
    client: TestClient, field: str, point: str, status: int, words: str
) -> None:
    save_profile(client, RUNNER)
    body = f"<gpx><trk><trkseg>{point}</trkseg></trk></gpx>".encode()
    response = client.post("/api/v1/runs", files={"file": (f"{field}.gpx", body)})
    assert response.status_code == status, response.text
    if status == 422:
        [error] = response.json()["detail"]
        assert words in error["msg"]
    else:
        [activity] = response.json()["activities"]
        assert activity["terrain"] == "unknown"
        assert any(words in note for note in activity["notes"])


def test_export_delete_and_import_round_trip(client: TestClient) -> None:
    save_profile(client, DESK)
    client.post("/api/v1/check-ins", json={"on": TODAY, "pain_now": 3, "note": "first"})
    exported = client.get("/api/v1/export")
    assert exported.status_code == 200
    document = exported.json()
    assert document["format"] == "psoas-coach-export"
    assert [c["data"]["note"] for c in document["check_ins"]] == ["first"]

    refused = client.post("/api/v1/import", json=document)
    assert refused.status_code == 422  # there is data already, and no replace
    deleted = client.delete("/api/v1/data").json()["deleted"]
    assert deleted["check_ins"] == 1
    assert deleted["profiles"] == 1
    assert client.get("/api/v1/check-ins").json() == []
    assert client.get("/api/v1/plan").status_code == 404

    imported = client.post("/api/v1/import", json=document)
    assert imported.status_code == 200, imported.text
    assert imported.json()["imported"]["check_ins"] == 1
    assert client.get("/api/v1/check-ins").json()[0]["check_in"]["note"] == "first"
    again = client.post("/api/v1/import?replace=true", json=document)
    assert again.status_code == 200
    assert len(client.get("/api/v1/check-ins").json()) == 1
    broken = {**document, "check_ins": [{"id": 1}]}
    assert client.post("/api/v1/import?replace=true", json=broken).status_code == 422
    # Strict as the schema: a number is not a time, though the model alone would take it.
    lax = {**document, "check_ins": [{**document["check_ins"][0], "recorded_at": 0}]}
    response = client.post("/api/v1/import?replace=true", json=lax)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "recorded_at"
    assert len(client.get("/api/v1/check-ins").json()) == 1  # nothing half-written


def test_people_reach_only_their_own_progress_and_data(make_client: MakeClient) -> None:
    server = make_client(multi_user=True)
    ada = sign_up(TestClient(server.app, base_url="https://localhost"), "ada")
    bob = sign_up(TestClient(server.app, base_url="https://localhost"), "bob")
    for person in (ada, bob):
        person.headers["x-csrf-token"] = csrf(person)
        save_profile(person, RUNNER)
    ada.post("/api/v1/check-ins", json={"on": TODAY, "pain_now": 1, "note": "ada only"})
    ada.post("/api/v1/runs", files={"file": ("ada.gpx", gpx(climb_m=5))})

    assert bob.get("/api/v1/check-ins").json() == []
    assert bob.get("/api/v1/progress").json()["runs"] == []
    assert bob.get("/api/v1/plan/changes").json() == []
    assert "ada only" not in bob.get("/api/v1/export").text
    assert bob.delete("/api/v1/data").status_code == 200
    assert [c["check_in"]["note"] for c in ada.get("/api/v1/check-ins").json()] == ["ada only"]
    assert len(ada.get("/api/v1/progress").json()["runs"]) == 1
    # Signed out: nothing at all.
    anonymous = TestClient(server.app, base_url="https://localhost")
    for path in ("/api/v1/check-ins", "/api/v1/progress", "/api/v1/export"):
        assert anonymous.get(path).status_code == 401
    assert json.loads(ada.get("/api/v1/export").text)["person"]["name"] == "ada"
