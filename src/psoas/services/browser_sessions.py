"""Sessions played elsewhere (the browser player, API scripts): the client runs the timers and
reports each step as it ends; the server checks it against the session's own plan and stores it.

Every call is scoped to a person: a session that is not theirs is NotFound, exactly like one that
does not exist.
"""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Engine

from psoas.domain.plan import Plan
from psoas.domain.session import SkipReason, Step
from psoas.rules.session_steps import session_days
from psoas.services.errors import Conflict, InputError, NotFound
from psoas.services.progress import review_plan
from psoas.services.sessions import Clock, session_steps, stored_plan
from psoas.storage import (
    Feel,
    ProfileRepository,
    SessionClosed,
    SessionGone,
    SessionPlan,
    SessionRepository,
    SessionSummary,
    StepAlreadyRecorded,
    StepOutcome,
)


@dataclass(frozen=True, slots=True)
class SessionState:
    summary: SessionSummary
    steps: tuple[Step, ...]
    recorded: dict[int, StepOutcome]
    next_step: int | None  # first step with nothing recorded; None when all are decided


def session_state(
    engine: Engine, *, person_id: int, session_id: int, time_scale: float = 1.0
) -> SessionState:
    repository = SessionRepository(engine)
    snapshot = _owned(repository, person_id, session_id)
    summary = repository.session(person_id=person_id, session_id=session_id)
    if summary is None:  # deleted between the two reads
        raise NotFound(f"session {session_id}")
    steps = _steps_of(snapshot, time_scale)
    recorded = dict(repository.recorded_steps(session_id=session_id))
    left = [step.index for step in steps if step.index not in recorded]
    return SessionState(summary, steps, recorded, left[0] if left else None)


@dataclass(frozen=True, slots=True)
class OfflineDay:
    """What a device needs to start a day's session without a connection."""

    day: int
    steps_key: str
    steps: tuple[Step, ...]


def steps_key(steps: tuple[Step, ...]) -> str:
    """Which step is which (exercise, side, set) by index, as a short hash. A session played
    offline reports its steps by index, so they mean the same only under the same key; timers
    do not count (they may change with the time scale or a new dose)."""
    shape = [(step.exercise, step.side, step.set_number) for step in steps]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def offline_days(plan: Plan, *, time_scale: float) -> list[OfflineDay]:
    days = []
    for day in session_days(plan):
        steps = session_steps(plan, day, time_scale)
        days.append(OfflineDay(day, steps_key(steps), steps))
    return days


def record_step(
    engine: Engine,
    *,
    person_id: int,
    session_id: int,
    step_index: int,
    skip_reason: SkipReason | None,
    clock: Clock,
) -> None:
    """Store one step as done (no reason) or skipped (with its reason). Sending the same step
    again changes nothing, so a client may retry after a lost answer."""
    repository = SessionRepository(engine)
    snapshot = _owned(repository, person_id, session_id)
    if snapshot.ended_at is not None:
        raise Conflict(f"session {session_id} is finished; start a new one")
    steps = _steps_of(snapshot, 1.0)
    if not 0 <= step_index < len(steps):
        raise InputError(
            [f"step_index: must be 0 to {len(steps) - 1} for this session (got {step_index})"]
        )
    step = steps[step_index]
    try:
        repository.record_step(
            session_id=session_id,
            step_index=step_index,
            exercise_id=step.exercise,
            side=step.side,
            set_number=step.set_number,
            outcome="skipped" if skip_reason else "done",
            skip_reason=skip_reason,
            now=clock(),
            open_only=True,
        )
    except (StepAlreadyRecorded, SessionClosed) as error:
        raise Conflict(str(error)) from None
    except SessionGone:
        raise NotFound(f"session {session_id}") from None


def close_session(
    engine: Engine,
    *,
    person_id: int,
    session_id: int,
    pain_after: int | None,
    feel: Feel | None,
    note: str | None,
    clock: Clock,
) -> SessionSummary:
    """End the session with the after-session check-in. It counts as completed when every step
    has an outcome, else partial; a session is closed once, however many finishes race."""
    repository = SessionRepository(engine)
    snapshot = _owned(repository, person_id, session_id)
    if snapshot.ended_at is not None:
        raise Conflict(f"session {session_id} is already finished")
    try:
        repository.close_session(
            person_id=person_id,
            session_id=session_id,
            pain_after=pain_after,
            feel=feel,
            note=note or None,
            now=clock(),
        )
    except SessionClosed as error:
        raise Conflict(str(error)) from None
    except SessionGone:
        raise NotFound(f"session {session_id}") from None
    summary = repository.session(person_id=person_id, session_id=session_id)
    if summary is None:
        raise NotFound(f"session {session_id}")
    # Sessions done and skips for pain feed the progression rules, as after a terminal session.
    profile = ProfileRepository(engine).latest_profile(person_id=person_id)
    if profile is not None:
        review_plan(engine, profile=profile, now=clock(), person_id=person_id)
    return summary


def _owned(repository: SessionRepository, person_id: int, session_id: int) -> SessionPlan:
    snapshot = repository.session_plan(person_id=person_id, session_id=session_id)
    if snapshot is None:
        raise NotFound(f"session {session_id}")
    return snapshot


def _steps_of(snapshot: SessionPlan, time_scale: float) -> tuple[Step, ...]:
    return session_steps(
        stored_plan(snapshot.plan, snapshot.session_id), snapshot.plan_day, time_scale
    )
