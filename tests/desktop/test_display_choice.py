"""choose_display() shows notifications only where a notification service is on the bus."""

import io

from psoas.desktop.display_choice import NOTIFICATIONS_NAME, choose_display
from psoas.desktop.freedesktop_notifications import FreedesktopNotificationDisplay
from psoas.desktop.notification_display import DesktopNotifierDisplay
from psoas.desktop.terminal_display import TerminalDisplay
from tests.desktop.bounded import run_bounded
from tests.desktop.session_processes import private_session_bus
from tests.desktop.stand_in_services import StandInNotifications, serve, stop


def choose(
    env: dict[str, str],
) -> FreedesktopNotificationDisplay | DesktopNotifierDisplay | TerminalDisplay:
    return run_bounded(choose_display(env, platform="linux", terminal=io.StringIO()))


def test_no_session_bus_means_the_terminal() -> None:
    display = choose({})
    assert isinstance(display, TerminalDisplay)
    assert display.channel == "this terminal"


def test_a_bus_without_a_notification_service_means_the_terminal(bus_address: str) -> None:
    assert isinstance(choose({"DBUS_SESSION_BUS_ADDRESS": bus_address}), TerminalDisplay)


def test_a_running_notification_service_means_notifications(bus_address: str) -> None:
    async def scenario() -> (
        FreedesktopNotificationDisplay | DesktopNotifierDisplay | TerminalDisplay
    ):
        service = StandInNotifications()
        service_bus = await serve(
            bus_address, {"/org/freedesktop/Notifications": service}, service.name
        )
        display = await choose_display(
            {"DBUS_SESSION_BUS_ADDRESS": bus_address}, platform="linux", terminal=io.StringIO()
        )
        await stop(service_bus)
        return display

    display = run_bounded(scenario())
    assert isinstance(display, FreedesktopNotificationDisplay)
    assert display.channel == "desktop notifications"


def test_a_notification_service_the_bus_would_start_counts_too() -> None:
    # Debian's notification-daemon, for one, is started by the bus on the first notification.
    with private_session_bus(activatable=(NOTIFICATIONS_NAME,)) as address:
        assert isinstance(
            choose({"DBUS_SESSION_BUS_ADDRESS": address}), FreedesktopNotificationDisplay
        )
