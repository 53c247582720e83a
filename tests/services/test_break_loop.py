"""The resident reminder loop with its steps taken in process on a real database (SQLite and
PostgreSQL), a scripted desktop, a recording display and a clock that jumps instead of waiting.

What matters to the person: reminders come on time, a button press answers them, leaving the desk
counts as a break; and what matters to their machine: the timer is stepped a few times an hour,
not every minute.
"""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from psoas.domain.break_watch import NoticeAnswer, Observation, WatchOrders
from psoas.services import breaks
from psoas.services.break_seams import StepFailed
from psoas.storage import LOCAL_PERSON_ID
from tests.services.break_loop_support import (
    AT_DESK,
    MONDAY_9,
    InProcessSteps,
    minutes_of,
    run,
)


@pytest.fixture
def engine(any_hours_engine: Engine) -> Engine:
    return any_hours_engine


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
            self,
            now: datetime,
            observation: Observation,
            seen_until: datetime,
            shown_at: datetime | None,
        ) -> WatchOrders:
            if "failed" not in self.calls:
                self.calls.append("failed")
                raise StepFailed("the database went away")
            return await super().step(now, observation, seen_until, shown_at)

    _ended, failing, display = run(engine, 20, steps=FailsOnce(engine))
    assert "failed" in failing.calls
    assert minutes_of(display.shown) == [15]


def test_a_reminder_whose_orders_were_lost_is_shown_at_the_next_look(engine: Engine) -> None:
    class LosesTheFirstReminder(InProcessSteps):
        async def step(
            self,
            now: datetime,
            observation: Observation,
            seen_until: datetime,
            shown_at: datetime | None,
        ) -> WatchOrders:
            orders = await super().step(now, observation, seen_until, shown_at)
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
