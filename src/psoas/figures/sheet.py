"""A contact sheet: every exercise's key poses on one page, each under its name (docs, print)."""

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from psoas.charts.canvas import Canvas
from psoas.domain.exercise import Exercise
from psoas.figures import style
from psoas.figures.document import default_side, key_poses_svg

ROW_GAP = 34.0  # room for the name above each figure
NAME_PX = 18
_SIZE = re.compile(r'^<svg[^>]*?width="(\d+)" height="(\d+)"')


def contact_sheet_svg(exercises: Sequence[Exercise], *, columns: int = 2) -> str:
    """Each figure in a grid cell two panels wide, under its name; exercises without a figure
    are left out (the content checks insist every exercise has one)."""
    cell_width = 2 * style.PANEL_WIDTH + 20
    figures: list[tuple[Exercise, str, float]] = []
    for exercise in exercises:
        if exercise.figure is None:
            continue
        svg = key_poses_svg(exercise.figure, name=exercise.name, side=default_side(exercise))
        match = _SIZE.match(svg)
        figures.append((exercise, svg, float(match.group(2)) if match else style.PANEL_HEIGHT))
    rows = [figures[i : i + columns] for i in range(0, len(figures), columns)]
    row_heights = [max(height for _, _, height in row) + ROW_GAP for row in rows]
    canvas = Canvas(
        width=round(cell_width * columns),
        height=round(sum(row_heights) + 10),
        title="Psoas Coach exercise figures",
        description=f"The key poses of all {len(figures)} exercises, each under its name.",
    )
    canvas.add(canvas.root, "rect", {"width": "100%", "height": "100%", "fill": style.BACKGROUND})
    top = 10.0
    for row, row_height in zip(rows, row_heights, strict=True):
        for column, (exercise, svg, _) in enumerate(row):
            x = column * cell_width + 10
            canvas.text(canvas.root, x + 6, top + 20, exercise.name, size=NAME_PX, bold=True)
            # Each figure's own <svg>, nested in place: it keeps its viewBox and labels.
            nested = ET.fromstring(svg)
            nested.set("x", f"{x:g}")
            nested.set("y", f"{top + ROW_GAP:g}")
            canvas.root.append(nested)
        top += row_height
    return canvas.to_svg()
