"""The plan page's body (and GET /api/v1/plan's JSON) is made once per version of the plan and
kept: the page served from it is the page rendered afresh, a new record makes it again, and
nobody is served another person's plan or another browser's CSRF token."""

import re

from fastapi.testclient import TestClient

from psoas.domain.profile import Profile
from psoas.services.planning import plan_for, plan_json
from psoas.web.page_fragments import FragmentCache
from tests.web.conftest import MakeClient, csrf, main_of, save_profile
from tests.web.progress_support import DESK, with_clock
from tests.web.test_isolation import signed_in
from tests.web.test_pages_plan import DESK_WORKER, items_planned, items_shown

RUNNER = {"activities": ["running"], "goals": ["return-to-running"], "equipment": ["mat"]}
META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def offline_key_of(html: str) -> str:
    found = re.search(r'<meta name="psoas-offline" content="([^"]*)">', html)
    assert found is not None
    assert found.group(1), "a signed-in page names its offline key"
    return found.group(1)


def kept(client: TestClient) -> FragmentCache:
    cache: FragmentCache = client.app.state.plan_pages  # type: ignore[attr-defined]
    return cache


def test_the_kept_page_is_byte_for_byte_the_page_rendered_afresh(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    fresh = client.get("/plan")
    assert len(kept(client)) == 1
    again = client.get("/plan")
    assert len(kept(client)) == 1
    assert again.status_code == fresh.status_code == 200
    assert again.text == fresh.text
    assert items_shown(again.text) == items_planned(plan_for(Profile.model_validate(DESK_WORKER)))


def test_each_browser_gets_its_own_csrf_token_around_the_kept_body(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    other = TestClient(client.app, base_url="https://localhost")
    first, second = client.get("/plan").text, other.get("/plan").text
    assert META_TOKEN.findall(first) == [csrf(client)]
    assert META_TOKEN.findall(second) == [csrf(other)]
    assert csrf(client) != csrf(other)
    assert main_of(first) == main_of(second)


def test_a_new_check_in_renders_the_plan_again(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    client.get("/plan")
    assert client.get("/api/v1/plan").text == plan_json(
        plan_for(Profile.model_validate(DESK_WORKER))
    )
    save_profile(client, RUNNER)
    assert client.get("/api/v1/plan").text == plan_json(plan_for(Profile.model_validate(RUNNER)))
    shown = items_shown(client.get("/plan").text)
    assert shown == items_planned(plan_for(Profile.model_validate(RUNNER)))
    assert shown != items_planned(plan_for(Profile.model_validate(DESK_WORKER)))


def test_a_progress_check_in_renders_the_plan_again(make_client: MakeClient) -> None:
    client, clock = with_clock(make_client)
    save_profile(client, DESK)
    assert 'data-status="ok"' in client.get("/plan").text
    assert client.get("/api/v1/plan").json()["status"] == "ok"
    form = {"csrf_token": csrf(client), "pain_now": "2", "red_flags": ["fever"]}
    assert client.post("/progress/check-in", data=form).status_code == 200
    assert 'data-status="urgent-care"' in client.get("/plan").text
    assert client.get("/api/v1/plan").json()["status"] == "urgent-care"
    clock.day(3)
    form = {"csrf_token": csrf(client), "pain_now": "1"}
    assert client.post("/progress/check-in", data=form).status_code == 200
    assert 'data-status="ok"' in client.get("/plan").text
    assert client.get("/api/v1/plan").json()["status"] == "ok"


def test_people_never_see_each_others_kept_body(make_client: MakeClient) -> None:
    server = make_client(multi_user=True)
    ada, bob = signed_in(server, "ada"), signed_in(server, "bob")
    assert ada.put("/api/v1/profile", json=DESK_WORKER).status_code == 200
    assert bob.put("/api/v1/profile", json=RUNNER).status_code == 200

    for _ in range(2):  # rendered, then kept
        ada_page, bob_page = ada.get("/plan").text, bob.get("/plan").text
        assert items_shown(ada_page) == items_planned(plan_for(Profile.model_validate(DESK_WORKER)))
        assert items_shown(bob_page) == items_planned(plan_for(Profile.model_validate(RUNNER)))
        assert csrf(ada) not in bob_page
        assert csrf(bob) not in ada_page
        # The frame around the kept body names whose phone copy this page belongs to.
        assert offline_key_of(ada_page) != offline_key_of(bob_page)
        assert offline_key_of(ada_page) == offline_key_of(ada.get("/").text)
        assert ada.get("/api/v1/plan").text == plan_json(
            plan_for(Profile.model_validate(DESK_WORKER))
        )
        assert bob.get("/api/v1/plan").text == plan_json(plan_for(Profile.model_validate(RUNNER)))
    assert len(kept(ada)) == 2
    # Signed out, the page is the sign-in, not anybody's kept plan.
    assert TestClient(server.app, base_url="https://localhost").get(
        "/plan", follow_redirects=False
    ).status_code in (303, 307)


def test_the_cache_keeps_the_most_recently_used_and_no_more() -> None:
    cache = FragmentCache(max_entries=2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # now the most recently used
    cache.put("c", "C")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("A", None, "C")
    assert len(cache) == 2
