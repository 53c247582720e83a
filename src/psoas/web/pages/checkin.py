"""The check-in wizard: one question a page, in content/check_in.yaml's order, JavaScript off.

Every form carries all the answers, the other questions' in hidden fields, so nothing is stored
until the last page and Back loses nothing. Warning signs come first and are asked afresh each
time (they are about now); a yes to any of them stops the check-in at once, saves that answer
and shows where to get help.
"""

import re
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import Engine
from starlette.datastructures import FormData

from psoas.catalogue import load_catalogue
from psoas.domain.checkin import Question
from psoas.domain.profile import Profile
from psoas.services.profiles import parse_profile
from psoas.storage import ProfileRepository, StorageError
from psoas.web.form_words import FormProblem, answer_problems
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.settings import WebSettings
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render
from psoas.web.your_data import save_check_in

router = APIRouter(route_class=StrictRoute)
SOURCE = "check-in"  # how parse_profile prefixes each problem
YES, NO = "yes", "no"

# The answers as the form sends them: form field name -> its values (several for choose-many).
Draft = dict[str, list[str]]


async def _form(request: Request) -> FormData:
    return await request.form()


Form = Annotated[FormData, Depends(_form)]


def _questions() -> tuple[Question, ...]:
    return load_catalogue().check_in.questions


def _names(question: Question) -> list[str]:
    """The form fields that carry one question's answer: one per warning sign for each-yes-no."""
    if question.kind == "each-yes-no":
        return [f"{question.field}.{flag.id}" for flag in load_catalogue().screening.red_flags]
    return [question.field]


def _first(draft: Draft, name: str) -> str:
    values = draft.get(name) or [""]
    return values[0].strip()


def _number_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _draft_from_profile(profile: Profile) -> Draft:
    """Pre-fill from a saved check-in, except the warning signs, which are asked each time."""
    data = profile.model_dump(mode="json")
    draft: Draft = {}
    for question in _questions():
        value = data.get(question.field)
        if question.kind == "choose-many":
            draft[question.field] = [str(item) for item in value or ()]
        elif question.kind == "yes-no":
            draft[question.field] = [YES if value else NO]
        elif question.kind == "number" and value is not None:
            draft[question.field] = [_number_text(value)]
    return draft


def _draft_from_form(form: FormData) -> Draft:
    names = [name for question in _questions() for name in _names(question)]
    return {name: [v for v in form.getlist(name) if isinstance(v, str)] for name in names}


def _answers(draft: Draft) -> dict[str, Any]:
    """What parse_profile reads. Empty number fields are left out, so their default applies, and
    so are follow-up questions that no longer apply (weeks pregnant once pregnancy is unticked)."""
    answers: dict[str, Any] = {}
    for question in _questions():
        if not question.applies(answers):
            continue
        if question.kind == "each-yes-no":
            prefix = f"{question.field}."
            answers[question.field] = [
                name.removeprefix(prefix) for name in _names(question) if _first(draft, name) == YES
            ]
        elif question.kind == "choose-many":
            answers[question.field] = draft.get(question.field, [])
        elif text := _first(draft, question.field):
            answers[question.field] = text
    return answers


def _problems(draft: Draft, answers: dict[str, Any]) -> list[str]:
    """Every problem with the answers, one "field: sentence" line each, the sentence naming the
    question as the page does."""
    problems: list[str] = []
    for question in _questions():
        if question.kind != "each-yes-no":
            continue
        names = _names(question)
        missing = sum(_first(draft, name) not in (YES, NO) for name in names)
        if missing:
            problems.append(
                f"{question.field}: Please answer yes or no to every warning sign; "
                f"{missing} of {len(names)} have no answer yet."
            )
    try:
        Profile.model_validate(answers)
    except ValidationError as error:
        problems += answer_problems(error, {q.field: q.label for q in _questions()})
    return problems


