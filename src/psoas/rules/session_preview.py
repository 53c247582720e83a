"""What a day's session holds, said before it starts: the exercises, about how long, and what
to have ready. Worked out from the very steps the player will count through, so the preview
cannot disagree with the session."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from psoas.domain.session import Step


@dataclass(frozen=True, slots=True)
class SessionPreview:
    exercises: tuple[str, ...]  # names, in the order they are played
    minutes: int  # whole minutes, rounded up: a session rarely runs shorter than its timers
    equipment: tuple[str, ...]  # in words, only things the person holds, each once


def step_seconds(step: Step) -> float:
    """How long the player counts through one step: get ready, the holds with the moves
    between reps, then the rest or side switch after it."""
    holds = step.hold_count
    return (
        step.get_ready_s
        + holds * step.hold_s
        + (holds - 1) * step.rep_transition_s
        + step.rest_after_s
    )


def preview(steps: Sequence[Step]) -> SessionPreview:
    exercises = dict.fromkeys(step.exercise_name for step in steps)
    equipment = dict.fromkeys(thing for step in steps for thing in step.equipment)
    total_s = sum(step_seconds(step) for step in steps)
    return SessionPreview(
        exercises=tuple(exercises),
        minutes=max(1, math.ceil(total_s / 60)) if steps else 0,
        equipment=tuple(equipment),
    )
