from psoas.catalogue import load_catalogue
from psoas.domain.plan import PlanItem
from psoas.rules.dosing import item_seconds, starting_item

PARAMETERS = load_catalogue().parameters


def item(**changes: object) -> PlanItem:
    base = PlanItem(
        exercise="x", sides="each", sets=3, seconds=30, reps=None, why="w", sources=("s",)
    )
    return base.model_copy(update=changes)


def test_hold_time_counts_sets_sides_switches_rests_and_setup() -> None:
    # 20 s set-up + 3 sets x (2 sides x 30 s + 1 switch x 10 s) + 2 rests x 15 s
    assert item_seconds(item(), PARAMETERS) == 20 + 3 * (60 + 10) + 2 * 15


def test_rep_time_counts_each_held_rep_and_the_transitions() -> None:
    reps = item(sets=1, seconds=5, reps=5)
    # 20 s set-up + 2 sides x (5 reps x 5 s + 4 transitions x 3 s) + 1 switch
    assert item_seconds(reps, PARAMETERS) == 20 + 2 * (25 + 12) + 10


def test_both_sides_at_once_has_no_switch() -> None:
    assert item_seconds(item(sides="both", sets=1), PARAMETERS) == 20 + 30


def test_starting_dose_is_the_low_end_of_every_range() -> None:
    knee_raise = load_catalogue().exercises["seated-knee-raise-hold"]
    start = starting_item(knee_raise, why="because")
    assert (start.sets, start.seconds, start.reps, start.sides) == (1, 5, 5, "each")
    assert start.sources == knee_raise.source_ids
