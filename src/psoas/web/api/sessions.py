"""Guided sessions over HTTP: start one, report each step as it ends, finish, read, delete.

The browser player runs the timers; each completed or skipped step is sent the moment it ends, so
a closed tab loses at most the step in progress.
"""

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from psoas.domain.session import SkipReason, Step
from psoas.rules.session_steps import session_days
from psoas.services import browser_sessions, sessions
from psoas.services.errors import Conflict, InputError, NotFound
from psoas.services.progress import current_plan
from psoas.storage import Feel, ProfileRepository, SessionRepository
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.strict_body import StrictRoute

Responses = dict[int | str, dict[str, Any]]
router = APIRouter(route_class=StrictRoute, tags=["sessions"])
NOT_FOUND: Responses = {404: {"description": "No such session of yours"}}
# The id column is a 32-bit INTEGER on PostgreSQL (SQLite: 64-bit); larger ids reached the
# database and failed there: 500 on SQLite (OverflowError), 503 on PostgreSQL.
SessionId = Annotated[int, Path(ge=1, le=2**31 - 1)]
# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=5)
# A session kept on a phone is sent within days; a year back also keeps far-off dates (year 1)
# away from the database, where converting them to UTC could overflow.
OLDEST_START = timedelta(days=366)
TimeScale = Query(1.0, gt=0, le=1, description="Multiply every timer (a small value for demos)")


class Closed(BaseModel):
    # Strict: JSON Schema's integer is not "15" or true, and the API says what it means.
    model_config = ConfigDict(extra="forbid", strict=True)


class StartRequest(Closed):
    day: int | None = Field(None, ge=1, le=7, description="Plan day (1 = Monday); default today")
    pain_before: int | None = Field(None, ge=0, le=10)
    time_scale: float = Field(1.0, gt=0, le=1)
    client_key: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9-]{8,64}$",
        description="A device's own name for a session it started without a connection (a "
        "random UUID). Starting again with the same key opens nothing new: the answer is the "
        "session the first start opened (200 instead of 201), so a device may resend it.",
    )
    steps_key: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{16}$",
        description="The day's steps_key from GET /api/v1/plan/session-days that the "
        "device played; 409 when the plan's steps for the day are no longer those.",
    )
    started_at: datetime | None = Field(
        None,
        strict=False,
        description="When the session began on the device (default: now), with its time zone; "
        "not in the future, nor more than a year ago.",
    )


class StepReport(Closed):
    step_index: int = Field(ge=0)
    skip_reason: SkipReason | None = Field(None, description="Set when the step was skipped")


class FinishRequest(Closed):
    pain_after: int | None = Field(None, ge=0, le=10)
    feel: Feel | None = None
    note: str | None = Field(None, max_length=2000)


class SkippedOut(BaseModel):
    step_index: int
    exercise_id: str
    side: str | None
    set_number: int
    reason: str | None


class SessionOut(BaseModel):
    """One session as history shows it (the shape of `psoas history --json`)."""

    id: int
    plan_day: int
    started_at: datetime
    ended_at: datetime | None
    status: str
    steps_done: int
    steps_planned: int
    skipped: list[SkippedOut]
    pain_before: int | None
    pain_after: int | None
    feel: str | None
    note: str | None


class OfflineDayOut(BaseModel):
    day: int
    steps_key: str
    steps: list[Step]


class OfflineStartOut(BaseModel):
    days: list[OfflineDayOut]


class SessionStateOut(BaseModel):
    session: SessionOut
    steps: list[Step]
    recorded: dict[int, str]
    next_step: int | None


def _state(state: browser_sessions.SessionState) -> SessionStateOut:
    return SessionStateOut(
        session=SessionOut.model_validate(asdict(state.summary)),
        steps=list(state.steps),
        recorded=dict(state.recorded),
        next_step=state.next_step,
    )


@router.get("/sessions", response_model=list[SessionOut])
@router.get("/history", response_model=list[SessionOut])
def history(engine: Database, person: PersonId) -> list[SessionOut]:
    """Your sessions, newest first."""
    summaries = SessionRepository(engine).history(person_id=person)
    return [SessionOut.model_validate(asdict(s)) for s in summaries]


@router.get(
    "/plan/session-days",
    response_model=OfflineStartOut,
    responses={404: {"description": "No check-in saved yet"}},
)
def offline_start(
    engine: Database, person: PersonId, time_scale: float = TimeScale
) -> OfflineStartOut:
    """Every day's steps of the plan in force, so a device can start a session with no
    connection. When it is back online it sends POST /api/v1/sessions with its own
    `client_key`, the day's `steps_key` and `started_at`, then the steps by index. No days when
    screening stopped the programme."""
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        raise NotFound("profile")
    plan = current_plan(engine, profile, person_id=person)
    if plan.status == "urgent-care":
        return OfflineStartOut(days=[])
    days = browser_sessions.offline_days(plan, time_scale=time_scale)
    return OfflineStartOut(
        days=[OfflineDayOut(day=d.day, steps_key=d.steps_key, steps=list(d.steps)) for d in days]
    )


