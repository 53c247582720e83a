"""The sentences the CLI and the web app both print about break reminders."""

from datetime import date, datetime

import pytest

from psoas.domain.breaks import BreakAnswer, DayBreakStats
from psoas.services.break_text import answer_message, day_totals


def test_day_totals_count_each_kind_and_agree_in_number() -> None:
    one = DayBreakStats(day=date(2026, 3, 2), prompted=1, taken=1)
    assert day_totals(one) == "Today: 1 reminder, 1 taken, 0 natural, 0 snoozed, 0 skipped."
    assert day_totals(DayBreakStats(day=date(2026, 3, 2))).startswith("Today: 0 reminders,")


@pytest.mark.parametrize(
    ("reply", "text"),
    [
        (
            BreakAnswer(action="done"),
            "Break recorded. Next reminder at 10:15 if you sit that long.",
        ),
        (
            BreakAnswer(action="snooze", snooze_min=10),
            "Snoozed 10 minutes: the reminder comes back at 10:15.",
        ),
        (BreakAnswer(action="skip"), "Skipped. Next reminder at 10:15."),
    ],
)
def test_answer_messages_name_the_next_reminder(reply: BreakAnswer, text: str) -> None:
    assert answer_message(reply, datetime(2026, 3, 2, 10, 15)) == text
