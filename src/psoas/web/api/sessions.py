"""Guided sessions over HTTP: start one, report each step as it ends, finish, read, delete.

The browser player runs the timers; each completed or skipped step is sent the moment it ends, so
a closed tab loses at most the step in progress.
"""

from dataclasses import asdict
from datetime import datetime
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
TimeScale = Query(1.0, gt=0, le=1, description="Multiply every timer (a small value for demos)")


class Closed(BaseModel):
    # Strict: JSON Schema's integer is not "15" or true, and the API says what it means.
    model_config = ConfigDict(extra="forbid", strict=True)


class StartRequest(Closed):
    day: int | None = Field(None, ge=1, le=7, description="Plan day (1 = Monday); default today")
    pain_before: int | None = Field(None, ge=0, le=10)
    time_scale: float = Field(1.0, gt=0, le=1)


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


@router.post(
    "/sessions",
    status_code=201,
    response_model=SessionStateOut,
    responses={
        404: {"description": "No check-in saved yet"},
        409: {"description": "The plan has no sessions (screening stopped it)"},
    },
)
def start(
    request: StartRequest, engine: Database, person: PersonId, settings: Settings
) -> SessionStateOut:
    """Start a session of the plan in force; the answer carries every step with its timers."""
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
    prepared = sessions.start_session(
        engine,
        plan,
        day=day,
        time_scale=1.0,
        pain_before=request.pain_before,
        clock=settings.clock,
        person_id=person,
    )
    state = browser_sessions.session_state(
        engine, person_id=person, session_id=prepared.session_id, time_scale=request.time_scale
    )
    return _state(state)


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
