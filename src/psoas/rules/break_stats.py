"""Per-day counts of what happened to break reminders, for `psoas breaks stats` and the web."""

from collections.abc import Iterable
from datetime import date, timedelta

from psoas.domain.breaks import BreakEvent, DayBreakStats


def daily_stats(events: Iterable[BreakEvent], *, first: date, last: date) -> list[DayBreakStats]:
    """One row per day from first to last inclusive, days without events included, newest first."""
    counts: dict[date, dict[str, int]] = {}
    for event in events:
        if first <= event.day <= last:
            day = counts.setdefault(event.day, {})
            day[event.kind] = day.get(event.kind, 0) + 1
    days = (last - first).days + 1
    return [
        DayBreakStats(day=day, **counts.get(day, {}))
        for day in (last - timedelta(days=offset) for offset in range(days))
    ]
