"""/breaks: sitting-break reminders in the browser, on a page that works without JavaScript.

Every control is a plain form (settings, start, stop, check now, the answers); each write
redirects back to the page, which the server draws from the stored timer. static/breaks.js adds
what needs a script: a tick a minute while the page is open, browser notifications, and answers
without a reload. It also puts the browser's time zone in each form; without it, the server's
zone is used.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from psoas.domain.breaks import BREAK_MODES, SNOOZE_CHOICES_MIN, BreakAnswer, SnoozeMinutes
from psoas.services import breaks
from psoas.services.break_text import answer_message
from psoas.services.errors import Conflict, InputError, NotFound
from psoas.storage import ProfileRepository
from psoas.web.api.break_models import BreakStatus
from psoas.web.break_status import plan_source, status_of
from psoas.web.browser_breaks import start_in_browser, tick_in_browser
from psoas.web.form_words import FormProblem
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.local_clock import known_time_zone, local_now
from psoas.web.pages.break_settings_form import (
    Entries,
    changes_of,
    entries_from,
    entries_of,
    field_errors,
)
from psoas.web.pages.progress import Form
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)
STATS_DAYS = 14
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# What the page says after a write that redirected to it (?saved=...); answers add the status.
SAID = {
    "settings": "Your settings are saved.",
    "started": "Break reminders started.",
    "stopped": "Break reminders stopped.",
    "checked": "Checked.",
}
NO_PLAN = "Do the check-in first: a reminder suggests a stretch from your plan."


def _zone(form_value: object) -> str | None:
    """The browser's time zone from a form or the query; an unknown one is bad input."""
    if not isinstance(form_value, str) or not form_value:
        return None
    try:
        return known_time_zone(form_value)
    except ValueError as error:
        raise InputError([f"time_zone: {error}"]) from None


def _back(saved: str, time_zone: str | None) -> Response:
    query = {"saved": saved, **({"time_zone": time_zone} if time_zone else {})}
    return RedirectResponse("/breaks?" + urlencode(query), status_code=303)


def _answer_of(value: object) -> BreakAnswer:
    """The answer buttons send done, skip or snooze-5 (-10, -15)."""
    choices: dict[str, BreakAnswer] = {
        "done": BreakAnswer(action="done"),
        "skip": BreakAnswer(action="skip"),
    }
    minutes: SnoozeMinutes
    for minutes in SNOOZE_CHOICES_MIN:
        choices[f"snooze-{minutes}"] = BreakAnswer(action="snooze", snooze_min=minutes)
    if not isinstance(value, str) or value not in choices:
        raise InputError([f"answer: choose done, skip or snooze (got {value!r})"])
    return choices[value]


def breaks_page(
    request: Request,
    engine: Engine,
    person: int,
    clock: Callable[[], datetime],
    time_zone: str | None,
    *,
    saved: str | None = None,
    entries: Entries | None = None,
    errors: dict[str, list[str]] | None = None,
    problems: Sequence[str] = (),
    status_code: int = 200,
) -> Response:
    """The page as stored now. `time_zone`: the browser's, when a form or the query carried
    it; `saved`: what the write that redirected here did."""
    now = local_now(clock, time_zone)
    status = status_of(
        engine,
        person,
        now,
        breaks.current(engine, person_id=person),
        time_zone=time_zone,
        plan=plan_source(engine, person),
    )
    errors = errors or {}
    context: dict[str, Any] = {
        "status": status,
        "time_zone": time_zone,
        "said": _said(saved, status),
        "entries": entries or entries_of(breaks.settings_for(engine, person_id=person)),
        "errors": errors,
        "summary": [FormProblem(key, m) for key, ms in errors.items() for m in ms],
        "problems": list(problems),
        "no_profile": ProfileRepository(engine).latest_profile(person_id=person) is None,
        "defaults": {mode: breaks.default_interval_min(mode) for mode in BREAK_MODES},
        "snooze_all": SNOOZE_CHOICES_MIN,
        "day_names": DAY_NAMES,
        "stats_days": STATS_DAYS,
        # Only the days with something to count: fourteen rows of zeros say nothing.
        "stats": [
            day
            for day in breaks.stats(engine, person_id=person, today=now.date(), days=STATS_DAYS)
            if day.prompted or day.taken or day.natural or day.snoozed or day.skipped
        ],
    }
    return render(request, "breaks.html", context, status_code=status_code)


