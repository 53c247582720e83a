"""The resident reminder loop with its steps taken in process on a real database (SQLite and
PostgreSQL), a scripted desktop, a recording display and a clock that jumps instead of waiting.

What matters to the person: reminders come on time, a button press answers them, leaving the desk
counts as a break; and what matters to their machine: the timer is stepped a few times an hour,
not every minute.
"""

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine

from psoas.domain.break_watch import NoticeAnswer, Observation, ReminderNotice, WatchOrders
from psoas.domain.breaks import BreakSettings
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.services import break_orders, breaks
from psoas.services.break_loop import LoopControl, run_reminders
from psoas.services.break_seams import StepFailed
from psoas.services.planning import plan_for
from psoas.storage import LOCAL_PERSON_ID, create_engine_for, upgrade

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


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    engine = create_engine_for(database_url)
    breaks.save_settings(
        engine,
        person_id=LOCAL_PERSON_ID,
        changes=BreakSettings(working_hours=None, quiet_hours=None).model_dump(mode="json"),
        now=MONDAY_9,
    )
    yield engine
    engine.dispose()


def plan() -> Plan:
    return plan_for(DESK)


class InProcessSteps:
    """The step process's work, done here; counts each step."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.calls: list[str] = []

    def _count(self, op: str) -> None:
        self.calls.append(op)

    async def start(self, now: datetime, details: dict[str, Any]) -> WatchOrders:
        self._count("start")
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
        self, now: datetime, observation: Observation, seen_until: datetime, showing: bool
    ) -> WatchOrders:
        self._count("step")
        return break_orders.step(
            self.engine,
            person_id=LOCAL_PERSON_ID,
            pid=PID,
            observation=observation,
            seen_until=seen_until,
            showing=showing,
            now=now,
            plan=plan,
        )

    async def answer(self, now: datetime, reply: NoticeAnswer) -> WatchOrders:
        self._count("answer")
        return break_orders.answer(
            self.engine, person_id=LOCAL_PERSON_ID, pid=PID, reply=reply, now=now, plan=plan
        )

    async def stop(self) -> None:
        break_orders.stop(self.engine, person_id=LOCAL_PERSON_ID, pid=PID)


class JumpingClock:
    """Waits take no real time: the clock jumps by the span the loop asked to wait, unless the
    loop was woken (a press) and so did not wait at all."""

    def __init__(self, control: LoopControl) -> None:
        self.current = MONDAY_9
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
    """Says what `script(minutes since 9:00)` says; stops the loop after `until_min`."""

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

    async def observe(self) -> Observation:
        minute = (self.clock.now() - MONDAY_9).total_seconds() / 60
        if minute >= self.until_min:
            self.control.stop.set()
        return self.script(minute)

    async def close(self) -> None:
        return None


class RecordingDisplay:
    channel = "a list"

    def __init__(self, clock: JumpingClock, press: NoticeAnswer | None = None) -> None:
        self.clock, self.press = clock, press
        self.shown: list[tuple[datetime, ReminderNotice]] = []
        self.withdrawn: list[datetime] = []

    async def show(self, notice: ReminderNotice, on_answer: Callable[[NoticeAnswer], None]) -> None:
        self.shown.append((self.clock.now(), notice))
        if self.press is not None:
            on_answer(self.press)

    async def withdraw(self) -> None:
        self.withdrawn.append(self.clock.now())

    async def close(self) -> None:
        return None


def run(
    engine: Engine,
    until_min: float,
    *,
    script: Callable[[float], Observation] = lambda minute: AT_DESK,
    press: NoticeAnswer | None = None,
    steps: InProcessSteps | None = None,
) -> tuple[str, InProcessSteps, RecordingDisplay]:
    control = LoopControl()
    clock = JumpingClock(control)
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


def minutes_of(shown: list[tuple[datetime, ReminderNotice]]) -> list[float]:
    return [(at - MONDAY_9).total_seconds() / 60 for at, _ in shown]


def test_an_hour_at_the_desk_brings_reminders_on_time_with_a_few_steps(engine: Engine) -> None:
    ended, steps, display = run(engine, 61)
    assert ended == "stopped"
    # Due at 15 minutes, then again every interval while unanswered.
    assert minutes_of(display.shown) == [15, 30, 45, 60]
    notice = display.shown[0][1]
    assert notice.sitting_min == 15
    assert notice.stretch_id is not None
    assert any("Walk about" in line for line in notice.lines)
    # Four reminders and a sign of life every ten minutes: nothing like one step a minute.
    assert steps.calls.count("step") <= 10
    counts = breaks.stats(engine, person_id=LOCAL_PERSON_ID, today=MONDAY_9.date(), days=1)[0]
    assert counts.prompted == 4


def test_a_button_press_answers_the_reminder(engine: Engine) -> None:
    _ended, steps, display = run(engine, 40, press=NoticeAnswer(action="done"))
    assert "answer" in steps.calls
    # Done at 15 restarts the count: the next reminder is 15 minutes later.
    assert minutes_of(display.shown) == [15, 30]
    assert display.withdrawn[:1] == [display.shown[0][0]]
    counts = breaks.stats(engine, person_id=LOCAL_PERSON_ID, today=MONDAY_9.date(), days=1)[0]
    assert counts.taken == 2


def test_leaving_the_desk_is_a_natural_break_and_the_count_restarts(engine: Engine) -> None:
    def away_from_12_to_20(minute: float) -> Observation:
        if 12 <= minute < 20:
            return Observation(idle_s=(minute - 12) * 60 + 1, locked=minute >= 14)
        return AT_DESK

    _ended, _steps, display = run(engine, 40, script=away_from_12_to_20)
    # Back at 20 (the last input 3 s before): the next reminder is a full interval after that.
    assert minutes_of(display.shown) == [pytest.approx(35, abs=0.1)]
    counts = breaks.stats(engine, person_id=LOCAL_PERSON_ID, today=MONDAY_9.date(), days=1)[0]
    assert counts.natural == 1


def test_a_failed_step_is_tried_again_and_nothing_is_lost(engine: Engine) -> None:
    class FailsOnce(InProcessSteps):
        async def step(
            self, now: datetime, observation: Observation, seen_until: datetime, showing: bool
        ) -> WatchOrders:
            if "failed" not in self.calls:
                self.calls.append("failed")
                raise StepFailed("the database went away")
            return await super().step(now, observation, seen_until, showing)

    _ended, failing, display = run(engine, 20, steps=FailsOnce(engine))
    assert "failed" in failing.calls
    assert minutes_of(display.shown) == [15]


def test_a_reminder_whose_orders_were_lost_is_shown_at_the_next_look(engine: Engine) -> None:
    class LosesTheFirstReminder(InProcessSteps):
        async def step(
            self, now: datetime, observation: Observation, seen_until: datetime, showing: bool
        ) -> WatchOrders:
            orders = await super().step(now, observation, seen_until, showing)
            if orders.show is not None and "lost" not in self.calls:
                self.calls.append("lost")  # stored as shown, but the answer never came back
                raise StepFailed("broken pipe")
            return orders

    _ended, _steps, display = run(engine, 20, steps=LosesTheFirstReminder(engine))
    assert minutes_of(display.shown) == [16]


def test_a_press_whose_step_failed_is_sent_again(engine: Engine) -> None:
    class FailsTheFirstAnswer(InProcessSteps):
        async def answer(self, now: datetime, reply: NoticeAnswer) -> WatchOrders:
            if "failed" not in self.calls:
                self.calls.append("failed")
                raise StepFailed("the database went away")
            return await super().answer(now, reply)

    _ended, steps, _display = run(
        engine, 20, steps=FailsTheFirstAnswer(engine), press=NoticeAnswer(action="done")
    )
    assert steps.calls.count("answer") == 1
    counts = breaks.stats(engine, person_id=LOCAL_PERSON_ID, today=MONDAY_9.date(), days=1)[0]
    assert counts.taken == 1


def test_a_press_is_a_sign_of_life(engine: Engine) -> None:
    run(engine, 16, press=NoticeAnswer(action="done"))
    stored = breaks.current(engine, person_id=LOCAL_PERSON_ID)
    assert stored is not None
    # Answered at 15; without the answer's heartbeat the last one would be the start, at 9:00
    # (the loop stepped at 10, then answered at 15).
    assert stored.heartbeat_at == MONDAY_9 + timedelta(minutes=15)


def test_a_locked_evening_costs_no_more_than_the_signs_of_life(engine: Engine) -> None:
    breaks.save_settings(
        engine,
        person_id=LOCAL_PERSON_ID,
        changes={"working_hours": {"start": "08:00", "end": "09:30"}},
        now=MONDAY_9,
    )

    def locked_from_40(minute: float) -> Observation:
        return Observation(idle_s=minute * 60, locked=True) if minute >= 40 else AT_DESK

    _ended, steps, _display = run(engine, 160, script=locked_from_40)
    # Working hours end at 9:30 and the screen locks at 9:40: from then on nothing can change
    # but the clock, so the loop steps only for its sign of life, every ten minutes.
    assert steps.calls.count("step") <= 160 // 10 + 4


def test_a_timer_stopped_elsewhere_ends_the_loop(engine: Engine) -> None:
    def stopped_at_5(minute: float) -> Observation:
        if minute >= 5:
            breaks.stop(engine, person_id=LOCAL_PERSON_ID)
            return Observation(locked=True)  # leaving is a change: the loop steps and sees it
        return AT_DESK

    ended, _steps, _display = run(engine, 60, script=stopped_at_5)
    assert ended == "the timer was stopped or replaced"
