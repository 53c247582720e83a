"""What the charts draw: values the caller has already read, counted and summed.

Charts never fetch or compute health data; they are handed these frozen values and only decide
how to show them. Names typed by people (series, activities) are kept as typed: the drawing code
escapes them.
"""

import datetime as dt
from typing import Literal

from pydantic import Field, FiniteFloat, NonNegativeInt, model_validator

from psoas.domain.base import Frozen, Text

# "unknown": the run's file had no elevation. Unknown terrain must never be drawn as flat.
ClimbClass = Literal["flat", "rolling", "hilly", "unknown"]
CLIMB_CLASSES: tuple[ClimbClass, ...] = ("flat", "rolling", "hilly", "unknown")


class DatedValue(Frozen):
    date: dt.date
    value: FiniteFloat


class Series(Frozen):
    """One named line: "Pain now", "Pain while running", or one PSFS activity."""

    name: Text
    points: tuple[DatedValue, ...] = ()


class Band(Frozen):
    """A shaded band of half_width either side of a baseline value.

    On a 0–10 pain scale a change of 2 points is the smallest change that matters (Childs 2005):
    a value inside the band may be noise, a value on its edge or beyond is a real change.
    """

    baseline: FiniteFloat
    half_width: FiniteFloat = Field(default=2.0, gt=0)
    meaning: Text = "change that matters"

    @property
    def low(self) -> float:
        return self.baseline - self.half_width

    @property
    def high(self) -> float:
        return self.baseline + self.half_width


class CategoryPoint(Frozen):
    date: dt.date
    value: str  # one of the chart's CategoryLevel.value


class CategorySeries(Frozen):
    """One named row of categorical readings, e.g. the left side's Thomas self-checks."""

    name: Text
    points: tuple[CategoryPoint, ...] = ()


class CategoryLevel(Frozen):
    """A row of a category chart: the stored value and the words shown and read out for it."""

    value: str
    label: Text


# Modified Thomas self-check: where the thigh rests compared with horizontal, top row first.
THOMAS_LEVELS: tuple[CategoryLevel, ...] = (
    CategoryLevel(value="above", label="thigh above"),
    CategoryLevel(value="level", label="thigh level"),
    CategoryLevel(value="below", label="thigh below"),
)


class WeekCount(Frozen):
    """Sessions done in the week starting week_start, and how many the plan asked for."""

    week_start: dt.date
    done: NonNegativeInt
    planned: NonNegativeInt


class RunPoint(Frozen):
    """One run; climb_m is None (and climb_class "unknown") when its file had no elevation."""

    date: dt.date
    distance_km: FiniteFloat = Field(ge=0)
    climb_m: FiniteFloat | None = Field(ge=0)
    climb_class: ClimbClass
    pain_after: int | None = Field(default=None, ge=0, le=10)  # 0–10, None: not reported

    @model_validator(mode="after")
    def _unknown_climb_is_unknown(self) -> "RunPoint":
        if self.climb_m is None and self.climb_class != "unknown":
            raise ValueError(
                f"climb_class must be 'unknown' when climb_m is unknown, got {self.climb_class!r}"
            )
        return self
