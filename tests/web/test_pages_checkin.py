"""The check-in wizard, driven the way a browser without JavaScript drives it: each page's form
is posted back with what it holds (hidden fields included) plus the answers typed in."""

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import yaml
from fastapi.testclient import TestClient

from psoas.catalogue import load_catalogue
from psoas.domain.profile import Profile
from psoas.services.planning import plan_for
from tests.web.conftest import csrf, main_of
from tests.web.test_pages_plan import items_planned, items_shown

QUESTIONS = load_catalogue().check_in.questions
RED_FLAGS = [flag.id for flag in load_catalogue().screening.red_flags]
NO_WARNING_SIGNS = {f"red_flags.{flag}": "no" for flag in RED_FLAGS}
RUNNER: dict[str, Any] = {
    "activities": ["running", "desk-work"],
    "sitting_hours_per_day": "7.5",
    "goals": ["return-to-running", "relieve-tightness"],
    "symptoms": ["hip-stiffness"],
    "symptoms_weeks": "3",
    "pain_now": "2",
    "conditions": ["abdominal-hernia"],
    "equipment": ["mat", "soft-ball", "strap-or-towel", "wall"],
    "minutes_per_session": "20",
    "sessions_per_week": "4",
    "allow_direct_psoas_pressure": "yes",
    "age": "41",
}
Fields = list[tuple[str, str]]


class CheckInForm(HTMLParser):
    """What the check-in form would submit as it stands: hidden, typed and ticked fields."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: Fields = []
        self._inside = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._inside = a.get("action") == "/check-in"
        elif tag == "input" and self._inside and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((str(a["name"]), a.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False


def post(
    client: TestClient, page: httpx.Response, answers: dict[str, Any], action: str = "next"
) -> httpx.Response:
    """Submit the page's form with `answers` replacing what those fields held."""
    data: dict[str, list[str]] = {}
    for name, value in CheckInForm(page.text).fields:
        if name not in answers:
            data.setdefault(name, []).append(value)
    for name, value in answers.items():
        data[name] = value if isinstance(value, list) else [value]
    data["action"] = [action]
    return client.post("/check-in", data=data, follow_redirects=False)


def step_of(page: httpx.Response) -> int:
    found = re.search(r"Question (\d+) of (\d+)", page.text)
    assert found, page.text
    assert int(found[2]) == len(QUESTIONS)
    return int(found[1])


def walk(client: TestClient, answers: dict[str, Any], until: str | None = None) -> httpx.Response:
    """Answer every question that applies in order (stopping at `until`), checking each page on
    the way; follow-up questions that do not apply are skipped."""
    page = client.get("/check-in")
    for number, question in enumerate(QUESTIONS, start=1):
        if not question.applies(answers):
            continue
        assert page.status_code == 200, page.text
        assert step_of(page) == number
        assert question.prompt in page.text
        if question.field == until:
            return page
        if question.kind == "each-yes-no":
            page = post(client, page, NO_WARNING_SIGNS)
        else:
            page = post(client, page, {question.field: answers.get(question.field, [])})
    return page


def saved_profile(client: TestClient) -> httpx.Response:
    return client.get("/api/v1/profile")


def test_warning_signs_come_first_each_with_why_and_sources(client: TestClient) -> None:
    page = client.get("/check-in")
    html = main_of(page.text)
    assert QUESTIONS[0].kind == "each-yes-no"
    assert "Question 1 of" in html
    assert QUESTIONS[0].prompt in html
    assert "Why we ask: " + QUESTIONS[0].why in html
    for source in QUESTIONS[0].sources:
        assert f'href="/sources#{source}"' in html
    positions = [html.index(flag.question) for flag in load_catalogue().screening.red_flags]
    assert positions == sorted(positions)
    # Nothing else is asked on this page, and every form carries the CSRF token.
    assert QUESTIONS[1].prompt not in html
    assert html.count('name="csrf_token"') == html.count("<form")


def test_the_questions_come_in_the_content_order(client: TestClient) -> None:
    page = walk(client, RUNNER, until=QUESTIONS[-1].field)
    assert step_of(page) == len(QUESTIONS)
    assert "Save and see my plan" in page.text
    for question in QUESTIONS:
        if question.field == QUESTIONS[-1].field:
            continue
        assert question.prompt not in main_of(page.text)


@pytest.mark.parametrize("flag", ["saddle-numbness", "history-of-cancer"])
def test_any_warning_sign_stops_at_once_with_urgent_care(
    client: TestClient, tmp_path: Path, flag: str
) -> None:
    page = client.get("/check-in")
    answered = post(client, page, {**NO_WARNING_SIGNS, f"red_flags.{flag}": "yes"})
    assert answered.status_code == 303
    assert answered.headers["location"] == "/plan"

    saved = saved_profile(client).json()
    assert saved["red_flags"] == [flag]
    plan = client.get("/api/v1/plan").json()
    assert plan["status"] == "urgent-care"
    assert plan["phases"] == []
    assert plan["weekly_schedule"] == []
    html = main_of(client.get("/plan").text)
    assert 'data-status="urgent-care"' in html
    assert 'role="alert"' in html
    assert items_shown(html) == []
    assert "/exercises/" not in html
    written = yaml.safe_load((tmp_path / "profile.yaml").read_text(encoding="utf-8"))
    assert written["red_flags"] == [flag]


