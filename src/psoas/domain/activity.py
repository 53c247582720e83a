"""An imported run: its track points, the terrain parameters and the summary the app reports."""

from datetime import UTC, datetime
from typing import Annotated, Literal, NamedTuple, Self

from pydantic import AwareDatetime, Field, field_validator, model_validator

from psoas.domain.base import Frozen, Text
from psoas.domain.parameters import Parameter

ActivityFormat = Literal["gpx", "tcx", "fit"]
Sport = Literal["running", "walking", "hiking", "cycling", "swimming", "other", "unknown"]
SPORTS: tuple[Sport, ...] = (
    "running",
    "walking",
    "hiking",
    "cycling",
    "swimming",
    "other",
    "unknown",
)
Terrain = Literal["flat", "rolling", "hilly", "unknown"]
TERRAINS: tuple[Terrain, ...] = ("flat", "rolling", "hilly", "unknown")
# What an activity counts as on the return-to-run ladder.
CountsAs = Literal["run", "cross-training", "walk", "other"]
COUNTS_AS: dict[Sport, CountsAs] = {
    "running": "run",
    # A file that does not say its sport is most likely a run (the app imports runs); it counts,
    # and a note says it was assumed.
    "unknown": "run",
    "walking": "walk",
    "hiking": "walk",
    "cycling": "cross-training",
    "swimming": "cross-training",
    "other": "other",
}
NonNegative = Annotated[float, Field(ge=0)]


def terrain_of(hilly: bool | None) -> Terrain:
    """The terrain of a record kept before terrain had names: hilly, flat when not, unknown."""
    return "unknown" if hilly is None else "hilly" if hilly else "flat"


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
    rolling_grade_pct: Parameter
    rolling_climb_m_per_km: Parameter
    deepest_below_sea_level_m: Parameter
    highest_elevation_m: Parameter
    placeholder_zero_run_points: Parameter
    settling_s: Parameter
    elevation_jump_m: Parameter
    barometric_rough_share_pct: Parameter
    device_total_tolerance_pct: Parameter
    climb_per_km_min_distance_m: Parameter

    @model_validator(mode="after")
    def _step_fits(self) -> Self:
        step = self.resample_step_m.value
        if step <= 0:
            raise ValueError("resample_step_m must be above 0 m")
        if self.grade_window_m.value < step:
            raise ValueError("grade_window_m must be at least resample_step_m")
        if self.rolling_grade_pct.value > self.hilly_grade_pct.value:
            raise ValueError("rolling_grade_pct must be at most hilly_grade_pct")
        if self.rolling_climb_m_per_km.value > self.hilly_climb_m_per_km.value:
            raise ValueError("rolling_climb_m_per_km must be at most hilly_climb_m_per_km")
        return self


class ActivitySummary(Frozen):
    """What a person is told about one imported activity. Field names are public (CLI JSON, API).

    ``elevation_gain_m``, ``max_sustained_grade_pct`` and ``hilly`` are None when the file has no
    trustworthy elevation (none, or placeholders): unknown terrain must not read as flat to
    someone on a flat-only stage, and ``terrain`` is then "unknown". ``hilly`` is kept for
    clients written before ``terrain``: true only when the terrain is hilly.
    ``max_sustained_grade_pct`` is also None when the track is shorter than the grade window.
    ``device_elevation_gain_m`` is the climb the device itself reported (FIT ``total_ascent``).
    ``duration_s`` is the sum of the recorded spans, pauses and gaps left out;
    ``moving_time_s`` is the device's own timer (FIT total_timer_time, TCX lap times) if it has one.
    ``notes`` say in words why a value is missing or was chosen.
    """

    format: ActivityFormat
    sport: Sport = "unknown"
    # Follows from the sport; a summary stored before sports were read is a run.
    counts_as: CountsAs = Field(
        default_factory=lambda data: COUNTS_AS.get(data.get("sport", "unknown"), "other")
    )
    point_count: Annotated[int, Field(ge=1)]
    started_at: AwareDatetime | None
    duration_s: NonNegative | None
    moving_time_s: NonNegative | None = None
    distance_m: NonNegative
    elevation_gain_m: NonNegative | None
    device_elevation_gain_m: NonNegative | None = None
    max_sustained_grade_pct: NonNegative | None
    hilly: bool | None
    # A summary stored before terrain had names: hilly or not, as it was judged then.
    terrain: Terrain = Field(default_factory=lambda data: terrain_of(data.get("hilly")))
    notes: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.counts_as != COUNTS_AS[self.sport]:
            raise ValueError(f"counts_as must be {COUNTS_AS[self.sport]!r} for {self.sport!r}")
        expected = None if self.terrain == "unknown" else self.terrain == "hilly"
        if self.hilly is not expected:
            raise ValueError(f"hilly must be {expected} for terrain {self.terrain!r}")
        return self

    @field_validator("started_at")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else value.astimezone(UTC)
