"""Stepping only when `WatchOrders` ask for it gives the same day as stepping every minute.

The resident reminder process looks at the desktop every minute but moves the timer (a process
start and a database write) only when the orders from the last step say something may change.
These tests hold that shortcut to the minute-by-minute loop: the same reminders at the same
times, the same events, and the same timer at every step the shortcut takes.
"""

from datetime import datetime, time, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.break_watch import Observation, WatchOrders
from psoas.domain.breaks import (
    IDLE_BREAK_RANGE_MIN,
    BreakEvent,
    BreakSettings,
    BreakTimer,
    DailyWindow,
    Tick,
)
from psoas.rules.break_timer import quiet_until, start_timer, tick, watch_for, watched
from psoas.services.break_loop import LONGEST_GAP

ZONE = timezone(timedelta(hours=1))
START = datetime(2026, 3, 2, 7, 40, 30, tzinfo=ZONE)  # a Monday, before working hours
ONE_MINUTE = timedelta(minutes=1)
NO_GAP = LONGEST_GAP

observations = st.builds(
    Observation,
    idle_s=st.sampled_from([None, 0, 0, 30, 30, 200, 400, 3000]),
    locked=st.sampled_from([None, False, False, False, True]),
    do_not_disturb=st.sampled_from([None, False, False, False, True]),
    fullscreen=st.sampled_from([None, False, False, False, True]),
)
# The desktop says the same thing for a spell of minutes, then something else.
spells = st.lists(
    st.tuples(st.integers(min_value=1, max_value=90), observations), min_size=4, max_size=14
)
break_settings = st.builds(
    BreakSettings,
    working_hours=st.none()
    | st.builds(
        DailyWindow,
        start=st.sampled_from([time(8), time(9, 15), time(22)]),
        end=st.sampled_from([time(6), time(12, 30), time(18)]),
    ),
    quiet_hours=st.none() | st.just(DailyWindow(start=time(22), end=time(7))),
    idle_break_min=st.integers(min_value=2, max_value=30),
)


def observed(schedule: list[tuple[int, Observation]], now: datetime) -> Observation:
    elapsed = now - START
    for minutes, observation in schedule:
        if elapsed < timedelta(minutes=minutes):
            return observation
        elapsed -= timedelta(minutes=minutes)
    return schedule[-1][1]


def signals(step: Tick, now: datetime) -> list[tuple[datetime, bool]]:
    return [] if step.show is None else [(now, step.show)]


@settings(max_examples=150, deadline=None)
@given(
    mode=st.sampled_from(["desk", "drive"]),
    interval_min=st.integers(min_value=15, max_value=120),
    chosen=break_settings,
    schedule=spells,
    horizon_min=st.integers(min_value=1, max_value=15),
)
def test_stepping_on_orders_matches_stepping_every_minute(
    mode: str,
    interval_min: int,
    chosen: BreakSettings,
    schedule: list[tuple[int, Observation]],
    horizon_min: int,
) -> None:
    horizon = timedelta(minutes=horizon_min)
    end = START + timedelta(minutes=sum(minutes for minutes, _ in schedule) + 60)
    first = start_timer(mode=mode, interval_min=interval_min, now=START)  # type: ignore[arg-type]

    every: BreakTimer = first
    every_events: list[BreakEvent] = []
    every_signals: list[tuple[datetime, bool]] = []
    every_states: dict[datetime, BreakTimer] = {}

    sparse: BreakTimer = first
    sparse_events: list[BreakEvent] = []
    sparse_signals: list[tuple[datetime, bool]] = []
    sparse_states: dict[datetime, BreakTimer] = {}
    orders: WatchOrders = watch_for(first, chosen, START, horizon)
    last_seen = START

    now = START
    looks = 0
    while now < end:
        looks += 1
        assert looks < 5000, "the loops stopped moving on"
        # Both loops look at the same moments: the minute-by-minute loop's next check.
        step = tick(every, chosen, observed(schedule, now), now)
        every = step.timer
        every_events += step.events
        every_signals += signals(step, now)
        every_states[now] = every

        observation = observed(schedule, now)
        if orders.wants_step(observation, now, last_seen, NO_GAP):
            moved = tick(watched(sparse, last_seen), chosen, observation, now)
            sparse = moved.timer
            sparse_events += moved.events
            sparse_signals += signals(moved, now)
            sparse_states[now] = sparse
            orders = watch_for(sparse, chosen, now, horizon)
        last_seen = now
        # The resident sleeps a minute at most, and less when its orders fall due sooner.
        assert orders.step_by > now
        now = min(step.next_check_at, orders.step_by)

    assert sparse_events == every_events
    assert sparse_signals == every_signals
    for moment, state in sparse_states.items():
        assert state == every_states[moment], moment
    # ... and steps only for a reason: a change on the desktop, something recorded, a boundary
    # of the day or of working or quiet hours, or the sign of life.
    minutes = (end - START).total_seconds() / 60
    reasons = 2 * len(schedule) + len(every_events) + minutes / horizon_min + 8
    assert len(sparse_states) <= reasons


