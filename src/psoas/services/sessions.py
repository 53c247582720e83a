"""Guided-session use cases: prepare a session (new or resumed), record its steps as they happen,
and close it with the after-session check-in.

Each completed or skipped step is written in its own transaction the moment the player reports
it, so a killed process loses at most the step in progress.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import Engine

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Message, Plan
from psoas.domain.profile import Profile
from psoas.domain.session import PlayerEvent, SessionError, Step, StepCompleted, StepSkipped
from psoas.rules.screening import screen
from psoas.rules.session_steps import session_days, steps_for_session
from psoas.services.errors import InputError
from psoas.storage import (
    LOCAL_PERSON_ID,
    Feel,
    SessionRepository,
    StepOutcome,
)

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class PreparedSession:
    session_id: int
    plan: Plan
    day: int
    steps: tuple[Step, ...]
    start_at: int  # first step to play: 0, or where a resumed session left off


def choose_day(plan: Plan, requested: int | None, today: int, *, field: str = "--day") -> int:
    """The requested day, else today's (1 = Monday) or the next day that has a session.

    ``field`` names the day in the problem: the CLI's option, or the API's body field.
    """
    days = session_days(plan)
    if not days:
        raise InputError(["day: this plan has no sessions; see the plan for why"])
    if requested is not None:
        if requested not in days:
            listed = ", ".join(map(str, days))
            raise InputError(
                [f"{field}: no session on day {requested}; sessions are on days {listed}"]
            )
        return requested
    return min(days, key=lambda day: (day - today) % 7)


def start_session(
    engine: Engine,
    plan: Plan,
    *,
    day: int,
    time_scale: float,
    pain_before: int | None,
    clock: Clock,
    person_id: int = LOCAL_PERSON_ID,
    client_key: str | None = None,
    started_at: datetime | None = None,
) -> PreparedSession:
    """Open a session of ``plan`` on ``day``. A device that started it offline gives its own
    ``client_key`` (a second start with it finds the same session) and when it began."""
    if plan.status == "urgent-care":
        raise InputError(["plan: status is urgent-care, so no session can be started"])
    steps = session_steps(plan, day, time_scale)
    session_id = SessionRepository(engine).start_session(
        person_id=person_id,
        plan_day=day,
        planned_steps=len(steps),
        plan=plan.model_dump(mode="json"),
        pain_before=pain_before,
        now=started_at or clock(),
        client_key=client_key,
    )
    return PreparedSession(session_id, plan, day, steps, start_at=0)


def resume_session(
    engine: Engine, *, time_scale: float, person_id: int = LOCAL_PERSON_ID
) -> PreparedSession:
    """Carry on the latest unfinished session from its first step not done, on its own plan."""
    point = SessionRepository(engine).resume_point(person_id=person_id)
    if point is None:
        raise InputError(["--resume: there is no unfinished session to resume"])
    plan = stored_plan(point.plan, point.session_id)
    steps = session_steps(plan, point.plan_day, time_scale)
    return PreparedSession(point.session_id, plan, point.plan_day, steps, point.step_index)


def stored_plan(data: object, session_id: int) -> Plan:
    """The plan a session was started on. One that no longer reads (stored by hand, or by a
    version that wrote something this one cannot read) is a clear refusal, not a crash."""
    try:
        return Plan.model_validate(data)
    except ValidationError:
        raise InputError(
            [
                f"session {session_id}: its saved plan can no longer be read, so it cannot be "
                "carried on; start a new session (its finished steps stay in your history)"
            ]
        ) from None


def session_steps(plan: Plan, day: int, time_scale: float) -> tuple[Step, ...]:
    try:
        return steps_for_session(plan, load_catalogue(), day, time_scale=time_scale)
    except SessionError as error:
        raise InputError([str(error)]) from None


class StepRecorder:
    """Writes what the player reports, one committed row per completed or skipped step."""

    def __init__(self, engine: Engine, session: PreparedSession, clock: Clock) -> None:
        self._repository = SessionRepository(engine)
        self._session = session
        self._clock = clock
        # A resumed session may step back into steps recorded before: their outcome stands.
        self.recorded: dict[int, str] = dict(
            self._repository.recorded_steps(session_id=session.session_id)
        )

    def handle(self, events: Iterable[PlayerEvent]) -> None:
        for event in events:
            if isinstance(event, StepCompleted | StepSkipped):
                step = self._session.steps[event.step]
                reason = event.reason if isinstance(event, StepSkipped) else None
                outcome: StepOutcome = "skipped" if reason else "done"
                if step.index in self.recorded:
                    continue  # back can replay a step: its first outcome stands
                self._repository.record_step(
                    session_id=self._session.session_id,
                    step_index=step.index,
                    exercise_id=step.exercise,
                    side=step.side,
                    set_number=step.set_number,
                    outcome=outcome,
                    skip_reason=reason,
                    now=self._clock(),
                )
                self.recorded[step.index] = outcome


def finish_session(
    engine: Engine,
    session: PreparedSession,
    *,
    completed: bool,
    pain_after: int | None,
    feel: Feel | None,
    note: str | None,
    clock: Clock,
) -> None:
    SessionRepository(engine).finish_session(
        session_id=session.session_id,
        status="completed" if completed else "partial",
        pain_after=pain_after,
        feel=feel,
        note=note or None,
        now=clock(),
    )


def pain_referral(pain: int | None) -> Message | None:
    """The referral a pain score given just before a session triggers, by the screening rules."""
    if pain is None:
        return None
    result = screen(Profile(pain_now=pain), load_catalogue().screening)
    return result.messages[-1] if result.status != "ok" else None
