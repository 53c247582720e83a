"""An imported run: its track points, the terrain parameters and the summary the app reports."""

from datetime import UTC, datetime
from typing import Annotated, Literal, NamedTuple, Self

from pydantic import AwareDatetime, Field, field_validator, model_validator

from psoas.domain.base import Frozen, Text
from psoas.domain.parameters import Parameter

ActivityFormat = Literal["gpx", "tcx", "fit"]
NonNegative = Annotated[float, Field(ge=0)]


class TrackPoint(NamedTuple):
    """One recorded point. A tuple, not a model: a long run has millions and each must be cheap.

    ``distance_m`` is the device's own running total when the file carries one (FIT, TCX); it is
    trusted over positions because watches filter GPS jitter out of it. ``time`` is aware UTC.
    """

    latitude_deg: float | None = None
    longitude_deg: float | None = None
    elevation_m: float | None = None
    time: datetime | None = None
    distance_m: float | None = None


class TerrainParameters(Frozen):
    """The numbers behind the terrain summary; content/rules/terrain.yaml says why each is set."""

    resample_step_m: Parameter
    smoothing_window_m: Parameter
    climb_hysteresis_m: Parameter
    grade_window_m: Parameter
    hilly_grade_pct: Parameter
    hilly_climb_m_per_km: Parameter

    @model_validator(mode="after")
    def _step_fits(self) -> Self:
        step = self.resample_step_m.value
        if step <= 0:
            raise ValueError("resample_step_m must be above 0 m")
        if self.grade_window_m.value < step:
            raise ValueError("grade_window_m must be at least resample_step_m")
        return self


class ActivitySummary(Frozen):
    """What a runner is told about an imported run. Field names are public (CLI JSON, API).

    ``elevation_gain_m``, ``max_sustained_grade_pct`` and ``hilly`` are None when the file has no
    elevation at all: unknown terrain must not read as flat to someone on a flat-only stage.
    ``max_sustained_grade_pct`` is also None when the track is shorter than the grade window.
    ``notes`` say in words why a value is missing.
    """

    format: ActivityFormat
    point_count: Annotated[int, Field(ge=1)]
    started_at: AwareDatetime | None
    duration_s: NonNegative | None
    distance_m: NonNegative
    elevation_gain_m: NonNegative | None
    max_sustained_grade_pct: NonNegative | None
    hilly: bool | None
    notes: tuple[Text, ...] = ()

    @field_validator("started_at")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else value.astimezone(UTC)
