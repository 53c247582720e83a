"""The terrain summary's arithmetic: distance, climb without jitter, sustained grade, hilliness.

The shipped parameters come from content/rules/terrain.yaml; the expected numbers here come from
the spec (10 km of ±3 m noise climbs under 10 m; a 50 m hill climbs 50 m ± 10 %).
"""

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.activity import ActivitySummary, TerrainParameters, TrackPoint
from psoas.rules.terrain import MAX_DISTANCE_M, TerrainAccumulator, TrackTooLongError, haversine_m

TERRAIN_YAML = Path(__file__).resolve().parents[2] / "content" / "rules" / "terrain.yaml"
SHIPPED = TerrainParameters.model_validate(yaml.safe_load(TERRAIN_YAML.read_text("utf-8")))
# The arithmetic below was specified on a 200 m grade window; the shipped window is longer (see
# terrain.yaml), and the method is the same for any window.
PARAMETERS = SHIPPED.model_copy(
    update={
        "grade_window_m": SHIPPED.grade_window_m.model_copy(update={"value": 200}),
        "hilly_grade_pct": SHIPPED.hilly_grade_pct.model_copy(update={"value": 4}),
        "rolling_grade_pct": SHIPPED.rolling_grade_pct.model_copy(update={"value": 3}),
    }
)
STEP_M = 10.0  # points exactly on the 10 m resampling grid, so reversing a track mirrors it


def summarise(
    elevations: Sequence[float | None],
    spacing_m: float = STEP_M,
    parameters: TerrainParameters = PARAMETERS,
) -> ActivitySummary:
    accumulator = TerrainAccumulator(parameters)
    for i, elevation in enumerate(elevations):
        accumulator.add(TrackPoint(elevation_m=elevation, distance_m=i * spacing_m))
    return accumulator.summary("gpx")


def gain(elevations: Sequence[float], spacing_m: float = STEP_M) -> float:
    value = summarise(elevations, spacing_m).elevation_gain_m
    assert value is not None
    return value


def grade(elevations: Sequence[float], spacing_m: float = STEP_M) -> float:
    value = summarise(elevations, spacing_m).max_sustained_grade_pct
    assert value is not None
    return value


def profile(points: int, spacing_m: float, height_at: object) -> list[float]:
    assert callable(height_at)
    return [float(height_at(i * spacing_m)) for i in range(points)]


def hill(rise_m: float, grade_pct: float, flat_m: float = 1000) -> object:
    """Flat, straight up ``rise_m`` at ``grade_pct``, straight down, flat."""
    ramp_m = rise_m / grade_pct * 100

    def height(distance_m: float) -> float:
        along = distance_m - flat_m
        if along <= 0 or along >= 2 * ramp_m:
            return 100.0
        return 100.0 + min(along, 2 * ramp_m - along) * grade_pct / 100

    return height


def test_haversine_knows_a_degree_of_latitude_and_shrinks_longitude_with_latitude() -> None:
    assert haversine_m(0, 0, 1, 0) == pytest.approx(111_195, abs=1)
    assert haversine_m(60, 0, 60, 1) == pytest.approx(111_195 / 2, rel=0.01)
    assert haversine_m(51.5, -0.12, 51.5, -0.12) == 0


@pytest.mark.parametrize("spacing_m", [1.0, 3.0, 5.0])
@pytest.mark.parametrize("seed", range(5))
def test_ten_km_of_flat_track_with_3_m_of_jitter_barely_climbs(spacing_m: float, seed: int) -> None:
    rng = random.Random(seed)
    points = int(10_000 / spacing_m) + 1
    uniform = [35 + rng.uniform(-3, 3) for _ in range(points)]
    gaussian = [35 + rng.gauss(0, 3) for _ in range(points)]
    assert gain(uniform, spacing_m) < 10
    assert gain(gaussian, spacing_m) < 10
    assert summarise(uniform, spacing_m).hilly is False


@pytest.mark.parametrize(("spacing_m", "grade_pct"), [(1.0, 10), (3.0, 5), (10.0, 3), (50.0, 8)])
def test_a_50_m_hill_climbs_50_m_give_or_take_10_percent(spacing_m: float, grade_pct: int) -> None:
    elevations = profile(int(5000 / spacing_m), spacing_m, hill(50, grade_pct))
    assert gain(elevations, spacing_m) == pytest.approx(50, rel=0.1)


