"""The person's own clock: the server's time, in the time zone their browser names.

Break reminders keep working hours, quiet hours and a calendar day, and those are the person's,
not the server's: on a shared server the server's zone is nobody's in particular. So pages and
the API take an optional IANA name from the browser (``Intl.DateTimeFormat().resolvedOptions()
.timeZone``). Without one the server's own zone is used, which is right for the single-person
server on the person's own machine and for a page without JavaScript.
"""

from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, Field

# The longest name in the tz database is about 32 characters.
TIME_ZONE_MAX_LENGTH = 64
TIME_ZONE_HELP = (
    "Your IANA time zone, as the browser reports it (Intl.DateTimeFormat().resolvedOptions()"
    ".timeZone), e.g. Europe/London. Working hours, quiet hours and the day use it; default: "
    "the server's zone."
)


@cache
def _known_zones() -> frozenset[str]:
    # Only the names the tz database lists: ZoneInfo itself would also open "localtime" or a
    # path-like key, which no browser sends.
    return frozenset(available_timezones())


def known_time_zone(name: str) -> str:
    """The name, if the tz database has it; a ValueError that says what to send otherwise."""
    if len(name) > TIME_ZONE_MAX_LENGTH or name not in _known_zones():
        shown = name[:TIME_ZONE_MAX_LENGTH]
        raise ValueError(f"unknown time zone {shown!r}; send an IANA name such as Europe/London")
    return name


def _list_known_zones(schema: dict[str, Any]) -> None:
    """The schema names every zone taken, so a client (or a fuzzer) sends only real ones."""
    schema["enum"] = sorted(_known_zones())


# Declared once so the API's bodies and query strings check it the same way (422, field named).
TimeZoneName = Annotated[
    str,
    # The schema lists the names; a length limit beside them would only invite other strings.
    Field(
        description=TIME_ZONE_HELP,
        examples=["Europe/London"],
        json_schema_extra=_list_known_zones,
    ),
    AfterValidator(known_time_zone),
]


def local_now(clock: Callable[[], datetime], time_zone: str | None) -> datetime:
    """Now, aware, in the named zone (already checked), or in the server's zone for None."""
    now = clock()
    return now.astimezone(ZoneInfo(time_zone)) if time_zone is not None else now.astimezone()
