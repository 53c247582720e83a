"""Mapping values and dates to pixels, and choosing a few round tick values."""

import datetime as dt
import math
from dataclasses import dataclass

_STEPS = (1.0, 2.0, 5.0)


@dataclass(frozen=True)
class Linear:
    """Maps lo..hi onto start_px..end_px (end_px may be smaller: SVG's y grows downwards)."""

    lo: float
    hi: float
    start_px: float
    end_px: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return (self.start_px + self.end_px) / 2
        share = (value - self.lo) / (self.hi - self.lo)
        return self.start_px + share * (self.end_px - self.start_px)


@dataclass(frozen=True)
class Dates:
    """Maps first..last onto start_px..end_px; a single day sits in the middle."""

    first: dt.date
    last: dt.date
    start_px: float
    end_px: float

    def __call__(self, day: dt.date) -> float:
        span = (self.last - self.first).days
        if span == 0:
            return (self.start_px + self.end_px) / 2
        return self.start_px + (day - self.first).days / span * (self.end_px - self.start_px)


def nice_ticks(lo: float, hi: float, *, max_count: int = 6, whole: bool = False) -> list[float]:
    """Round, evenly spaced ticks from at or below lo to at or above hi, at most max_count.

    0..10 gives 0, 2, 4, 6, 8, 10. With whole=True the step is a whole number (counts).
    """
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        hi = lo + 1
    rough = (hi - lo) / max(max_count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (*_STEPS, 10.0):
        step = factor * magnitude
        if whole and (step < 1 or step != int(step)):
            continue
        first = math.floor(lo / step + 1e-9) * step
        last = math.ceil(hi / step - 1e-9) * step
        count = round((last - first) / step) + 1
        if count <= max_count:
            return [first + i * step for i in range(count)]
    return nice_ticks(lo, hi, max_count=max_count + 1, whole=whole)  # pragma: no cover
