"""One person can never read, change or delete another's profile, plan or sessions."""

from fastapi.testclient import TestClient

from tests.web.conftest import MakeClient, csrf
from tests.web.test_accounts import sign_up

ADA_PROFILE = {"activities": ["running"], "pain_now": 3, "equipment": ["foam-roller"]}
BOB_PROFILE = {"activities": ["desk-work"], "pain_now": 1}


def signed_in(client: TestClient, username: str) -> TestClient:
    browser = TestClient(client.app, base_url="https://localhost")
    sign_up(browser, username)
    browser.headers["x-csrf-token"] = csrf(browser)
    return browser


def test_people_see_only_their_own_records(make_client: MakeClient) -> None:
    server = make_client(multi_user=True)
    ada, bob = signed_in(server, "ada"), signed_in(server, "bob")
    assert ada.put("/api/v1/profile", json=ADA_PROFILE).status_code == 200
    session = ada.post("/api/v1/sessions", json={}).json()["session"]["id"]
    ada.post(f"/api/v1/sessions/{session}/steps", json={"step_index": 0})

    # Bob has nothing of his own yet, and cannot reach Ada's.
    assert bob.get("/api/v1/profile").status_code == 404
    assert bob.get("/api/v1/plan").status_code == 404
    assert bob.get("/api/v1/history").json() == []
    assert bob.get(f"/api/v1/sessions/{session}").status_code == 404
    assert bob.post(f"/api/v1/sessions/{session}/steps", json={"step_index": 1}).status_code == 404
    assert bob.post(f"/api/v1/sessions/{session}/finish", json={}).status_code == 404
    assert bob.delete(f"/api/v1/sessions/{session}").status_code == 404
    assert bob.delete("/api/v1/profile").status_code == 404
    assert bob.get(f"/session?resume={session}").status_code == 404
    assert f'id="session-{session}"' not in bob.get("/history").text
    assert f"/session?resume={session}" in ada.get("/history").text

    # Bob's own profile changes nothing of Ada's.
    assert bob.put("/api/v1/profile", json=BOB_PROFILE).status_code == 200
    assert bob.delete("/api/v1/profile").status_code == 204
    assert ada.get("/api/v1/profile").json()["activities"] == ["running"]
    ada_history = ada.get("/api/v1/history").json()
    assert [(s["id"], s["steps_done"]) for s in ada_history] == [(session, 1)]
    assert ada.get(f"/api/v1/sessions/{session}").json()["recorded"] == {"0": "done"}


def test_api_tokens_reach_only_their_owner(make_client: MakeClient) -> None:
    server = make_client(multi_user=True)
    ada, bob = signed_in(server, "ada"), signed_in(server, "bob")
    ada.put("/api/v1/profile", json=ADA_PROFILE)
    session = ada.post("/api/v1/sessions", json={}).json()["session"]["id"]
    token = bob.post("/api/v1/token").json()["token"]
    script = TestClient(server.app, base_url="https://localhost")
    script.headers["authorization"] = f"Bearer {token}"
    assert script.get(f"/api/v1/sessions/{session}").status_code == 404
    assert script.delete(f"/api/v1/sessions/{session}").status_code == 404
    assert script.get("/api/v1/profile").status_code == 404
    assert ada.get(f"/api/v1/sessions/{session}").status_code == 200
