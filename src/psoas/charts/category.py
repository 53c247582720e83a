"""Categorical readings over time, e.g. the modified Thomas self-check per side.

Each level is a labelled row; each series (left, right) is a step line with its own marker and
dash, nudged a little up or down so two sides with the same reading on the same day both show.
"""

from collections.abc import Sequence

from psoas.charts import frame as frames
from psoas.charts import markers
from psoas.charts.canvas import Canvas, number
from psoas.charts.category_summary import category_summary
from psoas.charts.chart import Chart
from psoas.charts.dates import spoken
from psoas.charts.layout import fit_text
from psoas.charts.legend import LegendItem
from psoas.charts.series import THOMAS_LEVELS, CategoryLevel, CategorySeries
from psoas.charts.theme import AXIS, GRID, MAX_SERIES, MUTED, SERIES_LOOKS, TICK_PX

_NUDGE_PX = 8


def category_chart(
    series: Sequence[CategorySeries],
    *,
    title: str,
    levels: Sequence[CategoryLevel] = THOMAS_LEVELS,
    caption: str = "Modified Thomas self-check",
    empty_text: str = "No checks yet.",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """Step lines across labelled rows, top row first as listed in levels; 1–5 series."""
    if len(series) > MAX_SERIES:
        raise ValueError(f"a category chart shows at most {MAX_SERIES} series, got {len(series)}")
    row_of = {level.value: index for index, level in enumerate(levels)}
    for one in series:
        for point in one.points:
            if point.value not in row_of:
                allowed = ", ".join(level.value for level in levels)
                raise ValueError(
                    f"{one.name!r} on {point.date}: {point.value!r} is not one of {allowed}"
                )
    summary = category_summary(series, levels, empty_text)
    canvas = Canvas(width=width, height=height, title=title, description=summary)
    legend = [
        LegendItem(one.name, "line", look) for one, look in zip(series, SERIES_LOOKS, strict=False)
    ]
    labels = [fit_text(level.label, width * 0.3, TICK_PX) for level in levels]
    frame = frames.frame(canvas, legend=legend, caption=caption, left_labels=labels)
    plot = frame.plot
    step = plot.height / max(len(levels), 1)
    rows = [plot.y + step * (index + 0.5) for index in range(len(levels))]
    axis = canvas.group({"class": "value-axis"})
    for row, label in zip(rows, labels, strict=True):
        canvas.line(axis, (plot.x, row), (plot.right, row), stroke=GRID)
        canvas.text(axis, plot.x - 6, row + 4.5, label, size=TICK_PX, fill=MUTED, anchor="end")
    canvas.line(axis, (plot.x, plot.bottom), (plot.right, plot.bottom), stroke=AXIS)
    points = [point for one in series for point in one.points]
    if not points:
        frames.message(frame, empty_text)
        return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)
    x = frames.date_axis(frame, min(p.date for p in points), max(p.date for p in points))
    for index, (one, look) in enumerate(zip(series, SERIES_LOOKS, strict=False)):
        nudge = (index - (len(series) - 1) / 2) * _NUDGE_PX
        ordered = sorted(one.points, key=lambda p: p.date)
        spots = [(x(p.date), rows[row_of[p.value]] + nudge) for p in ordered]
        group = canvas.group({"class": "series"})
        if len(spots) > 1:
            path = f"M{number(spots[0][0])} {number(spots[0][1])}" + "".join(
                f" H{number(sx)} V{number(sy)}" for sx, sy in spots[1:]
            )
            line_look: dict[str, str | float] = {
                "d": path, "fill": "none", "stroke": look.colour, "stroke-width": 2.5,
            }  # fmt: skip
            if look.dash:
                line_look["stroke-dasharray"] = look.dash
            canvas.add(group, "path", line_look)
        for point, (sx, sy) in zip(ordered, spots, strict=True):
            words = f"{one.name}: {levels[row_of[point.value]].label} on {spoken(point.date)}"
            markers.point(canvas, group, sx, sy, look.shape, look.colour, title=words)
    return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)
