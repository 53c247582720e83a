"""Staged restrictions lift once the latest progress check-ins show the pain settled."""

from datetime import UTC, date, datetime, timedelta

from psoas.catalogue import load_catalogue
from psoas.domain.profile import Profile
from psoas.domain.progress import ProgressCheckIn, RecordedCheckIn
from psoas.rules import build_plan
from psoas.rules.settling import lifted_restrictions

CATALOGUE = load_catalogue()
DAY_1 = date(2026, 3, 2)
LEG = "leg-lift-pain-no-loaded-hip-flexion"
INJURY = "injury-signs-staged-strengthening"


def recorded(number: int, day: int, pain: int, **pain_during: int | None) -> RecordedCheckIn:
    on = DAY_1 + timedelta(days=day - 1)
    check_in = ProgressCheckIn.model_validate(
        {"on": on, "pain_now": pain, "pain_during": pain_during}
    )
    at = datetime.combine(on, datetime.min.time(), tzinfo=UTC)
    return RecordedCheckIn(id=number, recorded_at=at, check_in=check_in)


def test_two_settled_check_ins_in_a_row_lift_the_leg_lift_restriction() -> None:
    check_ins = [recorded(1, 1, 2, lifting_leg=2), recorded(2, 3, 1, lifting_leg=1)]
    assert LEG in lifted_restrictions(CATALOGUE, check_ins)


def test_one_settled_check_in_is_not_enough() -> None:
    assert lifted_restrictions(CATALOGUE, [recorded(1, 1, 0, lifting_leg=0)]) == frozenset()


def test_the_latest_check_ins_decide_and_a_flare_holds_it_back() -> None:
    check_ins = [
        recorded(1, 1, 1, lifting_leg=1),
        recorded(2, 2, 1, lifting_leg=1),
        recorded(3, 4, 1, lifting_leg=4),
    ]
    assert LEG not in lifted_restrictions(CATALOGUE, check_ins)


def test_an_unanswered_pain_is_not_taken_as_no_pain() -> None:
    check_ins = [recorded(1, 1, 0), recorded(2, 2, 0)]
    assert LEG not in lifted_restrictions(CATALOGUE, check_ins)


def test_check_ins_before_the_profile_was_answered_do_not_count() -> None:
    check_ins = [recorded(1, 1, 0, lifting_leg=0), recorded(2, 2, 0, lifting_leg=0)]
    assert lifted_restrictions(CATALOGUE, check_ins, since=DAY_1 + timedelta(days=2)) == set()


def test_injury_signs_lift_only_when_every_named_pain_settled() -> None:
    partly = [
        recorded(1, 1, 1, lifting_leg=1, hills_or_stairs=5),
        recorded(2, 2, 1, lifting_leg=1, hills_or_stairs=5),
    ]
    assert INJURY not in lifted_restrictions(CATALOGUE, partly)
    settled = [
        recorded(1, 1, 1, lifting_leg=1, hills_or_stairs=2),
        recorded(2, 2, 2, lifting_leg=0, hills_or_stairs=1),
    ]
    assert INJURY in lifted_restrictions(CATALOGUE, settled)


def test_a_lifted_restriction_brings_the_exercises_back_and_says_so() -> None:
    runner = Profile(
        symptoms=("pain-lifting-leg",),
        pain_now=2,
        goals=("return-to-running",),
        equipment=("chair",),
        minutes_per_session=20,
    )
    held = build_plan(runner, CATALOGUE)
    lifted = build_plan(runner, CATALOGUE, frozenset({LEG, INJURY}))
    planned = [item.exercise for phase in lifted.phases for item in phase.items]
    assert "seated-knee-raise-hold" in planned
    # Pain lifting the leg is also an injury sign, whose stricter unlock is the one given.
    assert f"unlocks-{INJURY}" in {m.id for m in held.messages}
    assert f"unlocks-{LEG}" not in {m.id for m in held.messages}
    assert {f"unlocked-{LEG}", f"unlocked-{INJURY}"} <= {m.id for m in lifted.messages}
