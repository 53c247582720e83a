from psoas.desktop.reminder_text import reminder_lines
from tests.desktop.reminders import KNEELING_STRETCH, desk_reminder, drive_reminder


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
