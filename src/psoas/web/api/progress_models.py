"""What the progress API takes and answers, declared so the OpenAPI document is exact.

A check-in over the API is the domain ProgressCheckIn minus lax coercion, as for the profile:
JSON has real numbers, so "5", true or a timestamp where a score or a date belongs are refused
with the field named.
"""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from psoas.charts import ClimbClass, WeekCount
from psoas.domain.activity import ActivitySummary
from psoas.domain.ladder import LadderPosition
from psoas.domain.progress import (
    PSFS_MAX_ACTIVITIES,
    PainDuring,
    ProgressCheckIn,
    PsfsScore,
    RecordedCheckIn,
)
from psoas.domain.progression import PlanChange
from psoas.domain.vocabulary import Status
from psoas.services.dashboard import Dashboard, RunView


def _a_number(value: Any) -> Any:
    if isinstance(value, bool | str):
        raise ValueError(f"must be a JSON number, not {type(value).__name__}")
    return value


class PainDuringIn(PainDuring):
    model_config = ConfigDict(frozen=True, extra="forbid", title="PainDuring")

    @field_validator("sitting", "running", "hills_or_stairs", "lifting_leg", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return _a_number(value)


class PsfsScoreIn(PsfsScore):
    model_config = ConfigDict(frozen=True, extra="forbid", title="PsfsScore")

    @field_validator("score", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return _a_number(value)


class CheckInIn(ProgressCheckIn):
    model_config = ConfigDict(frozen=True, extra="forbid", title="ProgressCheckIn")

    pain_during: PainDuringIn = PainDuringIn()
    psfs: tuple[PsfsScoreIn, ...] = Field(default=(), max_length=PSFS_MAX_ACTIVITIES)

    @field_validator("pain_now", "sitting_hours", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return _a_number(value)

    @field_validator("on", mode="before")
    @classmethod
    def _a_date(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("must be a date written YYYY-MM-DD")
        return value

    def domain(self) -> ProgressCheckIn:
        return ProgressCheckIn.model_validate(self.model_dump())


class Logged(BaseModel):
    """A saved check-in and the plan changes it led to (none when nothing was due)."""

    id: int
    changes: list[PlanChange]


class RunOut(ActivitySummary):
    """An imported run: its summary, and how the ladder and the charts read it."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="Run")

    id: int
    day: date = Field(description="The day the run counts for (its start, in local time).")
    file_name: str
    imported_at: datetime
    climb_class: ClimbClass = Field(description="flat, rolling, hilly, or unknown (no elevation)")
    flagged: bool = Field(
        description="Terrain beyond what the running ladder's stage allowed that day (flat only, "
        "or rolling at most; unknown terrain counts as beyond)."
    )
    pain_after: int | None = Field(
        description="Pain running in the first check-in on the run's day or the day after."
    )

    @classmethod
    def of(cls, view: RunView) -> "RunOut":
        run = view.run
        return cls(
            **run.summary.model_dump(),
            id=run.id,
            day=run.day,
            file_name=run.file_name,
            imported_at=run.imported_at,
            climb_class=view.climb_class,
            flagged=view.flagged,
            pain_after=view.pain_after,
        )


class ActivityImported(RunOut):
    """One activity of an uploaded file."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="ImportedActivity")

    already_imported: bool = Field(
        description="Stored before (same start time and sport), so not stored again."
    )


class RunImported(BaseModel):
    activities: list[ActivityImported] = Field(
        description="Every activity in the file, in file order (a multisport file's legs)."
    )
    run: RunOut = Field(description="The first activity (kept for older clients).")
    changes: list[PlanChange] = Field(description="The plan changes this file led to.")


class ProgressOut(BaseModel):
    """The progress dashboard's data: the window's records, the ladder and every plan change."""

    since: date = Field(description="The first day (a Monday) of the weeks shown.")
    today: date
    plan_status: Status = Field(description="The status of the plan in force.")
    check_ins: list[RecordedCheckIn]
    weeks: list[WeekCount] = Field(description="Sessions completed per week against the plan.")
    runs: list[RunOut]
    ladder: LadderPosition | None = Field(description="Where a runner is; null for non-runners.")
    changes: list[PlanChange] = Field(description="Every change to the plan, oldest first.")

    @classmethod
    def of(cls, board: Dashboard) -> "ProgressOut":
        return cls(
            since=board.since,
            today=board.today,
            plan_status=board.plan.status,
            check_ins=board.check_ins,
            weeks=board.weeks,
            runs=[RunOut.of(view) for view in board.runs],
            ladder=board.ladder,
            changes=board.changes,
        )