@router.post(
    "/sessions",
    status_code=201,
    response_model=SessionStateOut,
    responses={
        200: {"model": SessionStateOut, "description": "Started before under this client_key"},
        404: {"description": "No check-in saved yet"},
        409: {
            "description": "The plan has no sessions (screening stopped it), or its steps for "
            "the day are no longer those of steps_key"
        },
    },
)
def start(
    request: StartRequest,
    engine: Database,
    person: PersonId,
    settings: Settings,
    response: Response,
) -> SessionStateOut:
    """Start a session of the plan in force; the answer carries every step with its timers."""
    if request.client_key is not None:
        known = SessionRepository(engine).session_for_client_key(
            person_id=person, client_key=request.client_key
        )
        if known is not None:
            response.status_code = 200
            return _state(
                browser_sessions.session_state(
                    engine, person_id=person, session_id=known, time_scale=request.time_scale
                )
            )
    started_at = _started_at(request.started_at, settings.clock())
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        raise NotFound("profile")
    plan = current_plan(engine, profile, person_id=person)
    referral = sessions.pain_referral(request.pain_before)
    if referral is not None:
        raise InputError([f"pain_before: {referral.text}"])
    if plan.status != "ok" and not session_days(plan):
        # Screening stopped the programme: say why, in the plan's own words.
        raise Conflict(f"your plan's status is {plan.status}: {plan.messages[0].text}")
    day = sessions.choose_day(plan, request.day, settings.clock().isoweekday(), field="day")
    if request.steps_key is not None:
        played = browser_sessions.steps_key(sessions.session_steps(plan, day, 1.0))
        if played != request.steps_key:
            raise Conflict(
                "steps_key: your plan's steps for this day changed after this session was "
                "started on your device, so its steps cannot be matched; start a new session"
            )
    prepared = sessions.start_session(
        engine,
        plan,
        day=day,
        time_scale=1.0,
        pain_before=request.pain_before,
        clock=settings.clock,
        person_id=person,
        client_key=request.client_key,
        started_at=started_at,
    )
    state = browser_sessions.session_state(
        engine, person_id=person, session_id=prepared.session_id, time_scale=request.time_scale
    )
    return _state(state)


def _started_at(given: datetime | None, now: datetime) -> datetime | None:
    if given is None:
        return None
    if given.tzinfo is None:
        raise InputError(["started_at: give a time zone, such as 2026-12-07T09:30:00Z"])
    if given > now + CLOCK_SKEW:
        raise InputError([f"started_at: {given.isoformat()} is in the future"])
    if given < now - OLDEST_START:
        raise InputError([f"started_at: {given.isoformat()} is more than a year ago"])
    return given


@router.get("/sessions/{session_id}", response_model=SessionStateOut, responses=NOT_FOUND)
def read(
    session_id: SessionId, engine: Database, person: PersonId, time_scale: float = TimeScale
) -> SessionStateOut:
    """A session with its steps, what is recorded, and the first step still to do."""
    return _state(
        browser_sessions.session_state(
            engine, person_id=person, session_id=session_id, time_scale=time_scale
        )
    )


@router.post(
    "/sessions/{session_id}/steps",
    status_code=204,
    responses={**NOT_FOUND, 409: {"description": "Finished, or recorded otherwise"}},
)
def record_step(
    session_id: SessionId,
    report: StepReport,
    engine: Database,
    person: PersonId,
    settings: Settings,
) -> Response:
    browser_sessions.record_step(
        engine,
        person_id=person,
        session_id=session_id,
        step_index=report.step_index,
        skip_reason=report.skip_reason,
        clock=settings.clock,
    )
    return Response(status_code=204)


@router.post(
    "/sessions/{session_id}/finish",
    response_model=SessionOut,
    responses={**NOT_FOUND, 409: {"description": "Already finished"}},
)
def finish(
    session_id: SessionId,
    report: FinishRequest,
    engine: Database,
    person: PersonId,
    settings: Settings,
) -> SessionOut:
    summary = browser_sessions.close_session(
        engine,
        person_id=person,
        session_id=session_id,
        pain_after=report.pain_after,
        feel=report.feel,
        note=report.note,
        clock=settings.clock,
    )
    return SessionOut.model_validate(asdict(summary))


@router.delete("/sessions/{session_id}", status_code=204, responses=NOT_FOUND)
def delete(session_id: SessionId, engine: Database, person: PersonId) -> Response:
    if not SessionRepository(engine).delete_session(person_id=person, session_id=session_id):
        raise NotFound(f"session {session_id}")
    return Response(status_code=204)
