"""The desktop reminder's steps as the short-lived step process runs them.

Each call moves the stored timer and answers with `WatchOrders` for the resident process: the
reminder to show (its words already written), and what to watch until the next step. See
psoas.domain.break_watch for why the reminder is split this way.
"""

from dataclasses import replace
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine

from psoas.domain.break_watch import NoticeAnswer, Observation, WatchOrders
from psoas.domain.breaks import BreakAnswer, BreakMode
from psoas.rules import break_timer
from psoas.services import breaks
from psoas.services.break_text import notice_for
from psoas.services.errors import Conflict, InputError


def start(
    engine: Engine,
    *,
    person_id: int,
    pid: int,
    mode: BreakMode,
    interval_min: int,
    details: dict[str, Any],
    now: datetime,
) -> WatchOrders:
    """A fresh desktop timer. The plan is not read: `psoas breaks start` checked it."""
    stored = breaks.start(
        engine,
        person_id=person_id,
        plan=None,
        driver="desktop",
        now=now,
        mode=mode,
        interval_min=interval_min,
        pid=pid,
        details=details,
    )
    settings = breaks.settings_for(engine, person_id=person_id)
    return break_timer.watch_for(stored.timer, settings, now, breaks.DESKTOP_STEPS_AT_LEAST_EVERY)


def step(
    engine: Engine,
    *,
    person_id: int,
    pid: int,
    observation: Observation,
    seen_until: datetime | None,
    shown_at: datetime | None,
    now: datetime,
    plan: breaks.PlanSource,
) -> WatchOrders:
    """`shown_at`: when the reminder on the resident's screen was raised (None: none is up).
    One raised since and not showing (the step that raised it lost its answer on the way back,
    say) is sent again."""
    stepped = breaks.step(
        engine,
        person_id=person_id,
        observation=observation,
        now=now,
        plan=plan,
        heartbeat=True,
        seen_until=seen_until,
        owner_pid=pid,
    )
    if stepped is None:
        return WatchOrders(running=False, step_by=now)
    orders = _orders(stepped, now)
    prompted_at = stepped.stored.timer.prompted_at
    behind = prompted_at is not None and (shown_at is None or shown_at < prompted_at)
    if orders.show is None and behind:
        reminder = breaks.showing_reminder(
            stepped.stored, engine, person_id=person_id, plan=plan, now=now
        )
        orders = replace(orders, show=notice_for(reminder) if reminder is not None else None)
    return orders


def answer(
    engine: Engine,
    *,
    person_id: int,
    pid: int,
    reply: NoticeAnswer,
    now: datetime,
    plan: breaks.PlanSource,
) -> WatchOrders:
    """A button pressed on the reminder. A press that no longer fits (answered elsewhere a
    moment before, or a snooze past the cap) changes nothing; the orders then say what is. A
    timer that kept changing under the write raises BreakConflict: the resident tries again."""
    try:
        chosen = BreakAnswer.model_validate(
            {"action": reply.action, "snooze_min": reply.snooze_min}
        )
        stepped = breaks.answer(
            engine,
            person_id=person_id,
            reply=chosen,
            now=now,
            plan=plan,
            heartbeat=True,
            owner_pid=pid,
        )
    except breaks.BreakConflict:
        raise
    except (Conflict, InputError, ValidationError):
        # Refused, but the press still says the reminder is alive.
        alive = breaks.sign_of_life(engine, person_id=person_id, now=now, plan=plan, owner_pid=pid)
        if alive is None:
            return WatchOrders(running=False, step_by=now)
        return _orders(alive, now)
    return _orders(stepped, now)


def stop(engine: Engine, *, person_id: int, pid: int) -> None:
    breaks.stop(engine, person_id=person_id, pid=pid)


def _orders(stepped: breaks.Stepped, now: datetime) -> WatchOrders:
    timer = stepped.stored.timer
    orders = break_timer.watch_for(
        timer, stepped.settings, now, breaks.DESKTOP_STEPS_AT_LEAST_EVERY
    )
    notice = notice_for(stepped.reminder) if stepped.reminder is not None else None
    return replace(orders, show=notice, withdraw=timer.prompted_at is None)
