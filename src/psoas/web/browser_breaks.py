"""An open page as the break timer's driver: start a count there, and move it as time passes.

A browser cannot see the keyboard or a locked screen, so a page's tick observes the clock only.
It moves the timer only when no desktop reminder is heard from, and otherwise just reads it, so
a page and the desktop never count the same minutes twice. Shared by the API and the page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from psoas.domain.breaks import BreakMode, BreakReminder, Observation
from psoas.domain.plan import Plan
from psoas.services import breaks
from psoas.services.errors import Conflict
from psoas.storage import StoredTimer
from psoas.web.break_status import page_keeps_count, state_of

ON_DESKTOP = (
    "break reminders already run on your desktop (`psoas breaks`); this page shows them and "
    "takes your answers. Stop them there first to keep the count in the browser instead."
)


@dataclass(frozen=True, slots=True)
class PageTick:
    """The timer after a page's tick; `show` as in domain Tick (True: show `reminder` now)."""

    stored: StoredTimer | None
    show: bool | None = None
    reminder: BreakReminder | None = None


def start_in_browser(
    engine: Engine,
    *,
    person: int,
    now: datetime,
    plan: Callable[[], Plan],
    mode: BreakMode | None,
    interval_min: int | None,
) -> StoredTimer:
    """Conflict while a desktop reminder is heard from; a silent one is replaced."""
    if state_of(breaks.current(engine, person_id=person), now) == "running-desktop":
        raise Conflict(ON_DESKTOP)
    return breaks.start(
        engine,
        person_id=person,
        plan=plan(),
        driver="browser",
        now=now,
        mode=mode,
        interval_min=interval_min,
    )


def tick_in_browser(
    engine: Engine, *, person: int, now: datetime, plan: Callable[[], Plan]
) -> PageTick:
    stored = breaks.current(engine, person_id=person)
    if stored is None or not page_keeps_count(state_of(stored, now)):
        return PageTick(stored)
    plan()  # a reminder takes its stretch from the plan: no check-in, no step (NotFound)
    stepped = breaks.step(
        engine,
        person_id=person,
        observation=Observation(),
        now=now,
        plan=plan,
        # The heartbeat says the desktop reminder is alive; a page must not pretend to be it.
        heartbeat=stored.driver == "browser",
    )
    if stepped is None:  # stopped from elsewhere in between
        return PageTick(None)
    return PageTick(stepped.stored, stepped.tick.show, stepped.reminder)
