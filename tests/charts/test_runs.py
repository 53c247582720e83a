import pytest

from psoas.charts import climb_pain_scatter, run_chart
from tests.charts.reading import NS, by_class, parse, plot_area, point_titles, points, texts
from tests.charts.samples import run

RUNS = [
    run(0, "flat", distance_km=5, climb_m=20, pain_after=1),
    run(2, "hilly", distance_km=8, climb_m=310, pain_after=5),
    run(4, "rolling", distance_km=6.5, climb_m=90, pain_after=None),
    run(7, "hilly", distance_km=10, climb_m=220, pain_after=3),
    run(9, "flat", distance_km=4, climb_m=10, pain_after=0),
]


def test_run_summary_counts_classes_totals_and_pain_by_climb() -> None:
    assert run_chart(RUNS, title="Runs").summary == (
        "5 runs from Mon 3 Mar to Wed 12 Mar: 2 flat, 1 rolling and 2 hilly; 33.5 km and 650 m of"
        " climb in all. Average pain after, out of 10: flat 0.5 (2 runs) and hilly 4 (2 runs)."
        " 1 run without a pain score."
    )


def test_one_run_and_no_runs() -> None:
    assert run_chart(RUNS[:1], title="Runs").summary == (
        "1 run on Mon 3 Mar: 5 km, 20 m of climb (flat)."
        " Average pain after, out of 10: flat 1 (1 run)."
    )
    empty = run_chart([], title="Runs")
    assert empty.summary == "No runs yet."
    assert "No runs yet." in texts(parse(empty.svg))


def test_each_run_is_a_point_at_its_distance_with_its_pain_written_under_it() -> None:
    root = parse(run_chart(RUNS, title="Runs").svg)
    area = plot_area(root)
    spots = points(root)
    assert len(spots) == 5
    assert [x for x, _ in spots] == sorted(x for x, _ in spots)
    assert spots[3][1] == pytest.approx(area.y)  # 10 km: the top of a 0–10 km axis
    assert spots[0][1] == pytest.approx(area.y + area.height / 2)  # 5 km
    _dates, pain_row = by_class(root, "bottom-labels")
    assert [text.text for text in pain_row.iter(f"{NS}text")] == ["1", "5", "3", "0"]
    assert point_titles(root)[1] == "Wed 5 Mar: 8 km, 310 m of climb (hilly), pain after 5"


def test_climb_classes_differ_in_colour_and_shape() -> None:
    root = parse(run_chart(RUNS, title="Runs").svg)
    marks = {
        next(iter(g)).tag + next(iter(g)).get("d", "") + next(iter(g)).get("fill", "")
        for g in by_class(root, "point")
    }
    assert len(marks) == 3
    assert {"Flat", "Rolling", "Hilly"} <= set(texts(root))


def test_unknown_climb_is_its_own_class_and_is_left_out_of_climb_charts() -> None:
    runs = [*RUNS, run(11, "unknown", climb_m=None, pain_after=2)]
    by_distance = run_chart(runs, title="Runs")
    assert "Climb unknown" in texts(parse(by_distance.svg))
    assert "and 1 with unknown climb; 38.5 km and 650 m of climb" in by_distance.summary
    assert "unknown climb 2 (1 run)" in by_distance.summary
    by_climb = run_chart(runs, title="Runs", measure="climb")
    assert len(points(parse(by_climb.svg))) == 5
    assert by_climb.summary.endswith("1 run of unknown climb not drawn.")


def test_scatter_places_pain_against_climb_and_names_the_worst_run() -> None:
    chart = climb_pain_scatter(RUNS, title="Pain after runs")
    assert chart.summary == (
        "Average pain after, out of 10: flat 0.5 (2 runs) and hilly 4 (2 runs). 1 run without a"
        " pain score. Highest pain after a run: 5, after a run with 310 m of climb on Wed 5 Mar."
    )
    root = parse(chart.svg)
    area = plot_area(root)
    spots = points(root)
    assert len(spots) == 4  # the run without a score is not drawn
    (_, one), (x310, five), (x220, _), (_, zero) = spots
    assert x310 > x220
    assert five < one < zero == pytest.approx(area.y + area.height)
    assert "300 m" in texts(root)


def test_scatter_names_the_year_when_runs_span_years() -> None:
    runs = [run(0, "flat", pain_after=1), run(400, "hilly", climb_m=250, pain_after=4)]
    assert climb_pain_scatter(runs, title="S").summary.endswith(
        "Highest pain after a run: 4, after a run with 250 m of climb on Tue 7 Apr 2026."
    )


def test_scatter_spreads_runs_with_the_same_climb_and_pain() -> None:
    same = [run(i, "flat", climb_m=20, pain_after=2) for i in range(3)]
    xs = [x for x, _ in points(parse(climb_pain_scatter(same, title="S").svg))]
    assert len(set(xs)) == 3


def test_scatter_with_no_pain_scores_is_empty() -> None:
    chart = climb_pain_scatter([run(0, "flat")], title="S")
    assert chart.summary == "No pain scores after runs yet."
    assert "No pain scores after runs yet." in texts(parse(chart.svg))


def test_pain_zero_everywhere_is_said_plainly() -> None:
    chart = climb_pain_scatter([run(0, "flat", pain_after=0)], title="S")
    assert chart.summary.endswith("Pain after every scored run was 0.")


def test_a_known_climb_class_needs_a_known_climb() -> None:
    with pytest.raises(ValueError, match="climb_class must be 'unknown' when climb_m is unknown"):
        run(0, "flat", climb_m=None)


def test_run_titles_live_in_points() -> None:
    root = parse(run_chart(RUNS[:1], title="Runs").svg)
    assert root.findtext(f"{NS}title") == "Runs"
