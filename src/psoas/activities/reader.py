"""Read the activities in a GPX, TCX or FIT file (or a .gz or .zip of them) into summaries."""

from collections.abc import Callable, Iterator
from typing import Protocol

from psoas.activities.archive import gunzip, inner_name, zip_members
from psoas.activities.errors import ActivityFileError
from psoas.activities.events import EndActivity, Gap, Item, NewActivity, Note
from psoas.activities.fit import fit_items
from psoas.activities.gpx import gpx_items
from psoas.activities.sniff import ByteSource, sniff
from psoas.activities.tcx import tcx_items
from psoas.domain.activity import (
    ActivityFormat,
    ActivitySummary,
    Sport,
    TerrainParameters,
    TrackPoint,
)
from psoas.rules.terrain import TerrainAccumulator, TrackTooLongError


class ItemReader(Protocol):
    def __call__(self, source: ByteSource, *, name: str) -> Iterator[Item]: ...


READERS: dict[ActivityFormat, ItemReader] = {
    "gpx": gpx_items,
    "tcx": tcx_items,
    "fit": fit_items,
}
NO_POINTS: dict[ActivityFormat, str] = {
    "gpx": "the GPX has no track points (<trkpt>); export the recorded activity, not a route",
    "tcx": "the TCX has no track points (<Trackpoint>); export the recorded activity",
    "fit": "the FIT file has no record messages; export the recorded activity, not a workout, "
    "course or settings file",
}


def read_activities(
    stream: ByteSource, *, parameters: TerrainParameters, name: str = ""
) -> tuple[ActivitySummary, ...]:
    """Summarise every activity in ``stream`` (a binary file, or anything with ``read(size)``),
    in file order: each TCX <Activity>, each FIT session (a multisport file's legs), and each
    GPX track recorded on another day or as another sport.

    The format comes from the content, never from ``name`` (used only in messages): a FIT file
    named run.gpx is read as FIT. A .gz or .zip is unpacked, bounded. Anything unreadable raises
    ActivityFileError with one line for the person; nothing is returned for a file that fails
    part-way. Memory is bounded by the parameters, not by the file (FIT files up to 4 MB are
    decoded whole, for speed).
    """
    return tuple(_read(stream, parameters=parameters, name=name, depth=0))


def read_activity(
    stream: ByteSource, *, parameters: TerrainParameters, name: str = ""
) -> ActivitySummary:
    """The one activity in ``stream``; a file holding several is refused."""
    found = read_activities(stream, parameters=parameters, name=name)
    if len(found) > 1:
        raise ActivityFileError(name, f"the file holds {len(found)} activities, not one")
    return found[0]


def _read(
    stream: ByteSource, *, parameters: TerrainParameters, name: str, depth: int
) -> Iterator[ActivitySummary]:
    kind, source = sniff(stream, name=name)
    if kind == "gzip":
        if depth > 1:
            raise ActivityFileError(name, "an archive inside an archive inside an archive")
        yield from _read(
            gunzip(source, name=name), parameters=parameters, name=inner_name(name), depth=depth + 1
        )
        return
    if kind == "zip":
        if depth > 0:
            raise ActivityFileError(name, "a zip inside an archive is not read; unpack it first")
        for member_name, member in zip_members(source, name=name):
            yield from _read(member, parameters=parameters, name=member_name, depth=depth + 1)
        return
    summaries = _summaries(READERS[kind](source, name=name), kind, parameters, name)
    if not summaries:
        raise ActivityFileError(name, NO_POINTS[kind])
    yield from summaries


class _Open:
    """The activity being read: its points so far and what the file said about it."""

    def __init__(self, parameters: TerrainParameters, sport: Sport) -> None:
        self.accumulator = TerrainAccumulator(parameters)
        self.sport = sport


def _summaries(
    items: Iterator[Item], file_format: ActivityFormat, parameters: TerrainParameters, name: str
) -> list[ActivitySummary]:
    done: list[ActivitySummary] = []
    file_notes: list[str] = []
    current = _Open(parameters, "unknown")
    joining: NewActivity | None = None
    ahead: EndActivity | None = None

    def close(
        sport: Sport | None = None,
        device_gain_m: float | None = None,
        device_distance_m: float | None = None,
        moving_time_s: float | None = None,
    ) -> None:
        nonlocal current
        if current.accumulator.point_count:
            done.append(
                current.accumulator.summary(
                    file_format,
                    sport=sport or current.sport,
                    device_gain_m=device_gain_m,
                    device_distance_m=device_distance_m,
                    moving_time_s=moving_time_s,
                    notes=tuple(file_notes),
                )
            )
        current = _Open(parameters, current.sport if sport is None else "unknown")

    try:
        for item in items:
            if isinstance(item, TrackPoint):
                if joining is not None and item.time is not None:
                    _join_or_split(current, joining, item, close)
                    if current.accumulator.point_count == 0:
                        current.sport = joining.sport
                    joining = None
                current.accumulator.add(item)
            elif isinstance(item, NewActivity):
                if item.joins_same_day and current.accumulator.point_count:
                    current.accumulator.gap()
                    joining = item
                else:
                    close()
                    current.sport = item.sport
                    joining = ahead = None
            elif isinstance(item, Gap):
                current.accumulator.gap()
            elif isinstance(item, EndActivity):
                if current.accumulator.point_count:
                    close(
                        item.sport, item.device_gain_m, item.device_distance_m, item.moving_time_s
                    )
                    ahead = None
                else:
                    # A session written before its records (streamed): it describes what follows.
                    ahead = item
                    current.sport = item.sport
            elif isinstance(item, Note):
                file_notes.append(item.text)
    except TrackTooLongError as error:
        raise ActivityFileError(
            name,
            f"an activity is longer than {error.max_distance_m / 1000:,.0f} km, which none is; "
            "check for merged files or bad GPS positions",
        ) from error
    if ahead is not None and current.accumulator.point_count:
        close(ahead.sport, ahead.device_gain_m, ahead.device_distance_m, ahead.moving_time_s)
    close()
    return done


def _join_or_split(
    current: _Open, joining: NewActivity, point: TrackPoint, close: Callable[[], None]
) -> None:
    """A GPX track continues the open activity when it is the same sport on the same UTC day."""
    started = current.accumulator.started_at
    same_day = (
        started is not None and point.time is not None and started.date() == point.time.date()
    )
    if same_day and joining.sport == current.sport:
        return
    close()
