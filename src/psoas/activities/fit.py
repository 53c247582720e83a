"""Record messages of a FIT file, decoded frame by frame; a damaged or cut-off file is refused.

fitdecode reads only the bytes of the frame in hand, so memory stays flat however long the run.
Its checksum check is set to raise, not warn: the checksum sits at the very end, so a truncated
or corrupted file fails there, and because points are only summarised once the whole file has
been read, nothing from such a file is ever reported.
"""

import math
import struct
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import fitdecode  # type: ignore[import-untyped]

from psoas.activities.errors import ActivityFileError
from psoas.activities.sniff import ByteSource
from psoas.domain.activity import TrackPoint

SEMICIRCLE_DEG = 180 / 2**31
AGAIN = "export the activity again"
# fitdecode checks structure but can still trip over damaged field data with built-in errors.
DECODE_ERRORS = (ValueError, IndexError, KeyError, TypeError, OverflowError, struct.error)


def fit_points(source: ByteSource, *, name: str) -> Iterator[TrackPoint]:
    """One point per ``record`` message, in file order (chained FIT files included)."""
    reader = fitdecode.FitReader(
        source,
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    )
    frames = iter(reader)
    try:
        while True:
            try:
                frame = next(frames)
            except StopIteration:
                return
            except fitdecode.FitError as error:
                raise ActivityFileError(name, f"{_problem(error)}; {AGAIN}") from error
            except DECODE_ERRORS as error:
                raise ActivityFileError(
                    name, f"the FIT file is damaged ({error}); {AGAIN}"
                ) from error
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                yield _point(frame)
    finally:
        reader.close()


def _problem(error: Exception) -> str:
    if isinstance(error, fitdecode.FitEOFError):
        return f"the FIT file ends early at byte {error.offset} (truncated?)"
    if isinstance(error, fitdecode.FitCRCError):
        return "the FIT file is damaged: its checksum (CRC) does not match its contents"
    if isinstance(error, fitdecode.FitHeaderError):
        return f"the FIT file header is not valid ({error})"
    return f"the FIT file is damaged ({error})"


def _point(record: Any) -> TrackPoint:
    latitude = _degrees(record.get_value("position_lat", fallback=None), limit=90)
    longitude = _degrees(record.get_value("position_long", fallback=None), limit=180)
    if latitude is None or longitude is None:
        latitude = longitude = None
    elevation = _float(record.get_value("enhanced_altitude", fallback=None))
    if elevation is None:
        elevation = _float(record.get_value("altitude", fallback=None))
    time = record.get_value("timestamp", fallback=None)
    return TrackPoint(
        latitude_deg=latitude,
        longitude_deg=longitude,
        elevation_m=elevation,
        time=time if isinstance(time, datetime) else None,
        distance_m=_float(record.get_value("distance", fallback=None)),
    )


def _degrees(semicircles: object, *, limit: float) -> float | None:
    """Semicircles to degrees; an impossible position counts as none, as a FIT reader should."""
    if not isinstance(semicircles, int):
        return None
    degrees = semicircles * SEMICIRCLE_DEG
    return degrees if abs(degrees) <= limit else None


def _float(value: object) -> float | None:
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None
