"""Hostile exports through the web: the /data/import page and POST /api/v1/import refuse each
with 422 naming the problem, and store nothing (never a 500, never a half-written import)."""

import copy
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf, main_of

DEEP = 100_000


def real_export(client: TestClient) -> dict[str, Any]:
    """A real export holding one session, started through the API."""
    profile = {"pain_now": 1, "activities": ["desk-work"], "equipment": ["mat"]}
    assert client.put("/api/v1/profile", json=profile).status_code == 200
    assert client.post("/api/v1/sessions", json={"day": 1}).status_code == 201
    document: dict[str, Any] = client.get("/api/v1/export").json()
    assert client.delete("/api/v1/data").status_code == 200
    return document


def changed(document: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The export with fields of its first session replaced."""
    document = copy.deepcopy(document)
    document["sessions"][0].update(fields)
    return document


HOSTILE_BYTES = {
    "deep.json": b"[" * DEEP + b"]" * DEEP,
    "huge-int.json": b'{"format": "psoas-coach-export", "version": ' + b"9" * 5000 + b"}",
    "surrogate.json": b'{"format": "psoas-coach-export\\ud800"}',
    "nan.json": b'{"format": "psoas-coach-export", "version": NaN}',
}


@pytest.mark.parametrize("name", HOSTILE_BYTES)
def test_the_import_page_refuses_hostile_json(client: TestClient, name: str) -> None:
    response = client.post(
        "/data/import",
        data={"csrf_token": csrf(client)},
        files={"file": (name, HOSTILE_BYTES[name])},
    )
    assert response.status_code == 422
    assert name in main_of(response.text)


def test_exports_that_would_not_read_back_are_refused_by_page_and_api(client: TestClient) -> None:
    document = real_export(client)
    session = document["sessions"][0]
    bad = {
        "plan_day 2**63": changed(document, plan_day=2**63),
        "plan_day 2**31": changed(document, plan_day=2**31),
        "plan_day 8": changed(document, plan_day=8),
        "a plan that is not one": changed(document, plan={"anything": 1}),
        "a plan of a million sets": changed(
            document,
            plan={
                **session["plan"],
                "phases": [
                    {**phase, "items": [{**item, "sets": 10**6} for item in phase["items"]]}
                    for phase in session["plan"]["phases"]
                ],
            },
        ),
        "a NUL in a note": changed(document, note="a\x00b"),
        "a lone surrogate in a note": changed(document, note="a\ud800b"),
        "a time before year 1 in UTC": changed(document, started_at="0001-01-01T00:00:00+14:00"),
        "a planned_steps the plan does not make": changed(document, planned_steps=1),
    }
    token = csrf(client)
    for what, hostile in bad.items():
        text = json.dumps(hostile)  # a surrogate as the escape \\ud800, as a client sends it
        page = client.post(
            "/data/import",
            data={"csrf_token": token},
            files={"file": ("export.json", text.encode())},
        )
        assert page.status_code == 422, what
        assert "export.json" in main_of(page.text), what
        if "surrogate" in what:
            # The API's 422 repeats the input, which JSON cannot carry with a lone surrogate:
            # the web side's part of issue 15 (answers that echo input) covers that.
            continue
        api = client.post(
            "/api/v1/import",
            content=text.encode(),
            headers={"content-type": "application/json", "X-CSRF-Token": token},
        )
        assert api.status_code == 422, f"{what}: {api.status_code} {api.text[:300]}"
        assert client.get("/api/v1/history").json() == [], what
    # The export itself still goes in.
    imported = client.post("/api/v1/import", json=document, headers={"X-CSRF-Token": token})
    assert imported.status_code == 200, imported.text
    [stored] = client.get("/api/v1/history").json()
    assert client.get(f"/api/v1/sessions/{stored['id']}").status_code == 200