def test_a_hill_climbs_50_m_through_3_m_of_jitter() -> None:
    rng = random.Random(7)
    elevations = [e + rng.uniform(-3, 3) for e in profile(1700, 3.0, hill(50, 6))]
    assert gain(elevations, 3.0) == pytest.approx(50, rel=0.1)


def test_two_hills_count_twice_and_a_descent_counts_nothing() -> None:
    two = profile(500, STEP_M, hill(30, 6, flat_m=500)) + profile(500, STEP_M, hill(30, 6))
    assert gain(two) == pytest.approx(60, rel=0.1)
    assert gain([100 - i * 0.05 for i in range(1000)]) == 0


def test_sustained_grade_is_the_steepest_200_m_up_or_down() -> None:
    ramp = [100 + max(0.0, i * STEP_M - 1000) * 0.06 for i in range(200)]  # 6 % after 1 km
    assert grade(ramp) == pytest.approx(6, abs=0.01)
    assert grade(ramp[::-1]) == pytest.approx(6, abs=0.01)
    assert summarise(ramp[::-1]).hilly is True


def test_a_steep_kerb_shorter_than_the_window_is_not_a_sustained_grade() -> None:
    # A 4 m step (a flight of stairs): steep for a few metres, about 2 % over 200 m.
    kerb = [100.0 if i < 100 else 104.0 for i in range(200)]
    assert grade(kerb) == pytest.approx(2, abs=0.01)
    assert summarise(kerb).hilly is False


def test_rolling_terrain_is_hilly_by_climb_per_km_though_never_steep() -> None:
    # 400 m up and 400 m down at 3.8 %: under 4 % sustained, but 15.2 m of climb every 800 m,
    # about 16.6 m/km once smoothing has rounded the tops and bottoms.
    rolling = [100 + abs((i * STEP_M) % 800 - 400) * 0.038 for i in range(1001)]
    summary = summarise(rolling)
    assert summary.max_sustained_grade_pct is not None
    assert summary.max_sustained_grade_pct < PARAMETERS.hilly_grade_pct.value
    assert summary.elevation_gain_m is not None
    assert summary.elevation_gain_m / 10 >= PARAMETERS.hilly_climb_m_per_km.value
    assert summary.hilly is True


def test_a_track_shorter_than_the_grade_window_has_no_sustained_grade() -> None:
    summary = summarise([100 + i for i in range(15)])  # 140 m, climbing 7 %
    assert summary.max_sustained_grade_pct is None
    assert summary.elevation_gain_m is not None
    # The smoothing window reaches past both ends, so a short climb loses a little at each.
    assert 0.7 * 14 < summary.elevation_gain_m <= 14
    # 14 m over 140 m, taken over at least 1 km: 14 m/km, rolling but not hilly.
    assert summary.terrain == "rolling"
    assert any("shorter than the 200 m grade window" in note for note in summary.notes)


def test_no_elevation_leaves_climb_grade_and_hilliness_unknown_not_flat() -> None:
    summary = summarise([None] * 500)
    assert summary.elevation_gain_m is None
    assert summary.max_sustained_grade_pct is None
    assert summary.hilly is None
    assert summary.distance_m == 499 * STEP_M
    assert any("no elevation" in note for note in summary.notes)


def test_points_missing_elevation_are_bridged_by_their_neighbours() -> None:
    elevations: list[float | None] = [100 + i * 0.1 for i in range(600)]
    elevations[200:300] = [None] * 100
    assert summarise(elevations).elevation_gain_m == pytest.approx(59.9, rel=0.05)


def test_duration_runs_from_the_earliest_to_the_latest_time_in_utc() -> None:
    start = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    accumulator = TerrainAccumulator(PARAMETERS)
    for seconds in (0, 5, 3, 3600):
        accumulator.add(TrackPoint(time=start + timedelta(seconds=seconds)))
    summary = accumulator.summary("fit")
    assert summary.started_at == start
    assert summary.duration_s == 3600
    assert summary.distance_m == 0


def test_no_times_means_no_duration() -> None:
    summary = summarise([100.0] * 50)
    assert summary.started_at is None
    assert summary.duration_s is None
    assert any("no times" in note for note in summary.notes)


