"""The start page, and what every page shares: sign-in in multi-user mode, a light first load."""

import itertools
import re

from fastapi.testclient import TestClient

from psoas.catalogue import load_catalogue
from tests.web.conftest import MakeClient, main_of, save_profile
from tests.web.test_pages_plan import DESK_WORKER

PAGES = ["/", "/check-in", "/plan", "/history", "/exercises", "/exercises/glute-bridge", "/sources"]


def test_a_first_visit_is_sent_to_the_check_in(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    main = main_of(response.text)
    assert 'href="/check-in"' in main
    for later in ("/plan", "/session", "/history"):
        assert f'href="{later}"' not in main


def test_after_a_check_in_it_links_to_plan_session_and_history(client: TestClient) -> None:
    save_profile(client, DESK_WORKER)
    main = main_of(client.get("/").text)
    for link in ("/plan", "/session", "/history"):
        assert f'href="{link}"' in main


def test_the_first_page_with_its_style_and_script_is_under_150_kb(client: TestClient) -> None:
    page = client.get("/")
    assets = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text))
    # The stylesheet, htmx, the two offline scripts and the icon; no other images, no fonts.
    assert len(assets) == 5
    total = len(page.content) + sum(len(client.get(a).content) for a in assets)
    assert total < 150_000


def test_pages_have_one_h1_headings_in_order_and_labelled_inputs(client: TestClient) -> None:
    save_profile(client, {**DESK_WORKER, "conditions": ["abdominal-hernia"]})
    steps = [f"/check-in?step={n}" for n in range(2, len(load_catalogue().check_in.questions) + 1)]
    for path in [*PAGES, *steps]:
        html = client.get(path).text
        assert html.count("<h1") == 1, path
        levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)
        for input_id in re.findall(r'<input(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html):
            assert f'for="{input_id}"' in html, (path, input_id)
        assert "<script>" not in html  # no inline script: the CSP would block it


def test_multi_user_pages_ask_for_sign_in(make_client: MakeClient) -> None:
    client = make_client(multi_user=True)
    for path in PAGES:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == f"/login?next={path}"


def test_an_urgent_status_shows_the_warning_and_no_session_link(client: TestClient) -> None:
    save_profile(client, {**DESK_WORKER, "red_flags": ["cannot-bear-weight"]})
    main = main_of(client.get("/").text)
    assert 'data-status="urgent-care"' in main
    assert "emergency department" in main  # where to go, and how soon
    assert 'href="/session"' not in main
    assert 'href="/plan"' in main


def test_see_professional_shows_the_referral_and_what_is_safe_meanwhile(
    client: TestClient,
) -> None:
    save_profile(client, {**DESK_WORKER, "pain_now": 8})
    main = main_of(client.get("/").text)
    assert 'data-status="see-professional"' in main
    assert "Pain of 7 or more out of 10 is too high to train through" in main
    assert "Gentle walking" in main
    assert 'href="/plan#tell-professional"' in main


def test_an_ok_plan_shows_the_next_session_with_minutes_and_equipment(
    client: TestClient,
) -> None:
    save_profile(client, DESK_WORKER)
    main = main_of(client.get("/").text)
    today = re.search(r'<h2 id="next-session">(\w+): about (\d+) minutes</h2>', main)
    assert today, main
    assert int(today[2]) >= 1
    exercises = re.findall(r'<li><a href="/exercises/([a-z0-9-]+)">', main)
    assert exercises
    ready = re.search(r"Have ready: ([^.]+)\.", main)
    assert ready
    # Only what the person holds, in words.
    held = {item.replace("-", " ") for item in DESK_WORKER["equipment"]}
    named = {part.strip() for part in ready[1].split(",")} - {"nothing but the floor"}
    assert named <= held
    assert "No progress check-in yet" in main
    assert "Sitting-break reminders are off" in main
