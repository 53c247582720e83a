"""What the break-reminder API takes and answers, declared so the OpenAPI document is exact.

Requests are strict, as elsewhere in the API: "15" or true where minutes belong are refused with
the field named. Clock times travel as "HH:MM" local times: the domain would also take "08:00Z",
a time with an offset that working hours, being local by definition, cannot use.
"""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import MISSING, AfterValidator, BaseModel, ConfigDict, Field

from psoas.domain.breaks import (
    DESK_INTERVAL_RANGE_MIN,
    DRIVE_INTERVAL_RANGE_MIN,
    IDLE_BREAK_RANGE_MIN,
    SNOOZE_CAP_RANGE_MIN,
    BreakAction,
    BreakMode,
    BreakReminder,
    BreakSettings,
    DailyWindow,
    DayBreakStats,
    SnoozeMinutes,
    Weekday,
)
from psoas.web.local_clock import TimeZoneName

CLOCK_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
ClockTime = Annotated[
    str,
    Field(
        pattern=CLOCK_TIME_PATTERN,
        description="A local clock time, HH:MM (24-hour; seconds allowed)",
        examples=["08:30"],
    ),
]
BreakState = Literal["stopped", "running-desktop", "running-browser", "desktop-silent"]


def _distinct_days(days: list[int]) -> list[int]:
    if len(set(days)) != len(days):
        raise ValueError("lists a day twice")
    return days


class Closed(BaseModel):
    # Strict: JSON Schema's integer is not "15" or true, and the API says what it means.
    model_config = ConfigDict(extra="forbid", strict=True)


class ClockWindow(Closed):
    """From start to end in local time; an end before the start runs past midnight."""

    start: ClockTime
    end: ClockTime

    @classmethod
    def of(cls, window: DailyWindow | None) -> "ClockWindow | None":
        if window is None:
            return None
        return cls(start=window.start.strftime("%H:%M"), end=window.end.strftime("%H:%M"))


DeskMinutes = Annotated[int, Field(ge=DESK_INTERVAL_RANGE_MIN[0], le=DESK_INTERVAL_RANGE_MIN[1])]
DriveMinutes = Annotated[int, Field(ge=DRIVE_INTERVAL_RANGE_MIN[0], le=DRIVE_INTERVAL_RANGE_MIN[1])]
IdleMinutes = Annotated[int, Field(ge=IDLE_BREAK_RANGE_MIN[0], le=IDLE_BREAK_RANGE_MIN[1])]
SnoozeCapMinutes = Annotated[int, Field(ge=SNOOZE_CAP_RANGE_MIN[0], le=SNOOZE_CAP_RANGE_MIN[1])]
WorkingDays = Annotated[
    list[Weekday],
    Field(
        max_length=7,
        description="Days desk reminders come on; Monday is 0, Sunday 6",
        json_schema_extra={"uniqueItems": True},
    ),
    AfterValidator(_distinct_days),
]
WORKING_HOURS_HELP = "Desk reminders come only within these hours; null: any time of day"
QUIET_HOURS_HELP = "No reminder of either mode within these hours; null: none"


class BreakSettingsOut(BaseModel):
    """Your reminder settings, stored with your profile."""

    model_config = ConfigDict(title="BreakSettings")

    mode: BreakMode = Field(description="The mode a start without one uses")
    desk_interval_min: int | None = Field(description="Null: the cited default, 60 minutes")
    drive_interval_min: int | None = Field(description="Null: the cited default, 120 minutes")
    working_hours: ClockWindow | None = Field(description=WORKING_HOURS_HELP)
    working_days: list[int] = Field(description="Monday is 0, Sunday 6")
    quiet_hours: ClockWindow | None = Field(description=QUIET_HOURS_HELP)
    idle_break_min: int = Field(description="Minutes without input that count as a break")
    snooze_cap_min: int = Field(description="The most one reminder may be snoozed in all")

    @classmethod
    def of(cls, settings: BreakSettings) -> "BreakSettingsOut":
        return cls(
            mode=settings.mode,
            desk_interval_min=settings.desk_interval_min,
            drive_interval_min=settings.drive_interval_min,
            working_hours=ClockWindow.of(settings.working_hours),
            working_days=sorted(settings.working_days),
            quiet_hours=ClockWindow.of(settings.quiet_hours),
            idle_break_min=settings.idle_break_min,
            snooze_cap_min=settings.snooze_cap_min,
        )


