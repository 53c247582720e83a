"""The break timer, stepped minute by minute with an injected clock (no real time passes)."""

from collections.abc import Iterable
from datetime import datetime, time, timedelta, timezone

import pytest

from psoas.domain.breaks import (
    BreakAnswer,
    BreakEvent,
    BreakSettings,
    BreakTimer,
    DailyWindow,
    Observation,
    Tick,
)
from psoas.rules.break_timer import (
    CHECK_EVERY,
    AnswerRefused,
    answer,
    reminders_allowed,
    snooze_choices,
    start_timer,
    tick,
)

ZONE = timezone(timedelta(hours=1))
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)
SETTINGS = BreakSettings()
AT_DESK = Observation(idle_s=10, locked=False, do_not_disturb=False, fullscreen=False)
UNKNOWN = Observation()


def at(minutes: float, start: datetime = MONDAY_9) -> datetime:
    return start + timedelta(minutes=minutes)


class Run:
    """A timer driven a minute at a time, collecting every event and display change."""

    def __init__(
        self,
        *,
        mode: str = "desk",
        interval_min: int = 60,
        settings: BreakSettings = SETTINGS,
        start: datetime = MONDAY_9,
    ) -> None:
        self.settings = settings
        self.now = start
        self.timer: BreakTimer = start_timer(
            mode=mode,  # type: ignore[arg-type]
            interval_min=interval_min,
            now=start,
        )
        self.events: list[BreakEvent] = []
        self.shown: list[datetime] = []
        self.withdrawn: list[datetime] = []
        self.last: Tick | None = None

    def _apply(self, step: Tick) -> Tick:
        self.timer = step.timer
        self.events.extend(step.events)
        if step.show is True:
            self.shown.append(self.now)
        elif step.show is False:
            self.withdrawn.append(self.now)
        self.last = step
        return step

    def minutes(self, count: int, observation: Observation = AT_DESK) -> "Run":
        for _ in range(count):
            self.now += CHECK_EVERY
            self._apply(tick(self.timer, self.settings, observation, self.now))
        return self

    def reply(self, action: str, snooze_min: int | None = None) -> "Run":
        reply = BreakAnswer(action=action, snooze_min=snooze_min)  # type: ignore[arg-type]
        self._apply(answer(self.timer, self.settings, reply, self.now))
        return self

    def kinds(self) -> list[str]:
        return [event.kind for event in self.events]


def idle(minutes: float) -> Observation:
    return Observation(idle_s=minutes * 60, locked=False, do_not_disturb=False, fullscreen=False)


def only(kinds: Iterable[str], kind: str) -> int:
    return sum(1 for item in kinds if item == kind)


class TestInterval:
    def test_a_desk_reminder_comes_after_the_interval_of_sitting_and_not_before(self) -> None:
        run = Run().minutes(59)
        assert run.shown == []
        run.minutes(1)
        assert run.shown == [at(60)]
        assert run.kinds() == ["prompted"]

    def test_drive_mode_counts_the_clock_and_ignores_the_keyboard(self) -> None:
        # Nobody types while driving: idle time says nothing about a break.
        run = Run(mode="drive", interval_min=120).minutes(119, idle(30))
        assert run.shown == []
        run.minutes(1, idle(31))
        assert run.shown == [at(120)]

    def test_an_unanswered_reminder_is_repeated_once_per_interval_not_every_minute(self) -> None:
        run = Run(interval_min=30).minutes(30 + 29)
        assert run.shown == [at(30)]
        run.minutes(1)
        assert run.shown == [at(30), at(60)]
        assert only(run.kinds(), "prompted") == 2

    def test_the_loop_wakes_at_most_once_a_minute_and_sooner_only_when_due(self) -> None:
        run = Run(interval_min=60)
        for _ in range(90):
            run.minutes(1)
            assert run.last is not None
            gap = run.last.next_check_at - run.now
            assert timedelta(0) < gap <= CHECK_EVERY

    def test_a_timer_with_no_observation_at_all_still_reminds_by_the_clock(self) -> None:
        assert Run().minutes(60, UNKNOWN).shown == [at(60)]


