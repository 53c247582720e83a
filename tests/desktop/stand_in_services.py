"""Stand-ins for desktop services, exported on a real bus so the adapters talk real D-Bus.

Each answers like the service it stands for and records what it was asked. The interfaces and
signatures are those GNOME, dconf and the freedesktop notification spec publish.
"""

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Annotated

from dbus_fast.aio import MessageBus
from dbus_fast.annotations import (
    DBusBool,
    DBusInt32,
    DBusSignature,
    DBusStr,
    DBusUInt32,
    DBusUInt64,
)
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal
from dbus_fast.signature import Variant


class StandInIdleMonitor(ServiceInterface):
    """org.gnome.Mutter.IdleMonitor on /org/gnome/Mutter/IdleMonitor/Core."""

    def __init__(self, idle_ms: int) -> None:
        super().__init__("org.gnome.Mutter.IdleMonitor")
        self.idle_ms = idle_ms

    @dbus_method()
    def GetIdletime(self) -> DBusUInt64:
        return self.idle_ms


class StandInScreenSaver(ServiceInterface):
    """org.gnome.ScreenSaver on /org/gnome/ScreenSaver."""

    def __init__(self) -> None:
        super().__init__("org.gnome.ScreenSaver")
        self.active = False

    @dbus_method()
    def GetActive(self) -> DBusBool:
        return self.active


class StandInDconfWriter(ServiceInterface):
    """The signal dconf's writer sends after each write: prefix, paths below it, a tag."""

    def __init__(self) -> None:
        super().__init__("ca.desrt.dconf.Writer")

    @dbus_signal()
    def Notify(
        self, prefix: str, changes: list[str], tag: str
    ) -> Annotated[tuple[str, list[str], str], DBusSignature("sass")]:
        return prefix, changes, tag


@dataclass
class Notified:
    app_name: str
    summary: str
    body: str
    actions: list[str]
    expire_timeout_ms: int
    urgency: int | None = None

    def action_key(self, label: str) -> str:
        """The key the display gave the button with this label (actions alternate key, label)."""
        pairs = dict(zip(self.actions[1::2], self.actions[0::2], strict=True))
        return pairs[label]

    @property
    def labels(self) -> list[str]:
        return self.actions[1::2]


class StandInNotifications(ServiceInterface):
    """org.freedesktop.Notifications on /org/freedesktop/Notifications, showing nothing."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.shown: dict[int, Notified] = {}
        self.closed: list[int] = []

    @dbus_method()
    def GetCapabilities(self) -> Annotated[list[str], DBusSignature("as")]:
        return ["actions", "body"]

    @dbus_method()
    def GetServerInformation(
        self,
    ) -> Annotated[tuple[str, str, str, str], DBusSignature("ssss")]:
        return "psoas-test", "psoas", "1", "1.2"

    @dbus_method()
    def Notify(
        self,
        app_name: DBusStr,
        replaces_id: DBusUInt32,
        app_icon: DBusStr,
        summary: DBusStr,
        body: DBusStr,
        actions: Annotated[list[str], DBusSignature("as")],
        hints: Annotated[dict[str, Variant], DBusSignature("a{sv}")],
        expire_timeout: DBusInt32,
    ) -> DBusUInt32:
        notification_id = len(self.shown) + 1
        urgency = hints["urgency"].value if "urgency" in hints else None
        self.shown[notification_id] = Notified(
            app_name, summary, body, actions, expire_timeout, urgency
        )
        return notification_id

    @dbus_method()
    def CloseNotification(self, notification_id: DBusUInt32) -> None:
        self.closed.append(notification_id)
        self.NotificationClosed(notification_id, 3)  # 3: closed by a CloseNotification call

    @dbus_signal()
    def NotificationClosed(
        self, notification_id: int, reason: int
    ) -> Annotated[tuple[int, int], DBusSignature("uu")]:
        return notification_id, reason

    @dbus_signal()
    def ActionInvoked(
        self, notification_id: int, action_key: str
    ) -> Annotated[tuple[int, str], DBusSignature("us")]:
        """Emitted by the test to play a person pressing a button."""
        return notification_id, action_key


async def serve(address: str, exports: dict[str, ServiceInterface], *names: str) -> MessageBus:
    """A second connection that owns ``names`` and exports each interface at its path."""
    bus = await MessageBus(bus_address=address).connect()
    for path, interface in exports.items():
        bus.export(path, interface)
    for name in names:
        await bus.request_name(name)
    return bus


async def stop(bus: MessageBus) -> None:
    """Ends a stand-in's connection, as a service leaving the bus, and waits until it is closed."""
    bus.disconnect()
    waiting = bus.wait_for_disconnect()  # type: ignore[no-untyped-call]
    with contextlib.suppress(Exception):  # gone already: closed either way
        await asyncio.wait_for(waiting, timeout=2.0)
