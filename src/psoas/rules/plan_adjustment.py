"""The plan in force: the base plan with the doses that progression and step-backs have set."""

import math
from collections.abc import Callable, Sequence

from psoas.domain.catalogue import Catalogue
from psoas.domain.plan import PhasePlan, Plan, PlanItem, ScheduledSession
from psoas.domain.profile import Profile
from psoas.domain.progression import PlanChange
from psoas.rules.dosing import item_seconds
from psoas.rules.planner import build_plan
from psoas.rules.progression import DOSE_KINDS, dose_state


def plan_in_force(
    profile: Profile,
    changes: Sequence[PlanChange],
    catalogue: Catalogue,
    planner: Callable[[Profile, frozenset[str]], Plan] | None = None,
    lifted: frozenset[str] = frozenset(),
) -> Plan:
    """The base plan with the doses changes have set; while a warning sign from a check-in
    stands, the plan screening gives with that warning sign (urgent care, no exercises).
    ``lifted`` holds the staged restrictions check-ins have lifted (rules.settling);
    ``planner`` lets a caller pass a cached ``build_plan``."""
    build = planner or (lambda p, unlocked: build_plan(p, catalogue, unlocked))

    def make(person: Profile) -> Plan:
        return build(person, lifted)

    stop = dose_state(changes).stopped_by
    if stop is not None:
        return make(profile.model_copy(update={"red_flags": stop.red_flags}))
    return adjusted_plan(make(profile), changes, catalogue)


def adjusted_plan(plan: Plan, changes: Sequence[PlanChange], catalogue: Catalogue) -> Plan:
    """Replace each changed slot's dose (and variant) and say why on the item. A stopped plan is
    built by the caller from the reported warning signs, so this only handles doses."""
    state = dose_state(changes)
    latest = {
        change.slot: change
        for change in sorted(changes, key=lambda c: c.on)
        if change.kind in DOSE_KINDS and change.slot
    }
    if not state.levels:
        return plan
    variants: dict[str, str] = {}
    phases = []
    for phase in plan.phases:
        items = []
        for item in phase.items:
            level = state.levels.get(item.exercise)
            if level is None:
                items.append(item)
                continue
            variants[item.exercise] = level.exercise
            items.append(_item_at(item, level.exercise, latest[item.exercise], catalogue))
        phases.append(PhasePlan(phase=phase.phase, items=tuple(items)))
    total_s = sum(
        item_seconds(item, catalogue.parameters) for phase in phases for item in phase.items
    )
    schedule = tuple(
        ScheduledSession(
            day=session.day,
            exercises=tuple(variants.get(exercise, exercise) for exercise in session.exercises),
        )
        for session in plan.weekly_schedule
    )
    return plan.model_copy(
        update={
            "phases": tuple(phases),
            "session_minutes": math.ceil(total_s / 60),
            "weekly_schedule": schedule,
        }
    )


def _item_at(
    item: PlanItem, exercise_id: str, change: PlanChange, catalogue: Catalogue
) -> PlanItem:
    level = change.after
    assert level is not None  # dose changes always carry the dose after
    exercise = catalogue.exercises[exercise_id]
    swapped = exercise_id != item.exercise
    return PlanItem(
        exercise=exercise_id,
        sides=exercise.dose.sides,
        sets=level.sets,
        seconds=level.seconds,
        reps=level.reps,
        why=exercise.why.text if swapped else item.why,
        sources=exercise.source_ids if swapped else item.sources,
        change=f"{change.on.isoformat()}: {change.reason}",
    )
