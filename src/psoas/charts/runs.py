"""One mark per run over time, coloured and shaped by climb, with pain after underneath."""

from collections.abc import Sequence
from typing import Literal

from psoas.charts import frame as frames
from psoas.charts import markers
from psoas.charts.canvas import Canvas
from psoas.charts.chart import Chart
from psoas.charts.dates import spoken
from psoas.charts.legend import LegendItem
from psoas.charts.prose import amount, counted
from psoas.charts.runs_summary import climb_words, runs_summary
from psoas.charts.scales import nice_ticks
from psoas.charts.series import CLIMB_CLASSES, RunPoint
from psoas.charts.theme import AXIS, CLIMB_LOOKS, CLIMB_NAMES, LABEL_PX

Measure = Literal["distance", "climb"]
_CAPTIONS: dict[Measure, str] = {"distance": "Distance (km)", "climb": "Climb (m)"}


def run_chart(
    runs: Sequence[RunPoint],
    *,
    title: str,
    measure: Measure = "distance",
    show_pain: bool = True,
    empty_text: str = "No runs yet.",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """A stem and marker per run: date across, distance (or climb) up, climb class as colour
    and shape; with show_pain, the pain reported after each run is written under it.

    With measure="climb", runs of unknown climb cannot be placed and are left out (the summary
    says how many)."""
    ordered = sorted(runs, key=lambda r: r.date)
    drawn = [(run, value) for run in ordered if (value := _value(run, measure)) is not None]
    summary = runs_summary(ordered, empty_text)
    if len(drawn) < len(ordered):
        summary += f" {counted(len(ordered) - len(drawn), 'run')} of unknown climb not drawn."
    canvas = Canvas(width=width, height=height, title=title, description=summary)
    least = 10.0 if measure == "distance" else 100.0
    ticks = nice_ticks(0, max([least, *(value for _, value in drawn)]), max_count=5)
    legend = climb_legend([run for run, _ in drawn])
    if show_pain:
        legend.append(LegendItem("= pain after the run (0–10)", "number"))
    frame = frames.frame(
        canvas,
        legend=legend,
        caption=_CAPTIONS[measure],
        left_labels=[amount(t) for t in ticks],
        bottom_rows=2 if show_pain else 1,
    )
    y = frames.value_axis(frame, ticks, amount)
    if not drawn:
        frames.message(frame, empty_text)
        return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)
    row = 1 if show_pain else 0
    x = frames.date_axis(frame, drawn[0][0].date, drawn[-1][0].date, row=row, ticks=not show_pain)
    group = canvas.group({"class": "runs"})
    pains: list[tuple[float, str]] = []
    for run, value in drawn:
        cx, cy = x(run.date), y(value)
        canvas.line(group, (cx, frame.plot.bottom), (cx, cy), stroke=AXIS, width=1.5)
        look = CLIMB_LOOKS[run.climb_class]
        markers.point(canvas, group, cx, cy, look.shape, look.colour, title=_words(run))
        if run.pain_after is not None:
            pains.append((cx, str(run.pain_after)))
    if show_pain:
        frames.bottom_labels(frame, pains, size=LABEL_PX, gap=2, ticks=False)
    return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)


def climb_legend(runs: Sequence[RunPoint]) -> list[LegendItem]:
    """Flat, rolling and hilly always (so the key reads the same on every chart); unknown climb
    only when a run has it."""
    has_unknown = any(run.climb_class == "unknown" for run in runs)
    shown = [kind for kind in CLIMB_CLASSES if kind != "unknown" or has_unknown]
    return [LegendItem(CLIMB_NAMES[kind], "marker", CLIMB_LOOKS[kind]) for kind in shown]


def _value(run: RunPoint, measure: Measure) -> float | None:
    return run.distance_km if measure == "distance" else run.climb_m


def _words(run: RunPoint) -> str:
    pain = "" if run.pain_after is None else f", pain after {run.pain_after}"
    return f"{spoken(run.date)}: {amount(run.distance_km)} km, {climb_words(run)}{pain}"
