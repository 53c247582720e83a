"""Each explanation once on the plan page: later mentions refer back rather than repeat it.

A plan made for one person gives several exercises the same "Chosen for your ..." sentence and
leaves several out for the same reason; read on one page, the repeats bury what differs. The
plan itself (CLI, API) keeps every item's full reasons; only the page words them once.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from psoas.domain.plan import Exclusion, Message, PhasePlan

CHOSEN = "Chosen for your "


@dataclass(frozen=True, slots=True)
class LeftOut:
    """One reason, said once, with every exercise it leaves out (in the plan's order)."""

    reason: Message
    exercises: tuple[str, ...]


def item_whys(phases: Sequence[PhasePlan], names: Mapping[str, str]) -> dict[str, str]:
    """Each plan item's why, keyed by exercise id, with a "Chosen for your ..." sentence that an
    earlier item on the page already gave replaced by a pointer to the item just before it."""
    last_with: dict[str, str] = {}
    whys: dict[str, str] = {}
    for phase in phases:
        for item in phase.items:
            own, chosen_at, chosen = item.why.partition(CHOSEN)
            if not chosen_at:
                whys[item.exercise] = item.why
                continue
            sentence = CHOSEN + chosen
            earlier = last_with.get(sentence)
            if earlier is None:
                whys[item.exercise] = item.why
            else:
                name = names.get(earlier, "the exercise above")
                whys[item.exercise] = f"{own}Chosen for the same answers as {name}, above."
            last_with[sentence] = item.exercise
    return whys


def left_out(excluded: Sequence[Exclusion]) -> list[LeftOut]:
    """The plan's exclusions grouped by reason, each reason once, in the order first given."""
    grouped: dict[str, tuple[Message, list[str]]] = {}
    for exclusion in excluded:
        for reason in exclusion.reasons:
            grouped.setdefault(reason.text, (reason, []))[1].append(exclusion.exercise)
    return [LeftOut(reason, tuple(exercises)) for reason, exercises in grouped.values()]
