"""The desktop reminder's loop: observe, step the timer, show or withdraw, sleep, repeat.

It sleeps until the timer's next check (at most a minute when nothing is due) or until woken: by
an answer pressed on the notification, by `psoas breaks done|snooze|skip` from another terminal
(which signals the process), or by a request to stop. The timer itself lives in the database, so
an answer given anywhere is seen here at the next step at the latest.
"""

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine

from psoas.domain.breaks import BreakAnswer
from psoas.services import breaks
from psoas.services.break_seams import PresenceProbe, ReminderDisplay
from psoas.services.errors import Conflict, InputError

Clock = Callable[[], datetime]


@dataclass
class LoopControl:
    """Ways in from outside: wake the loop now, or ask it to stop."""

    wake: asyncio.Event = field(default_factory=asyncio.Event)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    # Answers pressed on a notification, waiting for the loop to store them.
    answers: list[BreakAnswer] = field(default_factory=list)

    def answered(self, reply: BreakAnswer) -> None:
        self.answers.append(reply)
        self.wake.set()


async def run_reminders(
    engine: Engine,
    *,
    person_id: int,
    pid: int,
    presence: PresenceProbe,
    display: ReminderDisplay,
    plan: breaks.PlanSource,
    clock: Clock,
    control: LoopControl,
    seconds_per_minute: float = 60.0,
) -> str:
    """Runs until stopped; returns why it ended. `seconds_per_minute` below 60 runs the timer's
    minutes faster (tests and demos); the timer still counts in its own minutes."""
    showing = False
    while not control.stop.is_set():
        now = clock()
        for reply in control.answers:
            with contextlib.suppress(Conflict, InputError):
                # A press that no longer fits (already answered elsewhere) is dropped quietly.
                breaks.answer(engine, person_id=person_id, reply=reply, now=now, plan=plan)
        control.answers.clear()
        observation = await presence.observe()
        stepped = breaks.step(
            engine,
            person_id=person_id,
            observation=observation,
            now=now,
            plan=plan,
            heartbeat=True,
        )
        if stepped is None or stepped.stored.pid != pid:
            # Stopped from elsewhere, or another start replaced this reminder.
            if showing:
                await display.withdraw()
            return "the timer was stopped or replaced"
        if stepped.reminder is not None:
            await display.show(stepped.reminder, control.answered)
            showing = True
        elif showing and stepped.stored.timer.prompted_at is None:
            # Answered here or elsewhere, or the person walked away: take it down.
            await display.withdraw()
            showing = False
        minutes = (stepped.tick.next_check_at - now).total_seconds() / 60
        await _sleep(control, max(0.0, minutes * seconds_per_minute))
    if showing:
        await display.withdraw()
    return "stopped"


async def _sleep(control: LoopControl, seconds: float) -> None:
    control.wake.clear()
    if control.answers:
        return  # pressed while the last step ran
    waiters = [
        asyncio.ensure_future(control.wake.wait()),
        asyncio.ensure_future(control.stop.wait()),
    ]
    _done, pending = await asyncio.wait(
        waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED
    )
    for waiter in pending:
        waiter.cancel()
