"""Why an exercise cannot be in this person's plan: safety reasons first, then equipment."""

from collections.abc import Sequence

from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.plan import Message
from psoas.domain.profile import Profile
from psoas.domain.safety import Restriction
from psoas.domain.vocabulary import Status
from psoas.rules.screening import grounded_text
from psoas.rules.triggers import holds

DIRECT_PRESSURE_CONFLICT = "direct-psoas-pressure"


def excludes(restriction: Restriction, exercise: Exercise) -> bool:
    """Whether the restriction, when it applies, leaves this exercise out."""
    return bool(set(exercise.features) & set(restriction.excludes_features)) or (
        exercise.position in restriction.excludes_positions
    )


def applying_restrictions(
    profile: Profile, catalogue: Catalogue, lifted: frozenset[str] = frozenset()
) -> list[Restriction]:
    """The restrictions whose trigger holds for the profile, less those check-ins have lifted."""
    return [r for r in catalogue.restrictions if r.id not in lifted and holds(r.when, profile)]


def exclusion_reasons(
    exercise: Exercise,
    profile: Profile,
    status: Status,
    catalogue: Catalogue,
    lifted: frozenset[str] = frozenset(),
    applying: Sequence[Restriction] | None = None,
) -> list[Message]:
    """Every reason that rules the exercise out for this profile; empty if none does.
    `lifted` holds the ids of restrictions that progress check-ins have lifted; `applying`, when
    given, is applying_restrictions() already worked out for this profile (once per plan)."""
    reasons: list[Message] = []
    features = set(exercise.features)
    explained: set[str] = set()
    if applying is None:
        applying = applying_restrictions(profile, catalogue, lifted)
    for restriction in applying:
        if excludes(restriction, exercise):
            explained |= set(restriction.when.conditions) & set(profile.conditions)
            text = grounded_text(restriction.reason, restriction)
            if restriction.lifted_when is not None:
                text = f"{text} {restriction.lifted_when.text}"
            reasons.append(Message(id=restriction.id, text=text, sources=restriction.sources))

    unsafe_conditions = [
        c for c in exercise.contraindications if c in profile.conditions and c not in explained
    ]
    if unsafe_conditions:
        # Marked on the exercise itself where no general restriction explains it.
        named = ", ".join(c.replace("-", " ") for c in unsafe_conditions)
        reasons.append(
            Message(
                id="contraindicated",
                text=f"This exercise is marked as not for people with: {named}.",
                sources=(),
            )
        )

    if status == "see-professional":
        not_yet = features & set(catalogue.screening.not_before_diagnosis)
        if not_yet or not exercise.safe_before_diagnosis:
            lead = catalogue.screening.status_messages["see-professional"]
            reasons.append(
                Message(
                    id="wait-for-diagnosis",
                    text="Left out until a doctor or physiotherapist has seen you.",
                    sources=lead.sources,
                )
            )

    if "direct-psoas-pressure" in features and not profile.allow_direct_psoas_pressure:
        conflict = catalogue.conflicts[DIRECT_PRESSURE_CONFLICT]
        reasons.append(
            Message(
                id="direct-pressure-off",
                text=(
                    "Direct pressure on the psoas is left out unless you choose it in your "
                    "check-in, because the sources disagree about it (see the note on your plan)."
                ),
                sources=conflict.sources,
            )
        )

    missing = missing_equipment(exercise, profile)
    if missing:
        reasons.append(
            Message(
                id="equipment",
                text="Needs " + "; and ".join(missing) + " (not in your equipment list).",
                sources=(),
            )
        )
    return reasons


def missing_equipment(exercise: Exercise, profile: Profile) -> list[str]:
    """Each requirement none of whose acceptable items the person has, in words."""
    held = set(profile.equipment)
    return [
        " or ".join(item.replace("-", " ") for item in options)
        for options in exercise.equipment
        if not held & set(options)
    ]
