"""The /breaks settings form: settings to form entries, entries to changes, problems to fields.

A form sends strings; the domain model reads "45" as 45, so the service checks the values and
names the field. Only the clock windows are read here: a window is two inputs on the form and
one field in the settings, and both or neither must be filled in.
"""

import re
from collections.abc import Sequence
from typing import Any

from starlette.datastructures import FormData

from psoas.domain.breaks import BreakSettings, DailyWindow
from psoas.web.api.break_models import CLOCK_TIME_PATTERN

Entries = dict[str, Any]
WINDOWS = {
    "working_hours": "leave both empty for any time of day",
    "quiet_hours": "leave both empty for no quiet hours",
}
PLAIN_FIELDS = ("mode", "desk_interval_min", "drive_interval_min", "idle_break_min")
FIELDS = (
    *PLAIN_FIELDS,
    "snooze_cap_min",
    *(f"{w}_{end}" for w in WINDOWS for end in ("start", "end")),
)
# Left empty, these mean the cited default interval rather than a missing answer.
DEFAULT_WHEN_EMPTY = ("desk_interval_min", "drive_interval_min")
# Each setting as the form names it, for sentences about its value.
LABELS = {
    "mode": "Mode when you start without choosing",
    "desk_interval_min": "Desk interval",
    "drive_interval_min": "Drive interval",
    "working_hours": "Working hours",
    "working_days": "Working days",
    "quiet_hours": "Quiet hours",
    "idle_break_min": "Idle minutes that count as a break",
    "snooze_cap_min": "Snooze cap",
    "time_zone": "Your time zone",
}


def entries_of(settings: BreakSettings) -> Entries:
    entries: Entries = {
        "mode": settings.mode,
        "desk_interval_min": _text(settings.desk_interval_min),
        "drive_interval_min": _text(settings.drive_interval_min),
        "idle_break_min": str(settings.idle_break_min),
        "snooze_cap_min": str(settings.snooze_cap_min),
        "working_days": [str(day) for day in settings.working_days],
    }
    for name in WINDOWS:
        window: DailyWindow | None = getattr(settings, name)
        entries[f"{name}_start"] = window.start.strftime("%H:%M") if window else ""
        entries[f"{name}_end"] = window.end.strftime("%H:%M") if window else ""
    return entries


def entries_from(form: FormData) -> Entries:
    entries: Entries = {}
    for name in FIELDS:
        value = form.get(name)
        entries[name] = value.strip() if isinstance(value, str) else ""
    entries["working_days"] = [v for v in form.getlist("working_days") if isinstance(v, str)]
    return entries


def changes_of(entries: Entries) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The changes to save, and the problems found before the service sees them."""
    changes: dict[str, Any] = {"working_days": entries["working_days"]}
    errors: dict[str, list[str]] = {}
    for name in (*PLAIN_FIELDS, "snooze_cap_min"):
        value = entries[name]
        if value or name in DEFAULT_WHEN_EMPTY:
            changes[name] = value or None
        else:
            errors[name] = [f"{LABELS[name]}: please fill this in."]
    for name, empty_means in WINDOWS.items():
        start, end = entries[f"{name}_start"], entries[f"{name}_end"]
        if not start and not end:
            changes[name] = None
        elif not (start and end):
            errors[name] = [f"{LABELS[name]} need a start and an end; or {empty_means}."]
        elif not all(re.match(CLOCK_TIME_PATTERN, value) for value in (start, end)):
            wrote = " and ".join(f"“{value[:10]}”" for value in (start, end))
            errors[name] = [
                f"{LABELS[name]} need times written as HH:MM, such as 08:30; you wrote {wrote}."
            ]
        else:
            changes[name] = {"start": start, "end": end}
    return changes, errors


def field_errors(problems: Sequence[str], entries: Entries) -> dict[str, list[str]]:
    """Each of the service's problems under the form field it is about, as a sentence that
    names the setting as the form does and says what was written."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        path, _, message = problem.partition(": ")
        if path == "(top level)":  # a check across fields names its field in the message
            field, _, rest = message.partition(" ")
            path, message = field, rest
        field = re.split(r"[.\[]", path, maxsplit=1)[0]
        errors.setdefault(field, []).append(_sentence(field, message, entries))
    return errors


def _sentence(field: str, message: str, entries: Entries) -> str:
    label = LABELS.get(field, "This setting")
    message = re.sub(r" \(got .*\)$", "", message)
    value = entries.get(field)
    wrote = f"; you wrote “{value[:20]}”" if isinstance(value, str) and value else ""
    if field == "working_days":
        return f"{label}: tick days from Monday to Sunday on this page."
    if message.startswith("input should be a valid integer"):
        return f"{label} needs a whole number of minutes, written in figures{wrote}."
    if bound := re.match(r"input should be (greater|less) than or equal to (\d+)", message, re.I):
        side = "at least" if bound.group(1) == "greater" else "at most"
        return f"{label} must be {side} {bound.group(2)} minutes{wrote}."
    if field == "mode":
        return f"{label}: choose desk or drive."
    return f"{label}: {message[:1].lower()}{message[1:].rstrip('.')}."


def _text(value: int | None) -> str:
    return "" if value is None else str(value)
