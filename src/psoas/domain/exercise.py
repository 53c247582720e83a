"""An exercise as the catalogue describes it: what to do, how much, for whom, and on whose word."""

from typing import Annotated, Literal

from pydantic import Field, model_serializer, model_validator

from psoas.domain.base import Cited, Frozen, Slug, Text
from psoas.domain.basis import Grounded
from psoas.domain.figure import Figure
from psoas.domain.vocabulary import (
    Activity,
    Condition,
    Equipment,
    ExercisePhase,
    Feature,
    Goal,
    Position,
    Sides,
    Symptom,
)

CueMoment = Literal["setup", "before", "start", "during", "end", "each-rep", "throughout"]
PositiveInt = Annotated[int, Field(ge=1)]


class Range(Frozen):
    """An inclusive [min, max] range written in YAML as a two-item list."""

    min: PositiveInt
    max: PositiveInt

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            if len(value) != 2:
                raise ValueError("a range is a list of two numbers: [min, max]")
            return {"min": value[0], "max": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self

    @model_serializer
    def _as_pair(self) -> list[int]:
        # Written out the way it is written in: [min, max].
        return [self.min, self.max]


class Dose(Grounded):
    """How much, from the sources (or a stated choice of ours where they give no figure).
    `seconds` is one hold (or rolling time) per set per side."""

    seconds: Range
    reps: Range | None = None
    sets: Range
    sides: Sides
    per_week: Range

    @model_validator(mode="after")
    def _per_week_at_most_daily_twice(self) -> "Dose":
        if self.per_week.max > 14:
            raise ValueError("per_week max is at most 14 (twice a day)")
        return self


class Cue(Frozen):
    """A cue and the moment of the hold (or rep) it belongs to."""

    text: Text
    when: CueMoment


class SourceClaim(Frozen):
    source: Slug
    claim: Text


class Helps(Frozen):
    """Who the exercise is chosen for: each match raises its priority in the plan."""

    goals: tuple[Goal, ...] = ()
    symptoms: tuple[Symptom, ...] = ()
    activities: tuple[Activity, ...] = ()
    # Chosen before any other allowed exercise of its phase for these goals, because a source
    # names it for them (e.g. the runners' article's three stretches and knee raise).
    first_for_goals: tuple[Goal, ...] = ()


class Exercise(Frozen):
    id: Slug
    name: Text
    aliases: tuple[Text, ...] = ()
    phase: ExercisePhase
    summary: Text
    why: Cited
    targets: tuple[Text, ...] = Field(min_length=1)
    position: Position
    # Each requirement lists acceptable items; any one of them will do. Empty: the floor only.
    equipment: tuple[tuple[Equipment, ...], ...] = ()
    steps: tuple[Text, ...] = Field(min_length=1)
    technique_cues: tuple[Cue, ...] = ()
    breathing_cues: tuple[Cue, ...] = ()
    common_mistakes: tuple[Text, ...] = ()
    dose: Dose
    features: tuple[Feature, ...] = ()
    contraindications: tuple[Condition, ...] = ()
    cautions: tuple[Text, ...] = ()
    regressions: tuple[Slug, ...] = ()
    progressions: tuple[Slug, ...] = ()
    helps: Helps = Helps()
    # Gentle enough to keep while someone waits to be seen about an acute problem.
    safe_before_diagnosis: bool = False
    conflicts: tuple[Slug, ...] = ()
    sources: tuple[SourceClaim, ...] = Field(min_length=1)
    # How it is drawn. Optional here so a new file loads while its figure is being posed;
    # `psoas content validate` and the catalogue contract test insist on one.
    figure: Figure | None = None

    @model_validator(mode="after")
    def _requirements_not_empty(self) -> "Exercise":
        for index, options in enumerate(self.equipment):
            if not options:
                raise ValueError(f"equipment[{index}] lists no acceptable item")
        return self

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source the exercise rests on, in first-mention order."""
        ids = [claim.source for claim in self.sources]
        ids += [*self.why.sources, *self.dose.sources]
        return tuple(dict.fromkeys(ids))
