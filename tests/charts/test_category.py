import pytest

from psoas.charts import (
    THOMAS_LEVELS,
    CategoryLevel,
    CategoryPoint,
    CategorySeries,
    category_chart,
)
from tests.charts.reading import by_class, parse, plot_area, point_titles, points, texts
from tests.charts.samples import day


def side(name: str, values: list[str]) -> CategorySeries:
    checks = tuple(CategoryPoint(date=day(7 * i), value=value) for i, value in enumerate(values))
    return CategorySeries(name=name, points=checks)


def test_summary_tells_each_side_first_and_latest() -> None:
    chart = category_chart(
        [side("Left", ["above", "level", "below"]), side("Right", ["level", "level"])],
        title="Thomas",
    )
    assert chart.summary == (
        "Left: thigh above on Mon 3 Mar; latest, thigh below on Mon 17 Mar (3 checks)."
        " Right: thigh level on Mon 3 Mar; latest, thigh level on Mon 10 Mar (2 checks)."
    )


def test_one_check_and_no_checks() -> None:
    chart = category_chart([side("Left", ["below"]), side("Right", [])], title="Thomas")
    assert chart.summary == "Left: thigh below on Mon 3 Mar. Right: no checks yet."
    assert category_chart([side("Left", [])], title="Thomas").summary == "No checks yet."


def test_rows_are_labelled_top_to_bottom_and_points_sit_on_their_row() -> None:
    chart = category_chart([side("Left", ["above", "below", "level"])], title="Thomas")
    root = parse(chart.svg)
    assert [label for label in texts(root) if label.startswith("thigh")] == [
        level.label for level in THOMAS_LEVELS
    ]
    area = plot_area(root)
    (_, above), (_, below), (_, level) = points(root)
    assert above < level < below
    assert level == pytest.approx(area.y + area.height / 2)


def test_two_sides_with_the_same_reading_on_the_same_day_both_show() -> None:
    root = parse(category_chart([side("Left", ["level"]), side("Right", ["level"])], title="T").svg)
    (left_x, left_y), (right_x, right_y) = points(root)
    assert left_x == right_x
    assert abs(left_y - right_y) >= 8
    assert point_titles(root) == [
        "Left: thigh level on Mon 3 Mar",
        "Right: thigh level on Mon 3 Mar",
    ]


def test_each_side_is_a_step_line_with_its_own_dash() -> None:
    root = parse(
        category_chart(
            [side("Left", ["above", "level"]), side("Right", ["level", "below"])], title="T"
        ).svg
    )
    paths = [next(iter(group)) for group in by_class(root, "series")]
    assert [path.get("stroke-dasharray") for path in paths] == [None, "8 4"]
    assert all(" H" in path.get("d", "") and " V" in path.get("d", "") for path in paths)


def test_a_value_that_is_not_a_level_is_refused_naming_the_levels() -> None:
    with pytest.raises(ValueError, match="'Left' on 2025-03-03: 'sideways' is not one of above"):
        category_chart([side("Left", ["sideways"])], title="Thomas")


def test_other_levels_can_be_given() -> None:
    levels = (CategoryLevel(value="yes", label="Yes"), CategoryLevel(value="no", label="No"))
    chart = category_chart([side("Morning stiffness", ["yes", "no"])], title="S", levels=levels)
    assert chart.summary.startswith("Morning stiffness: Yes on Mon 3 Mar; latest, No on Mon 10 Mar")
