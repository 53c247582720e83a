import itertools

import pytest

from psoas.charts import weekly_bars
from tests.charts.reading import NS, by_class, parse, plot_area, texts
from tests.charts.samples import weeks


def test_summary_counts_weeks_at_or_above_plan_and_tells_the_latest() -> None:
    chart = weekly_bars(weeks([(2, 3), (3, 3), (4, 3), (1, 3), (3, 4)]), title="Sessions")
    assert chart.summary == (
        "2 of 5 weeks at or above plan. Latest, the week of Mon 31 Mar: 3 sessions done of 4"
        " planned."
    )


def test_one_week_reads_in_the_singular() -> None:
    chart = weekly_bars(weeks([(1, 0)]), title="Sessions")
    assert chart.summary == (
        "1 of 1 week at or above plan. Latest, the week of Mon 3 Mar: 1 session done of 0 planned."
    )


def test_no_weeks_draws_the_empty_text() -> None:
    chart = weekly_bars([], title="Sessions")
    assert chart.summary == "No weeks yet."
    root = parse(chart.svg)
    assert "No weeks yet." in texts(root)
    assert by_class(root, "bar") == []


def test_bars_stand_on_the_axis_with_heights_in_proportion() -> None:
    root = parse(weekly_bars(weeks([(2, 3), (4, 3), (0, 3)]), title="Sessions").svg)
    area = plot_area(root)
    bars = by_class(root, "bar")
    heights = [float(bar.get("height", "")) for bar in bars]
    for bar, height in zip(bars, heights, strict=True):
        assert float(bar.get("y", "")) + height == pytest.approx(area.y + area.height)
    assert heights[1] == pytest.approx(2 * heights[0])
    assert heights[2] == 0


def test_each_week_has_a_plan_line_at_its_planned_count() -> None:
    root = parse(weekly_bars(weeks([(1, 4), (3, 2)]), title="Sessions").svg)
    area = plot_area(root)
    plans = by_class(root, "plan")
    assert len(plans) == 2
    per_session = area.height / 4  # axis 0..4
    first, second = (float(plan.get("y1", "")) for plan in plans)
    assert first == pytest.approx(area.y)
    assert second == pytest.approx(area.y + area.height - 2 * per_session)


def test_counts_are_written_on_the_bars_and_the_week_is_in_each_title() -> None:
    root = parse(weekly_bars(weeks([(2, 3), (0, 3)]), title="Sessions").svg)
    groups = by_class(root, "week")
    assert [group.findtext(f"{NS}title") for group in groups] == [
        "Week of Mon 3 Mar: 2 done, 3 planned",
        "Week of Mon 10 Mar: 0 done, 3 planned",
    ]
    assert [group.findtext(f"{NS}text") for group in groups] == ["2", "0"]


def test_many_weeks_keep_date_labels_apart() -> None:
    root = parse(weekly_bars(weeks([(3, 3)] * 52), title="A year", width=360).svg)
    [axis] = by_class(root, "bottom-labels")
    xs = [float(text.get("x", "")) for text in axis.iter(f"{NS}text")]
    assert 2 <= len(xs) <= 6
    assert all(b - a > 60 for a, b in itertools.pairwise(xs))
