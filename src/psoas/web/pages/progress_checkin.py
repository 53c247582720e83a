"""GET/POST /progress/check-in: log how things are, on one page that works without JavaScript.

Only pain now is required. The PSFS rows come pre-filled with the activities named last time, so
the weekly scores stay comparable. A bad answer re-renders the form with each field's problem and
every entry kept; nothing is saved until all of it is right.
"""

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import Engine
from starlette.datastructures import FormData

from psoas.catalogue import load_catalogue
from psoas.domain.progress import (
    PAIN_CONTEXTS,
    PSFS_MAX_ACTIVITIES,
    THOMAS_RESULTS,
    ProgressCheckIn,
)
from psoas.services.errors import InputError
from psoas.services.progress import local_day, log_check_in, parse_check_in
from psoas.storage import ProfileRepository, ProgressRepository
from psoas.web.form_words import FormProblem, Loc, as_sentence, sentences
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.pages.progress import Form
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)
PAIN_QUESTIONS = {
    "sitting": "Sitting",
    "running": "Running",
    "hills_or_stairs": "Hills or stairs",
    "lifting_leg": "Lifting your leg (knee towards the chest)",
}
THOMAS_LABELS = {
    "above": "Thigh above level (the hip flexors may be tight)",
    "level": "Thigh level",
    "below": "Thigh below level",
    "": "Not checked",
}
# The form's field names: the domain's field paths with "." and "[i]" spelt "-", as HTML ids.
Entries = dict[str, Any]
# Each question as the page words it, for sentences about its answer.
LABELS = {
    "on": "The day this check-in is about",
    "pain_now": "Pain right now",
    "sitting_hours": "Hours sitting that day",
    "note": "The note",
    "red_flags": "Warning signs",
    "psfs": "What you can do",
    "thomas_left": "Left thigh (Thomas self-check)",
    "thomas_right": "Right thigh (Thomas self-check)",
    **{f"pain_during-{c}": f"Pain during “{words}”" for c, words in PAIN_QUESTIONS.items()},
    **{f"psfs-{row}-activity": f"Activity {row + 1}" for row in range(PSFS_MAX_ACTIVITIES)},
    **{
        f"psfs-{row}-score": f"The score for activity {row + 1}"
        for row in range(PSFS_MAX_ACTIVITIES)
    },
}
# Where the summary links for a question that is a group of inputs: its first input.
SUMMARY_TARGET = {"red_flags": "red_flags-0", "psfs": "psfs-0-activity"}


def field_id(path: str) -> str:
    """ "pain_during.sitting" -> "pain_during-sitting"; "psfs[0].score" -> "psfs-0-score"."""
    return re.sub(r"[\[\].]+", "-", path).strip("-")


def _blank(today: date, activities: Sequence[str]) -> Entries:
    entries: Entries = {"on": today.isoformat(), "red_flags": []}
    for index, activity in enumerate(activities[:PSFS_MAX_ACTIVITIES]):
        entries[f"psfs-{index}-activity"] = activity
        entries[f"psfs-{index}-offered"] = activity
    return entries


def _entries(form: FormData) -> Entries:
    names = [
        "on",
        "pain_now",
        *(f"pain_during-{context}" for context in PAIN_CONTEXTS),
        *(
            f"psfs-{i}-{part}"
            for i in range(PSFS_MAX_ACTIVITIES)
            for part in ("activity", "score", "offered")
        ),
        "thomas_left",
        "thomas_right",
        "sitting_hours",
        "note",
    ]
    entries: Entries = {}
    for name in names:
        value = form.get(name)
        entries[name] = value.strip() if isinstance(value, str) else ""
    entries["red_flags"] = [v for v in form.getlist("red_flags") if isinstance(v, str)]
    return entries


def _check_in_data(entries: Entries) -> tuple[dict[str, Any], list[int]]:
    """What parse_check_in reads, and the form row of each PSFS entry it holds. Empty rows are
    left out (so the n-th score need not be on the n-th row), and so are the activities offered
    from last time and left unscored: not scoring one this week is no mistake."""
    data: dict[str, Any] = {"on": entries["on"], "red_flags": entries["red_flags"]}
    for name in ("pain_now", "sitting_hours", "note"):
        if entries[name]:
            data[name] = entries[name]
    pain = {c: entries[f"pain_during-{c}"] for c in PAIN_CONTEXTS if entries[f"pain_during-{c}"]}
    if pain:
        data["pain_during"] = pain
    rows: list[int] = []
    psfs = []
    for index in range(PSFS_MAX_ACTIVITIES):
        activity, score = entries[f"psfs-{index}-activity"], entries[f"psfs-{index}-score"]
        offered = entries[f"psfs-{index}-offered"]
        if not (activity or score) or (activity == offered and not score):
            continue
        psfs.append({"activity": activity, **({"score": score} if score else {})})
        rows.append(index)
    data["psfs"] = psfs
    for side in ("thomas_left", "thomas_right"):
        if entries[side]:
            data[side] = entries[side]
    return data, rows


