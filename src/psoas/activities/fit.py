"""The records, pauses and sessions of a FIT file, in file order.

Two decoders. pyfitparsernative (Rust, via PyO3) reads a whole file in one call, eight times
faster than fitdecode; it checks the file's CRC and reads files with misaligned field definitions
that a strict decoder calls damaged. It holds every message at once, so it is used only for files
up to ``NATIVE_MAX_BYTES``; a larger file, or one it cannot read (it raises, or panics on some
damaged files), goes to fitdecode, which streams frame by frame in flat memory. fitdecode reads
strictly first and, for a file in memory, once more leniently when only a field definition is
at fault, saying so in a note.

A FIT session message follows the records of its leg (a multisport file has one per leg), so
each session closes the records before it as one activity with the session's sport. A timer
restart after a stop is a gap.
"""

import io
import math
import struct
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import fitdecode  # type: ignore[import-untyped]
import pyfitparsernative

from psoas.activities.errors import ActivityFileError
from psoas.activities.events import EndActivity, Gap, Item, Note
from psoas.activities.sniff import ByteSource, Rejoined
from psoas.activities.sports import fit_sport
from psoas.domain.activity import TrackPoint

SEMICIRCLE_DEG = 180 / 2**31
AGAIN = "export the activity again"
# Decoded whole, a FIT file costs about 115 times its size in Python dicts (the 1.83 MB triathlon
# peaks at 250 MB); 4 MB bounds that near 500 MB. Real activities are smaller (a 10-hour triathlon
# at one record a second is 1.8 MB); a larger file streams through fitdecode in flat memory.
NATIVE_MAX_BYTES = 4 * 1024 * 1024
# fitdecode checks structure but can still trip over damaged field data with built-in errors.
DECODE_ERRORS = (ValueError, IndexError, KeyError, TypeError, OverflowError, struct.error)
Get = Callable[[str], object]


def fit_items(source: ByteSource, *, name: str) -> Iterator[Item]:
    data = _read_up_to(source, NATIVE_MAX_BYTES + 1)
    if len(data) <= NATIVE_MAX_BYTES:
        messages = _native(data)
        if messages is not None:
            yield from _by_session(messages)
            return
        yield from _fitdecode_in_memory(data, name=name)
        return
    yield from _items(_fitdecode(Rejoined(data, source), name=name, lenient=False))


