"""Scores over time: pain (0–10) with its 2-point band, or PSFS activities (0–10)."""

from collections.abc import Sequence

from psoas.charts import frame as frames
from psoas.charts import markers
from psoas.charts.canvas import Attrs, Canvas
from psoas.charts.chart import Chart
from psoas.charts.dates import spoken
from psoas.charts.legend import LegendItem
from psoas.charts.line_summary import line_summary
from psoas.charts.prose import amount
from psoas.charts.scales import Linear, nice_ticks
from psoas.charts.series import Band, Series
from psoas.charts.theme import BAND_EDGE, BAND_FILL, BASELINE, MAX_SERIES, SERIES_LOOKS


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    caption: str = "Score (0–10)",
    band: Band | None = None,
    value_range: tuple[float, float] = (0.0, 10.0),
    empty_text: str = "No check-ins yet.",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """Lines of dated values, one per series (1–5), optionally over a band around a baseline.

    The y axis covers value_range, widened if a value falls outside it.
    """
    if len(series) > MAX_SERIES:
        raise ValueError(
            f"a line chart shows at most {MAX_SERIES} series, got {len(series)}: "
            "split them over more charts"
        )
    ordered = [sorted(s.points, key=lambda p: p.date) for s in series]
    points = [p for line in ordered for p in line]
    summary = line_summary(series, band, empty_text)
    canvas = Canvas(width=width, height=height, title=title, description=summary)
    values = [p.value for p in points]
    ticks = nice_ticks(min([value_range[0], *values]), max([value_range[1], *values]))
    legend = [
        LegendItem(s.name, "line", look) for s, look in zip(series, SERIES_LOOKS, strict=False)
    ]
    if band is not None:
        band_label = f"±{amount(band.half_width)} points around {amount(band.baseline)}"
        legend.append(LegendItem(band_label, "band"))
    note = "One value so far." if points and all(len(line) <= 1 for line in ordered) else ""
    frame = frames.frame(
        canvas,
        legend=legend,
        caption=caption,
        note=note,
        left_labels=[amount(t) for t in ticks],
    )
    if band is not None:
        _band(canvas, frame, band, Linear(ticks[0], ticks[-1], frame.plot.bottom, frame.plot.y))
    y = frames.value_axis(frame, ticks, amount)
    if not points:
        frames.message(frame, empty_text)
        return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)
    x = frames.date_axis(frame, min(p.date for p in points), max(p.date for p in points))
    for one, line, look in zip(series, ordered, SERIES_LOOKS[: len(series)], strict=True):
        group = canvas.group({"class": "series"})
        coordinates = [(x(p.date), y(p.value)) for p in line]
        if len(coordinates) > 1:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coordinates)
            attrs: dict[str, str | float] = {
                "points": path, "fill": "none", "stroke": look.colour, "stroke-width": 2.5,
                "stroke-linejoin": "round",
            }  # fmt: skip
            if look.dash:
                attrs["stroke-dasharray"] = look.dash
            canvas.add(group, "polyline", attrs)
        for point, (cx, cy) in zip(line, coordinates, strict=True):
            title_text = f"{one.name}: {amount(point.value)} on {spoken(point.date)}"
            markers.point(canvas, group, cx, cy, look.shape, look.colour, title=title_text)
    return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)


def _band(canvas: Canvas, frame: frames.Frame, band: Band, y: Linear) -> None:
    plot = frame.plot
    low = y(max(band.low, y.lo))
    high = y(min(band.high, y.hi))
    group = canvas.group({"class": "band"})
    if low > high:
        area: Attrs = {"x": plot.x, "y": high, "width": plot.width, "height": low - high}
        canvas.add(group, "rect", {**area, "fill": BAND_FILL})
        for edge, value in ((high, band.high), (low, band.low)):
            if y.lo < value < y.hi:
                canvas.line(group, (plot.x, edge), (plot.right, edge), stroke=BAND_EDGE, dash="4 3")
    if y.lo <= band.baseline <= y.hi:
        middle = y(band.baseline)
        canvas.line(group, (plot.x, middle), (plot.right, middle), stroke=BASELINE, dash="1 3")
