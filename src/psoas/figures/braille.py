"""A figure as braille-dot line drawing, for `psoas exercises show` in a terminal.

The same placed scene as the SVG, rasterised onto a grid of dots: each character is 2 dots wide
and 4 tall (Unicode braille patterns U+2800 to U+28FF), which is about square dots in a terminal.
"""

import itertools
import math

from psoas.domain.figure import Figure, Side
from psoas.figures import style
from psoas.figures.body import Point
from psoas.figures.framing import all_scenes, camera_for
from psoas.figures.scene import Box, Circle, Loop, place

# Bit of each dot in a braille cell, by (column, row).
_DOT_BITS = {(0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (1, 0): 0x08,
             (1, 1): 0x10, (1, 2): 0x20, (0, 3): 0x40, (1, 3): 0x80}  # fmt: skip


class _Dots:
    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.on: set[tuple[int, int]] = set()

    def dot(self, x: float, y: float) -> None:
        column, row = round(x), round(y)
        if 0 <= column < self.columns and 0 <= row < self.rows:
            self.on.add((column, row))

    def line(self, a: Point, b: Point) -> None:
        count = max(1, math.ceil(math.dist(a, b) * 2))
        for i in range(count + 1):
            t = i / count
            self.dot(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    def ring(self, centre: Point, radius: float) -> None:
        count = max(8, math.ceil(radius * 8))
        for i in range(count):
            angle = 2 * math.pi * i / count
            self.dot(centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))

    def text(self) -> list[str]:
        lines = []
        for top in range(0, self.rows, 4):
            cells = []
            for left in range(0, self.columns, 2):
                bits = sum(
                    bit for (dx, dy), bit in _DOT_BITS.items() if (left + dx, top + dy) in self.on
                )
                cells.append(chr(0x2800 + bits))
            lines.append("".join(cells).rstrip("\u2800"))
        # Only the rows with something drawn: no blank lines above or below.
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        return lines


def braille_lines(figure: Figure, *, side: Side | None, width_chars: int = 40) -> list[str]:
    """The end pose (or the still position) as lines of braille characters."""
    camera = camera_for(all_scenes(figure, side))
    scene = place(figure, figure.end or figure.start, side=side)
    per_unit = width_chars * 2 / style.PANEL_WIDTH
    dots = _Dots(width_chars * 2, math.ceil(camera.height * per_unit) + 1)

    def at(point: Point) -> Point:
        x, y = camera(point)
        return (x * per_unit, y * per_unit)

    for prop in scene.props:
        if isinstance(prop, Circle):
            dots.ring(at(prop.centre), prop.radius * camera.scale * per_unit)
        elif isinstance(prop, Box):
            corners = [(prop.x0, 0.0), (prop.x0, prop.height), (prop.x1, prop.height),
                       (prop.x1, 0.0)]  # fmt: skip
            for a, b in itertools.pairwise(corners):
                dots.line(at(a), at(b))
        elif isinstance(prop, Loop):
            dots.line(at(prop.a), at(prop.b))
    for segment in scene.body.segments:
        if segment.name == "head":
            dots.ring(at(segment.b), segment.radius * camera.scale * per_unit)
        else:
            dots.line(at(segment.a), at(segment.b))
    floor_y = camera.floor_y * per_unit
    dots.line((0, floor_y), (dots.columns - 1, floor_y))
    return dots.text()
