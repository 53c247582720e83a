"""Sentences about break reminders that the CLI and the web app both print, written once."""

from datetime import datetime

from psoas.domain.breaks import BreakAnswer, DayBreakStats


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
