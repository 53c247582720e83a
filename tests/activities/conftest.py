"""Builders for activity files: GPX and TCX as text, FIT as bytes written by fit-tool."""

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from fit_tool.fit_file_builder import FitFileBuilder  # type: ignore[import-untyped]
from fit_tool.profile.messages.file_id_message import FileIdMessage  # type: ignore[import-untyped]
from fit_tool.profile.messages.record_message import RecordMessage  # type: ignore[import-untyped]
from fit_tool.profile.profile_type import FileType, Manufacturer  # type: ignore[import-untyped]

from psoas.domain.activity import TerrainParameters, TrackPoint
from psoas.rules.terrain import EARTH_RADIUS_M

TERRAIN_YAML = Path(__file__).resolve().parents[2] / "content" / "rules" / "terrain.yaml"
START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
LAT0, LON0 = 51.5, -0.12
# Heading due north, a degree of latitude is this many metres on the haversine sphere.
METRES_PER_DEGREE = EARTH_RADIUS_M * 3.141592653589793 / 180
GPX_NS = "http://www.topografix.com/GPX/1/1"
TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"

Profile = Callable[[float], float]


def terrain_parameters() -> TerrainParameters:
    return TerrainParameters.model_validate(yaml.safe_load(TERRAIN_YAML.read_text("utf-8")))


@pytest.fixture
def parameters() -> TerrainParameters:
    return terrain_parameters()


def flat(_: float) -> float:
    return 35.0


def hill_50m(distance_m: float) -> float:
    """Flat for 1 km, up 50 m over 500 m (10 %), down again over 500 m, flat to the end."""
    if distance_m <= 1000 or distance_m >= 2000:
        return 35.0
    if distance_m <= 1500:
        return 35.0 + (distance_m - 1000) * 0.1
    return 85.0 - (distance_m - 1500) * 0.1


def track(
    length_m: float = 3000,
    *,
    spacing_m: float = 3.0,
    profile: Profile = hill_50m,
    with_elevation: bool = True,
    with_time: bool = True,
    with_distance: bool = False,
) -> Iterator[TrackPoint]:
    """A run due north at 3 m/s with a point every ``spacing_m``, elevation from ``profile``."""
    for i in range(int(length_m / spacing_m) + 1):
        yield TrackPoint(
            latitude_deg=LAT0 + i * spacing_m / METRES_PER_DEGREE,
            longitude_deg=LON0,
            elevation_m=profile(i * spacing_m) if with_elevation else None,
            time=START + timedelta(seconds=i * spacing_m / 3) if with_time else None,
            distance_m=i * spacing_m if with_distance else None,
        )


def run(length_m: float = 3000, **options: Any) -> list[TrackPoint]:
    return list(track(length_m, **options))


def gpx_trkpt(point: TrackPoint) -> str:
    children = ""
    if point.elevation_m is not None:
        children += f"<ele>{point.elevation_m:.2f}</ele>"
    if point.time is not None:
        children += f"<time>{point.time.strftime('%Y-%m-%dT%H:%M:%SZ')}</time>"
    position = f'lat="{point.latitude_deg:.7f}" lon="{point.longitude_deg:.7f}"'
    return f"<trkpt {position}>{children}</trkpt>\n"


def gpx_text(points: Iterable[TrackPoint], *, namespace: str = GPX_NS) -> str:
    body = "".join(gpx_trkpt(p) for p in points)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gpx version="1.1" creator="tests" xmlns="{namespace}">\n'
        f"<metadata><name>Morning run</name></metadata>\n<trk><name>Run</name><trkseg>\n"
        f"{body}</trkseg></trk>\n</gpx>\n"
    )


def tcx_trackpoint(point: TrackPoint) -> str:
    parts = ["<Trackpoint>"]
    if point.time is not None:
        parts.append(f"<Time>{point.time.isoformat()}</Time>")
    if point.latitude_deg is not None:
        parts.append(
            f"<Position><LatitudeDegrees>{point.latitude_deg:.7f}</LatitudeDegrees>"
            f"<LongitudeDegrees>{point.longitude_deg:.7f}</LongitudeDegrees></Position>"
        )
    if point.elevation_m is not None:
        parts.append(f"<AltitudeMeters>{point.elevation_m:.2f}</AltitudeMeters>")
    if point.distance_m is not None:
        parts.append(f"<DistanceMeters>{point.distance_m:.2f}</DistanceMeters>")
    parts.append("<HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>\n")
    return "".join(parts)


def tcx_text(points: Iterable[TrackPoint]) -> str:
    body = "".join(tcx_trackpoint(p) for p in points)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TrainingCenterDatabase xmlns="{TCX_NS}">\n<Activities><Activity Sport="Running">'
        f'<Id>{START.isoformat()}</Id>\n<Lap StartTime="{START.isoformat()}"><Track>\n'
        f"{body}</Track></Lap></Activity></Activities>\n</TrainingCenterDatabase>\n"
    )


def _millis(time: datetime) -> int:
    return round(time.timestamp() * 1000)


def fit_bytes(points: Iterable[TrackPoint], *, altitude_field: str = "enhanced_altitude") -> bytes:
    """A FIT activity with one record message per point (timestamps in ms, as fit-tool wants)."""
    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 0x12345678
    file_id.time_created = _millis(START)
    builder.add(file_id)
    for point in points:
        record = RecordMessage()
        if point.time is not None:
            record.timestamp = _millis(point.time)
        if point.latitude_deg is not None:
            record.position_lat = point.latitude_deg
            record.position_long = point.longitude_deg
        if point.elevation_m is not None:
            setattr(record, altitude_field, point.elevation_m)
        if point.distance_m is not None:
            record.distance = point.distance_m
        builder.add(record)
    data: bytes = builder.build().to_bytes()
    return data


class GeneratedGpx:
    """A GPX file of about ``size_bytes``, made as it is read: big inputs without the memory.

    Indented like a watch's export. One rendered stretch of 100 m repeats, so the runner jumps
    back every 100 m: the reader neither knows nor minds, and rendering costs nothing.
    """

    def __init__(self, size_bytes: int) -> None:
        self.size_bytes = size_bytes
        self.points = 0
        self._pieces = self._generate()
        self._buffer = b""

    def _generate(self) -> Iterator[bytes]:
        head = gpx_text([]).encode()
        split = head.index(b"</trkseg>")
        yield head[:split]
        stretch = run(99, spacing_m=1.0, profile=rolling)
        block = "".join(
            "      "
            + gpx_trkpt(p)
            .replace("><", ">\n        <")
            .replace("\n        </trkpt", "\n      </trkpt")
            for p in stretch
        ).encode()
        written = split
        while written < self.size_bytes:
            self.points += len(stretch)
            written += len(block)
            yield block
        yield head[split:]

    def read(self, size: int = -1, /) -> bytes:
        wanted = size if size >= 0 else 1 << 62
        pieces, have = [self._buffer], len(self._buffer)
        while have < wanted:
            piece = next(self._pieces, b"")
            if not piece:
                break
            pieces.append(piece)
            have += len(piece)
        data = b"".join(pieces)
        self._buffer = data[wanted:]
        return data[:wanted]


def rolling(distance_m: float) -> float:
    return 50.0 + 20.0 * ((distance_m % 2000) / 1000 - 1) ** 2
