"""Properties of the terrain summary added for real files: a gap never adds distance, placeholder
elevation is never flat, and jitter-free hills keep their terrain class across any gap."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.activity import ActivitySummary, TrackPoint
from psoas.rules.terrain import TerrainAccumulator
from tests.rules.test_terrain import SHIPPED

START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
steps = st.lists(
    st.tuples(
        st.floats(min_value=-0.001, max_value=0.001),
        st.floats(min_value=-0.001, max_value=0.001),
        st.one_of(st.none(), st.floats(min_value=0, max_value=20)),
    ),
    min_size=2,
    max_size=200,
)


def points(moves: list[tuple[float, float, float | None]], with_device: bool) -> list[TrackPoint]:
    found, lat, lon, device = [], 45.0, 7.0, 0.0
    for i, (dlat, dlon, ahead) in enumerate(moves):
        lat, lon, device = lat + dlat, lon + dlon, device + (ahead or 0.0)
        found.append(
            TrackPoint(
                latitude_deg=lat,
                longitude_deg=lon,
                elevation_m=500.0,
                time=START + timedelta(seconds=i),
                distance_m=device if with_device else None,
            )
        )
    return found


def summarise(track: list[TrackPoint], gaps: frozenset[int] = frozenset()) -> ActivitySummary:
    accumulator = TerrainAccumulator(SHIPPED)
    for i, point in enumerate(track):
        if i in gaps:
            accumulator.gap()
        accumulator.add(point)
    return accumulator.summary("gpx")


@settings(max_examples=150, deadline=None)
@given(steps, st.booleans(), st.data())
def test_splitting_a_track_at_a_gap_never_increases_distance(
    moves: list[tuple[float, float, float | None]], with_device: bool, data: st.DataObject
) -> None:
    track = points(moves, with_device)
    gaps = frozenset(data.draw(st.sets(st.integers(min_value=0, max_value=len(track) - 1))))
    whole, split = summarise(track), summarise(track, gaps)
    assert split.distance_m <= whole.distance_m + 1e-6
    assert split.point_count == whole.point_count
    assert split.duration_s is not None
    assert whole.duration_s is not None
    assert split.duration_s <= whole.duration_s


placeholder = st.one_of(
    st.just(0.0),
    st.floats(min_value=9000.001, max_value=1e308),
    st.floats(min_value=-1e308, max_value=-500.001),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(placeholder, min_size=1, max_size=300), st.sampled_from([1.0, 3.0, 25.0]))
def test_placeholder_elevation_never_yields_flat(elevations: list[float], spacing_m: float) -> None:
    accumulator = TerrainAccumulator(SHIPPED)
    for i, elevation in enumerate(elevations):
        accumulator.add(TrackPoint(elevation_m=elevation, distance_m=i * spacing_m))
    summary = accumulator.summary("gpx")
    assert summary.terrain == "unknown"
    assert summary.hilly is None
    assert summary.elevation_gain_m is None


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=10, max_value=60), st.floats(min_value=1, max_value=3000))
def test_a_leading_run_of_zeros_adds_no_climb(zeros: int, height_m: float) -> None:
    """Leading placeholder zeros before real heights once added hundreds of metres of climb."""
    accumulator = TerrainAccumulator(SHIPPED)
    elevations = [0.0] * zeros + [height_m] * 300
    for i, elevation in enumerate(elevations):
        accumulator.add(TrackPoint(elevation_m=elevation, distance_m=i * 3.0))
    summary = accumulator.summary("gpx")
    assert summary.elevation_gain_m == 0
    assert summary.terrain == "flat"
