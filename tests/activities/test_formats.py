"""Reading real-shaped GPX, TCX and FIT files: the same run gives the same summary in each."""

import io
from datetime import UTC, datetime, timedelta

import pytest

from psoas.activities import read_activity
from psoas.domain.activity import ActivitySummary, TerrainParameters
from tests.activities.conftest import (
    START,
    fit_bytes,
    flat,
    gpx_text,
    run,
    tcx_text,
)


def read(data: bytes | str, parameters: TerrainParameters, name: str = "run") -> ActivitySummary:
    raw = data.encode() if isinstance(data, str) else data
    return read_activity(io.BytesIO(raw), parameters=parameters, name=name)


# 3 km at 3 m/s with a point every 10 m, over a 50 m hill at 10 % (fit-tool writes slowly).
HILL_RUN = run(3000, spacing_m=10)
WITH_DISTANCE = run(3000, spacing_m=10, with_distance=True)
UNKNOWN_SPORT = "The file does not say its sport, so it is counted as a run."
FILES: dict[str, bytes] = {
    "gpx": gpx_text(HILL_RUN).encode(),
    "tcx": tcx_text(WITH_DISTANCE).encode(),
    "fit": fit_bytes(WITH_DISTANCE),
}


@pytest.mark.parametrize("file_format", ["gpx", "tcx", "fit"])
def test_each_format_reports_the_same_run(parameters: TerrainParameters, file_format: str) -> None:
    summary = read(FILES[file_format], parameters)
    assert summary.format == file_format
    assert summary.point_count == len(HILL_RUN)
    assert summary.started_at == START
    assert summary.duration_s == 1000
    assert summary.distance_m == pytest.approx(3000, abs=1)
    assert summary.elevation_gain_m == pytest.approx(50, rel=0.1)
    # The steepest 500 m of a 500 m ramp at 10 %, its top and foot rounded by the smoothing.
    assert summary.max_sustained_grade_pct == pytest.approx(9.3, abs=0.2)
    assert summary.hilly is True
    assert summary.terrain == "hilly"
    assert summary.sport == ("running" if file_format == "tcx" else "unknown")
    assert summary.notes == (() if file_format == "tcx" else (UNKNOWN_SPORT,))


def test_a_flat_run_is_not_hilly(parameters: TerrainParameters) -> None:
    summary = read(gpx_text(run(5000, profile=flat)), parameters)
    assert summary.elevation_gain_m == 0
    assert summary.max_sustained_grade_pct == 0
    assert summary.hilly is False


@pytest.mark.parametrize(
    ("data", "name", "real_format"),
    [
        (FILES["fit"], "run.gpx", "fit"),
        (FILES["gpx"], "run.fit", "gpx"),
        (FILES["tcx"], "run.gpx", "tcx"),
        (FILES["gpx"], "", "gpx"),
    ],
)
def test_the_content_decides_the_format_never_the_name(
    parameters: TerrainParameters, data: bytes | str, name: str, real_format: str
) -> None:
    summary = read(data, parameters, name=name)
    assert summary.format == real_format
    assert summary.distance_m == pytest.approx(3000, abs=1)


@pytest.mark.parametrize(
    "namespace", ["http://www.topografix.com/GPX/1/0", "http://www.topografix.com/GPX/1/1", ""]
)
def test_gpx_10_11_and_no_namespace_read_alike(
    parameters: TerrainParameters, namespace: str
) -> None:
    text = gpx_text(HILL_RUN, namespace=namespace).replace(' xmlns=""', "")
    assert read(text, parameters).elevation_gain_m == pytest.approx(50, rel=0.1)


def test_gpx_with_a_byte_order_mark_routes_and_waypoints_reads_only_the_track(
    parameters: TerrainParameters,
) -> None:
    text = gpx_text(run(1000, profile=flat)).replace(
        "<trk>",
        '<wpt lat="10" lon="10"><ele>9000</ele></wpt>'
        '<rte><rtept lat="11" lon="11"><ele>0</ele></rtept></rte><trk>',
    )
    summary = read(b"\xef\xbb\xbf" + text.encode(), parameters)
    assert summary.point_count == len(run(1000))
    assert summary.elevation_gain_m == 0


def test_gpx_times_with_offsets_or_no_zone_are_utc(parameters: TerrainParameters) -> None:
    points = [
        '<trkpt lat="51.5" lon="0"><time>2024-05-01T08:30:00+02:00</time></trkpt>',
        '<trkpt lat="51.501" lon="0"><time>2024-05-01T06:40:00.500</time></trkpt>',
    ]
    text = gpx_text([]).replace("</trkseg>", "".join(points) + "</trkseg>")
    summary = read(text, parameters)
    assert summary.started_at == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert summary.duration_s == 600.5
    assert summary.distance_m == pytest.approx(111.2, abs=0.1)


def test_missing_elevation_and_time_are_reported_as_unknown(parameters: TerrainParameters) -> None:
    summary = read(gpx_text(run(2100, with_elevation=False, with_time=False)), parameters)
    assert summary.distance_m == pytest.approx(2100, abs=1)
    assert summary.duration_s is None
    assert summary.started_at is None
    assert summary.elevation_gain_m is None
    assert summary.hilly is None
    assert summary.terrain == "unknown"
    assert len(summary.notes) == 3


def test_tcx_trackpoints_without_position_still_count_by_the_watch_distance(
    parameters: TerrainParameters,
) -> None:
    treadmill = [p._replace(latitude_deg=None, longitude_deg=None) for p in run(1200)]
    summary = read(
        tcx_text([p._replace(distance_m=i * 3.0) for i, p in enumerate(treadmill)]), parameters
    )
    assert summary.distance_m == pytest.approx(1200)
    assert summary.point_count == len(treadmill)


def test_fit_without_device_distance_measures_the_positions(parameters: TerrainParameters) -> None:
    summary = read(fit_bytes(HILL_RUN), parameters)
    assert summary.distance_m == pytest.approx(3000, abs=1)
    assert summary.elevation_gain_m == pytest.approx(50, rel=0.1)


def test_fit_altitude_is_used_when_there_is_no_enhanced_altitude(
    parameters: TerrainParameters,
) -> None:
    summary = read(fit_bytes(HILL_RUN, altitude_field="altitude"), parameters)
    assert summary.elevation_gain_m == pytest.approx(50, rel=0.1)


def test_fit_start_time_is_aware_utc(parameters: TerrainParameters) -> None:
    later = [p._replace(time=p.time + timedelta(hours=3)) for p in run(300) if p.time]
    summary = read(fit_bytes(later), parameters)
    assert summary.started_at == START + timedelta(hours=3)
    assert summary.started_at is not None
    assert summary.started_at.tzinfo == UTC


def test_points_reach_the_summary_in_file_order_across_tcx_laps(
    parameters: TerrainParameters,
) -> None:
    text = tcx_text(run(1000, with_distance=True))
    middle = text.index("<Trackpoint>", len(text) // 2)
    two_laps = text[:middle] + "</Track></Lap><Lap><Track>" + text[middle:]
    summary = read(two_laps, parameters)
    assert summary.distance_m == pytest.approx(999)  # the last point of 334, 3 m apart
    assert summary.point_count == 334


def test_a_utf16_gpx_reads_like_utf8(parameters: TerrainParameters) -> None:
    text = gpx_text(HILL_RUN).replace("UTF-8", "UTF-16")
    summary = read(text.encode("utf-16"), parameters)
    assert summary.point_count == len(HILL_RUN)
    assert summary.elevation_gain_m == pytest.approx(50, rel=0.1)
