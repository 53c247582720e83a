"""`psoas breaks settings`: options to setting changes, and the settings as plain lines."""

from datetime import time
from typing import Any

from psoas.cli.errors import fail
from psoas.domain.breaks import BreakSettings, DailyWindow

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def settings_changes(
    *,
    mode: str | None,
    desk_interval: int | None,
    drive_interval: int | None,
    working_hours: str | None,
    working_days: str | None,
    quiet_hours: str | None,
    idle_minutes: int | None,
    snooze_cap: int | None,
) -> dict[str, Any]:
    """Only the options given; the service validates the whole and names any bad field."""
    changes: dict[str, Any] = {}
    plain = {
        "mode": mode,
        "desk_interval_min": desk_interval,
        "drive_interval_min": drive_interval,
        "idle_break_min": idle_minutes,
        "snooze_cap_min": snooze_cap,
    }
    changes.update({key: value for key, value in plain.items() if value is not None})
    if working_hours is not None:
        changes["working_hours"] = _window("--working-hours", working_hours, "any")
    if quiet_hours is not None:
        changes["quiet_hours"] = _window("--quiet-hours", quiet_hours, "none")
    if working_days is not None:
        changes["working_days"] = _days(working_days)
    return changes


def describe_settings(settings: BreakSettings) -> str:
    from psoas.services.breaks import default_interval_min

    desk = settings.desk_interval_min or default_interval_min("desk")
    drive = settings.drive_interval_min or default_interval_min("drive")
    days = ",".join(DAY_NAMES[day] for day in sorted(settings.working_days)) or "none"
    return "\n".join(
        [
            f"mode: {settings.mode}",
            f"desk interval: {desk} minutes",
            f"drive interval: {drive} minutes",
            f"working hours (desk mode): {_show(settings.working_hours, 'any time')} on {days}",
            f"quiet hours (both modes): {_show(settings.quiet_hours, 'none')}",
            f"idle minutes that count as a break: {settings.idle_break_min}",
            f"snooze cap per reminder: {settings.snooze_cap_min} minutes",
        ]
    )


def _window(option: str, text: str, off_word: str) -> dict[str, str] | None:
    if text.strip().lower() == off_word:
        return None
    start, sep, end = text.partition("-")
    try:
        if not sep:
            raise ValueError
        first, last = time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
        if first.tzinfo is not None or last.tzinfo is not None:
            raise ValueError("local clock times only")
    except ValueError:
        raise fail(
            [f'{option}: expected HH:MM-HH:MM such as 09:00-17:30, or "{off_word}" (got {text!r})']
        ) from None
    if first == last:
        raise fail(
            [f"{option}: start and end are the same time; the window would be empty (got {text!r})"]
        )
    window = DailyWindow(start=first, end=last)
    return {"start": window.start.isoformat(), "end": window.end.isoformat()}


def _days(text: str) -> list[int]:
    names = [part.strip().lower()[:3] for part in text.split(",") if part.strip()]
    unknown = [name for name in names if name not in DAY_NAMES]
    if unknown:
        allowed = ",".join(DAY_NAMES)
        raise fail([f"--working-days: unknown day {unknown[0]!r}; use {allowed} (got {text!r})"])
    return [DAY_NAMES.index(name) for name in names]


def _show(window: DailyWindow | None, off: str) -> str:
    if window is None:
        return off
    return f"{window.start.strftime('%H:%M')}-{window.end.strftime('%H:%M')}"
