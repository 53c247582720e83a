"""The plan page says each explanation once: a shared 'Chosen for' refers back, reasons for
leaving exercises out are grouped."""

from psoas.domain.plan import Exclusion, Message, PhasePlan, PlanItem
from psoas.web.plan_words import item_whys, left_out

CHOSEN = "Chosen for your goals: relieve tightness."


def _item(exercise: str, why: str) -> PlanItem:
    return PlanItem(
        exercise=exercise, sides="each", sets=1, seconds=30, reps=None, why=why, sources=()
    )


def test_a_chosen_for_sentence_already_given_refers_to_the_item_before() -> None:
    phases = (
        PhasePlan(
            phase="lengthen",
            items=(_item("a", f"Stretches. {CHOSEN}"), _item("b", f"Eases. {CHOSEN}")),
        ),
        PhasePlan(
            phase="strengthen", items=(_item("c", f"Builds. {CHOSEN}"), _item("d", "Other."))
        ),
    )
    whys = item_whys(phases, {"a": "Stretch A", "b": "Stretch B"})
    assert whys == {
        "a": f"Stretches. {CHOSEN}",
        "b": "Eases. Chosen for the same answers as Stretch A, above.",
        "c": "Builds. Chosen for the same answers as Stretch B, above.",
        "d": "Other.",
    }


def test_each_reason_to_leave_out_is_given_once_with_its_exercises() -> None:
    hernia = Message(id="restriction", text="Nothing presses on the belly.", sources=("s",))
    band = Message(id="equipment", text="Needs mini band.", sources=())
    groups = left_out(
        (
            Exclusion(exercise="x", reasons=(hernia,)),
            Exclusion(exercise="y", reasons=(band, hernia)),
        )
    )
    assert [(g.reason.text, g.exercises) for g in groups] == [
        ("Nothing presses on the belly.", ("x", "y")),
        ("Needs mini band.", ("y",)),
    ]