class TestAnswers:
    def test_done_records_a_break_taken_and_restarts_the_full_interval(self) -> None:
        run = Run().minutes(60).reply("done")
        assert run.kinds() == ["prompted", "taken"]
        assert run.withdrawn == [at(60)]
        run.minutes(59)
        assert run.shown == [at(60)]
        run.minutes(1)
        assert run.shown == [at(60), at(120)]

    def test_done_with_nothing_showing_is_a_break_taken_on_ones_own(self) -> None:
        run = Run().minutes(20).reply("done")
        assert run.kinds() == ["natural"]
        assert run.timer.sitting_since == at(20)

    def test_snooze_brings_the_reminder_back_after_its_minutes(self) -> None:
        run = Run().minutes(60).reply("snooze", 10).minutes(9)
        assert run.shown == [at(60)]
        run.minutes(1)
        assert run.shown == [at(60), at(70)]
        assert run.kinds() == ["prompted", "snoozed", "prompted"]
        assert run.events[1].minutes == 10

    def test_snoozes_are_capped_in_total_and_the_refusal_says_what_is_left(self) -> None:
        run = Run().minutes(60).reply("snooze", 15).minutes(15)
        assert snooze_choices(run.timer, run.settings) == (5,)
        with pytest.raises(
            AnswerRefused, match=r"cap of 20 minutes \(15 used\); snooze choices: 5"
        ):
            run.reply("snooze", 10)
        run.reply("snooze", 5).minutes(5)
        assert snooze_choices(run.timer, run.settings) == ()
        with pytest.raises(AnswerRefused, match="none left: time to stand up"):
            run.reply("snooze", 5)

    def test_the_snooze_allowance_is_fresh_after_a_break(self) -> None:
        run = Run().minutes(60).reply("snooze", 15).minutes(15).reply("done").minutes(60)
        assert snooze_choices(run.timer, run.settings) == (5, 10, 15)

    def test_skip_waits_a_full_interval_but_keeps_counting_the_sitting(self) -> None:
        run = Run().minutes(60).reply("skip")
        assert run.kinds() == ["prompted", "skipped"]
        assert run.timer.sitting_since == MONDAY_9
        run.minutes(60)
        assert run.shown == [at(60), at(120)]

    @pytest.mark.parametrize("action", ["skip", "snooze"])
    def test_skip_and_snooze_need_a_reminder_showing(self, action: str) -> None:
        run = Run().minutes(10)
        with pytest.raises(AnswerRefused, match="no reminder"):
            run.reply(action, 5 if action == "snooze" else None)


class TestNaturalBreaks:
    def test_five_idle_minutes_count_as_a_natural_break_once_and_restart_the_count(self) -> None:
        run = Run().minutes(40).minutes(4, idle(4)).minutes(3, idle(7))
        assert run.kinds() == ["natural"]
        # Back at the keyboard: the count starts from the last input, not from the return tick.
        run.minutes(1, idle(0.5))
        assert run.timer.sitting_since == at(48) - timedelta(seconds=30)
        # Due at 10:47:30; ticking on the minute, the 10:48 tick shows it.
        run.minutes(59)
        assert run.shown == []
        run.minutes(1)
        assert run.shown == [at(108)]

    def test_reading_without_typing_for_four_minutes_is_still_sitting(self) -> None:
        run = Run()
        for _ in range(15):
            run.minutes(4, idle(4)).minutes(1)
        assert run.shown == [at(60)]
        assert "natural" not in run.kinds()

    def test_a_locked_screen_is_a_break_even_when_idle_time_is_unknown(self) -> None:
        locked = Observation(locked=True)
        run = Run().minutes(30).minutes(10, locked).minutes(1, Observation(locked=False))
        assert run.kinds() == ["natural"]
        assert run.timer.sitting_since == at(41)

    def test_walking_away_from_a_showing_reminder_withdraws_it_and_counts_natural(self) -> None:
        run = Run().minutes(60)
        for idle_min in range(1, 6):
            run.minutes(1, idle(idle_min))
        assert run.withdrawn == [at(65)]
        assert run.kinds() == ["prompted", "natural"]
        assert run.timer.prompted_at is None

    def test_walking_off_right_after_done_is_the_same_break_not_a_second_one(self) -> None:
        run = Run().minutes(60).reply("done").minutes(10, idle(10))
        assert run.kinds() == ["prompted", "taken"]

    def test_a_gap_in_observation_restarts_the_count_without_counting_a_break(self) -> None:
        # The laptop slept for an hour: nobody saw the break, so none is counted.
        run = Run().minutes(50)
        run.now = at(110)
        run._apply(tick(run.timer, run.settings, AT_DESK, run.now))
        assert run.kinds() == []
        assert run.timer.sitting_since == at(110)

    def test_a_clock_set_back_restarts_rather_than_reminding_at_once(self) -> None:
        run = Run().minutes(50)
        run.now = at(-30)
        run._apply(tick(run.timer, run.settings, AT_DESK, run.now))
        assert run.timer.due_at == at(30)


