"""Reminders as freedesktop notifications with answer buttons, sent over the resident's own
session bus connection (jeepney): the display on Linux desktops (GNOME, KDE, and any service the
spec describes).

Our choice, because the resident reminder keeps what it loads for the rest of the day:
desktop-notifier with dbus-fast would add about 4.5 MB at the first reminder, where the spec's
three methods and two signals are all a reminder needs. desktop-notifier stays the display on
Windows and macOS (psoas.desktop.notification_display).

As there, one reminder shows at a time, never expires on its own (timeout 0), and keeps normal
urgency, so the desktop's do-not-disturb still holds it back as the person asked.
"""

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from jeepney import HeaderFields

from psoas.desktop.notification_display import APP_NAME, NEVER_EXPIRES, NOTIFICATIONS_CHANNEL
from psoas.desktop.session_bus import (
    BUS_NAME,
    BUS_PATH,
    SessionBus,
    SessionBusCallError,
    call_method,
    close_session_bus,
    connect_session_bus,
    match_rule,
)
from psoas.desktop.terminal_display import TerminalDisplay
from psoas.domain.break_watch import NoticeAnswer, ReminderNotice

logger = logging.getLogger(__name__)

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
SIGNALS_RULE = match_rule(interface=NOTIFICATIONS_NAME, path=NOTIFICATIONS_PATH)
# Said outright rather than left to the service's default: normal, never critical.
NORMAL_URGENCY = {"urgency": ("y", 1)}
# A click on the reminder itself: the spec's "default" action, with no button of its own.
DEFAULT_ACTION = "default"


def answer_actions(notice: ReminderNotice) -> dict[str, tuple[str, NoticeAnswer]]:
    """Action key → (button label, answer): Done, one Snooze per offered length, Skip."""
    actions = {"done": ("Done", NoticeAnswer(action="done"))}
    for minutes in notice.snooze_choices_min:
        answer = NoticeAnswer(action="snooze", snooze_min=minutes)
        actions[f"snooze-{minutes}"] = (f"Snooze {minutes} min", answer)
    actions["skip"] = ("Skip", NoticeAnswer(action="skip"))
    return actions


class FreedesktopNotificationDisplay:
    """Shows through org.freedesktop.Notifications; a fallback shows what it could not.

    The connection opens when the first reminder shows and stays for the buttons' answers: the
    service sends them to the connection that asked for the notification.
    """

    def __init__(self, address: str, *, fallback: TerminalDisplay | None = None) -> None:
        self._address = address
        self._fallback = fallback
        self._bus: SessionBus | None = None
        self._showing: int | None = None
        self._answers: dict[str, NoticeAnswer] = {}
        self._on_answer: Callable[[NoticeAnswer], None] | None = None

    @property
    def channel(self) -> str:
        return NOTIFICATIONS_CHANNEL

    async def show(self, notice: ReminderNotice, on_answer: Callable[[NoticeAnswer], None]) -> None:
        await self.withdraw()
        actions = answer_actions(notice)
        identifier = await self._notify(notice, actions)
        if identifier is None:
            if self._fallback is not None:
                await self._fallback.show(notice, on_answer)
            return
        self._showing = identifier
        self._answers = {key: answer for key, (_label, answer) in actions.items()}
        self._on_answer = on_answer

    async def _notify(
        self, notice: ReminderNotice, actions: dict[str, tuple[str, NoticeAnswer]]
    ) -> int | None:
        bus = await self._connected()
        if bus is None:
            return None
        pairs = [DEFAULT_ACTION, ""]
        for key, (label, _answer) in actions.items():
            pairs += [key, label]
        body = [
            APP_NAME,
            0,
            "",
            notice.title,
            "\n".join(notice.lines),
            pairs,
            NORMAL_URGENCY,
            NEVER_EXPIRES,
        ]
        try:
            # Some desktops' services (Debian's notification-daemon) start on the first one.
            (identifier,) = await self._call("Notify", NOTIFY_SIGNATURE, body, start_service=True)
        except SessionBusCallError:
            logger.debug("The notification could not be sent", exc_info=True)
            return None
        return int(identifier)

    async def _connected(self) -> SessionBus | None:
        if self._bus is not None and self._bus.connected:
            return self._bus
        if self._bus is not None:  # gone with the bus: let its reading and handler go too
            self._bus.remove_message_handler(self._on_message)
            await close_session_bus(self._bus)
            self._bus = None
        bus = await connect_session_bus(self._address)
        if bus is None:
            return None
        try:
            # Some services broadcast the answers; a match rule lets those through too.
            await call_method(
                bus,
                destination=BUS_NAME,
                path=BUS_PATH,
                interface=BUS_NAME,
                member="AddMatch",
                signature="s",
                body=[SIGNALS_RULE.serialise()],
            )
        except SessionBusCallError:
            await close_session_bus(bus)
            return None
        bus.add_message_handler(SIGNALS_RULE, self._on_message)
        self._bus = bus
        return bus

    async def _call(
        self, member: str, signature: str, body: list[Any], *, start_service: bool = False
    ) -> list[Any]:
        assert self._bus is not None
        return await call_method(
            self._bus,
            destination=NOTIFICATIONS_NAME,
            path=NOTIFICATIONS_PATH,
            interface=NOTIFICATIONS_NAME,
            member=member,
            signature=signature,
            body=body,
            start_service=start_service,
        )

    def _on_message(self, message: Any) -> None:
        """The service's signals (the rule sorts them out), each naming its notification first."""
        if not message.body or message.body[0] != self._showing:
            return
        member = message.header.fields.get(HeaderFields.member)
        if member == "NotificationClosed":
            # Closed without an answer: nothing left to withdraw, and the reminder stays due.
            self._showing = None
        elif member == "ActionInvoked" and len(message.body) > 1:
            answer = self._answers.get(str(message.body[1]))
            if answer is not None and self._on_answer is not None:
                self._showing = None  # the service closes a notification once it is answered
                self._on_answer(answer)

    async def withdraw(self) -> None:
        identifier, self._showing = self._showing, None
        if identifier is None:
            if self._fallback is not None:
                await self._fallback.withdraw()
            return
        if self._bus is None:
            return
        # The service may have gone with the session: nothing left to close then.
        with contextlib.suppress(SessionBusCallError):
            await self._call("CloseNotification", "u", [identifier])

    async def close(self) -> None:
        await self.withdraw()
        if self._bus is not None:
            self._bus.remove_message_handler(self._on_message)
            await close_session_bus(self._bus)
            self._bus = None
