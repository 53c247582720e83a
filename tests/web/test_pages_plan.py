"""The plan page: the same plan as the core and the CLI, with its status, reasons and week."""

import re
from typing import Any

from fastapi.testclient import TestClient
from markupsafe import escape as html_escape

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.services.planning import plan_for
from tests.web.conftest import MakeClient, csrf, main_of, save_profile

DESK_WORKER: dict[str, Any] = {
    "activities": ["desk-work", "driving"],
    "sitting_hours_per_day": 9,
    "goals": ["relieve-tightness"],
    "symptoms": ["hip-stiffness"],
    "equipment": ["foam-roller", "soft-ball", "strap-or-towel", "chair", "mat"],
    "minutes_per_session": 15,
    "sessions_per_week": 3,
}
ITEM = re.compile(r'<h3 id="item-(release|lengthen|strengthen|move)-([a-z0-9-]+)">')


def items_shown(html: str) -> list[tuple[str, str]]:
    """(phase, exercise id) of every plan item on the page, in page order."""
    return ITEM.findall(html)


def items_planned(plan: Plan) -> list[tuple[str, str]]:
    return [(phase.phase, item.exercise) for phase in plan.phases for item in phase.items]


def test_without_a_check_in_the_page_points_to_it(client: TestClient) -> None:
    response = client.get("/plan")
    assert response.status_code == 200
    main = main_of(response.text)
    assert 'href="/check-in"' in main
    assert "no plan yet" in main


def test_the_page_shows_the_core_plan_item_by_item(client: TestClient) -> None:
    plan = plan_for(save_profile(client, DESK_WORKER))
    assert plan.status == "ok"
    html = main_of(client.get("/plan").text)

    assert items_shown(html) == items_planned(plan)
    assert len(items_shown(html)) >= 3
    names = load_catalogue().exercises
    cards = html.split('<section class="card plan-item"')[1:]
    for card, item in zip(cards, [i for p in plan.phases for i in p.items], strict=True):
        assert f'href="/exercises/{item.exercise}"' in card
        assert names[item.exercise].name in card
        assert f"{item.sets} set" in card
        assert f"{item.seconds} s" in card
        assert ("each side" if item.sides == "each" else "both sides at once") in card
        if item.reps:
            assert f"{item.reps} reps" in card
        for source in item.sources:
            assert f'href="/sources#{source}"' in card
    assert 'role="status"' in html
    assert 'data-status="ok"' in html
    assert f"about <strong>{plan.session_minutes} minutes</strong>" in html
    assert html.index("1. Release") < html.index("2. Lengthen") < html.index("3. Strengthen")
    assert 'href="/session"' in html


def test_the_week_guidance_breaks_and_disagreement_are_shown(client: TestClient) -> None:
    plan = plan_for(save_profile(client, DESK_WORKER))
    html = main_of(client.get("/plan").text)
    week = html[html.index("Your week") :]
    rows = re.findall(r'<th scope="row">(\w+)</th>\s*<td>(.*?)</td>', week, flags=re.S)
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert [day for day, _ in rows] == days
    planned = {session.day: session.exercises for session in plan.weekly_schedule}
    for number, (_, cell) in enumerate(rows, start=1):
        shown = re.findall(r'href="/exercises/([a-z0-9-]+)"', cell)
        assert shown == list(planned.get(number, ()))
        assert ("Rest day" in cell) == (number not in planned)
    for message in plan.guidance:
        assert message.text in html
    assert plan.breaks.desk_interval_minutes is not None
    assert f"every {plan.breaks.desk_interval_minutes} minutes" in html
    assert f"every {plan.breaks.driving_interval_minutes} minutes" in html
    # Where sources disagree, and what the plan does by default.
    conflict = load_catalogue().conflicts["direct-psoas-pressure"]
    assert "Sources disagree" in html
    assert " ".join(conflict.default.split()[:6]) in html


def test_a_hernia_lists_what_is_left_out_and_why(client: TestClient) -> None:
    plan = plan_for(save_profile(client, {**DESK_WORKER, "conditions": ["abdominal-hernia"]}))
    html = main_of(client.get("/plan").text)
    left_out = html[html.index("Left out, and why") :]
    hernia = [e for e in plan.excluded if any(r.id.startswith("hernia") for r in e.reasons)]
    assert {e.exercise for e in hernia} >= {"boat-pose", "core-release-soft-ball"}
    for exclusion in plan.excluded:
        assert f'href="/exercises/{exclusion.exercise}"' in left_out
        for reason in exclusion.reasons:
            assert html_escape(reason.text) in left_out
    assert items_shown(html) == items_planned(plan)
    assert not {e.exercise for e in hernia} & {exercise for _, exercise in items_shown(html)}


def test_see_a_professional_is_an_alert(client: TestClient) -> None:
    plan = plan_for(save_profile(client, {**DESK_WORKER, "pain_now": 8}))
    assert plan.status == "see-professional"
    html = main_of(client.get("/plan").text)
    banner = html[html.index('<div class="notice') : html.index("</div>")]
    assert 'role="alert"' in banner
    assert "Please see a professional first" in banner
    assert "Pain of 7 or more" in banner
    assert items_shown(html) == items_planned(plan)


def test_urgent_care_says_where_to_go_and_offers_no_exercise(client: TestClient) -> None:
    save_profile(client, {**DESK_WORKER, "red_flags": ["saddle-numbness", "fever"]})
    html = main_of(client.get("/plan").text)
    banner = html[html.index('<div class="notice') : html.index("</div>")]
    assert 'role="alert"' in banner
    assert 'data-status="urgent-care"' in banner
    assert "emergency department" in banner  # where to go, and how soon
    # Only the most urgent instruction: "a doctor today" beside "emergency care now" would read
    # as leave to wait. The fever is still listed to tell the doctor.
    assert "Contact a doctor today" not in banner
    tell = html[html.index('id="tell-professional"') :]
    assert "A fever or chills" in tell
    assert items_shown(html) == []
    assert "/exercises/" not in html
    assert 'href="/session"' not in html


def test_each_person_sees_only_their_own_plan(make_client: MakeClient) -> None:
    def signed_up(name: str) -> TestClient:
        client = make_client(multi_user=True)
        client.get("/signup")
        form = {"username": name, "password": "long enough pass", "csrf_token": csrf(client)}
        assert client.post("/signup", data=form, follow_redirects=False).status_code == 303
        return client

    alice, bob = signed_up("alice"), signed_up("bob")
    save_profile(alice, DESK_WORKER)
    assert items_shown(alice.get("/plan").text) == items_planned(
        plan_for(Profile.model_validate(DESK_WORKER))
    )
    assert "no plan yet" in main_of(bob.get("/plan").text)
