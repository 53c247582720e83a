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
            errors[name] = ["please fill this in"]
    for name, empty_means in WINDOWS.items():
        start, end = entries[f"{name}_start"], entries[f"{name}_end"]
        if not start and not end:
            changes[name] = None
        elif not (start and end):
            errors[name] = [f"give a start and an end, or {empty_means}"]
        elif not all(re.match(CLOCK_TIME_PATTERN, value) for value in (start, end)):
            errors[name] = ["write times as HH:MM, such as 08:30"]
        else:
            changes[name] = {"start": start, "end": end}
    return changes, errors


def field_errors(problems: Sequence[str]) -> dict[str, list[str]]:
    """Each of the service's problems under the form field it is about, in words for a form."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        path, _, message = problem.partition(": ")
        if path == "(top level)":  # a check across fields names its field in the message
            field, _, rest = message.partition(" ")
            path, message = field, rest
        message = re.sub(r" \(got .*\)$", "", message)
        if message.startswith("input should be a valid integer"):
            message = "write a whole number of minutes"
        errors.setdefault(path.split(".")[0], []).append(message)
    return errors


def _text(value: int | None) -> str:
    return "" if value is None else str(value)
