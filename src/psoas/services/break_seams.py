"""The seams between the resident reminder loop and the world around it.

Adapters in psoas.desktop implement the probe and the display for real desktops; step processes
(psoas.reminder.step, run by psoas.reminder.step_process) take the timer's steps; tests pass
recording or in-process ones.
They are asynchronous because the desktop interfaces (D-Bus, notification callbacks) and the step
processes are. Only plain types cross them (psoas.domain.break_watch), so the resident process
never loads pydantic or SQLAlchemy.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from psoas.domain.break_watch import NoticeAnswer, Observation, ReminderNotice, WatchOrders


class PresenceProbe(Protocol):
    """Reads idle time, screen lock, do-not-disturb and full screen, as far as the platform can."""

    @property
    def method(self) -> str | None:
        """How idle time is read (e.g. "GNOME Mutter idle monitor over D-Bus"); None: clock only."""

    @property
    def limitation(self) -> str | None:
        """Why detection is limited or missing, in a sentence for `psoas breaks status`."""

    async def observe(self) -> Observation: ...

    async def close(self) -> None: ...


class ReminderDisplay(Protocol):
    """Shows a reminder and reports the person's answer through the callback."""

    @property
    def channel(self) -> str:
        """Where reminders appear, e.g. "desktop notifications" or "this terminal"."""

    async def show(
        self, notice: ReminderNotice, on_answer: Callable[[NoticeAnswer], None]
    ) -> None: ...

    async def withdraw(self) -> None:
        """Take down a reminder still showing (the person got up without answering)."""

    async def close(self) -> None: ...


class StepFailed(RuntimeError):
    """A step could not be taken (the database was unreachable, say); the loop tries again."""


class TimerSteps(Protocol):
    """Moves the stored timer and says what to watch next (psoas.services.break_orders)."""

    async def start(self, now: datetime, details: dict[str, Any]) -> WatchOrders: ...

    async def step(
        self,
        now: datetime,
        observation: Observation,
        seen_until: datetime,
        shown_at: datetime | None,
    ) -> WatchOrders:
        """`seen_until`: the last look before this one; `shown_at`: when the reminder on screen
        was raised (None: nothing is showing)."""

    async def answer(self, now: datetime, reply: NoticeAnswer) -> WatchOrders: ...

    async def stop(self) -> None: ...


class LoopClock(Protocol):
    """The loop's time: the wall clock, or a faster one for tests and demos."""

    def now(self) -> datetime:
        """Aware, in the person's zone."""

    def real_seconds(self, span: timedelta) -> float:
        """How many real seconds a wait of `span` on this clock takes."""

    def waited(self, real_s: float) -> None:
        """The loop waited this many real seconds (a fast clock moves on by them alone)."""
