"""Break-reminder use cases on a real database (SQLite and PostgreSQL): settings, a timer stepped
and answered, the reminder's stretch, the statistics, and two writers racing on one timer."""

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from psoas.domain.breaks import BreakAnswer, BreakEvent, BreakMode, BreakSettings, Observation
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.services import breaks
from psoas.services.errors import Conflict, InputError
from psoas.services.planning import plan_for
from psoas.storage import LOCAL_PERSON_ID, BreakRepository, create_engine_for, upgrade

ZONE = timezone(timedelta(hours=2))
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)
DESK = Profile(
    goals=("relieve-tightness",),
    activities=("desk-work", "driving"),
    sitting_hours_per_day=8,
    equipment=("mat",),
)
AT_DESK = Observation(idle_s=3, locked=False, do_not_disturb=False, fullscreen=False)
PERSON = LOCAL_PERSON_ID


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()


def plan() -> Plan:
    return plan_for(DESK)


def start(engine: Engine, mode: BreakMode | None = None) -> None:
    breaks.start(
        engine, person_id=PERSON, plan=plan(), driver="desktop", now=MONDAY_9, pid=4242, mode=mode
    )


def walk(engine: Engine, minutes: int, observation: Observation = AT_DESK) -> breaks.Stepped:
    stepped = None
    for minute in range(1, minutes + 1):
        stepped = breaks.step(
            engine,
            person_id=PERSON,
            observation=observation,
            now=MONDAY_9 + timedelta(minutes=minute),
            plan=plan,
            heartbeat=True,
        )
    assert stepped is not None
    return stepped


class TestSettings:
    def test_defaults_until_saved_then_changes_merge_and_stay(self, engine: Engine) -> None:
        assert breaks.settings_for(engine, person_id=PERSON).desk_interval_min is None
        breaks.save_settings(
            engine, person_id=PERSON, changes={"desk_interval_min": 45}, now=MONDAY_9
        )
        saved = breaks.save_settings(
            engine, person_id=PERSON, changes={"snooze_cap_min": 10}, now=MONDAY_9
        )
        assert (saved.desk_interval_min, saved.snooze_cap_min) == (45, 10)
        assert breaks.settings_for(engine, person_id=PERSON) == saved

    def test_a_bad_setting_names_the_field_and_saves_nothing(self, engine: Engine) -> None:
        with pytest.raises(InputError, match=r"drive_interval_min: .*120 \(got 150\)"):
            breaks.save_settings(
                engine,
                person_id=PERSON,
                changes={"drive_interval_min": 150, "snooze_cap_min": 10},
                now=MONDAY_9,
            )
        assert breaks.settings_for(engine, person_id=PERSON).snooze_cap_min == 20

    def test_the_cited_defaults_are_hourly_at_a_desk_and_two_hourly_driving(
        self, engine: Engine
    ) -> None:
        settings = breaks.settings_for(engine, person_id=PERSON)
        assert breaks.interval_for(settings, "desk") == 60
        assert breaks.interval_for(settings, "drive") == 120

    def test_a_drive_interval_past_two_hours_is_refused_with_the_reason(self) -> None:
        settings = BreakSettings()
        with pytest.raises(InputError, match="Highway Code"):
            breaks.interval_for(settings, "drive", 150)


