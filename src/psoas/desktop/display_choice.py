"""Choosing where reminders appear: desktop notifications where they work, else the terminal.

On Linux the notifications go over the session bus by the freedesktop spec, on the resident's own
connection; on Windows and macOS through desktop-notifier."""

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from psoas.desktop.notification_display import DesktopNotifierDisplay
from psoas.desktop.session_bus_address import session_bus_address
from psoas.desktop.terminal_display import TerminalDisplay

if TYPE_CHECKING:
    # Loaded only on a session bus: a desktop without one never needs it.
    from psoas.desktop.freedesktop_notifications import FreedesktopNotificationDisplay

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"


async def choose_display(
    environ: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    terminal: TextIO | None = None,
) -> "FreedesktopNotificationDisplay | DesktopNotifierDisplay | TerminalDisplay":
    """Notifications when this session has a service to show them; the terminal otherwise.

    ``terminal`` is where terminal reminders go (default: standard output); a notification
    display also falls back to it when a notification cannot be sent.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    terminal_display = TerminalDisplay(terminal)
    if platform in ("win32", "darwin"):
        if _notifier_backend_shows():
            return DesktopNotifierDisplay(fallback=terminal_display)
        return terminal_display
    address = session_bus_address(env)
    if address is not None and await _notification_service_on_bus(address):
        from psoas.desktop.freedesktop_notifications import FreedesktopNotificationDisplay

        return FreedesktopNotificationDisplay(address, fallback=terminal_display)
    return terminal_display


async def _notification_service_on_bus(address: str) -> bool:
    from psoas.desktop.session_bus import close_session_bus, connect_session_bus, name_is_available

    bus = await connect_session_bus(address)
    if bus is None:
        return False
    try:
        return await name_is_available(bus, NOTIFICATIONS_NAME)
    finally:
        await close_session_bus(bus)


def _notifier_backend_shows() -> bool:
    """On macOS outside an app bundle desktop-notifier falls back to a backend showing nothing."""
    from desktop_notifier.backends.dummy import DummyNotificationCenter
    from desktop_notifier.main import get_backend_class

    try:
        return get_backend_class() is not DummyNotificationCenter
    except Exception:  # e.g. the Windows backend's packages missing: no notifications then
        return False