def _field_of(problem: str) -> str:
    """The question a problem belongs to: "activities[0]: ..." belongs to activities."""
    path = problem.partition(": ")[0]
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _next_asked(
    questions: Sequence[Question], answers: dict[str, Any], number: int, *, step: int
) -> int | None:
    """The next (step 1) or previous (step -1) step whose question applies; None past the end."""
    candidate = number + step
    while 1 <= candidate <= len(questions):
        if questions[candidate - 1].applies(answers):
            return candidate
        candidate += step
    return None


def _step_number(raw: object, count: int) -> int:
    number = int(raw) if isinstance(raw, str) and raw.strip().isdigit() else 1
    return min(max(number, 1), count)


def _step_page(
    request: Request,
    draft: Draft,
    number: int,
    problems: Sequence[str] = (),
    *,
    status_code: int = 200,
) -> Response:
    catalogue = load_catalogue()
    questions = _questions()
    question = questions[number - 1]
    own = set(_names(question))
    hidden = [
        (name, value)
        for other in questions
        for name in _names(other)
        if name not in own
        for value in draft.get(name, [])
    ]
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(_field_of(problem), []).append(problem.partition(": ")[2])
    field = question.field
    context = {
        "intro": catalogue.check_in.intro,
        "question": question,
        "number": number,
        "count": len(questions),
        "red_flags": catalogue.screening.red_flags,
        "draft": draft,
        "value": _first(draft, question.field),
        "hidden": hidden,
        "problems": list(problems),
        "summary": [
            FormProblem(
                field if question.kind == "number" else f"q-{field}", p.partition(": ")[2] or p
            )
            for p in problems
        ],
        "errors": errors.get(question.field, []),
    }
    return render(request, "checkin.html", context, status_code=status_code)


def _save(profile: Profile, engine: Engine, settings: WebSettings, person: int) -> None:
    # Also the profile file the CLI reads, so `psoas plan` shows the same plan as the web. One
    # person only: on a shared server each person's check-in stays in the database.
    save_check_in(engine, settings, profile, person_id=person)


@router.get("/check-in")
def check_in(request: Request, engine: Database, person: PersonId, step: str = "1") -> Response:
    try:
        saved = ProfileRepository(engine).latest_profile(person_id=person)
    except StorageError:
        # A saved check-in that no longer fits the questions: starting afresh is the remedy
        # (if the database itself is down, saving at the end says so).
        saved = None
    draft = _draft_from_profile(saved or Profile())
    return _step_page(request, draft, _step_number(step, len(_questions())))


@router.post("/check-in")
def answer(
    request: Request, form: Form, engine: Database, settings: Settings, person: PersonId
) -> Response:
    questions = _questions()
    number = _step_number(form.get("step"), len(questions))
    draft = _draft_from_form(form)
    if form.get("action") == "back":
        earlier = _next_asked(questions, _answers(draft), number, step=-1)
        return _step_page(request, draft, earlier or 1)

    answers = _answers(draft)
    flagged = {
        question.field: answers[question.field]
        for question in questions
        if question.kind == "each-yes-no" and answers[question.field]
    }
    if flagged:
        # A warning sign: no more questions and no exercises, only where to get help.
        _save(parse_profile(flagged, source=SOURCE), engine, settings, person)
        return RedirectResponse("/plan", status_code=303)

    problems = _problems(draft, answers)
    fields = [question.field for question in questions]
    steps = [fields.index(f) + 1 if f in fields else number for f in map(_field_of, problems)]
    if steps and (min(steps) <= number or number == len(questions)):
        first = min(steps)
        mine = [p for p, s in zip(problems, steps, strict=True) if s == first]
        return _step_page(request, draft, first, mine, status_code=422)
    following = _next_asked(questions, answers, number, step=1)
    if following is not None:
        return _step_page(request, draft, following)
    _save(parse_profile(answers, source=SOURCE), engine, settings, person)
    return RedirectResponse("/plan", status_code=303)
