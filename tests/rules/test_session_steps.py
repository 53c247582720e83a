"""From a day of the plan to the steps the session player plays."""

import pytest

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Breaks, PhasePlan, Plan, PlanItem, ScheduledSession
from psoas.domain.profile import Profile
from psoas.domain.session import SessionError, Step
from psoas.rules import build_plan
from psoas.rules.dosing import item_seconds, starting_item
from psoas.rules.selection import SESSION_PHASES
from psoas.rules.session_steps import resume_index, session_days, steps_for_session

CATALOGUE = load_catalogue()
PARAMETERS = CATALOGUE.parameters


def item(exercise_id: str, **changes: object) -> PlanItem:
    return starting_item(CATALOGUE.exercises[exercise_id], why="w").model_copy(update=changes)


def plan_of(*items: PlanItem, days: tuple[int, ...] = (2,)) -> Plan:
    phases = tuple(
        PhasePlan(
            phase=phase,
            items=tuple(
                i for i in items if SESSION_PHASES[CATALOGUE.exercises[i.exercise].phase] == phase
            ),
        )
        for phase in ("release", "lengthen", "strengthen")
    )
    ids = tuple(i.exercise for i in items)
    return Plan(
        status="ok",
        messages=(),
        phases=phases,
        excluded=(),
        session_minutes=10,
        weekly_schedule=tuple(ScheduledSession(day=day, exercises=ids) for day in days),
        guidance=(),
        breaks=Breaks(desk_interval_minutes=None, driving_interval_minutes=None),
    )


def played_s(steps: tuple[Step, ...]) -> float:
    """Every timer the player runs when the session flows from start to end."""
    return sum(
        s.get_ready_s
        + s.hold_count * s.hold_s
        + (s.hold_count - 1) * s.rep_transition_s
        + s.rest_after_s
        for s in steps
    )


STRETCH = item("half-kneeling-psoas-stretch", sets=2)  # each side, 30 s holds
KNEE_RAISE = item("seated-knee-raise-hold")  # each side, 1 set of 5 reps x 5 s
BRIDGE = item("glute-bridge", sets=2)  # both sides at once, reps


def test_one_step_per_set_per_side_in_session_order() -> None:
    steps = steps_for_session(plan_of(STRETCH, KNEE_RAISE, BRIDGE), CATALOGUE, 2)
    assert len(steps) == 2 * 2 + 1 * 2 + 2 * 1
    assert [(s.exercise, s.set_number, s.side) for s in steps] == [
        ("half-kneeling-psoas-stretch", 1, "left"),
        ("half-kneeling-psoas-stretch", 1, "right"),
        ("half-kneeling-psoas-stretch", 2, "left"),
        ("half-kneeling-psoas-stretch", 2, "right"),
        ("seated-knee-raise-hold", 1, "left"),
        ("seated-knee-raise-hold", 1, "right"),
        ("glute-bridge", 1, None),
        ("glute-bridge", 2, None),
    ]
    assert [s.index for s in steps] == list(range(len(steps)))


def test_switch_sides_within_a_set_rest_between_sets_nothing_between_exercises() -> None:
    steps = steps_for_session(plan_of(STRETCH, BRIDGE), CATALOGUE, 2)
    assert [s.break_after for s in steps] == [
        "switch-sides",
        "rest",
        "switch-sides",
        None,
        "rest",
        None,
    ]
    assert steps[-1].rest_after_s == 0


def test_the_first_set_gets_setup_time_and_later_ones_a_short_count_in() -> None:
    steps = steps_for_session(plan_of(STRETCH), CATALOGUE, 2)
    assert steps[0].get_ready_s == PARAMETERS.setup_s.value
    assert all(0 < s.get_ready_s < PARAMETERS.setup_s.value for s in steps[1:])


def test_a_played_session_takes_as_long_as_the_plan_estimated() -> None:
    items = (STRETCH, KNEE_RAISE, BRIDGE)
    steps = steps_for_session(plan_of(*items), CATALOGUE, 2)
    assert played_s(steps) == pytest.approx(sum(item_seconds(i, PARAMETERS) for i in items))


