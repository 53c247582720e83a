"""One date format on every page: "Mon 7 Dec" and "Mon 7 Dec, 14:05", in local time."""

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from psoas.web.human_dates import format_day, format_moment

TEMPLATES = Path(__file__).parents[2] / "src" / "psoas" / "web" / "templates"
NOW = datetime(2026, 12, 7, 15, 0, tzinfo=timezone(timedelta(hours=1)))


def test_a_day_is_weekday_day_and_month_with_the_year_only_when_another() -> None:
    assert format_day(date(2026, 12, 7), NOW.date()) == "Mon 7 Dec"
    assert format_day(date(2026, 1, 31), NOW.date()) == "Sat 31 Jan"
    assert format_day(date(2025, 12, 30), NOW.date()) == "Tue 30 Dec 2025"


def test_a_moment_is_shown_in_the_persons_zone() -> None:
    # 13:05 UTC is 14:05 an hour east; 23:30 UTC is already the next day there.
    assert format_moment(datetime(2026, 12, 7, 13, 5, tzinfo=UTC), NOW) == "Mon 7 Dec, 14:05"
    assert format_moment(datetime(2026, 12, 6, 23, 30, tzinfo=UTC), NOW) == "Mon 7 Dec, 00:30"


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_moment(datetime(2026, 12, 7, 13, 5), NOW)


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_write_dates_for_people_only_through_the_filters(template: Path) -> None:
    """ISO dates belong in <time datetime="..."> and form values, never in the words."""
    text = template.read_text(encoding="utf-8")
    for match in re.finditer(r"\{\{[^}]*(isoformat\(\)|strftime\()[^}]*\}\}", text):
        before = text[: match.start()]
        in_attribute = re.search(r'(datetime|value|max|min|id|href)="[^"]*$', before)
        allowed_time = 'strftime("%H:%M")' in match.group(0)  # a time of day alone
        assert in_attribute or allowed_time, f"{template.name}: {match.group(0)}"
