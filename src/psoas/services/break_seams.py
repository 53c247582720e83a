"""The seams between the reminder loop and the machine it runs on.

Adapters in psoas.desktop implement these for real desktops; tests pass recording ones. Both are
asynchronous because the desktop interfaces (D-Bus, notification callbacks) are.
"""

from collections.abc import Callable
from typing import Protocol

from psoas.domain.breaks import BreakAnswer, BreakReminder, Observation


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
        self, reminder: BreakReminder, on_answer: Callable[[BreakAnswer], None]
    ) -> None: ...

    async def withdraw(self) -> None:
        """Take down a reminder still showing (the person got up without answering)."""

    async def close(self) -> None: ...
