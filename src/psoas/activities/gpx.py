"""Track points of a GPX 1.0 or 1.1 file: <trkpt lat lon> with optional <ele> and <time>.

Each <trk> may start a new activity (when recorded on another day, or as another sport, which
its <type> says); each <trkseg> is a gap, because a new segment means the receiver was off.
"""

from collections.abc import Iterator

from psoas.activities.events import Gap, Item, NewActivity
from psoas.activities.sniff import ByteSource
from psoas.activities.sports import gpx_sport
from psoas.activities.xml_stream import coordinate, number, point_fields, timestamp
from psoas.domain.activity import Sport, TrackPoint

WANTED = frozenset({"ele", "time"})


def gpx_items(source: ByteSource, *, name: str) -> Iterator[Item]:
    """Points of every track segment in file order; routes and waypoints are not a recorded run."""
    found = point_fields(
        source,
        name=name,
        label="GPX",
        root="gpx",
        point="trkpt",
        wanted=WANTED,
        marks=frozenset({"trk", "trkseg"}),
        texts=frozenset({"trk/type"}),
    )
    index = 0
    new_track: Sport | None = None
    for kind, attributes, fields in found:
        if kind == "trk":
            new_track = "unknown"
            continue
        if kind == "trk/type":
            new_track = gpx_sport(fields["text"])
            continue
        if kind == "trkseg":
            yield Gap()
            continue
        if new_track is not None:
            yield NewActivity(sport=new_track, joins_same_day=True)
            new_track = None
        index += 1
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
