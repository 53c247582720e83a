"""What repositories return: frozen plain values, never ORM objects bound to a connection."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from psoas.domain.activity import ActivitySummary
from psoas.storage.tables import Feel, Side

# What history reports: 'completed' once every planned step has an outcome, else 'partial' (a
# stored 'in-progress' session too): see ``storage.sessions.reported_status``.
ReportedStatus = Literal["partial", "completed"]
FinishStatus = Literal["partial", "completed"]


@dataclass(frozen=True, slots=True)
class SkippedStep:
    step_index: int
    exercise_id: str
    side: Side | None
    set_number: int
    reason: str | None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One line of ``psoas history``: times are aware UTC; the CLI shows them in local time."""

    id: int
    plan_day: int
    started_at: datetime
    ended_at: datetime | None  # None: never closed (killed, or still running elsewhere)
    status: ReportedStatus
    steps_done: int
    steps_planned: int
    skipped: tuple[SkippedStep, ...]
    pain_before: int | None
    pain_after: int | None
    feel: Feel | None
    note: str | None


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """Where to carry on: the first planned step with nothing recorded, and the plan as it was."""

    session_id: int
    plan_day: int
    step_index: int
    planned_steps: int
    plan: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """The plan a session was started from, to rebuild its steps; ended_at None while open."""

    session_id: int
    plan_day: int
    planned_steps: int
    plan: Mapping[str, Any]
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredRun:
    """An imported run: the day it counts for, the file it came from, and its summary."""

    id: int
    day: date
    file_name: str
    imported_at: datetime
    summary: ActivitySummary


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """A session as progress sees it: when, whether finished, what it held, what hurt."""

    id: int
    started_at: datetime
    completed: bool
    exercises: tuple[str, ...]  # exercises with a recorded step, in session order
    skipped_for_pain: tuple[str, ...]
    pain_before: int | None = None
    pain_after: int | None = None
