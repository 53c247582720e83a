"""The resident reminder loop: look at the desktop every minute, step the timer when something
changed, show or withdraw reminders, repeat.

Looking is cheap and done here; stepping (reading and writing the database, writing a reminder's
words) is done by `TimerSteps`, a short-lived process in real use, and only when the last step's
orders say this minute's look changes something (see psoas.domain.break_watch). The loop also
steps when woken: by a button pressed on the notification, or by `psoas breaks done|snooze|skip`
from another terminal, which signals the process.

This module is imported by the resident process: nothing here may import pydantic, SQLAlchemy or
the rest of the services (a test checks).
"""

import asyncio
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from psoas.domain.break_watch import NoticeAnswer, WatchOrders
from psoas.services.break_seams import (
    LoopClock,
    PresenceProbe,
    ReminderDisplay,
    StepFailed,
    TimerSteps,
)

logger = logging.getLogger(__name__)

LOOK_EVERY = timedelta(minutes=1)
# Looks further apart than this mean the machine slept (or the clock jumped): always a step.
LONGEST_GAP = timedelta(minutes=2)
# Failing steps are tried again after 1, 2, 4, 8, then every 10 minutes.
LONGEST_RETRY = timedelta(minutes=10)


@dataclass
class LoopControl:
    """Ways in from outside: wake the loop now, or ask it to stop."""

    wake: asyncio.Event = field(default_factory=asyncio.Event)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    # Answers pressed on a notification, waiting for the loop to hand them to a step.
    answers: list[NoticeAnswer] = field(default_factory=list)

    def answered(self, reply: NoticeAnswer) -> None:
        self.answers.append(reply)
        self.wake.set()


async def run_reminders(
    *,
    steps: TimerSteps,
    presence: PresenceProbe,
    display: ReminderDisplay,
    clock: LoopClock,
    control: LoopControl,
    details: dict[str, Any],
) -> str:
    """Runs until stopped; returns why it ended. A failed start raises StepFailed."""
    now = clock.now()
    orders = await steps.start(now, details)
    last_seen = now
    # When the reminder on screen was raised (the step's time); None: nothing showing.
    shown_at: datetime | None = None
    retry = _Retry()
    # Answers pressed here whose step failed: kept and tried again at the next look.
    unsent: list[NoticeAnswer] = []
    while not control.stop.is_set():
        shown_at = await _follow(orders, display, shown_at, control, now)
        orders = replace(orders, show=None, withdraw=False)
        if not orders.running:
            return "the timer was stopped or replaced"
        woken = await _wait(control, clock, min(last_seen + LOOK_EVERY, orders.step_by) - now)
        if control.stop.is_set():
            break
        now = clock.now()
        # Presses whose step failed go again once the back-off is over; new ones at once.
        retrying = unsent if now >= orders.step_by else []
        unsent = unsent if not retrying else []
        replies, control.answers = [*retrying, *control.answers], []
        for number, reply in enumerate(replies):
            answered = await retry.attempt(steps.answer(now, reply))
            if answered is None:
                unsent += replies[number:]
                orders = retry.later(orders, now)
                break
            orders = answered
        observation = await presence.observe()
        if not replies and (woken or orders.wants_step(observation, now, last_seen, LONGEST_GAP)):
            stepped = await retry.attempt(steps.step(now, observation, last_seen, shown_at))
            orders = stepped if stepped is not None else retry.later(orders, now)
        last_seen = now
    if shown_at is not None:
        await display.withdraw()
    return "stopped"


async def _follow(
    orders: WatchOrders,
    display: ReminderDisplay,
    shown_at: datetime | None,
    control: LoopControl,
    now: datetime,
) -> datetime | None:
    """Shows or takes down what the orders say; returns when the reminder showing was raised."""
    if orders.show is not None:
        await display.show(orders.show, control.answered)
        return now
    if shown_at is not None and (orders.withdraw or not orders.running):
        # Answered here or elsewhere, or the person walked away: take it down.
        await display.withdraw()
        return None
    return shown_at


class _Retry:
    """Failed steps are logged and tried again, a minute later at first, then backing off to the
    sign-of-life interval, so a database that stays away does not cost a process a minute."""

    def __init__(self) -> None:
        self.failures = 0

    async def attempt(self, call: Awaitable[WatchOrders]) -> WatchOrders | None:
        try:
            fresh = await call
        except StepFailed as failure:
            self.failures += 1
            logger.warning("Break timer step failed (%d in a row): %s", self.failures, failure)
            return None
        self.failures = 0
        return fresh

    def later(self, orders: WatchOrders, now: datetime) -> WatchOrders:
        delay = min(LOOK_EVERY * 2 ** (self.failures - 1), LONGEST_RETRY)
        return replace(orders, step_by=now + delay)


async def _wait(control: LoopControl, clock: LoopClock, span: timedelta) -> bool:
    """Waits `span` of the loop's time, or until woken or stopped; True when woken. A wake that
    came while the last step ran counts: the flag is cleared only once it has been seen."""
    started = time.monotonic()
    waiters = [
        asyncio.ensure_future(control.wake.wait()),
        asyncio.ensure_future(control.stop.wait()),
    ]
    _done, pending = await asyncio.wait(
        waiters, timeout=max(0.0, clock.real_seconds(span)), return_when=asyncio.FIRST_COMPLETED
    )
    for waiter in pending:
        waiter.cancel()
    clock.waited(time.monotonic() - started)
    woken = control.wake.is_set()
    control.wake.clear()
    return woken