class TestDeferral:
    def test_do_not_disturb_defers_and_the_reminder_shows_when_it_ends(self) -> None:
        dnd = Observation(idle_s=5, do_not_disturb=True)
        run = Run().minutes(70, dnd)
        assert run.shown == []
        assert run.timer.deferred_since == at(60)
        run.minutes(1)
        assert run.shown == [at(71)]
        assert run.kinds() == ["prompted"]

    def test_a_full_screen_presentation_defers_the_same_way(self) -> None:
        show = Observation(idle_s=5, fullscreen=True)
        run = Run().minutes(90, show).minutes(1)
        assert run.shown == [at(91)]


class TestHours:
    def test_no_desk_reminder_outside_working_hours_and_the_count_restarts_inside(self) -> None:
        run = Run(start=datetime(2026, 3, 2, 17, 30, tzinfo=ZONE)).minutes(90)
        assert run.shown == []
        assert run.timer.off_hours

    def test_working_hours_start_a_fresh_count(self) -> None:
        run = Run(start=datetime(2026, 3, 2, 7, 0, tzinfo=ZONE)).minutes(60)
        assert run.timer.sitting_since == datetime(2026, 3, 2, 8, 0, tzinfo=ZONE)
        run.minutes(60)
        assert run.shown == [datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)]

    def test_weekends_are_off_for_desk_mode_by_default(self) -> None:
        saturday = datetime(2026, 3, 7, 10, 0, tzinfo=ZONE)
        assert Run(start=saturday).minutes(120).shown == []

    def test_drive_mode_ignores_working_hours_but_keeps_quiet_hours(self) -> None:
        saturday_evening = datetime(2026, 3, 7, 19, 0, tzinfo=ZONE)
        run = Run(mode="drive", interval_min=120, start=saturday_evening).minutes(120)
        assert run.shown == [datetime(2026, 3, 7, 21, 0, tzinfo=ZONE)]
        late = datetime(2026, 3, 7, 22, 30, tzinfo=ZONE)
        assert Run(mode="drive", interval_min=30, start=late).minutes(60).shown == []

    def test_quiet_hours_that_run_past_midnight(self) -> None:
        window = DailyWindow(start=time(22), end=time(7))
        assert window.contains(time(23, 59))
        assert window.contains(time(6, 59))
        assert not window.contains(time(7))
        assert not window.contains(time(21, 59))

    def test_any_time_settings_remind_at_night_and_on_sundays(self) -> None:
        anytime = BreakSettings(working_hours=None, working_days=tuple(range(7)), quiet_hours=None)
        sunday_night = datetime(2026, 3, 8, 23, 0, tzinfo=ZONE)
        assert reminders_allowed(anytime, "desk", sunday_night)

    def test_a_reminder_showing_when_quiet_hours_begin_is_withdrawn(self) -> None:
        evening = datetime(2026, 3, 2, 21, 0, tzinfo=ZONE)
        settings = BreakSettings(working_hours=None)
        run = Run(interval_min=30, settings=settings, start=evening).minutes(30)
        assert run.shown == [datetime(2026, 3, 2, 21, 30, tzinfo=ZONE)]
        run.minutes(30)
        assert run.withdrawn == [datetime(2026, 3, 2, 22, 0, tzinfo=ZONE)]


class TestDayRollOver:
    def test_a_new_day_starts_a_new_count(self) -> None:
        settings = BreakSettings(working_hours=None, quiet_hours=None)
        late = datetime(2026, 3, 2, 23, 30, tzinfo=ZONE)
        run = Run(settings=settings, start=late).minutes(31)
        assert run.timer.sitting_since == datetime(2026, 3, 3, 0, 0, tzinfo=ZONE)
        assert run.shown == []

    def test_events_carry_the_local_day_they_happened_on(self) -> None:
        settings = BreakSettings(working_hours=None, quiet_hours=None)
        run = Run(interval_min=15, settings=settings, start=datetime(2026, 3, 3, 0, 0, tzinfo=ZONE))
        run.minutes(15)
        assert [event.day.isoformat() for event in run.events] == ["2026-03-03"]
