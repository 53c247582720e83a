"""The plan a person receives. Field names are public interface (``psoas plan --json``)."""

from pydantic import Field

from psoas.domain.base import Frozen
from psoas.domain.vocabulary import PlanPhase, Sides, Status


class Message(Frozen):
    id: str
    text: str
    sources: tuple[str, ...]


class PlanItem(Frozen):
    exercise: str
    sides: Sides
    sets: int
    seconds: int
    reps: int | None
    why: str
    sources: tuple[str, ...]
    # Set when check-ins have changed the dose since the plan began: the latest change's reason.
    change: str | None = None
    # What to have ready, in words: for each thing the exercise needs, one the person holds.
    equipment: tuple[str, ...] = ()


class PhasePlan(Frozen):
    phase: PlanPhase
    items: tuple[PlanItem, ...]


class Exclusion(Frozen):
    exercise: str
    reasons: tuple[Message, ...]


class ScheduledSession(Frozen):
    day: int = Field(ge=1, le=7)
    exercises: tuple[str, ...]


class Breaks(Frozen):
    desk_interval_minutes: int | None
    driving_interval_minutes: int | None


class Plan(Frozen):
    status: Status
    messages: tuple[Message, ...]
    phases: tuple[PhasePlan, ...]
    excluded: tuple[Exclusion, ...]
    session_minutes: int
    weekly_schedule: tuple[ScheduledSession, ...]
    guidance: tuple[Message, ...]
    breaks: Breaks
    # The answers that led to a warning sign, a referral or advice to see a professional, in
    # words to tell them; empty when nothing calls for one.
    tell_professional: tuple[str, ...] = ()
