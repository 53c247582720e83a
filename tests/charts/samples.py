"""Small builders for chart inputs, so each test states only the values it is about."""

import datetime as dt
from collections.abc import Sequence

from psoas.charts import DatedValue, RunPoint, Series, WeekCount
from psoas.charts.series import ClimbClass

START = dt.date(2025, 3, 3)  # a Monday


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def series(name: str, values: Sequence[float], *, every_days: int = 7) -> Series:
    points = tuple(
        DatedValue(date=day(i * every_days), value=value) for i, value in enumerate(values)
    )
    return Series(name=name, points=points)


def weeks(counts: Sequence[tuple[int, int]]) -> list[WeekCount]:
    return [
        WeekCount(week_start=day(7 * i), done=done, planned=planned)
        for i, (done, planned) in enumerate(counts)
    ]


def run(
    offset: int,
    climb_class: ClimbClass,
    *,
    distance_km: float = 5.0,
    climb_m: float | None = 20.0,
    pain_after: int | None = None,
) -> RunPoint:
    return RunPoint(
        date=day(offset),
        distance_km=distance_km,
        climb_m=climb_m,
        climb_class=climb_class,
        pain_after=pain_after,
    )
