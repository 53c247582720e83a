"""The sitting-break timer as pure steps: start, tick (time passes, the desktop is observed) and
answer (done, snooze, skip). The clock is passed in; every time is aware and in the person's zone,
so the calendar day and the working hours are the person's own.

Sitting is what is counted. Being away (screen locked, or no input for the idle threshold) is a
natural break and starts the count again when the person is back; a gap in observation (the
machine slept, the page was closed) also starts it again, uncounted, because nobody saw it.
"""

from datetime import datetime, timedelta

from psoas.domain.break_watch import WatchOrders
from psoas.domain.breaks import (
    SNOOZE_CHOICES_MIN,
    BreakAnswer,
    BreakEvent,
    BreakEventKind,
    BreakMode,
    BreakSettings,
    BreakTimer,
    Observation,
    SnoozeMinutes,
    Tick,
)

# The loop looks at most once a minute when nothing is due: cheap, and fine-grained enough for
# reminders counted in tens of minutes and an idle threshold counted in minutes.
CHECK_EVERY = timedelta(minutes=1)


class AnswerRefused(ValueError):
    """An answer that does not fit the timer's state; the message says why and what will do."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def start_timer(*, mode: BreakMode, interval_min: int, now: datetime) -> BreakTimer:
    return BreakTimer(
        mode=mode,
        interval_min=interval_min,
        started_at=now,
        sitting_since=now,
        due_at=now + timedelta(minutes=interval_min),
        last_tick_at=now,
    )


def reminders_allowed(settings: BreakSettings, mode: BreakMode, now: datetime) -> bool:
    """Quiet hours hold both modes; working hours and days hold desk mode only."""
    moment = now.timetz().replace(tzinfo=None)
    if settings.quiet_hours is not None and settings.quiet_hours.contains(moment):
        return False
    if mode == "drive":
        return True
    if now.weekday() not in settings.working_days:
        return False
    return settings.working_hours is None or settings.working_hours.contains(moment)


def snooze_choices(timer: BreakTimer, settings: BreakSettings) -> tuple[SnoozeMinutes, ...]:
    left = settings.snooze_cap_min - timer.snoozed_min
    return tuple(choice for choice in SNOOZE_CHOICES_MIN if choice <= left)


def tick(
    timer: BreakTimer, settings: BreakSettings, observation: Observation, now: datetime
) -> Tick:
    idle_limit = timedelta(minutes=settings.idle_break_min)
    showing = timer.prompted_at is not None
    unseen = now < timer.last_tick_at or now - timer.last_tick_at > idle_limit
    if unseen or now.date() != timer.last_tick_at.date():
        return _finish(_restart(timer, now), withdraw=showing)
    if not reminders_allowed(settings, timer.mode, now):
        return _finish(
            _restart(timer, now).model_copy(update={"off_hours": True}), withdraw=showing
        )
    if timer.off_hours:
        return _finish(_restart(timer, now))
    if timer.mode == "desk":
        away = _away_tick(timer, observation, idle_limit, now)
        if away is not None:
            return away
    return _due_tick(timer.model_copy(update={"last_tick_at": now}), observation, now)


def watched(timer: BreakTimer, until: datetime) -> BreakTimer:
    """The desktop was watched without a change that matters up to `until`.

    A tick that finds nothing to do only moves the timer's last look; the resident reminder
    process, which steps the timer only when `quiet_until` says something may change, reports the
    minutes it watched this way. A time before the last look changes nothing.
    """
    if until <= timer.last_tick_at:
        return timer
    return timer.model_copy(update={"last_tick_at": until})


def quiet_until(
    timer: BreakTimer, settings: BreakSettings, now: datetime, horizon: timedelta
) -> datetime:
    """The first time after `now` (at most `horizon` later) at which a tick may do more than
    `watched` would, provided the desktop keeps saying the same thing: a reminder falls due or
    comes round again, the day ends, or working or quiet hours begin or end. `timer` is the state
    just after a step at `now`.
    """
    until = now + horizon
    if timer.away_since is None and timer.deferred_since is None:
        # Sitting and nothing held back: the clock alone brings the next reminder.
        due = timer.due_at
        if timer.prompted_at is not None:
            due = timer.prompted_at + timedelta(minutes=timer.interval_min)
        until = min(until, due if due > now else now + CHECK_EVERY)
    allowed = reminders_allowed(settings, timer.mode, now)
    moment = now + CHECK_EVERY
    # Ticks come a minute apart: the first minute past midnight or past the start or end of
    # working or quiet hours is when a loop stepping every minute would have seen it.
    while moment < until:
        if (
            moment.date() != now.date()
            or reminders_allowed(settings, timer.mode, moment) != allowed
        ):
            return moment
        moment += CHECK_EVERY
    return until


def watch_for(
    timer: BreakTimer, settings: BreakSettings, now: datetime, horizon: timedelta
) -> WatchOrders:
    """What the resident process must watch after a step at `now` (nothing to show yet)."""
    return WatchOrders(
        running=True,
        step_by=quiet_until(timer, settings, now, horizon),
        # Leaving the desk counts only at a desk and within hours: off hours, every step restarts
        # the count anyway, and watching would step each minute of a locked evening for nothing.
        watch_away=timer.mode == "desk" and reminders_allowed(settings, timer.mode, now),
        idle_break_s=settings.idle_break_min * 60.0,
        away=timer.away_since is not None,
        deferred=timer.deferred_since is not None,
    )


def answer(timer: BreakTimer, settings: BreakSettings, reply: BreakAnswer, now: datetime) -> Tick:
    """Raises AnswerRefused for a snooze or skip with no reminder showing, or a snooze past the cap.

    Done is always accepted: with no reminder out it records a break the person chose to take.
    An answer is never placed before the timer's last step: the answering process's clock may
    lag the reminder's a little, and time must not run backwards for the timer.
    """
    now = max(now, timer.last_tick_at)
    showing = timer.prompted_at is not None
    if reply.action == "done":
        kind: BreakEventKind = "taken" if showing or timer.snoozed_min else "natural"
        fresh = _restart(timer, now)
        return _finish(fresh, _event(timer, kind, now), withdraw=showing)
    if not showing:
        raise AnswerRefused("action", f"there is no reminder to {reply.action}; none is showing")
    if reply.action == "skip":
        # Still sitting, so the count goes on; the next reminder comes a full interval from now.
        skipped = _answered(timer, now).model_copy(
            update={"due_at": now + timedelta(minutes=timer.interval_min), "snoozed_min": 0}
        )
        return _finish(skipped, _event(timer, "skipped", now), withdraw=True)
    minutes = reply.snooze_min
    assert minutes is not None  # BreakAnswer guarantees minutes with snooze
    choices = snooze_choices(timer, settings)
    if minutes not in choices:
        offered = ", ".join(str(choice) for choice in choices) or "none left: time to stand up"
        raise AnswerRefused(
            "snooze_min",
            f"{minutes} minutes would take this reminder's snoozes past the cap of "
            f"{settings.snooze_cap_min} minutes ({timer.snoozed_min} used); snooze choices: "
            f"{offered}",
        )
    snoozed = _answered(timer, now).model_copy(
        update={
            "due_at": now + timedelta(minutes=minutes),
            "snoozed_min": timer.snoozed_min + minutes,
        }
    )
    return _finish(snoozed, _event(timer, "snoozed", now, minutes), withdraw=True)


def _away_tick(
    timer: BreakTimer, observation: Observation, idle_limit: timedelta, now: datetime
) -> Tick | None:
    """The step when the person is away or has just come back; None when neither."""
    idle = timedelta(seconds=observation.idle_s) if observation.idle_s is not None else None
    away = observation.locked is True or (idle is not None and idle >= idle_limit)
    if away and timer.away_since is None:
        left_at = now - idle if idle is not None else now
        # A break counts once, and only after real sitting: walking off straight after "done"
        # is the same break, not a second one.
        sat_long_enough = left_at - timer.sitting_since >= idle_limit
        events = (_event(timer, "natural", now),) if sat_long_enough else ()
        gone = _answered(timer, now).model_copy(
            update={"away_since": left_at, "deferred_since": None, "snoozed_min": 0}
        )
        return _finish(gone, *events, withdraw=timer.prompted_at is not None)
    if away:
        return _finish(timer.model_copy(update={"last_tick_at": now}))
    if timer.away_since is not None:
        back_at = now - idle if idle is not None else now
        back_at = max(back_at, timer.away_since)
        returned = _restart(timer, now).model_copy(
            update={
                "sitting_since": back_at,
                "due_at": back_at + timedelta(minutes=timer.interval_min),
            }
        )
        return _due_tick(returned, Observation(), now)
    return None


def _due_tick(timer: BreakTimer, observation: Observation, now: datetime) -> Tick:
    interval = timedelta(minutes=timer.interval_min)
    if timer.prompted_at is not None:
        if now - timer.prompted_at < interval:
            return _finish(timer)
        # Unanswered for a whole interval while still at the keyboard: remind again.
    elif now < timer.due_at:
        return _finish(timer)
    if observation.do_not_disturb or observation.fullscreen:
        # Held back, never dropped: it shows as soon as the presentation or DND ends.
        return _finish(timer.model_copy(update={"deferred_since": timer.deferred_since or now}))
    prompted = timer.model_copy(
        update={
            "prompted_at": now,
            "prompt_count": timer.prompt_count + 1,
            "deferred_since": None,
        }
    )
    return _finish(prompted, _event(timer, "prompted", now), show=True)


def _restart(timer: BreakTimer, now: datetime) -> BreakTimer:
    """A new stretch of sitting from now, with nothing showing, snoozed or held back."""
    return timer.model_copy(
        update={
            "sitting_since": now,
            "due_at": now + timedelta(minutes=timer.interval_min),
            "last_tick_at": now,
            "snoozed_min": 0,
            "prompted_at": None,
            "deferred_since": None,
            "away_since": None,
            "off_hours": False,
        }
    )


def _answered(timer: BreakTimer, now: datetime) -> BreakTimer:
    return timer.model_copy(
        update={"prompted_at": None, "deferred_since": None, "last_tick_at": now}
    )


def _event(
    timer: BreakTimer, kind: BreakEventKind, now: datetime, minutes: int | None = None
) -> BreakEvent:
    return BreakEvent(at=now, day=now.date(), kind=kind, mode=timer.mode, minutes=minutes)


def _finish(
    timer: BreakTimer, *events: BreakEvent, show: bool = False, withdraw: bool = False
) -> Tick:
    now = timer.last_tick_at
    soon = now + CHECK_EVERY
    waiting_on_clock = timer.prompted_at is None and timer.away_since is None
    next_check = min(soon, timer.due_at) if waiting_on_clock and timer.due_at > now else soon
    display = True if show else (False if withdraw else None)
    return Tick(timer=timer, events=events, show=display, next_check_at=next_check)