def _read_up_to(source: ByteSource, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = source.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _native(data: bytes) -> list[dict[str, Any]] | None:
    """Every message, or None when the Rust decoder cannot read the file (fitdecode then says
    why, or reads it)."""
    try:
        return pyfitparsernative.parse_fit_bytes(data)
    except ValueError:
        return None
    except BaseException as error:
        # A Rust panic arrives as pyo3's PanicException, a BaseException; nothing else is caught.
        if type(error).__name__ != "PanicException":
            raise
        return None


def _fitdecode_in_memory(data: bytes, *, name: str) -> Iterator[Item]:
    """Strict first; when only a field definition is at fault, once more leniently."""
    try:
        items = list(_items(_fitdecode(io.BytesIO(data), name=name, lenient=False)))
    except _DefinitionError as error:
        yield Note(
            f"The FIT file has a damaged field definition ({error.detail}); it was read "
            "leniently, so some values may be missing."
        )
        yield from _items(_fitdecode(io.BytesIO(data), name=name, lenient=True))
        return
    yield from items


class _DefinitionError(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _fitdecode(source: ByteSource, *, name: str, lenient: bool) -> Iterator[tuple[str, Get]]:
    reader = fitdecode.FitReader(
        source,
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.IGNORE if lenient else fitdecode.ErrorHandling.RAISE,
    )
    frames = iter(reader)
    try:
        while True:
            try:
                frame = next(frames)
            except StopIteration:
                return
            except fitdecode.FitParseError as error:
                if not lenient and "definition" in str(error):
                    raise _DefinitionError(str(error)) from error
                raise ActivityFileError(name, f"{_problem(error)}; {AGAIN}") from error
            except fitdecode.FitError as error:
                raise ActivityFileError(name, f"{_problem(error)}; {AGAIN}") from error
            except DECODE_ERRORS as error:
                raise ActivityFileError(
                    name, f"the FIT file is damaged ({error}); {AGAIN}"
                ) from error
            if isinstance(frame, fitdecode.FitDataMessage):
                yield frame.name, _getter(frame)
    finally:
        reader.close()


def _getter(frame: Any) -> Get:
    def get(field: str) -> object:
        return frame.get_value(field, fallback=None)

    return get


def _problem(error: Exception) -> str:
    if isinstance(error, fitdecode.FitEOFError):
        return f"the FIT file ends early at byte {error.offset} (truncated?)"
    if isinstance(error, fitdecode.FitCRCError):
        return "the FIT file is damaged: its checksum (CRC) does not match its contents"
    if isinstance(error, fitdecode.FitHeaderError):
        return f"the FIT file header is not valid ({error})"
    return f"the FIT file is damaged ({error})"


class _Timer:
    """A timer start after a stop is a gap: the recorder was paused."""

    def __init__(self) -> None:
        self.stopped = False

    def gap(self, get: Get) -> bool:
        if get("event") != "timer":
            return False
        event_type = get("event_type")
        if event_type in ("stop", "stop_all", "stop_disable", "stop_disable_all"):
            self.stopped = True
        elif event_type == "start" and self.stopped:
            self.stopped = False
            return True
        return False


def _end(get: Get) -> EndActivity:
    return EndActivity(
        sport=fit_sport(get("sport")),
        device_gain_m=_float(get("total_ascent")),
        device_distance_m=_float(get("total_distance")),
        moving_time_s=_float(get("total_timer_time")),
    )


def _items(messages: Iterable[tuple[str, Get]]) -> Iterator[Item]:
    """In file order, each session closing the records before it (streaming: fitdecode)."""
    timer = _Timer()
    for kind, get in messages:
        if kind == "record":
            yield _point(get)
        elif kind == "event" and timer.gap(get):
            yield Gap()
        elif kind == "session":
            yield _end(get)


def _by_session(messages: list[dict[str, Any]]) -> Iterator[Item]:
    """Each record goes to the session whose time it falls in, wherever the session messages
    stand: some devices write them first, some after each leg, some all at the end."""
    windows: list[tuple[datetime, dict[str, Any]]] = []
    for message in messages:
        if message.get("message_type") == "session":
            start = _time(message.get("start_time"))
            if start is None:
                yield from _items((m.get("message_type", ""), m.get) for m in messages)
                return
            windows.append((start, message))
    if not windows:
        yield from _items((m.get("message_type", ""), m.get) for m in messages)
        return
    windows.sort(key=lambda window: window[0])
    starts = [start for start, _ in windows]
    legs: list[list[Item]] = [[] for _ in windows]
    leg = 0
    timer = _Timer()
    for message in messages:
        kind = message.get("message_type")
        if kind == "record":
            point = _point(message.get)
            if point.time is not None:
                leg = max(0, bisect_right(starts, point.time) - 1)
            legs[leg].append(point)
        elif kind == "event" and timer.gap(message.get):
            legs[leg].append(Gap())
    for (_, session), items in zip(windows, legs, strict=True):
        yield from items
        yield _end(session.get)


def _point(get: Get) -> TrackPoint:
    latitude = _degrees(get("position_lat"), limit=90)
    longitude = _degrees(get("position_long"), limit=180)
    if latitude is None or longitude is None:
        latitude = longitude = None
    elevation = _float(get("enhanced_altitude"))
    if elevation is None:
        elevation = _float(get("altitude"))
    return TrackPoint(
        latitude_deg=latitude,
        longitude_deg=longitude,
        elevation_m=elevation,
        time=_time(get("timestamp")),
        distance_m=_float(get("distance")),
    )


def _time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        # pyfitparsernative writes FIT's UTC times as naive ISO text.
        try:
            return datetime.fromisoformat(value).replace(tzinfo=UTC)
        except ValueError:
            return None
    return None


def _degrees(semicircles: object, *, limit: float) -> float | None:
    """Semicircles to degrees; an impossible position counts as none, as a FIT reader should."""
    if not isinstance(semicircles, int):
        return None
    degrees = semicircles * SEMICIRCLE_DEG
    return degrees if abs(degrees) <= limit else None


def _float(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None