def test_a_quiet_desk_needs_a_step_only_when_due_or_for_a_sign_of_life() -> None:
    chosen = BreakSettings(working_hours=None, quiet_hours=None)
    timer = start_timer(mode="desk", interval_min=60, now=START)
    assert quiet_until(timer, chosen, START, timedelta(minutes=10)) == START + timedelta(minutes=10)
    assert quiet_until(timer, chosen, START, timedelta(hours=2)) == START + timedelta(minutes=60)


def test_the_start_of_working_hours_is_a_step() -> None:
    chosen = BreakSettings()  # 08:00 to 18:00, Monday to Friday
    timer = start_timer(mode="desk", interval_min=60, now=START)
    # 07:40:30: the first minute-by-minute look at or after 08:00 is 08:00:30.
    assert quiet_until(timer, chosen, START, timedelta(hours=1)) == START + timedelta(minutes=20)


def test_midnight_is_a_step() -> None:
    chosen = BreakSettings(working_hours=None, quiet_hours=None)
    late = datetime(2026, 3, 2, 23, 55, tzinfo=ZONE)
    timer = start_timer(mode="drive", interval_min=120, now=late)
    assert quiet_until(timer, chosen, late, timedelta(minutes=10)) == late + timedelta(minutes=5)


def test_watched_never_moves_the_last_look_back() -> None:
    timer = start_timer(mode="desk", interval_min=60, now=START)
    assert watched(timer, START - ONE_MINUTE) == timer
    assert watched(timer, START + ONE_MINUTE).last_tick_at == START + ONE_MINUTE


def test_orders_ask_for_a_step_when_the_person_leaves_or_returns_or_a_hold_ends() -> None:
    orders = WatchOrders(
        running=True, step_by=START + timedelta(minutes=10), watch_away=True, idle_break_s=300
    )
    later = START + ONE_MINUTE
    assert not orders.wants_step(Observation(idle_s=20), later, START, NO_GAP)
    assert orders.wants_step(Observation(idle_s=300), later, START, NO_GAP)
    assert orders.wants_step(Observation(locked=True), later, START, NO_GAP)
    back = WatchOrders(
        running=True, step_by=later + ONE_MINUTE, watch_away=True, idle_break_s=300, away=True
    )
    assert back.wants_step(Observation(idle_s=3), later, START, NO_GAP)
    held = WatchOrders(running=True, step_by=later + ONE_MINUTE, deferred=True)
    assert not held.wants_step(Observation(do_not_disturb=True), later, START, NO_GAP)
    assert held.wants_step(Observation(do_not_disturb=False), later, START, NO_GAP)
    # The machine slept, or the clock was set back: the timer decides what that means.
    assert orders.wants_step(Observation(), START + timedelta(minutes=5), START, NO_GAP)
    assert orders.wants_step(Observation(), START - ONE_MINUTE, START, NO_GAP)
    assert orders.wants_step(Observation(), START + timedelta(minutes=10), later, NO_GAP)


def test_the_loops_longest_gap_is_shorter_than_any_idle_threshold() -> None:
    """Looks further apart than the idle threshold are "unseen" time to the timer; the resident
    steps on any gap longer than LONGEST_GAP, so that must not exceed the smallest threshold."""
    assert timedelta(minutes=IDLE_BREAK_RANGE_MIN[0]) >= LONGEST_GAP
