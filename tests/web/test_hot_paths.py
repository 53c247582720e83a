"""The fast answers to POST /api/v1/plan and GET /plan: the same bytes the normal routes give,
anything unusual answered by those routes as before, and never a plan older than the latest
check-in, wherever it was saved."""

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from psoas.domain.profile import Profile
from psoas.services.planning import plan_for, plan_json
from tests.web.conftest import MakeClient, csrf, save_profile
from tests.web.test_isolation import signed_in
from tests.web.test_page_fragments import RUNNER
from tests.web.test_pages_plan import DESK_WORKER, items_planned, items_shown

# A JSON type the fast answer leaves to the normal route (FastAPI reads any "+json" type).
OTHER_JSON = {"content-type": "application/vnd.psoas+json"}


def test_the_fast_plan_answer_is_the_routes_answer(client: TestClient) -> None:
    fast = client.post("/api/v1/plan", json=DESK_WORKER)
    routed = client.post("/api/v1/plan", json=DESK_WORKER, headers=OTHER_JSON)
    assert fast.status_code == routed.status_code == 200
    assert fast.content == routed.content
    assert fast.text == plan_json(plan_for(Profile.model_validate(DESK_WORKER)))
    assert dict(fast.headers) == dict(routed.headers)


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b'{"age": "forty"}', {}, 422),  # not a valid profile
        (b'{"age": NaN}', {}, 422),  # not strict JSON
        (b"", {}, 422),  # no body
        (b"[1, 2", {}, 422),  # not JSON
        (b'{"activities": []}', {"origin": "https://elsewhere.example"}, 403),  # cross-site
    ],
)
def test_unusual_requests_get_the_routes_answer(
    client: TestClient, body: bytes, headers: dict[str, str], status: int
) -> None:
    sent = {"content-type": "application/json", **headers}
    fast = client.post("/api/v1/plan", content=body, headers=sent)
    routed = client.post("/api/v1/plan", content=body, headers={**sent, **OTHER_JSON})
    assert fast.status_code == routed.status_code == status
    assert fast.json() == routed.json()


def test_the_plan_api_is_still_in_the_published_document(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/plan"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]


def test_a_check_in_saved_by_another_process_shows_at_once(
    client: TestClient, database_url: str
) -> None:
    save_profile(client, DESK_WORKER)
    for _ in range(3):  # rendered, then served from what is kept
        shown = items_shown(client.get("/plan").text)
    assert shown == items_planned(plan_for(Profile.model_validate(DESK_WORKER)))
    # As `psoas check-in` would, from its own process and its own connection.
    script = (
        "import sys, datetime; from psoas.domain.profile import Profile; "
        "from psoas.storage import ProfileRepository, create_engine_for; "
        "ProfileRepository(create_engine_for(sys.argv[1])).save_profile(person_id=1, "
        "profile=Profile.model_validate_json(sys.argv[2]), now=datetime.datetime.now(datetime.UTC))"
    )
    runner = Profile.model_validate(RUNNER)
    subprocess.run(
        [sys.executable, "-c", script, database_url, runner.model_dump_json()], check=True
    )
    assert items_shown(client.get("/plan").text) == items_planned(plan_for(runner))


def test_a_check_in_saved_here_shows_at_once(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    client.get("/plan")
    client.get("/plan")
    save_profile(client, RUNNER)
    shown = items_shown(client.get("/plan").text)
    assert shown == items_planned(plan_for(Profile.model_validate(RUNNER)))


def test_the_kept_page_names_this_browsers_token(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    client.get("/plan")
    other = TestClient(client.app, base_url="https://localhost")
    page = other.get("/plan")
    token = csrf(other)
    assert f'<meta name="csrf-token" content="{token}">' in page.text
    assert csrf(client) not in page.text


def test_nobody_signed_in_is_sent_to_sign_in(make_client: MakeClient) -> None:
    server = make_client(multi_user=True)
    ada = signed_in(server, "ada")
    assert ada.put("/api/v1/profile", json=DESK_WORKER).status_code == 200
    assert ada.get("/plan").status_code == ada.get("/plan").status_code == 200
    stranger = TestClient(server.app, base_url="https://localhost")
    answer = stranger.get("/plan", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/plan"


def test_a_signed_in_persons_kept_page_is_the_page_rendered_afresh(
    make_client: MakeClient,
) -> None:
    server = make_client(multi_user=True)
    ada = signed_in(server, "ada")
    assert ada.put("/api/v1/profile", json=DESK_WORKER).status_code == 200
    fresh, kept = ada.get("/plan").text, ada.get("/plan").text
    assert kept == fresh
    assert 'href="/account"' in kept
