"""Starting dose and the time an item takes."""

from psoas.domain.exercise import Exercise
from psoas.domain.parameters import PlanningParameters
from psoas.domain.plan import PlanItem


def starting_item(exercise: Exercise, why: str) -> PlanItem:
    """The low end of every range: beginners start light, and 30 s holds work as well as 60 s."""
    dose = exercise.dose
    return PlanItem(
        exercise=exercise.id,
        sides=dose.sides,
        sets=dose.sets.min,
        seconds=dose.seconds.min,
        reps=dose.reps.min if dose.reps else None,
        why=why,
        sources=exercise.source_ids,
    )


def item_seconds(item: PlanItem, parameters: PlanningParameters) -> float:
    """Holds x reps x sides x sets, plus set-up, rep transitions, side switches and rests."""
    sides = 2 if item.sides == "each" else 1
    reps = item.reps or 1
    one_side = reps * item.seconds + (reps - 1) * parameters.rep_transition_s.value
    one_set = sides * one_side + (sides - 1) * parameters.side_switch_s.value
    rests = (item.sets - 1) * parameters.rest_between_sets_s.value
    return parameters.setup_s.value + item.sets * one_set + rests
