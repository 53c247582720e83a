"""Sessions done each week as bars, with the planned number as a black line across each bar."""

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from psoas.charts import frame as frames
from psoas.charts.canvas import Attrs, Canvas
from psoas.charts.chart import Chart
from psoas.charts.dates import short_date, spoken
from psoas.charts.layout import text_width
from psoas.charts.legend import LegendItem
from psoas.charts.prose import amount, counted
from psoas.charts.scales import Linear, nice_ticks
from psoas.charts.series import WeekCount
from psoas.charts.theme import BACKGROUND, INK, LABEL_PX, PLAN, SERIES_LOOKS, TICK_PX

_BAR_LOOK = SERIES_LOOKS[0]


def weekly_bars(
    weeks: Sequence[WeekCount],
    *,
    title: str,
    caption: str = "Sessions per week",
    empty_text: str = "No weeks yet.",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """One bar per week (sessions done) with a line for the plan; weeks in date order."""
    ordered = sorted(weeks, key=lambda w: w.week_start)
    summary = weekly_summary(ordered, empty_text)
    canvas = Canvas(width=width, height=height, title=title, description=summary)
    top = max([4, *(w.done for w in ordered), *(w.planned for w in ordered)])
    ticks = nice_ticks(0, top, max_count=6, whole=True)
    legend = [LegendItem("Sessions done", "bar", _BAR_LOOK), LegendItem("Planned", "plan")]
    frame = frames.frame(
        canvas, legend=legend, caption=caption, left_labels=[amount(t) for t in ticks]
    )
    y = frames.value_axis(frame, ticks, amount)
    if not ordered:
        frames.message(frame, empty_text)
        return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)
    plot = frame.plot
    slot = plot.width / len(ordered)
    bar = min(44.0, slot * 0.6)
    group = canvas.group({"class": "weeks"})
    labels: list[tuple[float, str]] = []
    with_year = ordered[0].week_start.year != ordered[-1].week_start.year
    for index, week in enumerate(ordered):
        middle = plot.x + slot * (index + 0.5)
        words = f"Week of {spoken(week.week_start)}: {week.done} done, {week.planned} planned"
        item = canvas.group({"class": "week"}, group)
        canvas.add(item, "title", {}, text=words)
        box: Attrs = {"x": middle - bar / 2, "y": y(week.done), "width": bar}
        height_px = plot.bottom - y(week.done)
        canvas.add(
            item, "rect", {"class": "bar", **box, "height": height_px, "fill": _BAR_LOOK.colour}
        )
        reach = max(bar / 2 + 4, 6)
        plan = y(week.planned)
        ends = ((middle - reach, plan), (middle + reach, plan))
        canvas.line(item, *ends, stroke=PLAN, width=3, kind="plan")
        if slot >= text_width(str(week.done), LABEL_PX) + 6:
            _count(canvas, item, week, middle, y)
        labels.append((middle, short_date(week.week_start, with_year=with_year)))
    _week_labels(frame, labels, slot)
    return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)


def _count(canvas: Canvas, item: ET.Element, week: WeekCount, middle: float, y: Linear) -> None:
    """The number done: inside the top of its bar in white, or just above a short bar, and
    never where the plan line crosses."""
    top, plan = y(week.done), y(week.planned)
    room = LABEL_PX + 8
    inside = y(0) - top >= room and not 0 < plan - top < room
    if inside:
        label_y, fill = top + LABEL_PX + 3, BACKGROUND
    else:
        # Above the bar, or above the plan line when the line would cross the number.
        above = plan if 0 < top - plan < room + 6 else top
        label_y, fill = above - 6, INK
    canvas.text(item, middle, label_y, str(week.done), size=LABEL_PX, fill=fill, anchor="middle")


def _week_labels(frame: frames.Frame, labels: list[tuple[float, str]], slot: float) -> None:
    """Every week's start date, or every second, third… one when there is not room for all."""
    widest = max(text_width(text, TICK_PX) for _, text in labels) + 14
    every = max(1, -(-int(widest) // max(int(slot), 1)))
    frames.bottom_labels(frame, labels[::every])


def weekly_summary(weeks: Sequence[WeekCount], empty_text: str) -> str:
    if not weeks:
        return empty_text
    met = sum(1 for week in weeks if week.done >= week.planned)
    last = weeks[-1]
    return (
        f"{met} of {counted(len(weeks), 'week')} at or above plan. "
        f"Latest, the week of {spoken(last.week_start)}: "
        f"{counted(last.done, 'session')} done of {last.planned} planned."
    )
