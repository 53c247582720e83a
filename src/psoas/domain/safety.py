"""Safety content: red-flag questions, referral triggers and exclusion restrictions."""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from psoas.domain.base import Cited, Frozen, Slug, Text
from psoas.domain.basis import Grounded
from psoas.domain.progress import PainKey
from psoas.domain.vocabulary import Condition, Feature, Position, RedFlag, Status, Symptom

# How soon, most urgent first: now (emergency services), the same day, within 24 hours, days.
Urgency = Literal["emergency", "today", "within-24-hours", "within-days"]
URGENCY_ORDER: tuple[Urgency, ...] = ("emergency", "today", "within-24-hours", "within-days")
Outcome = Literal["see-professional", "advice"]
Score = Annotated[int, Field(ge=0, le=10)]
Years = Annotated[int, Field(ge=0, le=120)]
Weeks = Annotated[int, Field(ge=0, le=520)]


class Trigger(Frozen):
    """When a rule applies. Every criterion given must hold; a list holds when any item does
    (except all_red_flags, which needs every one).

    Missing answers are read the safe way: symptoms of unknown duration count as new, and a
    pregnancy of unknown length counts as past any week limit.
    """

    conditions: tuple[Condition, ...] = ()
    symptoms: tuple[Symptom, ...] = ()
    # Every one of these warning signs (for answers that matter together).
    all_red_flags: tuple[RedFlag, ...] = ()
    # Back pain: the low-back-pain symptom, or the goal of easing low back pain.
    back_pain: bool = False
    pain_now_at_least: Score | None = None
    pain_now_below: Score | None = None
    age_below: Years | None = None
    age_at_least: Years | None = None
    age_above: Years | None = None
    symptoms_weeks_above: Weeks | None = None
    # Symptoms that began at most this many weeks ago, or whose start was not given.
    symptoms_new_within_weeks: Weeks | None = None
    # Pregnant, and at least this many weeks along (or the week was not given).
    pregnancy_weeks_at_least: Annotated[int, Field(ge=0, le=42)] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> "Trigger":
        if not self.model_dump(exclude_defaults=True):
            raise ValueError("a trigger needs at least one criterion")
        return self


class RedFlagQuestion(Frozen):
    """One warning sign: how it is asked at check-in, and which group of causes it points to."""

    id: RedFlag
    question: Text
    group: Slug


class RedFlagGroup(Grounded):
    """What to do, and how soon, when a flag of this group is present. Never a diagnosis."""

    id: Slug
    urgency: Urgency
    text: Text


class RedFlagCombination(Grounded):
    """Answers that together call for a sooner check than each alone (e.g. a history of cancer
    with back pain). When it applies, its text replaces the groups of the flags it names."""

    id: Slug
    when: Trigger
    # Group ids it stands in for; a combination of answers that are not warning signs on their
    # own (a condition with a symptom) stands in for none and stops the programme by itself.
    replaces: tuple[Slug, ...] = ()
    urgency: Urgency
    text: Text


class Referral(Grounded):
    """A reason to see a professional: before the full plan (see-professional), or as advice
    beside a plan that stays as it is (advice)."""

    id: Slug
    when: Trigger
    outcome: Outcome = "see-professional"
    text: Text


class Settling(Frozen):
    """When a restriction lifts: the latest check-ins all show these pains at or below the
    progression rule's threshold (content/rules/progression.yaml, progress.pain_at_most), as many
    check-ins as that rule needs (progress.check_ins_at_least)."""

    pain: tuple[PainKey, ...] = Field(min_length=1)
    # What the person reads about how it lifts, in a sentence.
    text: Text
    # What the person reads once it has lifted.
    joined: Text


class Screening(Frozen):
    red_flags: tuple[RedFlagQuestion, ...]
    red_flag_groups: tuple[RedFlagGroup, ...]
    combinations: tuple[RedFlagCombination, ...] = ()
    referrals: tuple[Referral, ...]
    status_messages: dict[Status, Cited]
    # The ok status when advice to see a professional stands beside the plan.
    ok_with_advice: Cited
    # Exercise features never kept in a see-professional plan, whatever else it holds.
    not_before_diagnosis: tuple[Feature, ...]


class Restriction(Grounded):
    """Exercises with any of `excludes_features`, or done in one of `excludes_positions`, are left
    out while the trigger holds (and, with `lifted_when`, until check-ins show it settled)."""

    id: Slug
    when: Trigger
    excludes_features: tuple[Feature, ...] = ()
    excludes_positions: tuple[Position, ...] = ()
    reason: Text
    lifted_when: Settling | None = None

    @model_validator(mode="after")
    def _excludes_something(self) -> "Restriction":
        if not (self.excludes_features or self.excludes_positions):
            raise ValueError("a restriction needs excludes_features or excludes_positions")
        return self

    @property
    def condition_only(self) -> bool:
        """Triggered by a condition alone, so every exercise it excludes lists that condition."""
        return set(self.when.model_dump(exclude_defaults=True)) == {"conditions"}
