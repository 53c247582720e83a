"""Marker shapes, drawn around the origin of a group translated to the data point.

A data point is <g class="point" transform="translate(x y)"> holding its shape and a <title>
(the value in words, shown on hover), so tests and tools can find every point and its position.
"""

import xml.etree.ElementTree as ET

from psoas.charts.canvas import Canvas, number
from psoas.charts.theme import BACKGROUND, Shape

_PATHS: dict[Shape, str] = {
    "triangle": "M0 -6.5 L6 4 L-6 4 Z",
    "diamond": "M0 -6.5 L6.5 0 L0 6.5 L-6.5 0 Z",
    "triangle-down": "M0 6.5 L6 -4 L-6 -4 Z",
}


def shape(canvas: Canvas, parent: ET.Element, kind: Shape, colour: str) -> ET.Element:
    """One marker at parent's origin, filled with colour and outlined in white to stand apart."""
    look: dict[str, str | float] = {"fill": colour, "stroke": BACKGROUND, "stroke-width": 1.5}
    if kind == "circle":
        return canvas.add(parent, "circle", {"r": 5.5, **look})
    if kind == "square":
        return canvas.add(parent, "rect", {"x": -5, "y": -5, "width": 10, "height": 10, **look})
    return canvas.add(parent, "path", {"d": _PATHS[kind], **look})


def point(
    canvas: Canvas,
    parent: ET.Element,
    x: float,
    y: float,
    kind: Shape,
    colour: str,
    *,
    title: str,
) -> ET.Element:
    """A data point at (x, y) with its value in words as a <title>."""
    group = canvas.group(
        {"class": "point", "transform": f"translate({number(x)} {number(y)})"}, parent
    )
    shape(canvas, group, kind, colour)
    canvas.add(group, "title", {}, text=title)
    return group
