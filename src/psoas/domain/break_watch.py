"""What passes between the resident reminder process and the steps that move its timer.

The desktop reminder is split in two so that what stays in memory all day is small (under 40 MB,
see docs/performance.md). The resident part watches the desktop once a minute and shows
reminders; a short-lived step process reads and writes the database, moves the timer and writes
the reminder's words. A step hands back `WatchOrders`: what to show, and which changes the
resident must report before the next step falls due. Between steps, a minute that changes none of
them would only have moved the timer's "last seen" time, so nothing is lost by not stepping.

Plain dataclasses rather than the pydantic models used elsewhere in the domain: this module is
imported by the resident process, and pydantic alone would add about 12 MB to it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

BreakAction = Literal["done", "snooze", "skip"]
BREAK_ACTIONS: tuple[BreakAction, ...] = get_args(BreakAction)


@dataclass(frozen=True, slots=True)
class Observation:
    """What the desktop says at one moment. None: this platform cannot tell."""

    idle_s: float | None = None
    locked: bool | None = None
    do_not_disturb: bool | None = None
    fullscreen: bool | None = None

    def __post_init__(self) -> None:
        if self.idle_s is not None and self.idle_s < 0:
            raise ValueError(f"idle_s: at least 0 (got {self.idle_s})")

    def away(self, idle_break_s: float) -> bool:
        """Screen locked, or no input for the idle threshold: the person has left the desk."""
        return self.locked is True or (self.idle_s is not None and self.idle_s >= idle_break_s)

    @property
    def holds_reminders(self) -> bool:
        """Do-not-disturb or a full-screen window: a due reminder waits for them to end."""
        return bool(self.do_not_disturb or self.fullscreen)


@dataclass(frozen=True, slots=True)
class ReminderNotice:
    """A reminder as a display shows it, its words already written by the step that raised it."""

    mode: Literal["desk", "drive"]
    title: str
    lines: tuple[str, ...]
    sitting_min: int
    snooze_choices_min: tuple[int, ...]
    # The plan's stretch offered with it, if any (for records and tests; the lines carry its cue).
    stretch_id: str | None = None


@dataclass(frozen=True, slots=True)
class NoticeAnswer:
    """A button pressed on a reminder; snooze carries its minutes."""

    action: BreakAction
    snooze_min: int | None = None


@dataclass(frozen=True, slots=True)
class WatchOrders:
    """A step's outcome for the resident process, and what it must watch until the next step."""

    # False: the timer was stopped from elsewhere or taken over by another start; time to end.
    running: bool
    # Step again by then at the latest: a reminder falls due, a day or working hours end, or the
    # timer is simply due a sign of life.
    step_by: datetime
    show: ReminderNotice | None = None
    # Take down a reminder still showing (answered, or the person walked away).
    withdraw: bool = False
    # Desk mode counts leaving the desk as a break; drive mode ignores idle time.
    watch_away: bool = False
    idle_break_s: float = 300.0
    away: bool = False
    # A due reminder held back by do-not-disturb or full screen.
    deferred: bool = False

    def wants_step(
        self, observation: Observation, now: datetime, last_seen: datetime, longest_gap: timedelta
    ) -> bool:
        """Whether this minute's observation changes anything the timer counts.

        `last_seen` is the resident's previous look. A gap longer than `longest_gap` (the machine
        slept) or a clock set back is reported too: the timer decides what it means.
        """
        if now >= self.step_by or now < last_seen or now - last_seen > longest_gap:
            return True
        if self.watch_away and observation.away(self.idle_break_s) != self.away:
            return True
        return self.deferred and not observation.holds_reminders
