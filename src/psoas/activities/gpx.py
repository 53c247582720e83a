"""Track points of a GPX 1.0 or 1.1 file: <trkpt lat lon> with optional <ele> and <time>."""

from collections.abc import Iterator

from psoas.activities.sniff import ByteSource
from psoas.activities.xml_stream import coordinate, number, point_fields, timestamp
from psoas.domain.activity import TrackPoint

WANTED = frozenset({"ele", "time"})


def gpx_points(source: ByteSource, *, name: str) -> Iterator[TrackPoint]:
    """Points of every track segment in file order; routes and waypoints are not a recorded run."""
    found = point_fields(source, name=name, label="GPX", root="gpx", point="trkpt", wanted=WANTED)
    for index, (attributes, fields) in enumerate(found, start=1):
        elevation, time = fields.get("ele"), fields.get("time")
        yield TrackPoint(
            latitude_deg=coordinate(
                attributes.get("lat"), name=name, what="lat", index=index, limit=90
            ),
            longitude_deg=coordinate(
                attributes.get("lon"), name=name, what="lon", index=index, limit=180
            ),
            elevation_m=number(elevation, name=name, what="ele", index=index)
            if elevation
            else None,
            time=timestamp(time, name=name, index=index) if time else None,
        )
