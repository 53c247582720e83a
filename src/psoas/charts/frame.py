"""The parts every chart shares: legend, caption, plot area, value axis and date axis.

Top to bottom: legend rows, a caption row (what the values are, and a note on the right), the
plot, then the tick labels. The plot is <rect class="plot-area">, so tests can check that every
point lies inside it.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from psoas.charts.canvas import Canvas
from psoas.charts.dates import date_ticks
from psoas.charts.layout import Box, fit_text, text_width
from psoas.charts.legend import ROW_PX, LegendItem, draw_legend, legend_rows
from psoas.charts.scales import Dates, Linear
from psoas.charts.theme import (
    AXIS,
    BACKGROUND,
    CAPTION_PX,
    GRID,
    INK,
    MESSAGE_PX,
    MUTED,
    TICK_PX,
)

EDGE_PX = 10  # space around the whole picture
INSET_PX = 14  # space inside the plot, so markers at the first and last date are whole
_CAPTION_ROW_PX = 30
_TICK_ROW_PX = 24
_LABEL_GAP_PX = 12  # least space between two date labels


@dataclass(frozen=True)
class Frame:
    canvas: Canvas
    plot: Box


def frame(
    canvas: Canvas,
    *,
    legend: Sequence[LegendItem],
    caption: str,
    note: str = "",
    left_labels: Sequence[str] = (),
    bottom_rows: int = 1,
) -> Frame:
    """Draw legend, caption and the empty plot area; return where the plot is."""
    right = canvas.width - EDGE_PX
    rows = legend_rows(legend, EDGE_PX, right)
    draw_legend(canvas, legend, EDGE_PX, right, EDGE_PX)
    caption_y = EDGE_PX + rows * ROW_PX + _CAPTION_ROW_PX - 15
    label_px = max((text_width(label, TICK_PX) for label in left_labels), default=0)
    left = EDGE_PX + label_px + 8
    plot_top = EDGE_PX + rows * ROW_PX + _CAPTION_ROW_PX
    plot = Box(left, plot_top, right - left, canvas.height - plot_top - bottom_rows * _TICK_ROW_PX)
    if plot.width < 80 or plot.height < 40:
        raise ValueError(
            f"a {canvas.width}×{canvas.height} chart leaves no room to plot: "
            "make it at least 240 wide and 160 high"
        )
    group = canvas.group({"class": "caption"})
    note_px = text_width(note, CAPTION_PX) + 16 if note else 0
    caption_text = fit_text(caption, max(right - EDGE_PX - note_px, 40), CAPTION_PX)
    canvas.text(group, EDGE_PX, caption_y, caption_text, size=CAPTION_PX, fill=MUTED)
    if note:
        canvas.text(group, right, caption_y, note, size=CAPTION_PX, fill=INK, anchor="end")
    area = {"x": plot.x, "y": plot.y, "width": plot.width, "height": plot.height}
    canvas.add(canvas.root, "rect", {"class": "plot-area", **area, "fill": BACKGROUND})
    return Frame(canvas, plot)


def value_axis(
    frame: Frame, ticks: Sequence[float], label: Callable[[float], str], *, grid: bool = True
) -> Linear:
    """Gridlines and labels for ticks; returns the scale from value to y."""
    plot = frame.plot
    scale = Linear(ticks[0], ticks[-1], plot.bottom, plot.y)
    group = frame.canvas.group({"class": "value-axis"})
    for tick in ticks:
        y = scale(tick)
        if grid:
            frame.canvas.line(group, (plot.x, y), (plot.right, y), stroke=GRID)
        text_y = y + TICK_PX * 0.35
        frame.canvas.text(
            group, plot.x - 6, text_y, label(tick), size=TICK_PX, fill=MUTED, anchor="end"
        )
    frame.canvas.line(group, (plot.x, plot.bottom), (plot.right, plot.bottom), stroke=AXIS)
    return scale


def date_axis(
    frame: Frame, first: dt.date, last: dt.date, *, row: int = 0, ticks: bool = True
) -> Dates:
    """A few date labels under the plot (in the given row); returns the scale from date to x."""
    plot = frame.plot
    scale = Dates(first, last, plot.x + INSET_PX, plot.right - INSET_PX)
    max_count = max(2, int(plot.width // 95))
    labels = [(scale(day), text) for day, text in date_ticks(first, last, max_count)]
    bottom_labels(frame, labels, row=row, ticks=ticks)
    return scale


def bottom_labels(
    frame: Frame,
    labels: Sequence[tuple[float, str]],
    *,
    row: int = 0,
    size: int = TICK_PX,
    gap: float = _LABEL_GAP_PX,
    ticks: bool = True,
) -> None:
    """Labels under the plot, in row 0, 1…, kept inside the picture and never overlapping:
    a label that would touch the one before it is left out. With ticks, a tick mark for each."""
    plot, canvas = frame.plot, frame.canvas
    group = canvas.group({"class": "bottom-labels"})
    y = plot.bottom + 17 + row * _TICK_ROW_PX
    fill = MUTED if size == TICK_PX else INK
    taken_until = -1e9
    for x, text in labels:
        width = text_width(text, size)
        centre = min(max(x, EDGE_PX + width / 2), canvas.width - EDGE_PX - width / 2)
        if centre - width / 2 < taken_until + gap:
            continue
        taken_until = centre + width / 2
        if ticks:
            canvas.line(group, (x, plot.bottom), (x, plot.bottom + 5), stroke=AXIS)
        canvas.text(group, centre, y, text, size=size, fill=fill, anchor="middle")


def message(frame: Frame, text: str) -> None:
    """A message in the middle of an empty plot."""
    plot = frame.plot
    lines = fit_text(text, plot.width - 20, MESSAGE_PX)
    y = plot.y + plot.height / 2 + MESSAGE_PX * 0.35
    group = frame.canvas.group({"class": "message"})
    width = text_width(lines, MESSAGE_PX) + 16
    backing = {"x": plot.middle - width / 2, "y": y - MESSAGE_PX, "width": width}
    frame.canvas.add(group, "rect", {**backing, "height": MESSAGE_PX * 1.5, "fill": BACKGROUND})
    frame.canvas.text(group, plot.middle, y, lines, size=MESSAGE_PX, fill=INK, anchor="middle")
