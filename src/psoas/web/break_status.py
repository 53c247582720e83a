"""The break timer as the web shows it, built once for the API and the /breaks page.

The sentences follow `psoas breaks status`. A web page cannot see the keyboard or a locked
screen, so while a page keeps the count, time with it open is taken as sitting (clock only).
"""

from collections.abc import Callable
from datetime import datetime
from functools import cache

from sqlalchemy import Engine

from psoas.domain.breaks import BreakReminder
from psoas.domain.plan import Plan
from psoas.services import breaks
from psoas.services.break_text import day_totals
from psoas.services.errors import NotFound
from psoas.services.progress import current_plan
from psoas.storage import ProfileRepository, StoredTimer
from psoas.web.api.break_models import BreakSettingsOut, BreakState, BreakStatus

CLOCK_ONLY = (
    "Clock only: a web page cannot tell whether you are at the keyboard, so time with the page "
    "open counts as sitting. Close it for more than {idle} minutes and the count starts again."
)


def plan_source(engine: Engine, person: int) -> Callable[[], Plan]:
    """The plan in force, read only when a reminder needs its stretch, and at most once."""

    @cache
    def plan() -> Plan:
        profile = ProfileRepository(engine).latest_profile(person_id=person)
        if profile is None:
            raise NotFound("profile")
        return current_plan(engine, profile, person_id=person)

    return plan


def state_of(stored: StoredTimer | None, now: datetime) -> BreakState:
    if stored is None:
        return "stopped"
    if stored.driver == "browser":
        return "running-browser"
    return "desktop-silent" if breaks.desktop_silent(stored, now) else "running-desktop"


def page_keeps_count(state: BreakState) -> bool:
    return state in ("running-browser", "desktop-silent")


def status_of(
    engine: Engine,
    person: int,
    now: datetime,
    stored: StoredTimer | None,
    *,
    time_zone: str | None,
    plan: Callable[[], Plan],
    reminder: BreakReminder | None = None,
) -> BreakStatus:
    """`reminder`: one a step has just built; otherwise the waiting one is rebuilt."""
    settings = breaks.settings_for(engine, person_id=person)
    today = breaks.stats(engine, person_id=person, today=now.date(), days=1)[0]
    state = state_of(stored, now)
    zone = time_zone or now.tzname() or "the server's zone"
    if stored is None:
        return BreakStatus(
            state=state,
            page_keeps_count=False,
            time_zone=zone,
            mode=None,
            interval_min=None,
            started_at=None,
            sitting_min=None,
            next_reminder_at=None,
            reminder_showing_since=None,
            away_since=None,
            off_hours=False,
            last_checked_at=None,
            reminder=None,
            snooze_choices_min=[],
            lines=["Break reminders are not running.", day_totals(today)],
            today=today,
            settings=BreakSettingsOut.of(settings),
        )
    timer = stored.timer
    if reminder is None and timer.prompted_at is not None:
        try:
            reminder = breaks.showing_reminder(stored, engine, person_id=person, plan=plan, now=now)
        except NotFound:
            # No saved check-in any more, so no plan to take a stretch from; the status and the
            # answers still work.
            reminder = None

    def local(moment: datetime | None) -> datetime | None:
        return moment.astimezone(now.tzinfo) if moment is not None else None

    status = BreakStatus(
        state=state,
        page_keeps_count=page_keeps_count(state),
        time_zone=zone,
        mode=timer.mode,
        interval_min=timer.interval_min,
        started_at=local(timer.started_at),
        sitting_min=max(0, int((now - timer.sitting_since).total_seconds() // 60)),
        next_reminder_at=local(timer.due_at),
        reminder_showing_since=local(timer.prompted_at),
        away_since=local(timer.away_since),
        off_hours=timer.off_hours,
        last_checked_at=local(timer.last_tick_at),
        reminder=reminder,
        snooze_choices_min=list(reminder.snooze_choices_min) if reminder else [],
        lines=[],
        today=today,
        settings=BreakSettingsOut.of(settings),
    )
    lines = _lines(status, stored, now, settings.idle_break_min)
    return status.model_copy(update={"lines": [*lines, day_totals(today)]})


def _lines(status: BreakStatus, stored: StoredTimer, now: datetime, idle_min: int) -> list[str]:
    every = f"{status.mode} mode, every {status.interval_min} minutes"
    lines: list[str] = []
    if status.state == "running-browser":
        lines.append(
            f"Break reminders are running in a web page ({every}): they come while a /breaks "
            "page is open."
        )
    elif status.state == "running-desktop":
        lines.append(
            f"Break reminders are running on your desktop ({every}); this page shows them and "
            "takes your answers."
        )
    else:
        seen = _clock(stored.heartbeat_at.astimezone(now.tzinfo))
        lines.append(
            f"The desktop reminder ({every}) has not been heard from since {seen}: the machine "
            "may be asleep, or it stopped. While this page is open, it keeps the count."
        )
    last_checked = status.last_checked_at
    if (
        status.page_keeps_count
        and last_checked is not None
        and (now - last_checked).total_seconds() > idle_min * 60
    ):
        lines.append(
            f"Nobody has looked since {_clock(last_checked)}: the count starts again at the next "
            "check, as time unseen may have been a break."
        )
    elif status.off_hours:
        lines.append("Outside your reminder hours: the count starts when they begin.")
    elif status.away_since is not None:
        lines.append(f"Away since {_clock(status.away_since)}: a break.")
    else:
        lines.append(f"Sitting for {status.sitting_min} minutes.")
        if status.reminder_showing_since is not None:
            lines.append(f"A reminder is waiting since {_clock(status.reminder_showing_since)}.")
        elif stored.timer.deferred_since is not None:
            lines.append("A reminder is due, held back by do-not-disturb or a full-screen window.")
        else:
            lines.append(f"Next reminder at {_clock(status.next_reminder_at)}.")
    if status.page_keeps_count:
        lines.append(CLOCK_ONLY.format(idle=idle_min))
    elif detection := stored.details.get("detection"):
        lines.append(f"Idle and screen lock are read from: {detection}.")
    return lines


def _clock(moment: datetime | None) -> str:
    return moment.strftime("%H:%M") if moment is not None else "--:--"
