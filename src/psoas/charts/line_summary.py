"""What a line chart says in words: first and last value, the change, and the band's verdict."""

from collections.abc import Sequence

from psoas.charts.dates import spoken, spoken_pair
from psoas.charts.prose import TOLERANCE, amount, change, counted
from psoas.charts.series import Band, Series


def line_summary(series: Sequence[Series], band: Band | None, empty_text: str) -> str:
    """One or two sentences per series, or empty_text when nothing is recorded."""
    if not any(one.points for one in series):
        return empty_text
    return " ".join(_series(one, band) for one in series)


def _series(series: Series, band: Band | None) -> str:
    points = sorted(series.points, key=lambda p: p.date)
    if not points:
        return f"{series.name}: nothing recorded yet."
    first, last = points[0], points[-1]
    if len(points) == 1:
        text = (
            f"{series.name} was {amount(last.value)} on {spoken(last.date)}, the only value so far"
        )
    else:
        start, end = spoken_pair(first.date, last.date)
        text = (
            f"{series.name} went from {amount(first.value)} on {start} "
            f"to {amount(last.value)} on {end}, {change(first.value, last.value)}"
        )
    if band is None:
        return f"{text}."
    if len(points) > 1 and abs(first.value - band.baseline) < TOLERANCE:
        # The band is around the first value: the change itself is what the band measures.
        if abs(last.value - first.value) < TOLERANCE:
            return f"{text}."
        return f"{text} — {band_verdict(last.value, band)}."
    difference = round(last.value - band.baseline, 1)
    if abs(difference) < TOLERANCE:
        return f"{text}; that equals the baseline of {amount(band.baseline)}."
    side = "above" if difference > 0 else "below"
    return (
        f"{text}; that is {counted(abs(difference), 'point')} {side} the baseline of "
        f"{amount(band.baseline)} — {band_verdict(last.value, band)}."
    )


def band_verdict(value: float, band: Band) -> str:
    """Whether value is far enough from the band's baseline to be a change that matters."""
    distance = abs(round(value - band.baseline, 1))
    size = f"the {amount(band.half_width)}-point {band.meaning}"
    if distance > band.half_width + TOLERANCE:
        return f"more than {size}"
    if distance > band.half_width - TOLERANCE:
        return f"as large as {size}"
    return f"less than {size}, so it may be noise"