def zigzag(device: list[float | None]) -> ActivitySummary:
    """GPS zig-zags 0.001° (111 m) east and back while the watch counts its own distance."""
    accumulator = TerrainAccumulator(PARAMETERS)
    for i, device_m in enumerate(device):
        accumulator.add(
            TrackPoint(latitude_deg=51.5, longitude_deg=(i % 2) * 0.001, distance_m=device_m)
        )
    return accumulator.summary("fit")


def test_device_distance_counts_when_every_point_has_it_and_resets_do_not_subtract() -> None:
    assert zigzag([0.0, 10.0, 20.0, 0.0, 10.0]).distance_m == 30.0


def test_without_the_device_distance_on_every_point_the_positions_count_never_both() -> None:
    # Alternating records (one with a position, one with the device's distance) must not add up.
    summary = zigzag([0.0, 10.0, 20.0, 0.0, 10.0, None])
    assert summary.distance_m == pytest.approx(5 * haversine_m(51.5, 0, 51.5, 0.001))
    assert any("positions" in note for note in summary.notes)


def test_a_track_across_the_globe_is_refused_before_any_work() -> None:
    accumulator = TerrainAccumulator(PARAMETERS)
    accumulator.add(TrackPoint(latitude_deg=0, longitude_deg=0, elevation_m=0))
    with pytest.raises(TrackTooLongError):
        accumulator.add(TrackPoint(latitude_deg=0, longitude_deg=179, elevation_m=0))
    assert haversine_m(0, 0, 0, 179) > MAX_DISTANCE_M


def test_summary_ends_the_accumulation() -> None:
    accumulator = TerrainAccumulator(PARAMETERS)
    with pytest.raises(ValueError, match="no points"):
        accumulator.summary("gpx")
    accumulator.add(TrackPoint(elevation_m=1))
    assert accumulator.summary("gpx") == accumulator.summary("gpx")
    with pytest.raises(RuntimeError):
        accumulator.add(TrackPoint(elevation_m=2))


# Properties hold for any parameters. An odd hysteresis keeps integer tracks off its exact edge,
# where a rounding difference of 1e-15 m would rightly flip whether a whole climb counts.
ODD_HYSTERESIS = PARAMETERS.model_copy(
    update={
        "climb_hysteresis_m": PARAMETERS.climb_hysteresis_m.model_copy(update={"value": 5.1234567})
    }
)
# Heights inside the plausible range and never exactly 0 m, which may be a placeholder.
elevation = st.floats(min_value=-400, max_value=8000, allow_nan=False).filter(lambda e: e != 0)
tracks = st.lists(elevation, min_size=1, max_size=400)
whole_metres = st.lists(st.integers(min_value=1100, max_value=7900), min_size=1, max_size=400)


def raw_rise(elevations: Sequence[float]) -> float:
    return sum(max(0.0, b - a) for a, b in pairwise(elevations))


@settings(max_examples=200, deadline=None)
@given(tracks, st.sampled_from([1.0, 3.0, 10.0, 25.0]))
def test_gain_is_never_negative_nor_more_than_the_raw_rises(
    elevations: list[float], spacing_m: float
) -> None:
    value = gain(elevations, spacing_m)
    assert 0 <= value <= raw_rise(elevations) + 1e-6


@settings(max_examples=200, deadline=None)
@given(whole_metres, st.integers(min_value=-1000, max_value=1000))
def test_raising_the_whole_track_changes_nothing(elevations: list[int], offset: int) -> None:
    before = summarise([float(e) for e in elevations], parameters=ODD_HYSTERESIS)
    after = summarise([float(e + offset) for e in elevations], parameters=ODD_HYSTERESIS)
    assert after.elevation_gain_m == pytest.approx(before.elevation_gain_m, abs=1e-6)
    if before.max_sustained_grade_pct is None:
        assert after.max_sustained_grade_pct is None
    else:
        assert after.max_sustained_grade_pct == pytest.approx(
            before.max_sustained_grade_pct, abs=1e-6
        )


@settings(max_examples=200, deadline=None)
@given(tracks)
def test_running_the_track_backwards_gives_the_same_steepest_grade(elevations: list[float]) -> None:
    forwards, backwards = summarise(elevations), summarise(elevations[::-1])
    assert backwards.distance_m == forwards.distance_m
    if forwards.max_sustained_grade_pct is None:
        assert backwards.max_sustained_grade_pct is None
    else:
        assert backwards.max_sustained_grade_pct == pytest.approx(
            forwards.max_sustained_grade_pct, abs=1e-6
        )
