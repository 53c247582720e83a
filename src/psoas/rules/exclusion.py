"""Why an exercise cannot be in this person's plan: safety reasons first, then equipment."""

from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.plan import Message
from psoas.domain.profile import Profile
from psoas.domain.vocabulary import Status

DIRECT_PRESSURE_CONFLICT = "direct-psoas-pressure"


def exclusion_reasons(
    exercise: Exercise, profile: Profile, status: Status, catalogue: Catalogue
) -> list[Message]:
    """Every reason that rules the exercise out for this profile; empty if none does."""
    reasons: list[Message] = []
    features = set(exercise.features)
    present = set(profile.conditions) | set(profile.symptoms)
    explained: set[str] = set()
    for restriction in catalogue.restrictions:
        triggers = set(restriction.conditions) | set(restriction.symptoms)
        if triggers & present and features & set(restriction.excludes_features):
            explained |= triggers & present
            reasons.append(
                Message(id=restriction.id, text=restriction.reason, sources=restriction.sources)
            )

    unsafe_conditions = [
        c for c in exercise.contraindications if c in profile.conditions and c not in explained
    ]
    if unsafe_conditions:
        # Listed by the exercise's own sources where no general restriction explains it.
        reasons.append(
            Message(
                id="contraindicated",
                text=f"Its sources advise against it with: {', '.join(unsafe_conditions)}.",
                sources=exercise.source_ids,
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
                    "Direct pressure on the psoas is off unless you turn it on "
                    "(allow_direct_psoas_pressure), because the sources disagree about it. "
                    + conflict.reason
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
