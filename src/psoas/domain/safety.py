"""Safety content: red-flag questions, referral triggers and exclusion restrictions."""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from psoas.domain.base import Cited, Frozen, Slug, Text
from psoas.domain.vocabulary import Condition, Feature, RedFlag, Status, Symptom

Urgency = Literal["emergency", "urgent"]


class RedFlagQuestion(Frozen):
    """One warning sign: how it is asked at check-in, and which group of causes it points to."""

    id: RedFlag
    question: Text
    group: Slug


class RedFlagGroup(Frozen):
    """What to do, and how soon, when a flag of this group is present. Never a diagnosis."""

    id: Slug
    urgency: Urgency
    text: Text
    sources: tuple[Slug, ...] = Field(min_length=1)


class Referral(Frozen):
    """A reason to see a professional before following a full plan."""

    id: Slug
    conditions: tuple[Condition, ...] = ()
    symptoms: tuple[Symptom, ...] = ()
    pain_now_at_least: Annotated[int, Field(ge=0, le=10)] | None = None
    text: Text
    sources: tuple[Slug, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_a_trigger(self) -> "Referral":
        if not (self.conditions or self.symptoms or self.pain_now_at_least is not None):
            raise ValueError("a referral needs conditions, symptoms or pain_now_at_least")
        return self


class Screening(Frozen):
    red_flags: tuple[RedFlagQuestion, ...]
    red_flag_groups: tuple[RedFlagGroup, ...]
    referrals: tuple[Referral, ...]
    status_messages: dict[Status, Cited]
    # Exercise features never kept in a see-professional plan, whatever else it holds.
    not_before_diagnosis: tuple[Feature, ...]


class Restriction(Frozen):
    """Exercises with any of `excludes_features` are left out when a trigger is present."""

    id: Slug
    conditions: tuple[Condition, ...] = ()
    symptoms: tuple[Symptom, ...] = ()
    excludes_features: tuple[Feature, ...] = Field(min_length=1)
    reason: Text
    sources: tuple[Slug, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_a_trigger(self) -> "Restriction":
        if not (self.conditions or self.symptoms):
            raise ValueError("a restriction needs conditions or symptoms")
        return self
