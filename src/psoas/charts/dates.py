"""Dates as people read them, and a few date ticks chosen by the span shown."""

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Literal

Unit = Literal["day", "week", "month", "year"]
# Tried in order until the ticks fit: days, weeks, months, then years.
_STEPS: tuple[tuple[Unit, int], ...] = (
    ("day", 1),
    ("day", 2),
    ("week", 1),
    ("week", 2),
    ("week", 4),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 25),
    ("year", 50),
    ("year", 100),
    ("year", 250),
    ("year", 500),
    ("year", 1000),
    ("year", 2500),
)


# English names, not strftime's: those follow the process locale, which the charts must not.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def short_date(day: dt.date, *, with_year: bool = False) -> str:
    """'3 Mar', or '3 Mar 2025' with_year."""
    text = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return f"{text} {day.year}" if with_year else text


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def spoken(day: dt.date, *, with_year: bool = False) -> str:
    """'Mon 3 Mar', or 'Mon 3 Mar 2025' with_year: the one way every page writes a day (the
    web's date filters use it too), so a chart's words match the page around it."""
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]}"
    return f"{text} {day.year}" if with_year else text


def spoken_pair(first: dt.date, last: dt.date) -> tuple[str, str]:
    """Both dates spoken, with years only when they differ."""
    with_year = first.year != last.year
    return spoken(first, with_year=with_year), spoken(last, with_year=with_year)


def _candidates(first: dt.date, last: dt.date, unit: Unit, step: int) -> Iterator[dt.date]:
    if unit == "day":
        for offset in range(0, (last - first).days + 1, step):
            yield first + dt.timedelta(days=offset)
    elif unit == "week":  # Mondays
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        while day <= last:
            yield day
            day += dt.timedelta(weeks=step)
    else:
        months = 12 * step if unit == "year" else step
        index = first.year * 12 + first.month - 1
        index = -(-index // months) * months  # first whole multiple on or after the start
        if dt.date(index // 12, index % 12 + 1, 1) < first:
            index += months
        while index // 12 <= last.year and dt.date(index // 12, index % 12 + 1, 1) <= last:
            yield dt.date(index // 12, index % 12 + 1, 1)
            index += months


def _label(day: dt.date, unit: Unit, show_year: bool) -> str:
    if unit == "year":
        return str(day.year)
    if unit != "month":
        return short_date(day, with_year=show_year)
    month = MONTHS[day.month - 1][:3]
    return f"{month} {day.year}" if show_year else month


def date_ticks(first: dt.date, last: dt.date, max_count: int) -> list[tuple[dt.date, str]]:
    """At most max_count labelled ticks between first and last, at least one."""
    if first == last:
        return [(first, _label(first, "day", False))]
    for unit, step in _STEPS:
        ticks = list(itertools.islice(_candidates(first, last, unit, step), max_count + 1))
        if 2 <= len(ticks) <= max_count:
            # When the dates cross a new year, the first tick and each new year's first say so.
            crosses = first.year != last.year
            new_year = [i == 0 or day.year != ticks[i - 1].year for i, day in enumerate(ticks)]
            return [
                (day, _label(day, unit, crosses and is_new))
                for day, is_new in zip(ticks, new_year, strict=True)
            ]
    return [(first, _label(first, "day", True)), (last, _label(last, "day", True))]
