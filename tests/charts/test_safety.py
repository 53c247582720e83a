"""Properties over random data and hostile names: every chart is well-formed, inert SVG with
every value inside the plot, and never crashes."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.charts import (
    THOMAS_LEVELS,
    Band,
    CategoryPoint,
    CategorySeries,
    Chart,
    DatedValue,
    RunPoint,
    Series,
    WeekCount,
    category_chart,
    climb_pain_scatter,
    line_chart,
    report_svg,
    run_chart,
    weekly_bars,
)
from psoas.charts.series import CLIMB_CLASSES
from tests.charts.reading import parse, plot_area, points, texts, unsafe_parts

HOSTILE = [
    "<script>alert(1)</script>",
    '"><svg onload="alert(1)">',
    'Tom\'s <b>&amp; "knee"',
    "]]><!--",
    "\x00\x1b\uffff\ufffe",
    "\u202eoverride",
]
names = st.one_of(
    st.sampled_from(HOSTILE),
    # Every code point but lone surrogates, which the input models refuse.
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60),
).filter(lambda name: name.strip() != "")
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
near_dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31))
scores = st.floats(min_value=0, max_value=10, allow_nan=False)
widths = st.integers(min_value=320, max_value=1200)

PROPERTY = settings(max_examples=60, deadline=None)


def series_strategy(day: st.SearchStrategy[dt.date]) -> st.SearchStrategy[Series]:
    point = st.builds(DatedValue, date=day, value=scores)
    return st.builds(Series, name=names, points=st.lists(point, max_size=12).map(tuple))


def check(chart: Chart, expected_points: int) -> None:
    """Well-formed, inert, and every point inside the plot."""
    root = parse(chart.svg)
    assert unsafe_parts(root) == []
    assert "<script" not in chart.svg
    assert " style=" not in chart.svg
    area = plot_area(root)
    spots = points(root)
    assert len(spots) == expected_points
    assert all(area.holds(x, y) for x, y in spots), (area, spots)
    assert chart.summary.strip()


@PROPERTY
@given(
    many=st.lists(series_strategy(st.one_of(dates, near_dates)), max_size=5),
    width=widths,
    banded=st.booleans(),
)
def test_line_charts(many: list[Series], width: int, banded: bool) -> None:
    band = Band(baseline=5) if banded else None
    chart = line_chart(many, title="Pain <&>", band=band, width=width)
    check(chart, sum(len(one.points) for one in many))


@PROPERTY
@given(
    values=st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), max_size=8),
    name=names,
)
def test_line_chart_values_far_outside_the_range_stay_inside_the_plot(
    values: list[float], name: str
) -> None:
    start = dt.date(2025, 3, 3)
    points_ = tuple(
        DatedValue(date=start + dt.timedelta(days=i), value=v) for i, v in enumerate(values)
    )
    check(line_chart([Series(name=name, points=points_)], title=name), len(values))


@PROPERTY
@given(
    sides=st.lists(
        st.builds(
            CategorySeries,
            name=names,
            points=st.lists(
                st.builds(
                    CategoryPoint,
                    date=near_dates,
                    value=st.sampled_from([level.value for level in THOMAS_LEVELS]),
                ),
                max_size=10,
            ).map(tuple),
        ),
        max_size=5,
    ),
    width=widths,
)
def test_category_charts(sides: list[CategorySeries], width: int) -> None:
    check(category_chart(sides, title="Thomas", width=width), sum(len(s.points) for s in sides))


@PROPERTY
@given(
    weeks=st.lists(
        st.builds(
            WeekCount,
            week_start=near_dates,
            done=st.integers(0, 30),
            planned=st.integers(0, 30),
        ),
        max_size=60,
    ),
    width=widths,
)
def test_weekly_bars(weeks: list[WeekCount], width: int) -> None:
    chart = weekly_bars(weeks, title="Sessions", width=width)
    check(chart, 0)
    root = parse(chart.svg)
    area = plot_area(root)
    for bar in root.iter("{http://www.w3.org/2000/svg}rect"):
        if bar.get("class") == "bar":
            top, height = float(bar.get("y", "")), float(bar.get("height", ""))
            assert area.holds(float(bar.get("x", "")), top)
            assert top + height <= area.y + area.height + 1e-6


@st.composite
def runs(draw: st.DrawFn) -> RunPoint:
    climb_class = draw(st.sampled_from(CLIMB_CLASSES))
    climb = None if climb_class == "unknown" else draw(st.floats(0, 3000, allow_nan=False))
    return RunPoint(
        date=draw(st.one_of(dates, near_dates)),
        distance_km=draw(st.floats(0, 300, allow_nan=False)),
        climb_m=climb,
        climb_class=climb_class,
        pain_after=draw(st.none() | st.integers(0, 10)),
    )


@PROPERTY
@given(many=st.lists(runs(), max_size=40), width=widths, show_pain=st.booleans())
def test_run_charts(many: list[RunPoint], width: int, show_pain: bool) -> None:
    check(run_chart(many, title="Runs", width=width, show_pain=show_pain), len(many))
    known = [run for run in many if run.climb_m is not None]
    check(run_chart(many, title="Runs", measure="climb", width=width), len(known))
    scored = [run for run in known if run.pain_after is not None]
    check(climb_pain_scatter(many, title="Pain", width=width), len(scored))


@settings(max_examples=25, deadline=None)
@given(title=names, subtitle=names, many=st.lists(series_strategy(near_dates), max_size=3))
def test_reports_are_well_formed_and_inert(title: str, subtitle: str, many: list[Series]) -> None:
    charts = [line_chart([one], title=one.name) for one in many]
    root = parse(report_svg(title, charts, subtitle=subtitle))
    assert unsafe_parts(root) == []
    nested = [el for el in root.iter() if el.tag.endswith("svg")][1:]
    assert len(nested) == len(charts)


def test_titles_with_characters_xml_cannot_hold_still_make_well_formed_svg() -> None:
    chart = line_chart([], title="Pain \x07 <now>", empty_text="None \x00 yet")
    root = parse(chart.svg)
    assert root.findtext("{http://www.w3.org/2000/svg}title") == "Pain \ufffd <now>"
    assert "None \ufffd yet" in texts(root)