class TestTimer:
    def test_started_outside_reminder_hours_it_says_so_and_counts_from_their_start(
        self, engine: Engine
    ) -> None:
        saturday = MONDAY_9 - timedelta(days=2)  # working days are Monday to Friday
        breaks.start(
            engine, person_id=PERSON, plan=plan(), driver="desktop", now=saturday, pid=4242
        )
        stored = breaks.current(engine, person_id=PERSON)
        assert stored is not None
        assert stored.timer.off_hours
        # The first step within hours starts the count there: a full interval to the reminder.
        stepped = breaks.step(
            engine, person_id=PERSON, observation=AT_DESK, now=MONDAY_9, plan=plan
        )
        assert stepped is not None
        assert not stepped.stored.timer.off_hours
        assert stepped.stored.timer.due_at == MONDAY_9 + timedelta(minutes=60)

    def test_a_reminder_after_an_hour_offers_a_stretch_from_the_plan(self, engine: Engine) -> None:
        start(engine)
        stepped = walk(engine, 60)
        reminder = stepped.reminder
        assert reminder is not None
        assert reminder.sitting_min == 60
        assert reminder.stretch is not None
        in_plan = {item.exercise for phase in plan().phases for item in phase.items}
        assert reminder.stretch.exercise_id in in_plan
        assert reminder.walk_min == 2
        assert reminder.snooze_choices_min == (5, 10, 15)
        assert "best-psoas-stretches" in reminder.sources

    def test_drive_reminders_say_to_stop_safely_and_never_to_stretch_while_driving(
        self, engine: Engine
    ) -> None:
        start(engine, mode="drive")
        for minute in range(1, 121):
            stepped = breaks.step(
                engine,
                person_id=PERSON,
                observation=Observation(),
                now=MONDAY_9 + timedelta(minutes=minute),
                plan=plan,
            )
        assert stepped is not None
        reminder = stepped.reminder
        assert reminder is not None
        assert "pull over" in reminder.body
        assert "Never stretch while driving" in reminder.body
        assert reminder.walk_min == 15
        assert reminder.stretch is None or reminder.stretch.exercise_id != (
            "half-kneeling-psoas-stretch"
        )

    def test_answers_are_stored_and_counted_per_day(self, engine: Engine) -> None:
        start(engine)
        walk(engine, 60)
        at_61 = MONDAY_9 + timedelta(minutes=61)
        reply = BreakAnswer(action="snooze", snooze_min=10)
        breaks.answer(engine, person_id=PERSON, reply=reply, now=at_61, plan=plan)
        with pytest.raises(Conflict, match="no reminder to skip"):
            breaks.answer(
                engine, person_id=PERSON, reply=BreakAnswer(action="skip"), now=at_61, plan=plan
            )
        done = breaks.answer(
            engine, person_id=PERSON, reply=BreakAnswer(action="done"), now=at_61, plan=plan
        )
        assert done.stored.timer.sitting_since == at_61
        [today] = breaks.stats(engine, person_id=PERSON, today=MONDAY_9.date(), days=1)
        assert (today.prompted, today.snoozed, today.taken, today.skipped) == (1, 1, 1, 0)

    def test_a_snooze_past_the_cap_is_bad_input_listing_what_is_left(self, engine: Engine) -> None:
        breaks.save_settings(engine, person_id=PERSON, changes={"snooze_cap_min": 10}, now=MONDAY_9)
        start(engine)
        walk(engine, 60)
        reply = BreakAnswer(action="snooze", snooze_min=15)
        with pytest.raises(InputError, match=r"snooze_min: .*snooze choices: 5, 10 .*got 15"):
            breaks.answer(engine, person_id=PERSON, reply=reply, now=MONDAY_9, plan=plan)

    def test_answering_with_no_timer_says_to_start_first(self, engine: Engine) -> None:
        with pytest.raises(Conflict, match="start them first"):
            breaks.answer(
                engine, person_id=PERSON, reply=BreakAnswer(action="done"), now=MONDAY_9, plan=plan
            )

    def test_reminders_stay_off_for_a_plan_on_hold_for_warning_signs(self, engine: Engine) -> None:
        urgent = plan_for(DESK.model_copy(update={"red_flags": ("saddle-numbness",)}))
        assert urgent.status == "urgent-care"
        with pytest.raises(Conflict, match="warning signs"):
            breaks.start(engine, person_id=PERSON, plan=urgent, driver="desktop", now=MONDAY_9)

    def test_a_stopped_timer_is_gone_and_a_stop_by_another_pid_leaves_it(
        self, engine: Engine
    ) -> None:
        start(engine)
        assert not breaks.stop(engine, person_id=PERSON, pid=1)
        assert breaks.stop(engine, person_id=PERSON, pid=4242)
        assert breaks.current(engine, person_id=PERSON) is None
        assert (
            breaks.step(engine, person_id=PERSON, observation=AT_DESK, now=MONDAY_9, plan=plan)
            is None
        )


class TestRace:
    def test_a_write_from_a_stale_read_is_refused_and_the_retry_keeps_both(
        self, engine: Engine
    ) -> None:
        start(engine)
        repository = BreakRepository(engine)
        stale = repository.timer(person_id=PERSON)
        assert stale is not None
        # Another process answers first...
        walk(engine, 60)
        at_60 = MONDAY_9 + timedelta(minutes=60)
        breaks.answer(
            engine, person_id=PERSON, reply=BreakAnswer(action="done"), now=at_60, plan=plan
        )
        # ...so a write based on the old read must not land over it.
        event = BreakEvent(at=at_60, day=at_60.date(), kind="skipped", mode="desk")
        assert not repository.step_timer(
            person_id=PERSON, version=stale.version, timer=stale.timer, events=[event]
        )
        kinds = [e.event.kind for e in repository.events(person_id=PERSON)]
        assert kinds == ["prompted", "taken"]
