"""The one way pages write a day or a moment: "Mon 7 Dec" and "Mon 7 Dec, 14:05".

Our choice, because a weekday and a day of the month are what a person checks a date against,
and one format on every page means nobody has to work out which is the day and which the
month. The year is added only when it is not this year's. Moments are shown in the person's
local time: the zone the page was given (``?time_zone=``, as the browser reports it), else the
server's own, which is right for the single-person server on the person's own machine.

Templates use the ``day`` and ``moment`` filters; ``<time datetime>`` attributes keep ISO 8601
for machines.
"""

from datetime import date, datetime

from fastapi import Request

from psoas.charts.dates import spoken
from psoas.web.identity import settings_of
from psoas.web.local_clock import known_time_zone, local_now


def format_day(day: date, today: date) -> str:
    """'Mon 7 Dec', or 'Mon 7 Dec 2025' in another year than today's. Written by the charts'
    own function, so chart descriptions and the page around them agree."""
    return spoken(day, with_year=day.year != today.year)


def format_moment(moment: datetime, now: datetime) -> str:
    """'Mon 7 Dec, 14:05' in the zone of ``now`` (an aware time in the person's zone)."""
    if now.tzinfo is None or moment.tzinfo is None:
        raise ValueError("format_moment needs aware times")
    local = moment.astimezone(now.tzinfo)
    return f"{format_day(local.date(), now.date())}, {local:%H:%M}"


def person_now(request: Request) -> datetime:
    """Now in the person's zone: the one the query names, if the tz database knows it."""
    named = request.query_params.get("time_zone")
    zone = named if named is not None and _known(named) else None
    return local_now(settings_of(request).clock, zone)


def _known(name: str) -> bool:
    try:
        known_time_zone(name)
    except ValueError:
        return False
    return True