def _key(loc: Loc, rows: Sequence[int]) -> str:
    """The form field a problem's location is about: ("psfs", 1, "score") with the second
    PSFS entry on the form's fourth row is "psfs-3-score"."""
    parts = [str(part) for part in loc]
    if len(parts) > 1 and parts[0] == "psfs" and parts[1].isdigit():
        index = int(parts[1])
        parts[1] = str(rows[index] if index < len(rows) else 0)
    key = field_id(".".join(parts))
    return "red_flags" if key.startswith("red_flags") else key


def _answer_errors(error: ValidationError, rows: Sequence[int]) -> dict[str, list[str]]:
    """Each problem under its form field, as a sentence naming the question as the page does."""
    errors: dict[str, list[str]] = {}
    said = sentences(error, lambda loc: LABELS.get(_key(loc, rows), ""), ProgressCheckIn)
    for loc, sentence in said:
        errors.setdefault(_key(loc, rows), []).append(sentence)
    return errors


def _field_errors(problems: Sequence[str], rows: Sequence[int]) -> dict[str, list[str]]:
    """The service's problems past the form's own checks (a day in the future), each under the
    form field it is about, as a sentence naming it."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        path, _, message = problem.partition(": ")
        if path == "(top level)":  # a check across fields names its field in the message
            path, _, message = message.partition(": ")
        message = re.sub(r" \(got \{.*\}\)$", "", message)
        if match := re.match(r"psfs\[(\d+)\]", path):
            row = rows[int(match.group(1))] if int(match.group(1)) < len(rows) else 0
            path = f"psfs[{row}]" + path[match.end() :]
        key = field_id(path)
        if key.startswith("red_flags"):
            key = "red_flags"
        sentence = as_sentence(message)
        label = LABELS.get(key, "This answer")
        errors.setdefault(key, []).append(f"{label}: {sentence[:1].lower()}{sentence[1:]}")
    return errors


def _page(
    request: Request,
    entries: Entries,
    today: date,
    *,
    errors: dict[str, list[str]] | None = None,
    no_profile: bool = False,
    status_code: int = 200,
) -> Response:
    errors = errors or {}
    summary = [
        FormProblem(SUMMARY_TARGET.get(key, key), message)
        for key, messages in errors.items()
        for message in messages
    ]
    context = {
        "entries": entries,
        "errors": errors,
        "summary": summary,
        "today": today.isoformat(),
        "pain_questions": PAIN_QUESTIONS,
        "psfs_rows": range(PSFS_MAX_ACTIVITIES),
        "thomas": [(value, THOMAS_LABELS[value]) for value in (*THOMAS_RESULTS, "")],
        "red_flags": load_catalogue().screening.red_flags,
        "no_profile": no_profile,
    }
    return render(request, "progress_checkin.html", context, status_code=status_code)


def _last_activities(engine: Engine, person: int, today: date) -> list[str]:
    """The PSFS activities of the latest check-in of the past year."""
    recent = ProgressRepository(engine).check_ins(
        person_id=person, since=today - timedelta(days=365)
    )
    return [score.activity for score in recent[-1].check_in.psfs] if recent else []


@router.get("/progress/check-in")
def check_in_form(
    request: Request, engine: Database, person: PersonId, settings: Settings
) -> Response:
    today = local_day(settings.clock())
    no_profile = ProfileRepository(engine).latest_profile(person_id=person) is None
    entries = _blank(today, _last_activities(engine, person, today))
    return _page(request, entries, today, no_profile=no_profile)


@router.post("/progress/check-in")
def log(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    today = local_day(settings.clock())
    entries = _entries(form)
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        return _page(request, entries, today, no_profile=True, status_code=409)
    if not entries["on"]:
        entries["on"] = today.isoformat()
    data, rows = _check_in_data(entries)
    try:
        ProgressCheckIn.model_validate(data)
    except ValidationError as error:
        errors = _answer_errors(error, rows)
        return _page(request, entries, today, errors=errors, status_code=422)
    try:
        logged = log_check_in(
            engine,
            parse_check_in(data),
            profile=profile,
            clock=settings.clock,
            person_id=person,
        )
    except InputError as error:
        errors = _field_errors(error.problems, rows)
        return _page(request, entries, today, errors=errors, status_code=422)
    target = f"/progress?logged={logged.id}&changes={len(logged.changes)}"
    return RedirectResponse(target, status_code=303)
