"""Track points of a Garmin TCX file: <Trackpoint> in activities, laps and courses.

Each <Activity> (a multisport session holds one per leg) is its own activity, with its Sport.
"""

from collections.abc import Iterator

from psoas.activities.events import Item, NewActivity
from psoas.activities.sniff import ByteSource
from psoas.activities.sports import tcx_sport
from psoas.activities.xml_stream import coordinate, number, point_fields, timestamp
from psoas.domain.activity import TrackPoint

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
    )
    index = 0
    for kind, attributes, fields in found:
        if kind == "Activity":
            yield NewActivity(sport=tcx_sport(attributes.get("Sport")))
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
