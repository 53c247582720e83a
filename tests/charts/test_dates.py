import datetime as dt

import pytest

from psoas.charts.dates import date_ticks, spoken, spoken_pair

D = dt.date


def test_spoken_dates_name_the_month_and_the_year_only_when_asked() -> None:
    assert spoken(D(2025, 3, 3)) == "Mon 3 Mar"
    assert spoken(D(2025, 3, 3), with_year=True) == "Mon 3 Mar 2025"
    assert spoken_pair(D(2025, 3, 3), D(2025, 4, 14)) == ("Mon 3 Mar", "Mon 14 Apr")
    assert spoken_pair(D(2024, 12, 30), D(2025, 1, 6)) == ("Mon 30 Dec 2024", "Mon 6 Jan 2025")


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2025, 3, 3), D(2025, 3, 6), ["3 Mar", "4 Mar", "5 Mar", "6 Mar"]),
        (D(2025, 3, 3), D(2025, 3, 10), ["3 Mar", "5 Mar", "7 Mar", "9 Mar"]),
        (D(2025, 3, 3), D(2025, 4, 14), ["3 Mar", "17 Mar", "31 Mar", "14 Apr"]),
        (D(2025, 1, 15), D(2025, 6, 20), ["Feb", "Mar", "Apr", "May", "Jun"]),
        (D(2024, 11, 10), D(2025, 4, 1), ["Dec 2024", "Jan 2025", "Feb", "Mar", "Apr"]),
        (
            D(2024, 12, 20),
            D(2025, 3, 1),
            ["23 Dec 2024", "6 Jan 2025", "20 Jan", "3 Feb", "17 Feb"],
        ),
        (D(2024, 12, 31), D(2025, 1, 20), ["6 Jan 2025", "13 Jan", "20 Jan"]),
        (D(2020, 5, 1), D(2025, 5, 1), ["2021", "2022", "2023", "2024", "2025"]),
        (D(2025, 3, 3), D(2025, 3, 3), ["3 Mar"]),
    ],
)
def test_ticks_step_by_days_weeks_months_or_years_to_fit(
    first: dt.date, last: dt.date, expected: list[str]
) -> None:
    assert [label for _, label in date_ticks(first, last, max_count=5)] == expected


def test_week_ticks_fall_on_mondays_and_stay_in_range() -> None:
    ticks = date_ticks(D(2025, 3, 5), D(2025, 4, 20), max_count=5)
    assert all(day.weekday() == 0 for day, _ in ticks)
    assert all(D(2025, 3, 5) <= day <= D(2025, 4, 20) for day, _ in ticks)


def test_the_widest_span_still_gets_a_few_ticks() -> None:
    ticks = date_ticks(D(1, 1, 1), D(9999, 12, 31), max_count=5)
    assert 2 <= len(ticks) <= 5
