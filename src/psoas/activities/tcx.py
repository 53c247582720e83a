"""Track points of a Garmin TCX file: <Trackpoint> in activities, laps and courses.

Each <Activity> (a multisport session holds one per leg) is its own activity, with its Sport;
the sum of its laps' DistanceMeters is the watch's own total for it.
"""

from collections.abc import Iterator

from psoas.activities.events import EndActivity, Item, NewActivity
from psoas.activities.sniff import ByteSource
from psoas.activities.sports import tcx_sport
from psoas.activities.xml_stream import coordinate, number, point_fields, timestamp
from psoas.domain.activity import Sport, TrackPoint

LATITUDE, LONGITUDE = "Position/LatitudeDegrees", "Position/LongitudeDegrees"
WANTED = frozenset({"Time", LATITUDE, LONGITUDE, "AltitudeMeters", "DistanceMeters"})


def tcx_items(source: ByteSource, *, name: str) -> Iterator[Item]:
    """Points in file order. A point may lack a position (treadmill, GPS lost) but keep the
    watch's own distance, which is then what counts."""
    found = point_fields(
        source,
        name=name,
        label="TCX",
        root="TrainingCenterDatabase",
        point="Trackpoint",
        wanted=WANTED,
        marks=frozenset({"Activity"}),
        texts=frozenset({"Lap/DistanceMeters", "Lap/TotalTimeSeconds"}),
    )
    index = 0
    sport: Sport | None = None  # of the open <Activity>
    laps_m: float | None = None
    laps_s: float | None = None
    for kind, attributes, fields in found:
        if kind == "Activity":
            if sport is not None:
                yield EndActivity(sport=sport, device_distance_m=laps_m, moving_time_s=laps_s)
            sport, laps_m, laps_s = tcx_sport(attributes.get("Sport")), None, None
            yield NewActivity(sport=sport)
            continue
        if kind == "Lap/TotalTimeSeconds":
            lap_s = _lap_metres(fields["text"])
            if lap_s is not None:
                laps_s = (laps_s or 0.0) + lap_s
            continue
        if kind == "Lap/DistanceMeters":
            lap_m = _lap_metres(fields["text"])
            if lap_m is not None:
                laps_m = (laps_m or 0.0) + lap_m
            continue
        index += 1
        latitude = longitude = None
        if LATITUDE in fields or LONGITUDE in fields:
            latitude = coordinate(
                fields.get(LATITUDE), name=name, what="LatitudeDegrees", index=index, limit=90
            )
            longitude = coordinate(
                fields.get(LONGITUDE), name=name, what="LongitudeDegrees", index=index, limit=180
            )
        altitude, distance, time = (
            fields.get("AltitudeMeters"),
            fields.get("DistanceMeters"),
            fields.get("Time"),
        )
        yield TrackPoint(
            latitude_deg=latitude,
            longitude_deg=longitude,
            elevation_m=number(altitude, name=name, what="AltitudeMeters", index=index)
            if altitude
            else None,
            time=timestamp(time, name=name, index=index) if time else None,
            distance_m=number(distance, name=name, what="DistanceMeters", index=index)
            if distance
            else None,
        )
    if sport is not None:
        yield EndActivity(sport=sport, device_distance_m=laps_m, moving_time_s=laps_s)


def _lap_metres(text: str) -> float | None:
    """A lap's own distance or time; a damaged one is ignored (the points still tell)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 <= value < 1e7 else None
