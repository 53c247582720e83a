"""The key above the plot: a sample of each mark and its name, wrapped into rows.

It sits above the plot, never on it, so it cannot hide data.
"""

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from psoas.charts import markers
from psoas.charts.canvas import Attrs, Canvas, number
from psoas.charts.layout import fit_text, text_width
from psoas.charts.theme import (
    BAND_EDGE,
    BAND_FILL,
    INK,
    LABEL_PX,
    LEGEND_PX,
    PLAN,
    Look,
)

Sample = Literal["line", "marker", "bar", "band", "plan", "number"]

ROW_PX = 22
_SWATCH_PX = 26
_GAP_PX = 6
_SPACING_PX = 18
_MAX_LABEL_PX = 220


@dataclass(frozen=True)
class LegendItem:
    label: str
    sample: Sample
    look: Look | None = None


@dataclass(frozen=True)
class _Placed:
    item: LegendItem
    text: str
    x: float
    row: int


def _place(items: Sequence[LegendItem], left: float, right: float) -> list[_Placed]:
    placed: list[_Placed] = []
    x, row = left, 0
    label_px = min(_MAX_LABEL_PX, right - left - _SWATCH_PX - _GAP_PX)
    for item in items:
        text = fit_text(item.label, label_px, LEGEND_PX)
        width = _SWATCH_PX + _GAP_PX + text_width(text, LEGEND_PX)
        if x > left and x + width > right:
            x, row = left, row + 1
        placed.append(_Placed(item, text, x, row))
        x += width + _SPACING_PX
    return placed


def legend_rows(items: Sequence[LegendItem], left: float, right: float) -> int:
    placed = _place(items, left, right)
    return placed[-1].row + 1 if placed else 0


def draw_legend(
    canvas: Canvas, items: Sequence[LegendItem], left: float, right: float, top: float
) -> None:
    group = canvas.group({"class": "legend"})
    for placed in _place(items, left, right):
        middle = top + placed.row * ROW_PX + ROW_PX / 2
        _sample(canvas, group, placed.item, placed.x, middle)
        text_x = placed.x + _SWATCH_PX + _GAP_PX
        canvas.text(group, text_x, middle + LEGEND_PX * 0.35, placed.text, size=LEGEND_PX)


def _sample(canvas: Canvas, group: ET.Element, item: LegendItem, x: float, middle: float) -> None:
    end = x + _SWATCH_PX
    look = item.look
    if item.sample == "line" and look is not None:
        canvas.line(
            group, (x, middle), (end, middle), stroke=look.colour, width=2.5, dash=look.dash
        )
    if item.sample in ("line", "marker") and look is not None:
        spot = canvas.group(
            {"transform": f"translate({number(x + _SWATCH_PX / 2)} {number(middle)})"}, group
        )
        markers.shape(canvas, spot, look.shape, look.colour)
    elif item.sample == "bar" and look is not None:
        box: Attrs = {"x": x + 4, "y": middle - 7, "width": _SWATCH_PX - 8, "height": 14}
        canvas.add(group, "rect", {**box, "fill": look.colour})
    elif item.sample == "band":
        box = {"x": x, "y": middle - 7, "width": _SWATCH_PX, "height": 14}
        canvas.add(group, "rect", {**box, "fill": BAND_FILL, "stroke": BAND_EDGE})
    elif item.sample == "plan":
        canvas.line(group, (x, middle), (end, middle), stroke=PLAN, width=3)
    elif item.sample == "number":
        canvas.text(
            group, x + _SWATCH_PX / 2, middle + 4, "3", size=LABEL_PX, fill=INK, anchor="middle"
        )