def test_time_scale_shortens_every_timer() -> None:
    plan = plan_of(STRETCH, KNEE_RAISE)
    full = steps_for_session(plan, CATALOGUE, 2)
    quarter = steps_for_session(plan, CATALOGUE, 2, time_scale=0.25)
    timers = ("hold_s", "rep_transition_s", "get_ready_s", "rest_after_s")
    for slow, fast in zip(full, quarter, strict=True):
        for timer in timers:
            assert getattr(fast, timer) == pytest.approx(getattr(slow, timer) * 0.25)
    assert played_s(quarter) == pytest.approx(played_s(full) / 4)


@pytest.mark.parametrize("scale", [0, -1, float("nan"), float("inf")])
def test_a_time_scale_that_is_not_a_positive_number_is_refused(scale: float) -> None:
    with pytest.raises(SessionError, match="time scale must be a number above 0"):
        steps_for_session(plan_of(STRETCH), CATALOGUE, 2, time_scale=scale)


def test_steps_carry_what_the_screen_shows() -> None:
    step = steps_for_session(plan_of(KNEE_RAISE), CATALOGUE, 2)[0]
    knee_raise = CATALOGUE.exercises["seated-knee-raise-hold"]
    assert (step.exercise_name, step.phase, step.reps) == (knee_raise.name, "strengthen", 5)
    # A plan item saved before plans named the person's own equipment lists the choices.
    assert step.equipment == ("bench or box or chair",)
    assert len(step.cues) == len(knee_raise.technique_cues) + len(knee_raise.breathing_cues)


def test_steps_name_only_the_equipment_the_person_holds() -> None:
    plan = build_plan(
        Profile(equipment=("chair", "lacrosse-ball"), goals=("return-to-running",)), CATALOGUE
    )
    steps = [s for day in (1, 3, 5) for s in steps_for_session(plan, CATALOGUE, day)]
    shown = {name for step in steps for name in step.equipment}
    assert shown <= {"chair", "lacrosse ball"}
    assert "chair" in shown


def test_setup_cues_come_once_before_the_first_set() -> None:
    steps = steps_for_session(plan_of(item("quad-release")), CATALOGUE, 2)
    assert any(c.when == "setup" for c in steps[0].cues)
    assert not any(c.when == "setup" for s in steps[1:] for c in s.cues)


def test_an_unknown_day_names_the_days_that_have_a_session() -> None:
    plan = plan_of(STRETCH, days=(1, 4))
    with pytest.raises(SessionError, match=r"No session on day 2\. Sessions are on days: 1, 4\."):
        steps_for_session(plan, CATALOGUE, 2)


def test_an_urgent_care_plan_has_no_session() -> None:
    plan = build_plan(Profile(red_flags=("saddle-numbness",)), CATALOGUE)
    with pytest.raises(SessionError, match="urgent-care"):
        steps_for_session(plan, CATALOGUE, 1)


def test_session_days_list_each_day_once_and_the_first_session_on_a_day_is_played() -> None:
    two_on_day_1 = (
        ScheduledSession(day=1, exercises=(STRETCH.exercise,)),
        ScheduledSession(day=1, exercises=(BRIDGE.exercise,)),
        ScheduledSession(day=5, exercises=(BRIDGE.exercise,)),
    )
    plan = plan_of(STRETCH, BRIDGE).model_copy(update={"weekly_schedule": two_on_day_1})
    assert session_days(plan) == (1, 5)
    steps = steps_for_session(plan, CATALOGUE, 1)
    assert {s.exercise for s in steps} == {STRETCH.exercise}


def test_resume_starts_at_the_first_step_not_done() -> None:
    assert resume_index(5, {0, 1, 3}) == 2
    assert resume_index(3, set()) == 0
    assert resume_index(2, {0, 1}) == 2
