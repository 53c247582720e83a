"""Properties of the progression rules and the ladder over random profiles and histories.

A history is a few weeks of random check-ins (pain, now and then a warning sign) and sessions
(some exercises skipped for pain), reviewed day by day as the app does after each write.
Thresholds from the spec are written here, not read from content.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.domain.progress import (
    PainDuring,
    ProgressCheckIn,
    RecordedCheckIn,
    RunDone,
    SessionDone,
)
from psoas.domain.progression import PlanChange
from psoas.domain.vocabulary import RED_FLAGS
from psoas.rules import build_plan
from psoas.rules.exclusion import exclusion_reasons
from psoas.rules.plan_adjustment import plan_in_force
from psoas.rules.review import due_changes
from tests.rules.test_properties import catalogue, profiles

DAY_ONE = date(2026, 3, 2)
DAYS = 42
PROGRESS_WINDOW_DAYS = 14
PROGRESS_PAIN_AT_MOST = 2
HISTORY_SETTINGS = settings(max_examples=60, deadline=None)


@dataclass(frozen=True)
class History:
    profile: Profile
    check_ins: list[RecordedCheckIn]
    sessions: list[SessionDone]
    runs: list[RunDone]


@st.composite
def histories(draw: st.DrawFn) -> History:
    profile = draw(profiles.filter(lambda p: not p.red_flags))
    plan = build_plan(profile, catalogue())
    held = [item.exercise for phase in plan.phases for item in phase.items]
    check_ins = []
    days = sorted(draw(st.sets(st.integers(1, DAYS), max_size=20)))
    for number, day in enumerate(days, start=1):
        flags = draw(
            st.one_of(
                *[st.just(())] * 12,
                st.lists(st.sampled_from(RED_FLAGS), max_size=2, unique=True).map(tuple),
            )
        )
        check_in = ProgressCheckIn(
            on=DAY_ONE + timedelta(days=day - 1),
            pain_now=draw(st.integers(0, 6)),
            pain_during=PainDuring(running=draw(st.one_of(st.none(), st.integers(0, 6)))),
            red_flags=flags,
        )
        check_ins.append(
            RecordedCheckIn(
                id=number, recorded_at=datetime(2026, 1, 1, tzinfo=UTC), check_in=check_in
            )
        )
    sessions = []
    for number, day in enumerate(sorted(draw(st.sets(st.integers(1, DAYS), max_size=30))), start=1):
        skipped = draw(st.lists(st.sampled_from(held), unique=True).map(tuple)) if held else ()
        sessions.append(
            SessionDone(
                id=number,
                on=DAY_ONE + timedelta(days=day - 1),
                completed=draw(st.booleans()),
                skipped_for_pain=skipped,
                exercises=tuple(held),
            )
        )
    runs = [
        RunDone(
            id=n,
            on=DAY_ONE + timedelta(days=d - 1),
            distance_m=5000,
            elevation_gain_m=10,
            hilly=draw(st.booleans()),
        )
        for n, d in enumerate(sorted(draw(st.sets(st.integers(1, DAYS), max_size=10))), start=1)
    ]
    return History(profile, check_ins, sessions, runs)


def replay(history: History, last_day: int = DAYS) -> tuple[list[PlanChange], Plan]:
    base = build_plan(history.profile, catalogue())
    changes: list[PlanChange] = []
    for day in range(1, last_day + 1):
        today = DAY_ONE + timedelta(days=day - 1)
        changes += _due(history, base, changes, today)
    return changes, base


def _due(
    history: History, base: Plan, changes: list[PlanChange], today: date
) -> tuple[PlanChange, ...]:
    return due_changes(
        plan=base,
        profile=history.profile,
        catalogue=catalogue(),
        check_ins=[c for c in history.check_ins if c.on <= today],
        sessions=[s for s in history.sessions if s.on <= today],
        runs=[r for r in history.runs if r.on <= today],
        changes=changes,
        plan_since=DAY_ONE,
        today=today,
    )


@HISTORY_SETTINGS
@given(histories())
def test_a_review_is_idempotent(history: History) -> None:
    changes, base = replay(history)
    assert _due(history, base, changes, DAY_ONE + timedelta(days=DAYS - 1)) == ()


@HISTORY_SETTINGS
@given(histories())
def test_doses_stay_within_range_and_every_variant_is_safe_for_the_person(history: History) -> None:
    changes, _ = replay(history)
    plan = plan_in_force(history.profile, changes, catalogue())
    names = [item.exercise for phase in plan.phases for item in phase.items]
    assert len(names) == len(set(names)), "the same exercise twice in a plan"
    for phase in plan.phases:
        for item in phase.items:
            exercise = catalogue().exercises[item.exercise]
            dose = exercise.dose
            assert dose.sets.min <= item.sets <= dose.sets.max
            assert dose.seconds.min <= item.seconds <= dose.seconds.max
            if dose.reps:
                assert item.reps is not None
                assert dose.reps.min <= item.reps <= dose.reps.max
            assert not exclusion_reasons(exercise, history.profile, plan.status, catalogue())


@HISTORY_SETTINGS
@given(histories())
def test_a_warning_sign_in_the_latest_check_in_means_no_exercises(history: History) -> None:
    changes, _ = replay(history)
    if history.check_ins and history.check_ins[-1].check_in.red_flags:
        plan = plan_in_force(history.profile, changes, catalogue())
        assert plan.status == "urgent-care"
        assert plan.phases == ()
        assert plan.weekly_schedule == ()


@HISTORY_SETTINGS
@given(histories())
def test_no_progress_rests_on_pain_above_2_in_the_two_weeks_before(history: History) -> None:
    changes, _ = replay(history)
    for change in changes:
        if change.kind != "progress":
            continue
        window = [
            c
            for c in history.check_ins
            if change.on - timedelta(days=PROGRESS_WINDOW_DAYS) < c.on <= change.on
        ]
        assert len(window) >= 2
        for c in window:
            assert c.check_in.pain_now <= PROGRESS_PAIN_AT_MOST
            assert (c.check_in.pain_during.running or 0) <= PROGRESS_PAIN_AT_MOST


@HISTORY_SETTINGS
@given(histories())
def test_a_step_back_never_makes_a_dose_harder(history: History) -> None:
    changes, _ = replay(history)
    for change in changes:
        before, after = change.before, change.after
        if before is None or after is None or before.exercise != after.exercise:
            continue
        if change.kind == "step-back":
            assert after.sets <= before.sets
            assert after.seconds <= before.seconds
            assert (after.reps or 0) <= (before.reps or 0)
        elif change.kind == "progress":
            assert after.sets >= before.sets
            assert after.seconds >= before.seconds


@HISTORY_SETTINGS
@given(histories())
def test_every_change_says_why_and_cites_its_records(history: History) -> None:
    changes, _ = replay(history)
    check_in_ids = {c.id for c in history.check_ins}
    session_ids = {s.id for s in history.sessions}
    run_ids = {r.id for r in history.runs}
    for change in changes:
        assert change.reason
        assert set(change.check_ins) <= check_in_ids
        assert set(change.sessions) <= session_ids
        assert set(change.runs) <= run_ids
