"""Break-reminder use cases shared by the desktop reminder, the CLI and the web app.

One timer per person lives in the database, so a reminder answered in the terminal or a browser
is answered everywhere. Steps are read-modify-write with a version check, retried when another
process wrote in between. Every `now` is aware and in the person's own time zone.
"""

import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine

from psoas.catalogue import load_catalogue
from psoas.domain.breaks import (
    DESK_INTERVAL_RANGE_MIN,
    DRIVE_INTERVAL_RANGE_MIN,
    BreakAnswer,
    BreakMode,
    BreakReminder,
    BreakSettings,
    BreakTimer,
    DayBreakStats,
    Observation,
    Tick,
)
from psoas.domain.plan import Plan
from psoas.domain.problems import problems_from
from psoas.rules import break_timer
from psoas.rules.break_reminder import break_stretches, reminder_for
from psoas.rules.break_stats import daily_stats
from psoas.services.errors import Conflict, InputError
from psoas.storage import BreakRepository, StoredTimer, TimerDriver

PlanSource = Callable[[], Plan]
# Writers racing on one timer are a reminder process and a person's answer; a few tries settle it.
STEP_TRIES = 5
# The desktop reminder steps its timer when something changes, and at least this often as a sign
# of life; one that has not stepped for a while longer is taken to be gone (crashed, or the
# machine asleep), and an open web page may drive the timer instead.
DESKTOP_STEPS_AT_LEAST_EVERY = timedelta(minutes=10)
DESKTOP_SILENT_AFTER = DESKTOP_STEPS_AT_LEAST_EVERY + timedelta(minutes=3)


class BreakConflict(Conflict):
    """The timer kept changing under this write; the caller may simply try again."""


@dataclass(frozen=True, slots=True)
class Stepped:
    """A step's outcome: the stored timer and the reminder to show now, if any."""

    stored: StoredTimer
    tick: Tick
    reminder: BreakReminder | None
    settings: BreakSettings


def parse_settings(data: Any, source: str = "settings") -> BreakSettings:
    if not isinstance(data, dict):
        raise InputError([f"{source}: expected a mapping of field: value"])
    try:
        return BreakSettings.model_validate(data)
    except ValidationError as error:
        raise InputError([str(p) for p in problems_from(error, BreakSettings)]) from None


def settings_for(engine: Engine, *, person_id: int) -> BreakSettings:
    return BreakRepository(engine).settings(person_id=person_id) or BreakSettings()


def save_settings(
    engine: Engine, *, person_id: int, changes: dict[str, Any], now: datetime
) -> BreakSettings:
    """The stored settings with `changes` applied, validated as a whole, then saved."""
    current = settings_for(engine, person_id=person_id).model_dump(mode="json")
    settings = parse_settings({**current, **changes})
    BreakRepository(engine).save_settings(person_id=person_id, settings=settings, now=now)
    return settings


def default_interval_min(mode: BreakMode) -> int:
    """The cited defaults: about hourly at a desk, every two hours on the road."""
    parameters = load_catalogue().parameters
    chosen = (
        parameters.desk_break_interval_minutes
        if mode == "desk"
        else parameters.driving_break_interval_minutes
    )
    return int(chosen.value)


def interval_for(settings: BreakSettings, mode: BreakMode, override: int | None = None) -> int:
    """The interval for a start: the override (checked against the mode's bounds), else the
    person's setting, else the cited default."""
    if override is not None:
        low, high = DESK_INTERVAL_RANGE_MIN if mode == "desk" else DRIVE_INTERVAL_RANGE_MIN
        if not low <= override <= high:
            why = (
                "; the Highway Code advises a break at least every two hours"
                if mode == "drive" and override > high
                else ""
            )
            raise InputError(
                [f"interval_minutes: {mode} mode allows {low}-{high} minutes{why} (got {override})"]
            )
        return override
    stored = settings.desk_interval_min if mode == "desk" else settings.drive_interval_min
    return stored if stored is not None else default_interval_min(mode)


