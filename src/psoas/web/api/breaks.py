"""Sitting-break reminders over HTTP: settings, start and stop, the page's tick, answers, stats.

One timer per person lives in the database (services.breaks), so a reminder answered here is
answered in the terminal too. How an open page drives the timer: web/browser_breaks.py.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import ValidationError

from psoas.domain.breaks import BreakAnswer, DayBreakStats
from psoas.services import breaks
from psoas.services.break_text import answer_message
from psoas.services.errors import InputError
from psoas.web.api.break_models import (
    AnswerRequest,
    AnswerResult,
    BreakSettingsChanges,
    BreakSettingsOut,
    BreakStatus,
    StartRequest,
    TickRequest,
    TickResult,
)
from psoas.web.break_status import plan_source, status_of
from psoas.web.browser_breaks import start_in_browser, tick_in_browser
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.local_clock import TimeZoneName, local_now
from psoas.web.strict_body import StrictRoute

Responses = dict[int | str, dict[str, Any]]
router = APIRouter(route_class=StrictRoute, prefix="/breaks", tags=["breaks"])
ZoneQuery = Annotated[TimeZoneName | None, Query()]
Days = Annotated[int, Query(ge=1, le=366, description="How many days, today included")]
BAD_INPUT: Responses = {422: {"description": "A field is wrong; each problem names its field"}}
NO_PROFILE: Responses = {404: {"description": "No check-in saved yet: reminders need a plan"}}


@router.get("", response_model=BreakStatus)
def status(
    engine: Database, person: PersonId, settings: Settings, time_zone: ZoneQuery = None
) -> BreakStatus:
    """Whether reminders run (and where), how long you have sat, the reminder waiting for an
    answer, today's counts and your settings. Reading it changes nothing."""
    now = local_now(settings.clock, time_zone)
    stored = breaks.current(engine, person_id=person)
    return status_of(
        engine, person, now, stored, time_zone=time_zone, plan=plan_source(engine, person)
    )


@router.get("/settings", response_model=BreakSettingsOut)
def read_settings(engine: Database, person: PersonId) -> BreakSettingsOut:
    return BreakSettingsOut.of(breaks.settings_for(engine, person_id=person))


@router.put("/settings", response_model=BreakSettingsOut, responses=BAD_INPUT)
def change_settings(
    changes: BreakSettingsChanges, engine: Database, person: PersonId, settings: Settings
) -> BreakSettingsOut:
    """Change the fields sent. A running reminder uses new hours at once and a new interval
    from its next start."""
    saved = breaks.save_settings(
        engine,
        person_id=person,
        changes=changes.model_dump(mode="json"),
        now=local_now(settings.clock, None),
    )
    return BreakSettingsOut.of(saved)


@router.post(
    "/start",
    response_model=BreakStatus,
    responses={
        **NO_PROFILE,
        **BAD_INPUT,
        409: {
            "description": "The plan is on hold for warning signs (the reason is given), or "
            "reminders already run on the desktop"
        },
    },
)
def start(
    request: StartRequest, engine: Database, person: PersonId, settings: Settings
) -> BreakStatus:
    """Start reminders kept by an open page (a fresh count; any earlier one is replaced).
    Drive mode only asks you to stop somewhere safe; it never asks you to stretch while
    driving."""
    now = local_now(settings.clock, request.time_zone)
    plan = plan_source(engine, person)
    started = start_in_browser(
        engine,
        person=person,
        now=now,
        plan=plan,
        mode=request.mode,
        interval_min=request.interval_minutes,
    )
    return status_of(engine, person, now, started, time_zone=request.time_zone, plan=plan)


@router.post(
    "/tick",
    response_model=TickResult,
    responses={
        **NO_PROFILE,
        **BAD_INPUT,
        409: {"description": "The timer kept changing while this was saved; try again"},
    },
)
def tick(
    request: TickRequest, engine: Database, person: PersonId, settings: Settings
) -> TickResult:
    """An open page says time has passed (once a minute). The timer moves only when the page
    keeps the count; the answer says whether to show a reminder now."""
    now = local_now(settings.clock, request.time_zone)
    plan = plan_source(engine, person)
    ticked = tick_in_browser(engine, person=person, now=now, plan=plan)
    status = status_of(
        engine,
        person,
        now,
        ticked.stored,
        time_zone=request.time_zone,
        plan=plan,
        reminder=ticked.reminder,
    )
    return TickResult(**dict(status), show=ticked.show)


@router.post(
    "/answer",
    response_model=AnswerResult,
    responses={
        **BAD_INPUT,
        409: {
            "description": "Reminders are not running, there is no reminder to snooze or skip, "
            "or the timer kept changing (try again)"
        },
    },
)
def answer(
    request: AnswerRequest, engine: Database, person: PersonId, settings: Settings
) -> AnswerResult:
    """Done (you took the break, asked or not), snooze 5, 10 or 15 minutes (all snoozes of one
    reminder together are capped), or skip (the next comes a full interval from now)."""
    try:
        reply = BreakAnswer(action=request.action, snooze_min=request.snooze_min)
    except ValidationError:
        got = request.snooze_min
        raise InputError(
            [f"snooze_min: give minutes with snooze, and only with snooze (got {got})"]
        ) from None
    now = local_now(settings.clock, request.time_zone)
    plan = plan_source(engine, person)
    stepped = breaks.answer(engine, person_id=person, reply=reply, now=now, plan=plan)
    breaks.nudge_desktop(stepped.stored)
    status = status_of(engine, person, now, stepped.stored, time_zone=request.time_zone, plan=plan)
    return AnswerResult(**dict(status), message=answer_message(reply, status.next_reminder_at))


@router.post("/stop", response_model=BreakStatus)
def stop(engine: Database, person: PersonId, settings: Settings) -> BreakStatus:
    """Stop reminders, wherever they run: a desktop reminder on this machine ends at once, one
    elsewhere at its next step."""
    running = breaks.current(engine, person_id=person)
    breaks.stop(engine, person_id=person)
    breaks.nudge_desktop(running)
    now = local_now(settings.clock, None)
    return status_of(engine, person, now, None, time_zone=None, plan=plan_source(engine, person))


@router.get("/stats", response_model=list[DayBreakStats])
def stats(
    engine: Database,
    person: PersonId,
    settings: Settings,
    days: Days = 7,
    time_zone: ZoneQuery = None,
) -> list[DayBreakStats]:
    """Per day, newest first, quiet days included: reminders shown, breaks taken when asked,
    natural breaks (got up unasked), snoozes and skips."""
    today = local_now(settings.clock, time_zone).date()
    return breaks.stats(engine, person_id=person, today=today, days=days)
