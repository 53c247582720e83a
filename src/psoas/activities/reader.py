"""Read a GPX, TCX or FIT activity from a byte stream into its terrain summary."""

from collections.abc import Iterator
from typing import Protocol

from psoas.activities.errors import ActivityFileError
from psoas.activities.fit import fit_points
from psoas.activities.gpx import gpx_points
from psoas.activities.sniff import ByteSource, sniff
from psoas.activities.tcx import tcx_points
from psoas.domain.activity import ActivityFormat, ActivitySummary, TerrainParameters, TrackPoint
from psoas.rules.terrain import TerrainAccumulator, TrackTooLongError


class PointReader(Protocol):
    def __call__(self, source: ByteSource, *, name: str) -> Iterator[TrackPoint]: ...


READERS: dict[ActivityFormat, PointReader] = {
    "gpx": gpx_points,
    "tcx": tcx_points,
    "fit": fit_points,
}
NO_POINTS: dict[ActivityFormat, str] = {
    "gpx": "the GPX has no track points (<trkpt>); export the recorded activity, not a route",
    "tcx": "the TCX has no track points (<Trackpoint>); export the recorded activity",
    "fit": "the FIT file has no record messages; export the recorded activity, not a workout, "
    "course or settings file",
}


def read_activity(
    stream: ByteSource, *, parameters: TerrainParameters, name: str = ""
) -> ActivitySummary:
    """Summarise the activity in ``stream`` (a binary file, or anything with ``read(size)``).

    Streaming: memory is bounded by the parameters, not by the size of the file.

    The format comes from the content, never from ``name`` (used only in messages): a FIT file
    named run.gpx is read as FIT. Anything unreadable raises ActivityFileError with one line for
    the person; no summary is returned for a file that fails part-way.
    """
    file_format, source = sniff(stream, name=name)
    accumulator = TerrainAccumulator(parameters)
    try:
        for point in READERS[file_format](source, name=name):
            accumulator.add(point)
    except TrackTooLongError as error:
        raise ActivityFileError(
            name,
            f"the track is longer than {error.max_distance_m / 1000:,.0f} km, which no run is; "
            "check for merged files or bad GPS positions",
        ) from error
    if accumulator.point_count == 0:
        raise ActivityFileError(name, NO_POINTS[file_format])
    return accumulator.summary(file_format)