def start(
    engine: Engine,
    *,
    person_id: int,
    plan: Plan | None,
    driver: TimerDriver,
    now: datetime,
    mode: BreakMode | None = None,
    interval_min: int | None = None,
    pid: int | None = None,
    details: dict[str, Any] | None = None,
) -> StoredTimer:
    """A fresh timer (replacing any other), after checking the plan is not on hold. `plan` None:
    the caller has checked it (the reminder process, which `psoas breaks start` checked for)."""
    if plan is not None and plan.status == "urgent-care":
        reason = next((m.text for m in plan.messages), "your check-in has warning signs")
        raise Conflict(
            "Break reminders stay off while your plan is on hold for warning signs: " + reason
        )
    settings = settings_for(engine, person_id=person_id)
    chosen: BreakMode = mode or settings.mode
    timer = break_timer.start_timer(
        mode=chosen, interval_min=interval_for(settings, chosen, interval_min), now=now
    )
    if not break_timer.reminders_allowed(settings, chosen, now):
        # Started outside reminder hours: the count begins with them, and status says so now,
        # not only after the first step (which may be minutes away).
        timer = timer.model_copy(update={"off_hours": True})
    repository = BreakRepository(engine)
    repository.start_timer(
        person_id=person_id, timer=timer, driver=driver, now=now, pid=pid, details=details
    )
    stored = repository.timer(person_id=person_id)
    assert stored is not None  # just written in this process
    return stored


def current(engine: Engine, *, person_id: int) -> StoredTimer | None:
    return BreakRepository(engine).timer(person_id=person_id)


def step(
    engine: Engine,
    *,
    person_id: int,
    observation: Observation,
    now: datetime,
    plan: PlanSource,
    heartbeat: bool = False,
    seen_until: datetime | None = None,
    owner_pid: int | None = None,
) -> Stepped | None:
    """Time passes: the timer is ticked and its events stored. None when no timer runs (or, with
    `owner_pid`, when the timer running is not that reminder process's: nothing is written).

    `seen_until`: the desktop was watched up to then with nothing that matters changing (the
    resident reminder steps only on a change; see break_timer.watched)."""
    settings = settings_for(engine, person_id=person_id)

    def move(timer: BreakTimer) -> Tick:
        if seen_until is not None:
            timer = break_timer.watched(timer, min(seen_until, now))
        return break_timer.tick(timer, settings, observation, now)

    return _write(
        engine, person_id, move, settings, plan, now, heartbeat=heartbeat, owner_pid=owner_pid
    )


def answer(
    engine: Engine,
    *,
    person_id: int,
    reply: BreakAnswer,
    now: datetime,
    plan: PlanSource,
    heartbeat: bool = False,
    owner_pid: int | None = None,
) -> Stepped:
    """Done, snooze or skip. Conflict when no timer runs (or not `owner_pid`'s) or nothing is
    showing to snooze or skip; InputError for a snooze past the cap (its message lists what is
    still allowed). `heartbeat`: the desktop reminder answers, which is also a sign of life."""
    settings = settings_for(engine, person_id=person_id)

    def move(timer: BreakTimer) -> Tick:
        try:
            return break_timer.answer(timer, settings, reply, now)
        except break_timer.AnswerRefused as refused:
            if refused.field == "snooze_min":
                raise InputError([f"snooze_min: {refused} (got {reply.snooze_min})"]) from None
            raise Conflict(str(refused)) from None

    stepped = _write(
        engine, person_id, move, settings, plan, now, heartbeat=heartbeat, owner_pid=owner_pid
    )
    if stepped is None:
        raise Conflict("break reminders are not running; start them first")
    return stepped