def test_a_warning_sign_left_unanswered_is_asked_again(client: TestClient) -> None:
    page = client.get("/check-in")
    partly = {k: v for k, v in NO_WARNING_SIGNS.items() if not k.endswith("fever")}
    answered = post(client, page, partly)
    assert answered.status_code == 422
    assert step_of(answered) == 1
    assert "Please answer yes or no to every warning sign" in answered.text
    # Jumping ahead by URL does not skip them either.
    later = client.get("/check-in?step=5")
    assert step_of(later) == 5
    bounced = post(client, later, {QUESTIONS[4].field: []})
    assert bounced.status_code == 422
    assert step_of(bounced) == 1
    assert saved_profile(client).status_code == 404


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("pain_now", "11", "Pain right now must be a whole number from 0 to 10; you wrote “11”."),
        (
            "sitting_hours_per_day",
            "lots",
            "Hours you sit a day needs a number from 0 to 24, written in figures; "
            "you wrote “lots”.",
        ),
        ("minutes_per_session", "2", "Minutes for one session must be a whole number from 3 to 90"),
    ],
)
def test_bad_input_is_shown_at_its_question_and_nothing_is_saved(
    client: TestClient, tmp_path: Path, field: str, bad: str, message: str
) -> None:
    page = walk(client, RUNNER, until=field)
    number = step_of(page)
    answered = post(client, page, {field: bad})
    assert answered.status_code == 422
    assert step_of(answered) == number
    html = main_of(answered.text)
    # One sentence in the person's words, naming the question as the page does: no field ids,
    # no validator's phrasing, in a summary that takes focus and beside the question.
    assert f"{field}:" not in html
    assert "input should be" not in html
    summary = re.search(r'<div class="notice notice-error"[^>]*id="error-summary"[^>]*>', html)
    assert summary
    assert "autofocus" in summary[0]
    assert message in html
    error = re.search(rf'<p class="field-error" id="error-{field}">(.*?)</p>', html, re.S)
    assert error
    assert message in error[1]
    assert f'value="{bad}"' in html  # what was typed is kept
    assert 'aria-invalid="true"' in html
    assert f"error-{field}" in html[html.index(f'id="{field}"') :]
    assert saved_profile(client).status_code == 404
    assert not (tmp_path / "profile.yaml").exists()

    fixed = post(client, answered, {field: RUNNER[field]})
    assert fixed.status_code == 200
    assert step_of(fixed) == number + 1


def test_a_full_check_in_saves_the_profile_and_shows_its_plan(
    client: TestClient, tmp_path: Path
) -> None:
    done = walk(client, RUNNER)
    assert done.status_code == 303
    assert done.headers["location"] == "/plan"

    expected = Profile.model_validate(RUNNER)
    assert Profile.model_validate(saved_profile(client).json()) == expected
    written = yaml.safe_load((tmp_path / "profile.yaml").read_text(encoding="utf-8"))
    assert Profile.model_validate(written) == expected
    plan = plan_for(expected)
    html = client.get("/plan").text
    assert items_shown(html) == items_planned(plan)
    assert items_planned(plan)
    assert "Left out, and why" in html  # the hernia leaves pressure on the belly out


def test_back_keeps_every_answer(client: TestClient) -> None:
    page = walk(client, RUNNER, until="goals")
    goals = post(client, page, {"goals": ["prevent-injury"]})
    back = post(client, goals, {}, action="back")
    assert step_of(back) == step_of(page)
    assert re.search(r'value="prevent-injury" checked', back.text)
    back_again = post(client, back, {}, action="back")
    assert 'value="7.5"' in back_again.text  # sitting hours, typed two pages earlier


def test_the_wizard_starts_from_the_saved_check_in(client: TestClient) -> None:
    saved = {"activities": ["cycling"], "sitting_hours_per_day": 10, "red_flags": []}
    response = client.put(
        "/api/v1/profile",
        json=saved,
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert response.status_code == 200
    first = client.get("/check-in")
    assert " checked" not in first.text  # warning signs are asked afresh every time
    activities = client.get("/check-in?step=2")
    assert re.search(r'value="cycling" checked', activities.text)
    assert not re.search(r'value="running" checked', activities.text)
    assert 'value="10"' in client.get("/check-in?step=3").text


def test_weeks_pregnant_is_asked_only_after_pregnancy_is_ticked(client: TestClient) -> None:
    pregnant = {**RUNNER, "conditions": ["pregnancy"], "pregnancy_weeks": "22"}
    page = walk(client, pregnant, until="pregnancy_weeks")
    assert "How many weeks pregnant are you" in page.text
    done = walk(client, pregnant)
    assert done.status_code == 303
    saved = saved_profile(client).json()
    assert (saved["pregnancy_weeks"], saved["symptoms_weeks"]) == (22, 3)
    plan = client.get("/plan").text
    assert "lying flat on your back are left out" in plan


def test_a_follow_up_that_no_longer_applies_is_dropped(client: TestClient) -> None:
    """Weeks pregnant typed, then pregnancy unticked on Back: the stale answer is not kept."""
    pregnant = {**RUNNER, "conditions": ["pregnancy"], "pregnancy_weeks": "22"}
    page = walk(client, pregnant, until="equipment")
    back = post(client, page, {}, action="back")
    assert "How many weeks pregnant are you" in back.text
    conditions = post(client, back, {}, action="back")
    skipped = post(client, conditions, {"conditions": []})
    assert "What do you have to hand?" in skipped.text  # weeks pregnant is skipped
    assert 'name="pregnancy_weeks" value="22"' in skipped.text  # still carried, hidden
    page = skipped
    fields = [q.field for q in QUESTIONS]
    for question in QUESTIONS[fields.index("equipment") :]:
        page = post(client, page, {question.field: RUNNER[question.field]})
    assert page.status_code == 303, page.text
    assert saved_profile(client).json()["pregnancy_weeks"] is None
