"""Sitting-break reminders: the person's settings, the timer's state, what happened, and why.

The timer counts sitting time, not keyboard time: a locked screen or five idle minutes is a break
taken naturally, while reading or a call with no typing is still sitting. Field names and values
are public interface (``psoas breaks``, the API and ``psoas export``).
"""

from datetime import date, datetime, time
from typing import Annotated, Literal, get_args

from pydantic import AwareDatetime, Field, model_validator

from psoas.domain.base import Frozen, Slug, Text

# Re-exported: the desktop reading and the action names are shared with the resident process.
from psoas.domain.break_watch import BREAK_ACTIONS as BREAK_ACTIONS
from psoas.domain.break_watch import BreakAction as BreakAction
from psoas.domain.break_watch import Observation as Observation

BreakMode = Literal["desk", "drive"]
BREAK_MODES: tuple[BreakMode, ...] = get_args(BreakMode)
# What happened to a reminder, counted per day. "natural": the person got up without being asked
# (screen locked or no input for the idle threshold).
BreakEventKind = Literal["prompted", "taken", "natural", "snoozed", "skipped"]
BREAK_EVENT_KINDS: tuple[BreakEventKind, ...] = get_args(BreakEventKind)
SnoozeMinutes = Literal[5, 10, 15]
SNOOZE_CHOICES_MIN: tuple[SnoozeMinutes, ...] = get_args(SnoozeMinutes)
Weekday = Annotated[int, Field(ge=0, le=6)]  # Monday is 0, as datetime.weekday() counts

# Bounds a person may set. Longer than two hours behind the wheel goes against Highway Code rule
# 91 (highway-code-rule-91), so drive mode stops there; a desk interval may be longer than the
# hourly advice but not unbounded.
DESK_INTERVAL_RANGE_MIN = (15, 120)
DRIVE_INTERVAL_RANGE_MIN = (30, 120)
IDLE_BREAK_RANGE_MIN = (2, 30)
SNOOZE_CAP_RANGE_MIN = (5, 30)


class DailyWindow(Frozen):
    """Local clock times from start to end; an end before the start runs past midnight."""

    start: time
    end: time

    @model_validator(mode="after")
    def _not_empty(self) -> "DailyWindow":
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            # The person's own clock is meant; an offset would not compare with local times.
            raise ValueError("times are local clock times, without a UTC offset")
        if self.start == self.end:
            raise ValueError("start and end are the same time; the window would be empty")
        return self

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


class BreakSettings(Frozen):
    """Stored with the person. None intervals mean the content's cited defaults (60 and 120)."""

    mode: BreakMode = "desk"
    desk_interval_min: (
        Annotated[int, Field(ge=DESK_INTERVAL_RANGE_MIN[0], le=DESK_INTERVAL_RANGE_MIN[1])] | None
    ) = None
    drive_interval_min: (
        Annotated[int, Field(ge=DRIVE_INTERVAL_RANGE_MIN[0], le=DRIVE_INTERVAL_RANGE_MIN[1])] | None
    ) = None
    # Desk reminders only come within working hours on working days; None: any time of day.
    working_hours: DailyWindow | None = DailyWindow(start=time(8), end=time(18))
    working_days: tuple[Weekday, ...] = (0, 1, 2, 3, 4)
    # No reminder of either mode during quiet hours. Drive mode ignores working hours: a trip is
    # started on purpose, whenever it happens.
    quiet_hours: DailyWindow | None = DailyWindow(start=time(22), end=time(7))
    idle_break_min: Annotated[
        int, Field(ge=IDLE_BREAK_RANGE_MIN[0], le=IDLE_BREAK_RANGE_MIN[1])
    ] = 5
    snooze_cap_min: Annotated[
        int, Field(ge=SNOOZE_CAP_RANGE_MIN[0], le=SNOOZE_CAP_RANGE_MIN[1])
    ] = 20

    @model_validator(mode="after")
    def _days_distinct(self) -> "BreakSettings":
        if len(set(self.working_days)) != len(self.working_days):
            raise ValueError("working_days lists a day twice")
        return self


class BreakTimer(Frozen):
    """A running reminder's state. Times are aware; day roll-over uses the local calendar."""

    mode: BreakMode
    interval_min: Annotated[int, Field(ge=1)]
    started_at: AwareDatetime
    # The start of the current stretch of sitting, and when the next reminder is due.
    sitting_since: AwareDatetime
    due_at: AwareDatetime
    last_tick_at: AwareDatetime
    # Minutes snoozed since the last reminder was answered; capped by settings.snooze_cap_min.
    snoozed_min: int = Field(default=0, ge=0)
    # A reminder showing and not yet answered, and how many have been shown since start.
    prompted_at: AwareDatetime | None = None
    prompt_count: int = Field(default=0, ge=0)
    # Due, but held back by do-not-disturb or a full-screen window (never dropped for them).
    deferred_since: AwareDatetime | None = None
    # Away (locked or idle past the threshold) since; None while sitting.
    away_since: AwareDatetime | None = None
    # Outside working or inside quiet hours: the count is paused and restarts on return.
    off_hours: bool = False


class BreakEvent(Frozen):
    at: AwareDatetime
    day: date
    kind: BreakEventKind
    mode: BreakMode
    # Snooze length, or the length of a natural break once it ends; None otherwise.
    minutes: int | None = Field(default=None, ge=0)


class RecordedBreakEvent(Frozen):
    id: int
    event: BreakEvent


class DayBreakStats(Frozen):
    day: date
    prompted: int = 0
    taken: int = 0
    natural: int = 0
    snoozed: int = 0
    skipped: int = 0


class BreakStretch(Frozen):
    """A short standing stretch from the person's plan, to do at the break."""

    exercise_id: Slug
    name: Text
    hold_s: int = Field(ge=1)
    each_side: bool
    cue: Text
    sources: tuple[Slug, ...]


class BreakReminder(Frozen):
    """What a reminder says: why now, what to do, and the answers on offer."""

    mode: BreakMode
    title: Text
    body: Text
    stretch: BreakStretch | None
    walk_min: int = Field(ge=1)
    sitting_min: int = Field(ge=0)
    snooze_choices_min: tuple[SnoozeMinutes, ...]
    sources: tuple[Slug, ...]


class Tick(Frozen):
    """One step of the timer: the new state, what to record, what to show, when to look again."""

    timer: BreakTimer
    events: tuple[BreakEvent, ...] = ()
    # True when a new reminder should be shown now; False when a showing one should be withdrawn
    # (the person walked away from it); None: leave the display as it is.
    show: bool | None = None
    next_check_at: datetime


class BreakAnswer(Frozen):
    """The person's answer to a reminder; snooze needs its minutes, the others take none."""

    action: BreakAction
    snooze_min: SnoozeMinutes | None = None

    @model_validator(mode="after")
    def _minutes_with_snooze_only(self) -> "BreakAnswer":
        if (self.action == "snooze") != (self.snooze_min is not None):
            raise ValueError("snooze_min is given with snooze, and only with snooze")
        return self
