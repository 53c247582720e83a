"""The return-to-run ladder as data (content/rules/return_to_run.yaml) and where a runner is on it.

Each stage names what running it allows and the gate to the next one: criteria read from
check-ins and imported runs over the days spent on the stage.
"""

from datetime import date
from typing import Any, Literal, Self

from pydantic import Field, model_validator

from psoas.domain.base import Frozen, Slug, Text
from psoas.domain.parameters import Parameter


class Gate(Frozen):
    """What must hold, over the time on a stage, before moving up. Unset criteria do not apply.

    Pain criteria need at least one check-in in the stage that answers the question, and every
    such answer must be at or below the limit: no answer is not taken as no pain.
    """

    days_at_least: Parameter
    check_ins_at_least: Parameter | None = None
    runs_at_least: Parameter | None = None
    pain_now_at_most: Parameter | None = None
    pain_running_at_most: Parameter | None = None
    pain_hills_at_most: Parameter | None = None
    pain_lifting_leg_at_most: Parameter | None = None
    hilly_runs_at_most: Parameter | None = None


class Stage(Frozen):
    id: Slug
    name: Text
    allows: Text  # what running the stage allows, in a sentence
    flat_only: bool  # a run not on flat ground on this stage is flagged
    # The steepest terrain a run on this stage may have (flat-only stages: flat); None: any.
    terrain_at_most: Literal["flat", "rolling"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _flat_only_means_flat(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("flat_only") and "terrain_at_most" not in data:
            return {**data, "terrain_at_most": "flat"}
        return data

    @model_validator(mode="after")
    def _terrain_follows_flat_only(self) -> Self:
        if self.flat_only and self.terrain_at_most != "flat":
            raise ValueError("terrain_at_most: a flat-only stage allows flat ground only")
        return self

    sources: tuple[Slug, ...] = Field(min_length=1)
    gate: Gate | None = None  # None on the last stage


class Ladder(Frozen):
    description: Text
    sources: tuple[Slug, ...]
    stages: tuple[Stage, ...] = Field(min_length=2)
    step_down_on_running_pain_rise: Parameter
    start_at_rest_when_pain_at_least: Parameter

    @model_validator(mode="after")
    def _only_last_stage_ungated(self) -> "Ladder":
        ids = [stage.id for stage in self.stages]
        if len(ids) != len(set(ids)):
            raise ValueError("stages: ids must be distinct")
        for stage in self.stages[:-1]:
            if stage.gate is None:
                raise ValueError(f"stages: {stage.id} needs a gate (only the last stage has none)")
        if self.stages[-1].gate is not None:
            raise ValueError(f"stages: the last stage {self.stages[-1].id} has no gate")
        return self

    def index(self, stage_id: str) -> int:
        return [stage.id for stage in self.stages].index(stage_id)


class GateCheck(Frozen):
    """One criterion of a gate, as the runner sees it: what is needed and what they have."""

    criterion: Text
    needed: Text
    have: Text
    met: bool


class LadderPosition(Frozen):
    """Where a runner is, since when, and what is needed to move on."""

    stage: Stage
    step: int  # 1-based
    steps: int
    since: date
    checks: tuple[GateCheck, ...]
    ready: bool  # every check met
    flagged_runs: tuple[int, ...]  # ids of runs not on flat ground while on a flat-only stage
    # Rides and swims imported while on this stage: what the first stage asks for instead of runs.
    cross_training: int = 0
