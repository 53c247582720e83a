"""Reminders as desktop notifications with answer buttons, through desktop-notifier: the display
on Windows and macOS (Linux desktops get psoas.desktop.freedesktop_notifications).

One reminder shows at a time. It never expires on its own (timeout 0): a reminder that vanished
after a few seconds would be missed by someone deep in their work. Urgency stays normal, so a
desktop's do-not-disturb still holds it back, as the person asked.

desktop-notifier is imported when the first reminder shows, not when the display is chosen: the
resident reminder process may wait hours for that, and the library is about 3 MB of its memory.
"""

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from psoas.desktop.terminal_display import TerminalDisplay
from psoas.domain.break_watch import NoticeAnswer, ReminderNotice

if TYPE_CHECKING:
    from desktop_notifier import Button, DesktopNotifier

logger = logging.getLogger(__name__)

APP_NAME = "Psoas Coach"
NOTIFICATIONS_CHANNEL = "desktop notifications"
NEVER_EXPIRES = 0


def answer_buttons(
    notice: ReminderNotice, answer: Callable[[NoticeAnswer], Callable[[], None]]
) -> "tuple[Button, ...]":
    """Done, one Snooze per offered length, Skip: the answers `psoas breaks` also takes."""
    from desktop_notifier import Button

    snoozes = [
        Button(
            f"Snooze {minutes} min",
            on_pressed=answer(NoticeAnswer(action="snooze", snooze_min=minutes)),
        )
        for minutes in notice.snooze_choices_min
    ]
    return (
        Button("Done", on_pressed=answer(NoticeAnswer(action="done"))),
        *snoozes,
        Button("Skip", on_pressed=answer(NoticeAnswer(action="skip"))),
    )


class DesktopNotifierDisplay:
    """Shows through the desktop's notification service; a fallback shows what it could not."""

    def __init__(
        self, notifier: "DesktopNotifier | None" = None, *, fallback: TerminalDisplay | None = None
    ) -> None:
        self._given = notifier
        self._fallback = fallback
        self._showing: str | None = None

    @property
    def _notifier(self) -> "DesktopNotifier":
        if self._given is None:
            from desktop_notifier import DesktopNotifier

            self._given = DesktopNotifier(app_name=APP_NAME, app_icon=None)
        return self._given

    @property
    def channel(self) -> str:
        return NOTIFICATIONS_CHANNEL

    async def show(self, notice: ReminderNotice, on_answer: Callable[[NoticeAnswer], None]) -> None:
        await self.withdraw()

        def answer(chosen: NoticeAnswer) -> Callable[[], None]:
            def pressed() -> None:
                self._showing = None  # the service closes a notification once it is answered
                on_answer(chosen)

            return pressed

        identifier = await self._notifier.send(
            title=notice.title,
            message="\n".join(notice.lines),
            buttons=answer_buttons(notice, answer),
            on_dismissed=self._forget,
            timeout=NEVER_EXPIRES,
        )
        # desktop-notifier logs and swallows a failed send; a sent one is in its list.
        if identifier in await self._notifier.get_current_notifications():
            self._showing = identifier
        elif self._fallback is not None:
            await self._fallback.show(notice, on_answer)

    def _forget(self) -> None:
        # Closed without an answer: nothing left to withdraw, and the reminder stays due.
        self._showing = None

    async def withdraw(self) -> None:
        identifier, self._showing = self._showing, None
        if identifier is None:
            if self._fallback is not None:
                await self._fallback.withdraw()
            return
        try:
            if identifier in await self._notifier.get_current_notifications():
                await self._notifier.clear(identifier)
        except Exception:  # the service may have gone with the session: nothing left to clear
            logger.debug("Could not withdraw the notification", exc_info=True)

    async def close(self) -> None:
        await self.withdraw()
        if self._given is None:  # never shown: nothing was connected
            return
        # desktop-notifier has no close; its Linux backend keeps a D-Bus connection open.
        bus = getattr(self._given._backend, "bus", None)
        disconnect = getattr(bus, "disconnect", None)
        if callable(disconnect):
            disconnect()
