"""The resident reminder loop's test rig: steps taken in process on a real database, a scripted
desktop, a recording display and a clock that jumps instead of waiting."""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Engine

from psoas.domain.break_watch import NoticeAnswer, Observation, ReminderNotice, WatchOrders
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.services import break_orders
from psoas.services.break_loop import LoopControl, run_reminders
from psoas.services.planning import plan_for
from psoas.storage import LOCAL_PERSON_ID

ZONE = timezone(timedelta(hours=2))
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)
PID = 4242
AT_DESK = Observation(idle_s=3, locked=False, do_not_disturb=False, fullscreen=False)
DESK = Profile(
    goals=("relieve-tightness",),
    activities=("desk-work",),
    sitting_hours_per_day=8,
    equipment=("mat",),
)


def plan() -> Plan:
    return plan_for(DESK)


class InProcessSteps:
    """The step process's work, done here; counts each step and notes when each wrote."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.calls: list[str] = []
        self.wrote_at: list[datetime] = []

    def _count(self, op: str, now: datetime | None = None) -> None:
        self.calls.append(op)
        if now is not None:
            self.wrote_at.append(now)

    async def start(self, now: datetime, details: dict[str, Any]) -> WatchOrders:
        self._count("start", now)
        return break_orders.start(
            self.engine,
            person_id=LOCAL_PERSON_ID,
            pid=PID,
            mode="desk",
            interval_min=15,
            details=details,
            now=now,
        )

    async def step(
        self,
        now: datetime,
        observation: Observation,
        seen_until: datetime,
        shown_at: datetime | None,
    ) -> WatchOrders:
        self._count("step", now)
        return break_orders.step(
            self.engine,
            person_id=LOCAL_PERSON_ID,
            pid=PID,
            observation=observation,
            seen_until=seen_until,
            shown_at=shown_at,
            now=now,
            plan=plan,
        )

    async def answer(self, now: datetime, reply: NoticeAnswer) -> WatchOrders:
        self._count("answer", now)
        return break_orders.answer(
            self.engine, person_id=LOCAL_PERSON_ID, pid=PID, reply=reply, now=now, plan=plan
        )

    async def stop(self) -> None:
        break_orders.stop(self.engine, person_id=LOCAL_PERSON_ID, pid=PID)


class JumpingClock:
    """Waits take no real time: the clock jumps by the span the loop asked to wait, unless the
    loop was woken (a press) and so did not wait at all."""

    def __init__(self, control: LoopControl, start: datetime = MONDAY_9) -> None:
        self.current = start
        self._asked = timedelta()
        self._control = control

    def now(self) -> datetime:
        return self.current

    def real_seconds(self, span: timedelta) -> float:
        self._asked = span
        return 0.0

    def waited(self, real_s: float) -> None:
        if not self._control.wake.is_set():
            self.current += self._asked


class ScriptedDesktop:
    """Says what `script(minutes since the start)` says; stops the loop after `until_min`."""

    method = "a script"
    limitation = None

    def __init__(
        self,
        clock: JumpingClock,
        control: LoopControl,
        until_min: float,
        script: Callable[[float], Observation] = lambda minute: AT_DESK,
    ) -> None:
        self.clock, self.control, self.until_min, self.script = clock, control, until_min, script
        self.start = clock.now()

    async def observe(self) -> Observation:
        minute = (self.clock.now() - self.start).total_seconds() / 60
        if minute >= self.until_min:
            self.control.stop.set()
        return self.script(minute)

    async def close(self) -> None:
        return None


# What the person presses on the n-th reminder shown (None: nothing).
Presses = Callable[[int], NoticeAnswer | None]


class RecordingDisplay:
    channel = "a list"

    def __init__(self, clock: JumpingClock, press: NoticeAnswer | Presses | None = None) -> None:
        self.clock = clock
        self.press: Presses = press if callable(press) else lambda _number: press
        self.shown: list[tuple[datetime, ReminderNotice]] = []
        self.pressed: list[tuple[datetime, NoticeAnswer]] = []
        self.withdrawn: list[datetime] = []

    async def show(self, notice: ReminderNotice, on_answer: Callable[[NoticeAnswer], None]) -> None:
        chosen = self.press(len(self.shown))
        self.shown.append((self.clock.now(), notice))
        if chosen is not None:
            self.pressed.append((self.clock.now(), chosen))
            on_answer(chosen)

    async def withdraw(self) -> None:
        self.withdrawn.append(self.clock.now())

    async def close(self) -> None:
        return None


def run(
    engine: Engine,
    until_min: float,
    *,
    script: Callable[[float], Observation] = lambda minute: AT_DESK,
    press: NoticeAnswer | Presses | None = None,
    steps: InProcessSteps | None = None,
    start: datetime = MONDAY_9,
) -> tuple[str, InProcessSteps, RecordingDisplay]:
    control = LoopControl()
    clock = JumpingClock(control, start)
    steps = steps or InProcessSteps(engine)
    display = RecordingDisplay(clock, press)
    loop = run_reminders(
        steps=steps,
        presence=ScriptedDesktop(clock, control, until_min, script),
        display=display,
        clock=clock,
        control=control,
        details={"detection": "a script"},
    )
    # In a thread of its own: Playwright's sync API (the e2e tests) keeps an event loop running
    # in the main thread for the rest of the session.
    with ThreadPoolExecutor(max_workers=1) as thread:
        ended = thread.submit(asyncio.run, asyncio.wait_for(loop, timeout=60)).result()
    return ended, steps, display


def minutes_of(
    shown: list[tuple[datetime, ReminderNotice]], start: datetime = MONDAY_9
) -> list[float]:
    return [(at - start).total_seconds() / 60 for at, _ in shown]
