"""The sentences the CLI, the web app and the desktop reminder print about break reminders."""

from datetime import date, datetime

import pytest

from psoas.domain.breaks import BreakAnswer, DayBreakStats
from psoas.services.break_text import answer_message, day_totals, notice_for, reminder_lines
from tests.desktop.reminders import KNEELING_STRETCH, desk_reminder, drive_reminder


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


def test_the_callers_body_comes_first_then_the_walk() -> None:
    reminder = desk_reminder()
    assert reminder_lines(reminder) == [reminder.body, "Walk about for 2 minutes."]


def test_a_stretch_the_body_left_out_is_added_once() -> None:
    lines = reminder_lines(desk_reminder(body_has_stretch=False))
    assert sum(KNEELING_STRETCH.cue in line for line in lines) == 1
    assert lines[1] == (
        "Half-kneeling hip flexor stretch: hold 30 s each side. "
        "Tuck your pelvis under before you lean forward."
    )


def test_in_drive_mode_every_added_line_starts_from_having_stopped() -> None:
    reminder = drive_reminder()
    added = reminder_lines(reminder)[1:]
    assert added
    assert all(line.startswith("After you have stopped somewhere safe") for line in added)
    assert added[-1] == "After you have stopped somewhere safe, walk about for 15 minutes or more."


def test_a_notice_carries_the_words_and_the_answers_on_offer() -> None:
    reminder = desk_reminder()
    notice = notice_for(reminder)
    assert notice.title == reminder.title
    assert notice.lines == tuple(reminder_lines(reminder))
    assert notice.snooze_choices_min == (5, 10, 15)
    assert notice.sitting_min == 62
    assert notice.stretch_id == KNEELING_STRETCH.exercise_id
