import pytest

from psoas.charts import Band, DatedValue, Series, line_chart
from tests.charts.reading import by_class, parse, plot_area, point_titles, points, texts
from tests.charts.samples import day, series

PAIN_BAND = Band(baseline=6)


def test_a_fall_beyond_the_band_is_called_a_change_that_matters() -> None:
    pain = series("Pain now", [6, 6, 5, 5, 4, 4, 3])
    chart = line_chart([pain], title="Pain", band=PAIN_BAND)
    assert chart.summary == (
        "Pain now went from 6 on Mon 3 Mar to 3 on Mon 14 Apr, a fall of 3 points"
        " — more than the 2-point change that matters."
    )


def test_a_change_inside_the_band_may_be_noise() -> None:
    chart = line_chart([series("Pain now", [6, 5])], title="Pain", band=PAIN_BAND)
    assert chart.summary == (
        "Pain now went from 6 on Mon 3 Mar to 5 on Mon 10 Mar, a fall of 1 point"
        " — less than the 2-point change that matters, so it may be noise."
    )


def test_a_change_of_exactly_two_points_reaches_the_band_edge() -> None:
    chart = line_chart([series("Pain now", [6, 8])], title="Pain", band=PAIN_BAND)
    assert chart.summary.endswith(
        "a rise of 2 points — as large as the 2-point change that matters."
    )


def test_no_change_says_so_without_a_verdict() -> None:
    chart = line_chart([series("Pain now", [6, 7, 6])], title="Pain", band=PAIN_BAND)
    assert chart.summary == "Pain now went from 6 on Mon 3 Mar to 6 on Mon 17 Mar, no change."


def test_a_series_that_did_not_start_at_the_baseline_is_measured_from_the_baseline() -> None:
    running = series("Pain while running", [7, 5])
    chart = line_chart([running], title="Pain", band=PAIN_BAND)
    assert chart.summary == (
        "Pain while running went from 7 on Mon 3 Mar to 5 on Mon 10 Mar, a fall of 2 points;"
        " that is 1 point below the baseline of 6 — less than the 2-point change that matters,"
        " so it may be noise."
    )


def test_without_a_band_only_the_change_is_told() -> None:
    chart = line_chart([series("Climbing stairs", [2, 4.5])], title="PSFS")
    assert chart.summary == (
        "Climbing stairs went from 2 on Mon 3 Mar to 4.5 on Mon 10 Mar, a rise of 2.5 points."
    )


def test_years_are_named_when_the_span_crosses_a_year() -> None:
    points = (
        DatedValue(date=day(0).replace(year=2024, month=12, day=30), value=4),
        DatedValue(date=day(0).replace(year=2025, month=1, day=6), value=3),
    )
    chart = line_chart([Series(name="Pain now", points=points)], title="Pain")
    assert "from 4 on Mon 30 Dec 2024 to 3 on Mon 6 Jan 2025" in chart.summary


def test_points_given_out_of_order_are_read_in_date_order() -> None:
    shuffled = Series(
        name="Pain now",
        points=(DatedValue(date=day(14), value=2), DatedValue(date=day(0), value=7)),
    )
    chart = line_chart([shuffled], title="Pain")
    assert chart.summary.startswith("Pain now went from 7 on Mon 3 Mar to 2 on Mon 17 Mar")
    (left_x, _), (right_x, _) = points(parse(chart.svg))
    assert left_x < right_x


def test_each_series_is_told_and_an_empty_one_says_nothing_is_recorded() -> None:
    chart = line_chart(
        [series("Pain now", [5]), Series(name="Pain while running")],
        title="Pain",
        band=Band(baseline=7),
    )
    assert chart.summary == (
        "Pain now was 5 on Mon 3 Mar, the only value so far; that is 2 points below the baseline"
        " of 7 — as large as the 2-point change that matters. Pain while running: nothing"
        " recorded yet."
    )


