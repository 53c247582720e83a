"""Sentences about break reminders that the CLI, the web app and the desktop reminder print,
written once."""

from datetime import datetime

from psoas.domain.break_watch import ReminderNotice
from psoas.domain.breaks import BreakAnswer, BreakReminder, DayBreakStats

DRIVE_STOPPED = "After you have stopped somewhere safe"


def day_totals(today: DayBreakStats) -> str:
    reminders = "reminder" if today.prompted == 1 else "reminders"
    return (
        f"Today: {today.prompted} {reminders}, {today.taken} taken, {today.natural} natural, "
        f"{today.snoozed} snoozed, {today.skipped} skipped."
    )


def answer_message(reply: BreakAnswer, next_reminder_at: datetime | None) -> str:
    """What an answer did; `next_reminder_at` in the person's zone."""
    due = next_reminder_at.strftime("%H:%M") if next_reminder_at is not None else "--:--"
    if reply.action == "done":
        return f"Break recorded. Next reminder at {due} if you sit that long."
    if reply.action == "snooze":
        return f"Snoozed {reply.snooze_min} minutes: the reminder comes back at {due}."
    return f"Skipped. Next reminder at {due}."


def notice_for(reminder: BreakReminder) -> ReminderNotice:
    """A reminder in the words every desktop display shows, for the resident process."""
    return ReminderNotice(
        mode=reminder.mode,
        title=reminder.title,
        lines=tuple(reminder_lines(reminder)),
        sitting_min=reminder.sitting_min,
        snooze_choices_min=reminder.snooze_choices_min,
        stretch_id=reminder.stretch.exercise_id if reminder.stretch is not None else None,
    )


def reminder_lines(reminder: BreakReminder) -> list[str]:
    """The rules' text, then the walk. The body already carries the stretch; its cue is added
    only if the body left it out. In drive mode added lines start from having stopped, so nothing
    reads as something to do at the wheel."""
    lines = [reminder.body]
    stretch = reminder.stretch
    if stretch is not None and stretch.cue not in reminder.body:
        sides = " each side" if stretch.each_side else ""
        line = f"{stretch.name}: hold {stretch.hold_s} s{sides}. {stretch.cue}"
        lines.append(f"{DRIVE_STOPPED}: {line}" if reminder.mode == "drive" else line)
    lines.append(walk_line(reminder))
    return lines


def walk_line(reminder: BreakReminder) -> str:
    minutes = f"{reminder.walk_min} minute{'s' if reminder.walk_min != 1 else ''}"
    if reminder.mode == "drive":
        return f"{DRIVE_STOPPED}, walk about for {minutes} or more."
    return f"Walk about for {minutes}."
