"""Real files from watches and apps (../shared/activities, README there): the right sport, the
right number of activities, distance within 2 % of the file's own total, and honest terrain.

The reference distances are the files' own: a FIT session's total_distance, the sum of a TCX
activity's lap DistanceMeters, and for GPX files (which carry none) the FIT recording of the same
run or gpxpy's length. The folder is shared, not part of the project: without it these skip.
"""

import io
from pathlib import Path
from typing import NamedTuple

import pytest

from psoas.activities import ActivityFileError, fit, read_activities
from psoas.domain.activity import ActivitySummary, Sport, Terrain
from tests.activities.conftest import terrain_parameters

FOLDER = Path(__file__).resolve().parents[3] / "shared" / "activities"
PARAMETERS = terrain_parameters()
pytestmark = pytest.mark.skipif(
    not FOLDER.is_dir(), reason=f"the shared real activity files are not at {FOLDER}"
)


class Leg(NamedTuple):
    sport: Sport
    distance_m: float | None  # the file's own total (None: the file has none to compare)
    terrain: Terrain


RUN_FIT_6782987395 = 14_004.85
EXPECTED: dict[str, tuple[Leg, ...]] = {
    "dblocktcx__running_multiple_running_activities.tcx": (
        Leg("running", 14_332.3, "rolling"),
        Leg("running", 19_151.0, "rolling"),
    ),
    "dblocktcx__running_treadmill_1.tcx": (Leg("running", 4_111.5, "unknown"),),
    "dblocktcx__walking_walking_activity_1.tcx": (Leg("other", 3_988.8, "hilly"),),
    "fitdecode__activity-small-fenix2-run.fit": (Leg("running", 9_008.22, "rolling"),),
    "fitdecode__garmin-fenix-5-bike.fit": (Leg("cycling", 459.52, "flat"),),
    "fitdecode__garmin-fenix-5-run.fit": (Leg("running", 157.56, "unknown"),),
    "fitdecode__garmin-fenix-5-walk.fit": (Leg("walking", 67.85, "flat"),),
    "fitparse__coros-pace-2-cycling-misaligned-fields.fit": (Leg("cycling", 32_145.76, "hilly"),),
    "gc__rides_14582164182.fit.gz": (Leg("cycling", 14_921.2, "flat"),),
    "gc__runs_GarminFR955v18.zip": (Leg("running", 19_114.38, "rolling"),),
    "gc__runs_Move_2020_01_15_19_27_16_Running.fit": (Leg("running", 2_338.0, "flat"),),
    "gpxpy__cerknicko-jezero.gpx": (Leg("unknown", 4_580.0, "rolling"),),
    "gpxpy__cerknicko-jezero-with-elevations-zero.gpx": (Leg("unknown", 4_580.0, "unknown"),),
    "gpxpy__cerknicko-jezero-without-elevations.gpx": (Leg("unknown", 4_580.0, "unknown"),),
    "sportslib__runs_fit_2067489619.fit": (Leg("running", 4_489.39, "rolling"),),
    "sportslib__runs_fit_6782987395.fit": (Leg("running", RUN_FIT_6782987395, "hilly"),),
    "sportslib__runs_fit_6910052863.fit": (Leg("running", 8_225.0, "hilly"),),
    "sportslib__runs_fit_6914538454.fit": (Leg("running", 4_330.0, "rolling"),),
    "sportslib__runs_fit_6916663933.fit": (Leg("running", 10_743.64, "rolling"),),
    "sportslib__runs_gpx_6782987395.gpx": (Leg("running", RUN_FIT_6782987395, "hilly"),),
    "sportslib__runs_tcx_6281425038.tcx": (Leg("running", 4_156.7, "rolling"),),
    "sportslib__swim_fit_6860712481.fit": (Leg("swimming", 2_000.0, "unknown"),),
    "sportslib__tcx_unknown_example.tcx": (Leg("running", 5_729.0, "flat"),),
    "sportslib__triathlons_fit_4623204522.fit": (
        Leg("swimming", 3_933.3, "unknown"),
        Leg("other", 429.76, "flat"),  # transition: 3 m of climb in 430 m
        Leg("cycling", 180_301.58, "rolling"),
        Leg("other", None, "unknown"),  # a transition of one record and 3 m
        Leg("running", 42_563.91, "rolling"),
    ),
    "stravalib__sample.tcx": (Leg("cycling", 64_670.2, "flat"),),
    "togeojson__run.gpx": (Leg("unknown", None, "hilly"),),
    "togeojson__run_gpxtpx.gpx": (Leg("unknown", None, "hilly"),),
}
REFUSED = {
    "fitdecode__Settings.fit": "no record messages",
    "fitdecode__invalid_activity-unexpected-eof.fit": "ends early",
    "gpxpy__route.gpx": "not a route",
}


