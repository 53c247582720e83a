"""Pain after each run against the climb of that run, marked by climb class."""

from collections import Counter
from collections.abc import Sequence

from psoas.charts import frame as frames
from psoas.charts import markers
from psoas.charts.canvas import Canvas
from psoas.charts.chart import Chart
from psoas.charts.dates import spoken
from psoas.charts.prose import amount, counted
from psoas.charts.runs import climb_legend
from psoas.charts.runs_summary import pain_by_climb
from psoas.charts.scales import Linear, nice_ticks
from psoas.charts.series import RunPoint
from psoas.charts.theme import CLIMB_LOOKS, GRID

# Runs with the same climb and pain are spread sideways so each stays visible.
_SPREAD_PX = (0.0, 7.0, -7.0, 14.0, -14.0)


def climb_pain_scatter(
    runs: Sequence[RunPoint],
    *,
    title: str,
    caption: str = "Pain after the run (0–10)",
    empty_text: str = "No pain scores after runs yet.",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """A marker per run with a pain score and a known climb: climb (m) across, pain up."""
    drawn = [
        (run, run.climb_m, run.pain_after)
        for run in sorted(runs, key=lambda r: r.date)
        if run.climb_m is not None and run.pain_after is not None
    ]
    summary = scatter_summary(runs, empty_text)
    canvas = Canvas(width=width, height=height, title=title, description=summary)
    y_ticks = nice_ticks(0, 10)
    frame = frames.frame(
        canvas,
        legend=climb_legend([]),
        caption=caption,
        left_labels=[amount(t) for t in y_ticks],
    )
    y = frames.value_axis(frame, y_ticks, amount)
    plot = frame.plot
    x_ticks = nice_ticks(0, max([100.0, *(climb for _, climb, _ in drawn)]), max_count=6)
    x = Linear(x_ticks[0], x_ticks[-1], plot.x + frames.INSET_PX, plot.right - frames.INSET_PX)
    for tick in x_ticks[1:]:
        canvas.line(canvas.root, (x(tick), plot.y), (x(tick), plot.bottom), stroke=GRID)
    frames.bottom_labels(frame, [(x(tick), f"{amount(tick)} m") for tick in x_ticks])
    if not drawn:
        frames.message(frame, empty_text)
        return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)
    seen: Counter[tuple[int, int]] = Counter()
    group = canvas.group({"class": "runs"})
    for run, climb_m, pain in drawn:
        cx, cy = x(climb_m), y(pain)
        spot = (round(cx / 4), pain)
        cx = min(max(cx + _SPREAD_PX[seen[spot] % len(_SPREAD_PX)], plot.x), plot.right)
        seen[spot] += 1
        look = CLIMB_LOOKS[run.climb_class]
        words = (
            f"{spoken(run.date)}: pain {pain} after {amount(climb_m)} m of climb "
            f"({run.climb_class})"
        )
        markers.point(canvas, group, cx, cy, look.shape, look.colour, title=words)
    return Chart(title=title, svg=canvas.to_svg(), summary=summary, width=width, height=height)


def scatter_summary(runs: Sequence[RunPoint], empty_text: str) -> str:
    scored = [run for run in runs if run.pain_after is not None]
    if not scored:
        return empty_text
    text = pain_by_climb(runs)
    unknown = sum(1 for run in scored if run.climb_m is None)
    if unknown:
        text += f" {counted(unknown, 'run')} of unknown climb not drawn."
    worst = max(run.pain_after or 0 for run in scored)
    if worst == 0:
        return f"{text} Pain after every scored run was 0."
    latest = max((run for run in scored if run.pain_after == worst), key=lambda r: r.date)
    with_year = min(run.date for run in scored).year != max(run.date for run in scored).year
    where = (
        "of unknown climb"
        if latest.climb_m is None
        else f"with {amount(latest.climb_m)} m of climb"
    )
    when = spoken(latest.date, with_year=with_year)
    return f"{text} Highest pain after a run: {worst}, after a run {where} on {when}."
