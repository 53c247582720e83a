"""A guided session as values: the steps to play, what the screen shows, and what happened.

The player (psoas.rules.session_player) is a pure state machine over these types. The terminal UI
and storage only read a PlayerView and act on PlayerEvents, so neither needs to know how the
timing works, and the timing can be tested with a float for a clock.
"""

from typing import Literal, get_args

from pydantic import Field, model_validator

from psoas.domain.base import Frozen
from psoas.domain.exercise import CueMoment
from psoas.domain.vocabulary import PlanPhase

Side = Literal["left", "right"]
SkipReason = Literal["pain", "no-time", "no-equipment", "other"]
SKIP_REASONS: tuple[SkipReason, ...] = get_args(SkipReason)
# The break that follows a step: rest between sets, or time to change to the other side.
BreakKind = Literal["rest", "switch-sides"]
# Stages that run a countdown. "paused" and "done" are what the screen shows besides these.
TimedStage = Literal["get-ready", "hold", "rep-transition", "rest", "switch-sides"]
Stage = Literal[TimedStage, "paused", "done"]
TransitionKind = Literal[TimedStage, "done"]


class SessionError(ValueError):
    """A session that cannot be played as asked. The message says why and what to do instead."""


class StepCue(Frozen):
    """A technique or breathing cue from the exercise, and the moment it belongs to."""

    kind: Literal["technique", "breathing"]
    text: str
    when: CueMoment


class Step(Frozen):
    """One set on one side: the unit a person completes, skips, or resumes from.

    Every duration is in seconds and already multiplied by the session's time scale.
    """

    index: int = Field(ge=0)
    exercise: str
    exercise_name: str
    phase: PlanPhase
    side: Side | None  # None: both sides at once
    set_number: int = Field(ge=1)
    sets: int = Field(ge=1)
    reps: int | None = Field(ge=1)  # None: one continuous hold
    hold_s: float = Field(gt=0)  # one hold, or one rep's hold
    rep_transition_s: float = Field(ge=0)  # lowering and lifting again between reps
    get_ready_s: float = Field(ge=0)
    rest_after_s: float = Field(ge=0)  # 0 when the next step starts straight away
    break_after: BreakKind | None
    equipment: tuple[str, ...]  # one entry per requirement: "bench-or-box or chair"
    cues: tuple[StepCue, ...]

    @model_validator(mode="after")
    def _break_named_when_timed(self) -> "Step":
        if (self.rest_after_s > 0) != (self.break_after is not None):
            raise ValueError("break_after names the break exactly when rest_after_s is above 0")
        return self

    @property
    def hold_count(self) -> int:
        """Holds in this step: the reps, or a single hold."""
        return self.reps or 1


class PlayerView(Frozen):
    """Everything the session screen shows at one moment."""

    stage: Stage
    step_index: int
    step_count: int
    phase: PlanPhase
    exercise_name: str
    side: Side | None
    set_number: int
    sets: int
    rep: int | None  # the rep being held, or coming up next; None for a continuous hold
    reps: int | None
    remaining_s: float  # the large countdown: time left in this stage
    cue: str | None
    next_up: str | None  # None once the session is done
    equipment: tuple[str, ...]


class StepStarted(Frozen):
    step: int


class StepCompleted(Frozen):
    """The step's last hold ended. Commit it now: a quit later keeps it."""

    step: int


class StepSkipped(Frozen):
    step: int
    reason: SkipReason


class Transition(Frozen):
    """A new stage began (or the session finished): play a short tone."""

    kind: TransitionKind


class CueShown(Frozen):
    text: str


class SessionEnded(Frozen):
    """completed is True when the session ran to its end, False when the person quit."""

    completed: bool


PlayerEvent = StepStarted | StepCompleted | StepSkipped | Transition | CueShown | SessionEnded
