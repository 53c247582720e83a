"""Properties of the break timer over random days: random desktop observations, answers, gaps
and settings. Limits from the issue are written here, not read from the code."""

from datetime import datetime, time, timedelta, timezone

from hypothesis import event as target
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.breaks import BreakAnswer, BreakSettings, DailyWindow, Observation
from psoas.rules.break_timer import AnswerRefused, answer, reminders_allowed, start_timer, tick

ZONE = timezone(timedelta(hours=-5))
START = datetime(2026, 3, 2, 8, 30, tzinfo=ZONE)
ONE_MINUTE = timedelta(minutes=1)

observations = st.builds(
    Observation,
    # Mostly at the keyboard, so that reminders fall due; sometimes away for a while.
    idle_s=st.sampled_from([None, 0, 0, 20, 20, 90, 200, 400, 2000]),
    locked=st.sampled_from([None, False, False, False, True]),
    do_not_disturb=st.sampled_from([None, False, False, True]),
    fullscreen=st.sampled_from([None, False, False, True]),
)
replies = st.sampled_from(
    [
        BreakAnswer(action="done"),
        BreakAnswer(action="skip"),
        BreakAnswer(action="snooze", snooze_min=5),
        BreakAnswer(action="snooze", snooze_min=10),
        BreakAnswer(action="snooze", snooze_min=15),
    ]
)
# Each step: minutes that pass (mostly one; sometimes a long gap), what the desktop says, and
# now and then an answer.
steps = st.lists(
    st.tuples(
        st.sampled_from([1] * 40 + [2, 7, 90]),
        observations,
        st.none() | replies,
    ),
    # A working morning or more: long enough for reminders to fall due several times.
    min_size=120,
    max_size=240,
)
hours = st.none() | st.builds(
    DailyWindow,
    start=st.sampled_from([time(7), time(8), time(9), time(22)]),
    end=st.sampled_from([time(6), time(12), time(17), time(18)]),
)
break_settings = st.builds(
    BreakSettings,
    working_hours=hours,
    quiet_hours=st.none() | st.just(DailyWindow(start=time(22), end=time(7))),
    snooze_cap_min=st.integers(min_value=5, max_value=30),
    idle_break_min=st.integers(min_value=2, max_value=30),
)


@settings(max_examples=100, deadline=None)
@given(
    mode=st.sampled_from(["desk", "drive"]),
    interval_min=st.integers(min_value=15, max_value=120),
    chosen=break_settings,
    plan=steps,
)
def test_timer_invariants(
    mode: str,
    interval_min: int,
    chosen: BreakSettings,
    plan: list[tuple[int, Observation, BreakAnswer | None]],
) -> None:
    now = START
    timer = start_timer(mode=mode, interval_min=interval_min, now=now)  # type: ignore[arg-type]
    for minutes, observation, reply in plan:
        now += timedelta(minutes=minutes)
        before = timer
        step = tick(timer, chosen, observation, now)
        timer = step.timer
        # The loop is never asked to wake more than once a minute, and always in the future.
        assert now < step.next_check_at <= now + ONE_MINUTE
        for event in step.events:
            assert event.day == event.at.date() == now.date()
            if event.kind == "prompted":
                target("prompted")
                # Reminders only when allowed, and never before a full interval of sitting...
                assert reminders_allowed(chosen, before.mode, now)
                assert now - timer.sitting_since >= timedelta(minutes=interval_min)
                # ...and never while do-not-disturb or a full-screen window holds them back.
                assert not observation.do_not_disturb
                assert not observation.fullscreen
            if event.kind == "natural":
                # Drive mode learns nothing from the keyboard.
                assert before.mode == "desk"
        assert (step.show is True) == any(event.kind == "prompted" for event in step.events)
        if reply is not None:
            try:
                replied = answer(timer, chosen, reply, now)
            except AnswerRefused:
                continue
            timer = replied.timer
            assert timer.prompted_at is None
        # Snoozes never go past the person's cap.
        assert timer.snoozed_min <= chosen.snooze_cap_min
