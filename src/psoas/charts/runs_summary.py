"""What the run charts say in words: counts by climb, totals, and pain after by climb."""

from collections.abc import Sequence

from psoas.charts.dates import spoken, spoken_pair
from psoas.charts.prose import amount, counted, listed, mean
from psoas.charts.series import CLIMB_CLASSES, ClimbClass, RunPoint

_COUNTED: dict[ClimbClass, str] = {
    "flat": "flat",
    "rolling": "rolling",
    "hilly": "hilly",
    "unknown": "with unknown climb",
}
_NAMED: dict[ClimbClass, str] = {**_COUNTED, "unknown": "unknown climb"}


def runs_summary(runs: Sequence[RunPoint], empty_text: str) -> str:
    if not runs:
        return empty_text
    ordered = sorted(runs, key=lambda r: r.date)
    if len(runs) == 1:
        run = runs[0]
        text = f"1 run on {spoken(run.date)}: {amount(run.distance_km)} km, {climb_words(run)}."
    else:
        start, end = spoken_pair(ordered[0].date, ordered[-1].date)
        counts = [
            f"{sum(1 for run in runs if run.climb_class == kind)} {_COUNTED[kind]}"
            for kind in CLIMB_CLASSES
            if any(run.climb_class == kind for run in runs)
        ]
        climbs = [run.climb_m for run in runs if run.climb_m is not None]
        climb = f" and {amount(sum(climbs))} m of climb" if climbs else ""
        text = (
            f"{len(runs)} runs from {start} to {end}: {listed(counts)}; "
            f"{amount(sum(run.distance_km for run in runs))} km{climb} in all."
        )
    return f"{text} {pain_by_climb(runs)}"


def climb_words(run: RunPoint) -> str:
    """'120 m of climb (rolling)' or 'climb unknown'."""
    if run.climb_m is None:
        return "climb unknown"
    return f"{amount(run.climb_m)} m of climb ({run.climb_class})"


def pain_by_climb(runs: Sequence[RunPoint]) -> str:
    """'Average pain after, out of 10: flat 1.5 (4 runs) and hilly 4 (2 runs).' and how many
    runs had no score."""
    scored = [(run.climb_class, run.pain_after) for run in runs if run.pain_after is not None]
    if not scored:
        return "No pain scores after runs."
    averages = []
    for kind in CLIMB_CLASSES:
        values = [pain for climb, pain in scored if climb == kind]
        if values:
            averages.append(
                f"{_NAMED[kind]} {amount(mean(values))} ({counted(len(values), 'run')})"
            )
    text = f"Average pain after, out of 10: {listed(averages)}."
    missing = len(runs) - len(scored)
    if missing:
        text += f" {counted(missing, 'run')} without a pain score."
    return text