class BreakSettingsChanges(Closed):
    """Only the fields sent change; null means what it says on each field (default, any time,
    none). The result is checked as a whole before it is saved."""

    mode: BreakMode | MISSING = MISSING
    desk_interval_min: DeskMinutes | MISSING | None = MISSING
    drive_interval_min: DriveMinutes | MISSING | None = MISSING
    working_hours: ClockWindow | MISSING | None = Field(MISSING, description=WORKING_HOURS_HELP)
    working_days: WorkingDays | MISSING = MISSING
    quiet_hours: ClockWindow | MISSING | None = Field(MISSING, description=QUIET_HOURS_HELP)
    idle_break_min: IdleMinutes | MISSING = MISSING
    snooze_cap_min: SnoozeCapMinutes | MISSING = MISSING


class StartRequest(Closed):
    mode: BreakMode | None = Field(None, description="desk or drive; default: your setting")
    interval_minutes: int | None = Field(
        None,
        ge=DESK_INTERVAL_RANGE_MIN[0],
        le=DESK_INTERVAL_RANGE_MIN[1],
        description="Minutes of sitting before a reminder: desk 15-120, drive 30-120; "
        "default: your setting, else 60 (desk) or 120 (drive)",
    )
    time_zone: TimeZoneName | None = None


class TickRequest(Closed):
    time_zone: TimeZoneName | None = None


class AnswerRequest(Closed):
    action: BreakAction = Field(description="done: you took the break; snooze; skip")
    snooze_min: SnoozeMinutes | None = Field(None, description="With snooze, and only with it")
    time_zone: TimeZoneName | None = None


class BreakStatus(BaseModel):
    """Whether reminders run and where, how long you have sat, and the reminder waiting."""

    state: BreakState = Field(
        description="stopped; running-desktop (the `psoas breaks` reminder runs and is heard "
        "from); running-browser (an open web page keeps the count); desktop-silent (the desktop "
        "reminder has not been heard from for 3 minutes, so an open page keeps the count)"
    )
    page_keeps_count: bool = Field(
        description="True when ticks from an open page move the timer (running-browser or "
        "desktop-silent); otherwise a tick only reads the status"
    )
    time_zone: str = Field(description="The zone the times and the day are given in")
    mode: BreakMode | None
    interval_min: int | None
    started_at: datetime | None
    sitting_min: int | None = Field(description="Minutes since the current stretch of sitting")
    next_reminder_at: datetime | None
    reminder_showing_since: datetime | None
    away_since: datetime | None = Field(description="Set while a natural break is under way")
    off_hours: bool = Field(description="Outside working hours or inside quiet hours: paused")
    last_checked_at: datetime | None = Field(description="When the timer last moved")
    reminder: BreakReminder | None = Field(description="The reminder waiting for an answer")
    snooze_choices_min: list[SnoozeMinutes] = Field(
        description="The snoozes the waiting reminder still allows (the cap counts them all)"
    )
    lines: list[str] = Field(description="The status in sentences, as the page shows it")
    today: DayBreakStats
    settings: BreakSettingsOut


class TickResult(BreakStatus):
    show: bool | None = Field(
        description="True: a reminder is newly due, show it now; false: the one showing was "
        "withdrawn (you walked away from it, or the count restarted); null: no change"
    )


class AnswerResult(BreakStatus):
    message: str = Field(description="What the answer did, in a sentence")