def _said(saved: str | None, status: BreakStatus) -> str | None:
    if saved is None or saved in SAID:
        return SAID.get(saved or "")
    try:
        return answer_message(_answer_of(saved), status.next_reminder_at)
    except InputError:
        return None  # an edited link: say nothing


@router.get("/breaks")
def breaks_view(
    request: Request,
    engine: Database,
    person: PersonId,
    settings: Settings,
    saved: str | None = None,
    time_zone: str | None = None,
) -> Response:
    """``?saved=`` what a write just did; ``?time_zone=`` the zone its form carried."""
    try:
        zone = _zone(time_zone)
    except InputError:
        zone = None  # a stale or edited link: the server's zone will do for showing the page
    return breaks_page(request, engine, person, settings.clock, zone, saved=saved)


@router.post("/breaks/settings")
def save_settings(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    entries = entries_from(form)
    zone = _zone(form.get("time_zone"))
    changes, errors = changes_of(entries)
    try:
        if errors:
            # Check the rest too, so every problem shows at once; nothing is saved.
            current = breaks.settings_for(engine, person_id=person).model_dump(mode="json")
            breaks.parse_settings({**current, **changes})
        else:
            breaks.save_settings(
                engine, person_id=person, changes=changes, now=local_now(settings.clock, zone)
            )
    except InputError as error:
        errors = field_errors(error.problems, entries) | errors
    if errors:
        return breaks_page(
            request,
            engine,
            person,
            settings.clock,
            zone,
            entries=entries,
            errors=errors,
            status_code=422,
        )
    return _back("settings", zone)


@router.post("/breaks/start")
def start(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    zone = _zone(form.get("time_zone"))
    chosen = form.get("mode")
    mode = next((mode for mode in BREAK_MODES if mode == chosen), None)
    if mode is None:
        raise InputError([f"mode: choose desk or drive (got {chosen!r})"])
    try:
        start_in_browser(
            engine,
            person=person,
            now=local_now(settings.clock, zone),
            plan=plan_source(engine, person),
            mode=mode,
            interval_min=None,
        )
    except (Conflict, NotFound) as refused:
        problem = NO_PLAN if isinstance(refused, NotFound) else str(refused)
        return breaks_page(
            request, engine, person, settings.clock, zone, problems=[problem], status_code=409
        )
    return _back("started", zone)


@router.post("/breaks/stop")
def stop(form: Form, engine: Database, person: PersonId) -> Response:
    running = breaks.current(engine, person_id=person)
    breaks.stop(engine, person_id=person)
    breaks.nudge_desktop(running)
    return _back("stopped", _zone(form.get("time_zone")))


@router.post("/breaks/tick")
def check_now(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    """Without JavaScript nothing ticks on its own: this button does what the script does."""
    zone = _zone(form.get("time_zone"))
    now = local_now(settings.clock, zone)
    try:
        tick_in_browser(engine, person=person, now=now, plan=plan_source(engine, person))
    except NotFound:
        return breaks_page(
            request, engine, person, settings.clock, zone, problems=[NO_PLAN], status_code=409
        )
    return _back("checked", zone)


@router.post("/breaks/answer")
def answer(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    zone = _zone(form.get("time_zone"))
    choice = form.get("answer")
    reply = _answer_of(choice)
    now = local_now(settings.clock, zone)
    try:
        stepped = breaks.answer(
            engine, person_id=person, reply=reply, now=now, plan=plan_source(engine, person)
        )
    except (Conflict, InputError) as refused:
        bad_input = isinstance(refused, InputError)
        problems = refused.problems if isinstance(refused, InputError) else [str(refused)]
        return breaks_page(
            request,
            engine,
            person,
            settings.clock,
            zone,
            problems=problems,
            status_code=422 if bad_input else 409,
        )
    breaks.nudge_desktop(stepped.stored)
    return _back(str(choice), zone)
