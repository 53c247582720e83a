"""The whole validated content, as one immutable value handed to the rules."""

from collections.abc import Mapping
from dataclasses import dataclass

from psoas.domain.activity import TerrainParameters
from psoas.domain.checkin import CheckIn
from psoas.domain.exercise import Exercise
from psoas.domain.ladder import Ladder
from psoas.domain.parameters import GuidanceText, PlanningParameters
from psoas.domain.progression import ProgressionRules
from psoas.domain.safety import Restriction, Screening
from psoas.domain.source import Conflict, Source


@dataclass(frozen=True, slots=True)
class Catalogue:
    exercises: Mapping[str, Exercise]
    sources: Mapping[str, Source]
    conflicts: Mapping[str, Conflict]
    screening: Screening
    restrictions: tuple[Restriction, ...]
    guidance: Mapping[str, GuidanceText]
    parameters: PlanningParameters
    check_in: CheckIn
    progression: ProgressionRules
    ladder: Ladder
    terrain: TerrainParameters
