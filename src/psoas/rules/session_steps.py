"""Turn one day of a plan into the flat list of steps the session player plays.

A step is one set on one side, because that is the unit a person completes, skips or resumes
from. Timings come from the planning parameters (content/rules/planning.yaml) and are laid out so
that a played session takes exactly as long as the plan estimated (psoas.rules.dosing).
"""

import math
from collections.abc import Collection

from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.parameters import PlanningParameters
from psoas.domain.plan import Plan, PlanItem
from psoas.domain.session import BreakKind, SessionError, Side, Step, StepCue
from psoas.domain.vocabulary import PlanPhase

# The count-in before a hold that follows a rest or a side switch. It is taken out of that break
# rather than added to it, so the session keeps the length the plan estimated (product choice).
GET_READY_AFTER_BREAK_S = 5.0


def session_days(plan: Plan) -> tuple[int, ...]:
    """The days (1-7) that have a session, in order. A day with two sessions is listed once."""
    return tuple(sorted({session.day for session in plan.weekly_schedule}))


def steps_for_session(
    plan: Plan, catalogue: Catalogue, day: int, *, time_scale: float = 1.0
) -> tuple[Step, ...]:
    """The steps of the first session on `day`, every timer multiplied by `time_scale`.

    Exercises come in the session's order; within one, sets in order and, for exercises done on
    each side, left before right: set 1 left, set 1 right, set 2 left, ...
    """
    if not (math.isfinite(time_scale) and time_scale > 0):
        raise SessionError(f"time scale must be a number above 0 (got {time_scale})")
    if plan.status == "urgent-care":
        raise SessionError(
            "This plan has no sessions: its status is urgent-care. "
            "Follow the advice in the plan and get medical care before exercising."
        )
    session = next((s for s in plan.weekly_schedule if s.day == day), None)
    if session is None:
        days = ", ".join(str(d) for d in session_days(plan)) or "none"
        raise SessionError(f"No session on day {day}. Sessions are on days: {days}.")

    items = {item.exercise: (phase.phase, item) for phase in plan.phases for item in phase.items}
    steps: list[Step] = []
    for exercise_id in session.exercises:
        if exercise_id not in items or exercise_id not in catalogue.exercises:
            raise SessionError(
                f"Day {day} lists exercise {exercise_id!r}, which is not in the plan's phases "
                "or the catalogue. Make the plan again with `psoas plan`."
            )
        phase, item = items[exercise_id]
        steps += _item_steps(
            catalogue.exercises[exercise_id], item, phase, catalogue.parameters, time_scale
        )
    return tuple(step.model_copy(update={"index": index}) for index, step in enumerate(steps))


def resume_index(step_count: int, done: Collection[int]) -> int:
    """The first step not in `done`: where a resumed session starts (step_count if none left)."""
    return next((index for index in range(step_count) if index not in done), step_count)


def _item_steps(
    exercise: Exercise,
    item: PlanItem,
    phase: PlanPhase,
    parameters: PlanningParameters,
    scale: float,
) -> list[Step]:
    sides: tuple[Side | None, ...] = ("left", "right") if item.sides == "each" else (None,)
    slots = [(set_number, side) for set_number in range(1, item.sets + 1) for side in sides]
    # A switch between the sides of one set; a rest between sets.
    breaks: list[tuple[BreakKind, float]] = [
        ("switch-sides", parameters.side_switch_s.value)
        if slots[k][0] == slots[k + 1][0]
        else ("rest", parameters.rest_between_sets_s.value)
        for k in range(len(slots) - 1)
    ]
    # The plan names what the person holds; a plan saved before it did lists the choices.
    equipment = item.equipment or tuple(
        " or ".join(option.replace("-", " ") for option in options)
        for options in exercise.equipment
    )
    all_cues = _cues(exercise)
    steps: list[Step] = []
    for k, (set_number, side) in enumerate(slots):
        if k == 0:
            get_ready_s = parameters.setup_s.value
        else:
            get_ready_s = min(GET_READY_AFTER_BREAK_S, breaks[k - 1][1])
        break_after: BreakKind | None = None
        rest_after_s = 0.0
        if k < len(breaks):
            kind, seconds = breaks[k]
            rest_after_s = seconds - min(GET_READY_AFTER_BREAK_S, seconds)
            break_after = kind if rest_after_s > 0 else None
        steps.append(
            Step(
                index=0,  # numbered across the session by the caller
                exercise=exercise.id,
                exercise_name=exercise.name,
                phase=phase,
                side=side,
                set_number=set_number,
                sets=item.sets,
                reps=item.reps,
                hold_s=item.seconds * scale,
                rep_transition_s=parameters.rep_transition_s.value * scale,
                get_ready_s=get_ready_s * scale,
                rest_after_s=rest_after_s * scale,
                break_after=break_after,
                equipment=equipment,
                # Set-up cues belong to getting into position once, before the first set.
                cues=all_cues if k == 0 else tuple(c for c in all_cues if c.when != "setup"),
            )
        )
    return steps


def _cues(exercise: Exercise) -> tuple[StepCue, ...]:
    technique = (
        StepCue(kind="technique", text=c.text, when=c.when) for c in exercise.technique_cues
    )
    breathing = (
        StepCue(kind="breathing", text=c.text, when=c.when) for c in exercise.breathing_cues
    )
    return (*technique, *breathing)
