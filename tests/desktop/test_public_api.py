"""The package's surface, and that every adapter fits the seams the reminder loop expects.

The assignments are checked by mypy: an adapter drifting from the Protocol fails `make types`.
"""

import io

import psoas.desktop
from psoas.desktop.clock_presence import ClockOnlyProbe
from psoas.desktop.freedesktop_notifications import FreedesktopNotificationDisplay
from psoas.desktop.macos_presence import MacPresenceProbe
from psoas.desktop.mutter_presence import MutterPresenceProbe
from psoas.desktop.notification_display import DesktopNotifierDisplay
from psoas.desktop.terminal_display import TerminalDisplay
from psoas.desktop.windows_presence import WindowsPresenceProbe
from psoas.desktop.x11_presence import X11PresenceProbe
from psoas.services.break_seams import PresenceProbe, ReminderDisplay


def test_the_public_names() -> None:
    assert psoas.desktop.__all__ == ["DesktopPresenceProbe", "choose_display", "detect_presence"]


def test_adapters_fit_the_seams() -> None:
    probe_types: list[type[PresenceProbe]] = [
        ClockOnlyProbe,
        MacPresenceProbe,
        MutterPresenceProbe,
        WindowsPresenceProbe,
        X11PresenceProbe,
    ]
    display: ReminderDisplay = TerminalDisplay(io.StringIO())
    other: ReminderDisplay = DesktopNotifierDisplay()
    on_linux: ReminderDisplay = FreedesktopNotificationDisplay("unix:path=/nonexistent")
    assert len(probe_types) == 5
    assert display.channel != other.channel
    assert on_linux.channel == other.channel
