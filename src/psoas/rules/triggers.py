"""Whether a rule's trigger holds for a profile (domain.safety.Trigger explains the criteria)."""

from collections.abc import Callable

from psoas.domain.profile import Profile
from psoas.domain.safety import Trigger


def has_back_pain(profile: Profile) -> bool:
    """Low back pain felt now, or easing it is what the person asked for."""
    return "low-back-pain" in profile.symptoms or "ease-low-back-pain" in profile.goals


def holds(trigger: Trigger, profile: Profile) -> bool:
    """Every criterion the trigger gives holds; missing answers are read the safe way."""
    return all(CRITERIA[name][0](trigger, profile) for name in _criteria(trigger))


def read_fields(trigger: Trigger) -> tuple[str, ...]:
    """The profile fields a trigger reads, to tell a professional what led to a referral."""
    return tuple(dict.fromkeys(CRITERIA[name][1] for name in _criteria(trigger)))


def _criteria(trigger: Trigger) -> list[str]:
    given = trigger.model_dump(exclude_defaults=True)
    return [name for name in CRITERIA if name in given]


def _age_below(t: Trigger, p: Profile) -> bool:
    return p.age is not None and t.age_below is not None and p.age < t.age_below


def _age_at_least(t: Trigger, p: Profile) -> bool:
    return p.age is not None and t.age_at_least is not None and p.age >= t.age_at_least


def _age_above(t: Trigger, p: Profile) -> bool:
    return p.age is not None and t.age_above is not None and p.age > t.age_above


def _weeks_above(t: Trigger, p: Profile) -> bool:
    limit = t.symptoms_weeks_above
    return p.symptoms_weeks is not None and limit is not None and p.symptoms_weeks > limit


def _new_within(t: Trigger, p: Profile) -> bool:
    # Unknown duration counts as new: the reading that asks for the closer look.
    limit = t.symptoms_new_within_weeks
    return limit is not None and (p.symptoms_weeks is None or p.symptoms_weeks <= limit)


def _pregnancy_weeks(t: Trigger, p: Profile) -> bool:
    # Pregnant with the week not given counts as past the line: the safe reading.
    limit = t.pregnancy_weeks_at_least
    if limit is None or "pregnancy" not in p.conditions:
        return False
    return p.pregnancy_weeks is None or p.pregnancy_weeks >= limit


def _pain_at_least(t: Trigger, p: Profile) -> bool:
    return t.pain_now_at_least is not None and p.pain_now >= t.pain_now_at_least


def _pain_below(t: Trigger, p: Profile) -> bool:
    return t.pain_now_below is not None and p.pain_now < t.pain_now_below


def _any_condition(t: Trigger, p: Profile) -> bool:
    return bool(set(t.conditions) & set(p.conditions))


def _any_symptom(t: Trigger, p: Profile) -> bool:
    return bool(set(t.symptoms) & set(p.symptoms))


def _all_red_flags(t: Trigger, p: Profile) -> bool:
    return set(t.all_red_flags) <= set(p.red_flags)


def _back_pain(_t: Trigger, p: Profile) -> bool:
    return has_back_pain(p)


# Each Trigger criterion: how it is checked, and the profile field it reads. holds() runs those
# the trigger sets; a test insists every Trigger field is here, so none is silently ignored.
CRITERIA: dict[str, tuple[Callable[[Trigger, Profile], bool], str]] = {
    "conditions": (_any_condition, "conditions"),
    "symptoms": (_any_symptom, "symptoms"),
    "all_red_flags": (_all_red_flags, "red_flags"),
    "back_pain": (_back_pain, "symptoms"),
    "pain_now_at_least": (_pain_at_least, "pain_now"),
    "pain_now_below": (_pain_below, "pain_now"),
    "age_below": (_age_below, "age"),
    "age_at_least": (_age_at_least, "age"),
    "age_above": (_age_above, "age"),
    "symptoms_weeks_above": (_weeks_above, "symptoms_weeks"),
    "symptoms_new_within_weeks": (_new_within, "symptoms_weeks"),
    "pregnancy_weeks_at_least": (_pregnancy_weeks, "pregnancy_weeks"),
}
