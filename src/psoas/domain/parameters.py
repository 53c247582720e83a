"""Planning parameters: numbers with their unit, meaning and source, kept in content/rules."""

from typing import Annotated

from pydantic import Field

from psoas.domain.base import Cited, Frozen, Slug, Text

NonNegative = Annotated[float, Field(ge=0)]


class Parameter(Frozen):
    value: NonNegative
    unit: Text
    description: Text
    sources: tuple[Slug, ...] = ()


class PlanningParameters(Frozen):
    setup_s: Parameter
    side_switch_s: Parameter
    rest_between_sets_s: Parameter
    rep_transition_s: Parameter
    desk_break_interval_minutes: Parameter
    driving_break_interval_minutes: Parameter
    desk_break_walk_minutes: Parameter
    driving_break_minutes: Parameter
    long_sitting_hours_per_day: Parameter
    cross_train_pain_at_least: Parameter
    max_items_per_phase: Parameter


class GuidanceText(Cited):
    id: Slug
    title: Text