def sign_of_life(
    engine: Engine, *, person_id: int, now: datetime, plan: PlanSource, owner_pid: int
) -> Stepped | None:
    """The desktop reminder is alive and the timer as it was: only the heartbeat is written.
    None when the timer running is not `owner_pid`'s."""
    settings = settings_for(engine, person_id=person_id)

    def unchanged(timer: BreakTimer) -> Tick:
        return Tick(timer=timer, next_check_at=now)

    return _write(
        engine, person_id, unchanged, settings, plan, now, heartbeat=True, owner_pid=owner_pid
    )


def stop(engine: Engine, *, person_id: int, pid: int | None = None) -> bool:
    return BreakRepository(engine).stop_timer(person_id=person_id, pid=pid)


def nudge_desktop(stored: StoredTimer | None) -> bool:
    """Wakes the desktop reminder behind `stored`, if it runs on this machine, so that an answer
    or a stop given in a terminal or the web shows on the desktop at once rather than at its next
    step (up to ten minutes later). False when there is none here to wake."""
    if stored is None or stored.driver != "desktop" or stored.pid is None:
        return False
    if stored.details.get("host") != socket.gethostname():
        return False  # a shared database: the reminder runs on someone's own machine
    from psoas.desktop.reminder_signal import wake_reminder

    return wake_reminder(stored.pid)


def stats(engine: Engine, *, person_id: int, today: date, days: int) -> list[DayBreakStats]:
    first = today - timedelta(days=days - 1)
    events = BreakRepository(engine).events(person_id=person_id, since=first)
    return daily_stats((recorded.event for recorded in events), first=first, last=today)


def desktop_silent(stored: StoredTimer, now: datetime) -> bool:
    """The desktop reminder has not been heard from for a while: crashed, or the machine slept."""
    return stored.driver == "desktop" and now - stored.heartbeat_at > DESKTOP_SILENT_AFTER


def showing_reminder(
    stored: StoredTimer, engine: Engine, *, person_id: int, plan: PlanSource, now: datetime
) -> BreakReminder | None:
    """The reminder waiting for an answer, rebuilt for a page or status that asks later."""
    if stored.timer.prompted_at is None:
        return None
    settings = settings_for(engine, person_id=person_id)
    return _reminder(stored.timer, settings, plan, now)


def _write(
    engine: Engine,
    person_id: int,
    move: Callable[[BreakTimer], Tick],
    settings: BreakSettings,
    plan: PlanSource,
    now: datetime,
    *,
    heartbeat: bool,
    owner_pid: int | None = None,
) -> Stepped | None:
    repository = BreakRepository(engine)
    for _ in range(STEP_TRIES):
        stored = repository.timer(person_id=person_id)
        if stored is None or (owner_pid is not None and stored.pid != owner_pid):
            return None
        moved = move(stored.timer)
        # Written before the timer is saved: a reminder that cannot be written (an unreadable
        # profile, say) leaves the timer as it was, to be tried again, not marked as shown.
        reminder = _reminder(moved.timer, settings, plan, now) if moved.show else None
        written = repository.step_timer(
            person_id=person_id,
            version=stored.version,
            timer=moved.timer,
            events=moved.events,
            heartbeat_at=now if heartbeat else None,
        )
        if written:
            fresh = StoredTimer(
                timer=moved.timer,
                driver=stored.driver,
                version=stored.version + 1,
                heartbeat_at=now if heartbeat else stored.heartbeat_at,
                pid=stored.pid,
                details=stored.details,
            )
            return Stepped(fresh, moved, reminder, settings)
    raise BreakConflict("the break timer kept changing while this was saved; try again")


def _reminder(
    timer: BreakTimer, settings: BreakSettings, plan: PlanSource, now: datetime
) -> BreakReminder:
    in_force = plan()
    catalogue = load_catalogue()
    return reminder_for(
        timer,
        break_stretches(in_force, catalogue, timer.mode),
        catalogue,
        on_hold=in_force.status == "urgent-care",
        snooze_choices_min=break_timer.snooze_choices(timer, settings),
        now=now,
    )