def test_no_points_at_all_draws_the_empty_text() -> None:
    chart = line_chart([Series(name="Pain now")], title="Pain", empty_text="No check-ins yet.")
    assert chart.summary == "No check-ins yet."
    root = parse(chart.svg)
    assert "No check-ins yet." in texts(root)
    assert points(root) == []


def test_no_series_at_all_is_an_empty_chart() -> None:
    assert line_chart([], title="Pain").summary == "No check-ins yet."


def test_one_point_is_drawn_in_the_middle_with_a_note() -> None:
    chart = line_chart([series("Pain now", [5])], title="Pain")
    root = parse(chart.svg)
    [(x, _)] = points(root)
    area = plot_area(root)
    assert x == pytest.approx(area.x + area.width / 2, abs=0.1)
    assert "One value so far." in texts(root)


def test_higher_values_are_drawn_higher_and_zero_on_the_axis() -> None:
    chart = line_chart([series("Pain now", [0, 10, 5])], title="Pain")
    root = parse(chart.svg)
    area = plot_area(root)
    (_, zero), (_, ten), (_, five) = points(root)
    assert zero == pytest.approx(area.y + area.height)
    assert ten == pytest.approx(area.y)
    assert five == pytest.approx(area.y + area.height / 2, abs=0.1)


def test_value_ticks_on_a_zero_to_ten_scale_are_every_two_points() -> None:
    root = parse(line_chart([series("Pain now", [3, 4])], title="Pain").svg)
    [axis] = by_class(root, "value-axis")
    assert [text.text for text in axis.iter() if text.tag.endswith("text")] == [
        "0", "2", "4", "6", "8", "10",
    ]  # fmt: skip


def test_the_band_is_shaded_two_points_either_side_of_the_baseline() -> None:
    root = parse(line_chart([series("Pain now", [6, 3])], title="Pain", band=PAIN_BAND).svg)
    area = plot_area(root)
    [band] = by_class(root, "band")
    [shade] = [child for child in band if child.tag.endswith("rect")]
    per_point = area.height / 10
    assert float(shade.get("y", "")) == pytest.approx(area.y + 2 * per_point, abs=0.1)
    assert float(shade.get("height", "")) == pytest.approx(4 * per_point, abs=0.1)
    assert "±2 points around 6" in texts(root)


def test_every_series_has_its_own_colour_shape_and_dash_in_the_legend() -> None:
    names = ["Running 5 km", "Stairs", "Car", "Desk", "Kicking"]
    chart = line_chart([series(name, [3, 5]) for name in names], title="PSFS")
    root = parse(chart.svg)
    lines = [el for el in root.iter() if el.tag.endswith("polyline")]
    assert len({line.get("stroke") for line in lines}) == 5
    assert len({line.get("stroke-dasharray") for line in lines}) == 5  # one solid (None)
    shapes = {
        next(iter(group)).tag + next(iter(group)).get("d", "") for group in by_class(root, "point")
    }
    assert len(shapes) == 5
    assert [t for t in texts(root) if t in names] == names


def test_point_titles_say_the_value_and_date() -> None:
    root = parse(line_chart([series("Pain now", [6, 3])], title="Pain").svg)
    assert point_titles(root) == ["Pain now: 6 on Mon 3 Mar", "Pain now: 3 on Mon 10 Mar"]


def test_values_outside_the_range_widen_the_axis_instead_of_leaving_the_plot() -> None:
    root = parse(line_chart([series("Steps", [4, 14])], title="x").svg)
    area = plot_area(root)
    assert all(area.holds(x, y) for x, y in points(root))


def test_more_than_five_series_is_refused_with_what_to_do() -> None:
    with pytest.raises(ValueError, match="at most 5 series, got 6: split them"):
        line_chart([series(f"s{i}", [1]) for i in range(6)], title="Too many")


def test_a_chart_too_small_to_plot_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 240 wide and 160 high"):
        line_chart([series("Pain now", [1])], title="Pain", width=100, height=80)
