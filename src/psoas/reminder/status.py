"""`psoas breaks status`: the same facts as JSON and as a few plain lines."""

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from psoas.domain.breaks import DayBreakStats
from psoas.services.break_text import day_totals
from psoas.storage import LOCAL_PERSON_ID


def status_data(engine: Engine, *, now: datetime, alive: bool) -> dict[str, Any]:
    """`alive`: a reminder process holds the lock. A desktop timer without one has crashed."""
    from psoas.services import breaks

    stored = breaks.current(engine, person_id=LOCAL_PERSON_ID)
    today = breaks.stats(engine, person_id=LOCAL_PERSON_ID, today=now.date(), days=1)[0]
    data: dict[str, Any] = {"state": "stopped", "today": today.model_dump(mode="json")}
    if stored is None:
        if alive:
            data["state"] = "starting"
        return data
    timer = stored.timer
    if stored.driver == "browser":
        data["state"] = "browser"
    else:
        data["state"] = "running" if alive else "crashed"
    data.update(
        {
            "pid": stored.pid,
            "mode": timer.mode,
            "interval_min": timer.interval_min,
            "started_at": timer.started_at.isoformat(),
            "last_seen_at": stored.heartbeat_at.astimezone(now.tzinfo).isoformat(),
            "sitting_since": timer.sitting_since.isoformat(),
            "sitting_min": max(0, int((now - timer.sitting_since).total_seconds() // 60)),
            "next_reminder_at": timer.due_at.isoformat(),
            "reminder_showing_since": _iso(timer.prompted_at),
            "deferred_since": _iso(timer.deferred_since),
            "away_since": _iso(timer.away_since),
            "off_hours": timer.off_hours,
            "snoozed_min": timer.snoozed_min,
            "detection": stored.details.get("detection"),
            "detection_note": stored.details.get("detection_note"),
            "channel": stored.details.get("channel"),
        }
    )
    return data


def describe_status(data: dict[str, Any]) -> str:
    totals = day_totals(DayBreakStats.model_validate(data["today"]))
    state = data["state"]
    if state == "stopped":
        return "Break reminders are not running (`psoas breaks start`).\n" + totals
    if state == "starting":
        return "Break reminders are starting.\n" + totals
    lines = []
    if state == "crashed":
        lines.append(
            f"Break reminders stopped unexpectedly (last seen {_clock(data['last_seen_at'])}). "
            "Run `psoas breaks start` to begin again; `psoas breaks stop` clears this."
        )
    elif state == "browser":
        lines.append("Break reminders run in a web page (they show while it is open).")
    else:
        lines.append(
            f"Break reminders are running ({data['mode']} mode, every {data['interval_min']} "
            f"minutes, process {data['pid']})."
        )
    if data["off_hours"]:
        lines.append("Outside your reminder hours: the count starts when they begin.")
    elif data["away_since"]:
        lines.append(f"Away since {_clock(data['away_since'])}: a break.")
    else:
        lines.append(f"Sitting for {data['sitting_min']} minutes.")
        if data["reminder_showing_since"]:
            lines.append(f"A reminder is waiting since {_clock(data['reminder_showing_since'])}.")
        elif data["deferred_since"]:
            lines.append("A reminder is due, held back by do-not-disturb or a full-screen window.")
        else:
            lines.append(f"Next reminder at {_clock(data['next_reminder_at'])}.")
    if data["detection"]:
        lines.append(f"Idle and screen lock are read from: {data['detection']}.")
    elif state != "browser":
        note = data["detection_note"] or "no idle detection"
        note = note[0].lower() + note[1:]
        lines.append(f"Clock only: {note}.")
    if data["channel"]:
        lines.append(f"Reminders show in {data['channel']}.")
    lines.append(totals)
    return "\n".join(lines)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _clock(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%H:%M")
