"""The start screen's preview of a day: exercises in order, minutes, what to have ready."""

import math

from psoas.catalogue import load_catalogue
from psoas.domain.profile import Profile
from psoas.rules import build_plan
from psoas.rules.dosing import item_seconds
from psoas.rules.session_preview import preview
from psoas.rules.session_steps import steps_for_session
from tests.rules.test_session_steps import BRIDGE, KNEE_RAISE, STRETCH, plan_of

CATALOGUE = load_catalogue()


def test_each_exercise_once_in_playing_order_and_the_minutes_the_plan_estimated() -> None:
    items = (STRETCH, KNEE_RAISE, BRIDGE)
    shown = preview(steps_for_session(plan_of(*items), CATALOGUE, 2))
    names = [CATALOGUE.exercises[i.exercise].name for i in items]
    assert list(shown.exercises) == names
    estimated_s = sum(item_seconds(i, CATALOGUE.parameters) for i in items)
    assert shown.minutes == math.ceil(estimated_s / 60)


def test_equipment_is_in_words_once_and_only_what_the_person_holds() -> None:
    plan = build_plan(
        Profile(equipment=("chair", "lacrosse-ball"), goals=("return-to-running",)), CATALOGUE
    )
    for day in (1, 3, 5):
        shown = preview(steps_for_session(plan, CATALOGUE, day))
        assert set(shown.equipment) <= {"chair", "lacrosse ball"}
        assert len(shown.equipment) == len(set(shown.equipment))


def test_an_empty_day_is_zero_minutes_with_nothing_to_have_ready() -> None:
    shown = preview(())
    assert (shown.exercises, shown.minutes, shown.equipment) == ((), 0, ())
