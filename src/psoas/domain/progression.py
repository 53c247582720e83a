"""Progression and step-back rules as data (content/rules/progression.yaml), and the changes
they make to a plan. A change always carries its reason and the records it rests on."""

from datetime import date
from typing import Literal, get_args

from pydantic import Field

from psoas.domain.base import Frozen, Slug, Text
from psoas.domain.basis import Grounded
from psoas.domain.parameters import Parameter
from psoas.domain.vocabulary import RedFlag

ChangeKind = Literal[
    "progress", "step-back", "stop", "resume", "ladder-start", "ladder-up", "ladder-down"
]
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)


class Rule(Grounded):
    """A rule's identity and its plain-language statement, with the sources it rests on (or our
    stated reason for it)."""

    id: Slug
    description: Text


class ProgressRule(Rule):
    """Make a dose harder after a good stretch of time."""

    window_days: Parameter
    pain_at_most: Parameter
    sessions_done_at_least_pct: Parameter
    check_ins_at_least: Parameter
    hold_step_s: Parameter


class PainRiseRule(Rule):
    """Step every dose back when pain rises by a change that matters."""

    rise_at_least: Parameter


class PainSkipRule(Rule):
    """Step one exercise back when it is skipped for pain several sessions running."""

    skips_in_a_row: Parameter


class ProgressionRules(Frozen):
    progress: ProgressRule
    step_back_on_pain_rise: PainRiseRule
    step_back_on_pain_skips: PainSkipRule
    stop_on_red_flag: Rule


class DoseLevel(Frozen):
    """The dose in force for one plan slot: which variant, and how much of it."""

    exercise: Slug
    sets: int = Field(ge=1)
    seconds: int = Field(ge=1)
    reps: int | None = Field(default=None, ge=1)


class PlanChange(Frozen):
    """One change to a person's plan. ``slot`` is the exercise the base plan chose; ``before`` and
    ``after`` are the doses either side of the change (None for stop, resume and ladder moves)."""

    on: date
    kind: ChangeKind
    rule: Slug
    slot: Slug | None = None
    before: DoseLevel | None = None
    after: DoseLevel | None = None
    stage: Slug | None = None  # the ladder stage reached, for ladder changes
    red_flags: tuple[RedFlag, ...] = ()  # the warning signs a stop is for
    reason: Text
    sources: tuple[Slug, ...] = ()
    check_ins: tuple[int, ...] = ()  # ids of the check-ins the change rests on
    sessions: tuple[int, ...] = ()  # ids of the sessions it rests on
    runs: tuple[int, ...] = ()  # ids of the runs it rests on