def test_every_shared_file_is_covered() -> None:
    files = {path.name for path in FOLDER.iterdir() if path.name != "README.md"}
    assert files == set(EXPECTED) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sport_count_distance_and_terrain(name: str) -> None:
    with (FOLDER / name).open("rb") as stream:
        found = read_activities(stream, parameters=PARAMETERS, name=name)
    expected = EXPECTED[name]
    assert [a.sport for a in found] == [leg.sport for leg in expected]
    assert [a.terrain for a in found] == [leg.terrain for leg in expected]
    for activity, leg in zip(found, expected, strict=True):
        if leg.distance_m is not None:
            assert activity.distance_m == pytest.approx(leg.distance_m, rel=0.02)
        assert activity.hilly is (None if leg.terrain == "unknown" else leg.terrain == "hilly")


@pytest.mark.parametrize(("name", "words"), sorted(REFUSED.items()))
def test_files_that_are_not_activities_are_refused_in_words(name: str, words: str) -> None:
    with (FOLDER / name).open("rb") as stream, pytest.raises(ActivityFileError, match=words):
        read_activities(stream, parameters=PARAMETERS, name=name)


def test_two_activities_581_days_apart_are_two_runs_not_one_of_581_days() -> None:
    name = "dblocktcx__running_multiple_running_activities.tcx"
    with (FOLDER / name).open("rb") as stream:
        first, second = read_activities(stream, parameters=PARAMETERS, name=name)
    assert first.started_at is not None
    assert second.started_at is not None
    assert (second.started_at - first.started_at).days == 581
    assert first.duration_s is not None
    assert first.duration_s < 2 * 3600


def test_tracks_with_the_receiver_off_between_them_are_not_bridged() -> None:
    [lake] = read(FOLDER / "gpxpy__cerknicko-jezero.gpx")
    assert lake.distance_m < 5_000  # 13,665 m when the gaps were bridged
    assert any("stops" in note for note in lake.notes)


def test_placeholder_and_settling_elevations_do_not_make_terrain() -> None:
    [zeros] = read(FOLDER / "gpxpy__cerknicko-jezero-with-elevations-zero.gpx")
    assert zeros.elevation_gain_m is None
    assert any("placeholder" in note for note in zeros.notes)
    [settling] = read(FOLDER / "sportslib__tcx_unknown_example.tcx")
    assert settling.terrain == "flat"
    [jump] = read(FOLDER / "fitdecode__activity-small-fenix2-run.fit")
    assert jump.max_sustained_grade_pct is not None
    assert jump.max_sustained_grade_pct < 10


def test_the_barometric_device_climb_is_shown_and_preferred() -> None:
    [run] = read(FOLDER / "sportslib__runs_fit_6782987395.fit")
    assert run.device_elevation_gain_m == 347
    assert run.elevation_gain_m == 347
    [gps] = read(FOLDER / "sportslib__runs_gpx_6782987395.gpx")
    assert gps.elevation_gain_m is not None
    assert gps.elevation_gain_m == pytest.approx(347, rel=0.15)


def test_the_same_run_as_fit_and_as_gpx_reads_alike() -> None:
    [fit] = read(FOLDER / "sportslib__runs_fit_6782987395.fit")
    [gpx] = read(FOLDER / "sportslib__runs_gpx_6782987395.gpx")
    assert (fit.sport, fit.terrain, fit.started_at) == (gpx.sport, gpx.terrain, gpx.started_at)


def test_a_file_read_from_a_stream_without_seek_reads_alike() -> None:
    name = "gc__runs_GarminFR955v18.zip"
    data = (FOLDER / name).read_bytes()

    class Unseekable:
        def __init__(self) -> None:
            self._inner = io.BytesIO(data)

        def read(self, size: int = -1, /) -> bytes:
            return self._inner.read(size)

    assert read_activities(Unseekable(), parameters=PARAMETERS, name=name) == read(FOLDER / name)


def read(path: Path) -> tuple[ActivitySummary, ...]:
    with path.open("rb") as stream:
        return read_activities(stream, parameters=PARAMETERS, name=path.name)


def test_fitdecode_reads_what_the_rust_decoder_reads_streaming_and_leniently(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fallback: a file the Rust decoder cannot read, or one over its size cap, streams
    through fitdecode with the same result (the Coros file leniently, with a note)."""
    names = (
        "sportslib__triathlons_fit_4623204522.fit",
        "gc__runs_GarminFR955v18.zip",  # its session message stands before its records
        "fitparse__coros-pace-2-cycling-misaligned-fields.fit",
    )
    native = {name: read(FOLDER / name) for name in names}
    monkeypatch.setattr(fit, "_native", lambda data: None)
    for name in names:
        fallback = read(FOLDER / name)
        assert [a.sport for a in fallback] == [a.sport for a in native[name]], name
        for slow, fast in zip(fallback, native[name], strict=True):
            assert slow.distance_m == pytest.approx(fast.distance_m, rel=0.01), name
    [coros] = read(FOLDER / "fitparse__coros-pace-2-cycling-misaligned-fields.fit")
    assert any("read leniently" in note for note in coros.notes)
    monkeypatch.setattr(fit, "NATIVE_MAX_BYTES", 1000)
    streamed = read(FOLDER / "gc__runs_GarminFR955v18.zip")
    assert [a.sport for a in streamed] == ["running"]
