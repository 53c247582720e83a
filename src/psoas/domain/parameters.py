"""Planning parameters: numbers with their unit, meaning and source, kept in content/rules."""

from typing import Annotated

from pydantic import Field

from psoas.domain.base import Cited, Frozen, Slug, Text
from psoas.domain.basis import Grounded

NonNegative = Annotated[float, Field(ge=0)]


class Parameter(Grounded):
    """A number a rule uses, with its unit and meaning, on the sources' word or ours."""

    value: NonNegative
    unit: Text
    description: Text


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
    minutes_per_extra_item: Parameter
    min_items_per_phase: Parameter
    shorter_than_budget_share: Parameter


class GuidanceText(Cited):
    id: Slug
    title: Text
