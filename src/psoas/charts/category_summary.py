"""What a category chart says in words: each series' first and latest reading."""

from collections.abc import Sequence

from psoas.charts.dates import spoken, spoken_pair
from psoas.charts.prose import counted
from psoas.charts.series import CategoryLevel, CategorySeries


def category_summary(
    series: Sequence[CategorySeries], levels: Sequence[CategoryLevel], empty_text: str
) -> str:
    if not any(one.points for one in series):
        return empty_text
    label_of = {level.value: level.label for level in levels}
    sentences: list[str] = []
    for one in series:
        points = sorted(one.points, key=lambda p: p.date)
        if not points:
            sentences.append(f"{one.name}: no checks yet.")
            continue
        first, last = points[0], points[-1]
        if len(points) == 1:
            sentences.append(f"{one.name}: {label_of[last.value]} on {spoken(last.date)}.")
            continue
        start, end = spoken_pair(first.date, last.date)
        then, now = label_of[first.value], label_of[last.value]
        sentences.append(
            f"{one.name}: {then} on {start}; latest, {now} on {end} "
            f"({counted(len(points), 'check')})."
        )
    return " ".join(sentences)
