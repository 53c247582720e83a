"""One step harder or one step easier for a single plan slot.

Harder, in this order: a longer hold (within the exercise's range), another set, another rep,
then the harder variant the exercise names. Easier undoes the same steps in reverse, then moves
to the easier variant. A variant is only offered when it is safe and possible for this person
(the same exclusion rules as the plan) and not already in the plan, and it starts at the low end
of its own dose.
"""

from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.plan import PlanItem
from psoas.domain.profile import Profile
from psoas.domain.progression import DoseLevel
from psoas.domain.vocabulary import Status
from psoas.rules.exclusion import exclusion_reasons


def level_of(item: PlanItem) -> DoseLevel:
    return DoseLevel(exercise=item.exercise, sets=item.sets, seconds=item.seconds, reps=item.reps)


def starting_level(exercise: Exercise) -> DoseLevel:
    dose = exercise.dose
    return DoseLevel(
        exercise=exercise.id,
        sets=dose.sets.min,
        seconds=dose.seconds.min,
        reps=dose.reps.min if dose.reps else None,
    )


def harder(
    level: DoseLevel,
    hold_step_s: int,
    profile: Profile,
    status: Status,
    catalogue: Catalogue,
    taken: frozenset[str] = frozenset(),
) -> tuple[DoseLevel, str] | None:
    """The next step up and how to say it, or None at the top of everything allowed."""
    exercise = catalogue.exercises[level.exercise]
    dose = exercise.dose
    if level.seconds < dose.seconds.max:
        seconds = min(level.seconds + hold_step_s, dose.seconds.max)
        return level.model_copy(
            update={"seconds": seconds}
        ), f"hold {level.seconds} s → {seconds} s"
    if level.sets < dose.sets.max:
        sets = level.sets + 1
        return level.model_copy(update={"sets": sets}), f"sets {level.sets} → {sets}"
    if dose.reps and level.reps is not None and level.reps < dose.reps.max:
        reps = level.reps + 1
        return level.model_copy(update={"reps": reps}), f"reps {level.reps} → {reps}"
    variant = _allowed(exercise.progressions, profile, status, catalogue, taken)
    if variant is None:
        return None
    return starting_level(variant), f"{exercise.name} → {variant.name} (harder variant)"


def easier(
    level: DoseLevel,
    hold_step_s: int,
    profile: Profile,
    status: Status,
    catalogue: Catalogue,
    taken: frozenset[str] = frozenset(),
) -> tuple[DoseLevel, str] | None:
    """The next step down and how to say it, or None when already at the lightest."""
    exercise = catalogue.exercises[level.exercise]
    dose = exercise.dose
    if dose.reps and level.reps is not None and level.reps > dose.reps.min:
        reps = level.reps - 1
        return level.model_copy(update={"reps": reps}), f"reps {level.reps} → {reps}"
    if level.sets > dose.sets.min:
        sets = level.sets - 1
        return level.model_copy(update={"sets": sets}), f"sets {level.sets} → {sets}"
    if level.seconds > dose.seconds.min:
        seconds = max(level.seconds - hold_step_s, dose.seconds.min)
        return level.model_copy(
            update={"seconds": seconds}
        ), f"hold {level.seconds} s → {seconds} s"
    variant = _allowed(exercise.regressions, profile, status, catalogue, taken)
    if variant is None:
        return None
    return starting_level(variant), f"{exercise.name} → {variant.name} (easier variant)"


def _allowed(
    ids: tuple[str, ...],
    profile: Profile,
    status: Status,
    catalogue: Catalogue,
    taken: frozenset[str],
) -> Exercise | None:
    """The first variant safe and possible for this person that the plan does not hold already
    (the same exercise twice in a session would be a longer dose in disguise)."""
    for exercise_id in ids:
        if exercise_id in taken:
            continue
        exercise = catalogue.exercises[exercise_id]
        if not exclusion_reasons(exercise, profile, status, catalogue):
            return exercise
    return None
