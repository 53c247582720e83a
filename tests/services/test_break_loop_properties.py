"""The resident reminder loop over random afternoons (SQLite and PostgreSQL): a desktop that
comes and goes, presses on the reminders, and steps that fail before they write or lose their
answer on the way back. Whatever happens, every reminder raised is shown, every press is
recorded, the desktop keeps giving signs of life, and steps stay few."""

import itertools
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from psoas.domain.break_watch import NoticeAnswer, Observation, WatchOrders
from psoas.services import breaks
from psoas.services.break_loop import LOOK_EVERY
from psoas.services.break_seams import StepFailed
from psoas.storage import LOCAL_PERSON_ID, BreakRepository
from tests.services.break_loop_support import MONDAY_9, InProcessSteps, run

# Each example runs on a day of its own, so events never mix between examples.
DAYS = itertools.count()

observations = st.sampled_from(
    [
        Observation(idle_s=3, locked=False),
        Observation(idle_s=3, locked=False),
        Observation(idle_s=3, locked=False, do_not_disturb=True),
        Observation(idle_s=3, locked=False, fullscreen=True),
        Observation(idle_s=900, locked=True),
    ]
)
spells = st.lists(
    st.tuples(st.integers(min_value=1, max_value=40), observations), min_size=1, max_size=8
)
presses = st.lists(
    st.sampled_from(
        [
            None,
            NoticeAnswer(action="done"),
            NoticeAnswer(action="skip"),
            NoticeAnswer(action="snooze", snooze_min=5),
            NoticeAnswer(action="snooze", snooze_min=15),
        ]
    ),
    max_size=12,
)
# Which calls fail: before they write, or after (their answer lost on the way back).
failures = st.dictionaries(
    st.integers(min_value=1, max_value=40), st.sampled_from(["before", "after"]), max_size=6
)


class Flaky(InProcessSteps):
    def __init__(self, engine: Engine, failing: dict[int, str]) -> None:
        super().__init__(engine)
        self.failing = failing
        self.number = 0
        self.succeeded_at: list[datetime] = []

    async def _maybe(
        self, now: datetime, call: Callable[[], Awaitable[WatchOrders]]
    ) -> WatchOrders:
        self.number += 1
        how = self.failing.get(self.number)
        if how == "before":
            raise StepFailed("the database went away")
        orders = await call()
        if how == "after":
            raise StepFailed("broken pipe")
        self.succeeded_at.append(now)
        return orders

    async def step(
        self,
        now: datetime,
        observation: Observation,
        seen_until: datetime,
        shown_at: datetime | None,
    ) -> WatchOrders:
        parent = super().step
        return await self._maybe(now, lambda: parent(now, observation, seen_until, shown_at))

    async def answer(self, now: datetime, reply: NoticeAnswer) -> WatchOrders:
        parent = super().answer
        return await self._maybe(now, lambda: parent(now, reply))


@pytest.fixture
def engine(any_hours_engine: Engine) -> Engine:
    return any_hours_engine


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(schedule=spells, pressed=presses, failing=failures)
def test_the_loop_keeps_its_promises(
    engine: Engine,
    schedule: list[tuple[int, Observation]],
    pressed: list[NoticeAnswer | None],
    failing: dict[int, str],
) -> None:
    start = MONDAY_9 + timedelta(days=next(DAYS))
    spans = list(itertools.accumulate(minutes for minutes, _ in schedule))
    until_min = spans[-1] + 30

    def desktop(minute: float) -> Observation:
        for end, (_, observation) in zip(spans, schedule, strict=True):
            if minute < end:
                return observation
        return Observation(idle_s=3, locked=False)

    def press(number: int) -> NoticeAnswer | None:
        return pressed[number] if number < len(pressed) else None

    steps = Flaky(engine, failing)
    _ended, _steps, display = run(
        engine, until_min, script=desktop, press=press, steps=steps, start=start
    )
    events = [
        recorded.event
        for recorded in BreakRepository(engine).events(
            person_id=LOCAL_PERSON_ID, since=start.date()
        )
        if start <= recorded.event.at <= start + timedelta(minutes=until_min)
    ]
    kinds = [event.kind for event in events]
    prompted = [event.at for event in events if event.kind == "prompted"]
    shown = [at for at, _ in display.shown]

    # Every reminder raised is shown: at once, or when the next step succeeds if the step that
    # raised it lost its answer on the way back.
    for at in prompted[:-1]:  # the last may be raised as the loop stops
        next_success = min((t for t in steps.succeeded_at if t > at), default=None)
        assert at in shown or next_success in shown, (at, shown, steps.succeeded_at)
    # Every press is recorded, or refused as no longer fitting (snoozes past the cap, a press on
    # a reminder answered by leaving): never lost because a step failed.
    recorded_answers = kinds.count("taken") + kinds.count("skipped") + kinds.count("snoozed")
    assert recorded_answers <= len(display.pressed)
    assert recorded_answers >= sum(
        1 for _, reply in display.pressed if reply.action in ("done", "skip")
    ) - len(failing)
    # Signs of life keep coming while steps succeed.
    if not failing:
        gaps = [later - earlier for earlier, later in itertools.pairwise(steps.wrote_at)]
        assert max(gaps, default=timedelta()) <= breaks.DESKTOP_STEPS_AT_LEAST_EVERY + LOOK_EVERY
    # Steps stay few: signs of life, changes on the desktop, reminders, presses and retries.
    reasons = until_min / 10 + 2 * len(schedule) + len(events) + len(pressed) + 2 * len(failing)
    assert len(steps.calls) <= reasons + 4
