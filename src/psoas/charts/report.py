"""Several charts on one page, for `psoas report --out FILE.svg` (or .png through png.py).

Each chart keeps its own <svg>, nested at its place; its heading goes above it and its summary,
wrapped, below it, so the page reads the same with or without the pictures.
"""

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from defusedxml.ElementTree import fromstring

from psoas.charts.canvas import Canvas
from psoas.charts.chart import Chart
from psoas.charts.layout import fit_text, wrap_text
from psoas.charts.theme import INK, MUTED

MARGIN_PX = 24
TITLE_PX = 22
SUBTITLE_PX = 14
HEADING_PX = 17
SUMMARY_PX = 14
_LINE_GAP = 1.4


def report_svg(title: str, charts: Sequence[Chart], subtitle: str = "") -> str:
    """One SVG page: title, subtitle, then each chart with its heading above and summary below."""
    width = max([480, *(chart.width for chart in charts)]) + 2 * MARGIN_PX
    text_px = width - 2 * MARGIN_PX
    description = " ".join(f"{chart.title}: {chart.summary}" for chart in charts)
    placed: list[tuple[float, Chart, list[str]]] = []
    y: float = MARGIN_PX + TITLE_PX
    if subtitle:
        y += SUBTITLE_PX * _LINE_GAP
    for chart in charts:
        y += 18 + HEADING_PX * _LINE_GAP
        lines = wrap_text(chart.summary, text_px, SUMMARY_PX)
        placed.append((y, chart, lines))
        y += chart.height + 8 + len(lines) * SUMMARY_PX * _LINE_GAP
    height = round(y + MARGIN_PX)
    canvas = Canvas(width=width, height=height, title=title, description=description or title)
    page = canvas.group({"class": "report"})
    canvas.add(page, "rect", {"width": width, "height": height, "fill": "#ffffff"})
    canvas.text(
        page, MARGIN_PX, MARGIN_PX + TITLE_PX * 0.8, fit_text(title, text_px, TITLE_PX),
        size=TITLE_PX, bold=True,
    )  # fmt: skip
    if subtitle:
        subtitle_y = MARGIN_PX + TITLE_PX + SUBTITLE_PX
        fitted = fit_text(subtitle, text_px, SUBTITLE_PX)
        canvas.text(page, MARGIN_PX, subtitle_y, fitted, size=SUBTITLE_PX, fill=MUTED)
    for top, chart, lines in placed:
        heading = fit_text(chart.title, text_px, HEADING_PX)
        canvas.text(page, MARGIN_PX, top - 8, heading, size=HEADING_PX, bold=True)
        page.append(_nested(chart, MARGIN_PX, top))
        for index, line in enumerate(lines):
            line_y = top + chart.height + 8 + (index + 0.8) * SUMMARY_PX * _LINE_GAP
            canvas.text(page, MARGIN_PX, line_y, line, size=SUMMARY_PX, fill=INK)
    return canvas.to_svg()


def _nested(chart: Chart, x: float, y: float) -> ET.Element:
    """The chart's <svg> element placed at (x, y), without namespace prefixes."""
    element: ET.Element = fromstring(chart.svg)
    for node in element.iter():
        node.tag = node.tag.rpartition("}")[2]
    element.set("x", str(x))
    element.set("y", str(round(y, 1)))
    return element
