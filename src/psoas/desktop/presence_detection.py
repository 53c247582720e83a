"""Choosing, at run time, the best way this machine offers to see whether someone is at the desk.

Order: GNOME's idle monitor (Wayland and X11 alike), then the X server, then Windows or macOS;
otherwise the clock alone, with one sentence saying why for `psoas breaks status`.

Each platform's probe is imported only where it is tried: the resident reminder process keeps
whatever it imports (ctypes and Xlib, the D-Bus connection) for the whole day.
"""

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

from psoas.desktop.clock_presence import ClockOnlyProbe
from psoas.desktop.session_bus_address import session_bus_address

if TYPE_CHECKING:
    # Each platform's probe is imported only where it runs.
    from psoas.desktop.macos_presence import MacPresenceProbe
    from psoas.desktop.mutter_presence import MutterPresenceProbe
    from psoas.desktop.windows_presence import WindowsPresenceProbe
    from psoas.desktop.x11_presence import X11PresenceProbe

DesktopPresenceProbe: TypeAlias = (
    "MutterPresenceProbe | X11PresenceProbe | WindowsPresenceProbe | MacPresenceProbe"
    " | ClockOnlyProbe"
)
CLOCK_ONLY = "so breaks are counted by the clock only"


async def detect_presence(
    environ: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    gsettings_command: Sequence[str] | None = None,
) -> DesktopPresenceProbe:
    """A probe for this session; never fails, falling back to the clock with the reason.

    ``environ`` and ``platform`` default to this process's; ``gsettings_command`` replaces
    `gsettings get org.gnome.desktop.notifications show-banners` (tests use a stand-in).
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        from psoas.desktop.windows_presence import WindowsPresenceProbe

        try:
            return await _reads_idle_time(WindowsPresenceProbe.open(), "Windows")
        except OSError as error:
            return ClockOnlyProbe(f"Windows idle time cannot be read ({error}), {CLOCK_ONLY}")
    if platform == "darwin":
        from psoas.desktop.macos_presence import MacPresenceProbe

        try:
            return await _reads_idle_time(MacPresenceProbe.open(), "macOS")
        except OSError as error:
            return ClockOnlyProbe(f"macOS idle time cannot be read ({error}), {CLOCK_ONLY}")
    return await _unix_desktop(env, gsettings_command)


async def _reads_idle_time(
    probe: "WindowsPresenceProbe | MacPresenceProbe", system: str
) -> "WindowsPresenceProbe | MacPresenceProbe":
    """One trial observation: a probe that binds but reads nothing is no better than the clock."""
    if (await probe.observe()).idle_s is None:
        await probe.close()
        raise OSError(f"{system} reported no idle time")
    return probe


async def _unix_desktop(
    env: Mapping[str, str], gsettings_command: Sequence[str] | None
) -> DesktopPresenceProbe:
    display = env.get("DISPLAY", "")
    on_wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    # XDG_CURRENT_DESKTOP is a colon-separated list, e.g. "ubuntu:GNOME".
    desktops = env.get("XDG_CURRENT_DESKTOP", "")
    says_gnome = "gnome" in desktops.lower().split(":")

    gnome_missing = ""
    address = session_bus_address(env)
    if address is not None:
        gnome = await _gnome_probe(address, display, on_wayland, gsettings_command)
        if gnome is not None:
            return gnome
        gnome_missing = "GNOME's idle monitor did not answer on the session bus"
    elif says_gnome:
        gnome_missing = "no session bus was found to ask GNOME's idle monitor"

    if not display and not env.get("WAYLAND_DISPLAY"):
        return ClockOnlyProbe(
            f"No desktop session found (DISPLAY and WAYLAND_DISPLAY are unset), {CLOCK_ONLY}"
        )
    if on_wayland:
        if says_gnome:
            return ClockOnlyProbe(f"{gnome_missing[0].upper()}{gnome_missing[1:]}, {CLOCK_ONLY}")
        desktop = desktops or "This desktop"
        return ClockOnlyProbe(
            f"{desktop} on Wayland lets no other program read idle time, {CLOCK_ONLY}"
        )
    from psoas.desktop.x11_presence import X11PresenceProbe
    from psoas.desktop.xlib import XlibUnavailableError

    try:
        return X11PresenceProbe.open(display)
    except XlibUnavailableError as error:
        return ClockOnlyProbe(f"Idle time cannot be read on X11 ({error}), {CLOCK_ONLY}")


async def _gnome_probe(
    address: str, display: str, on_wayland: bool, gsettings_command: Sequence[str] | None
) -> "MutterPresenceProbe | None":
    from psoas.desktop.gnome_do_not_disturb import READ_COMMAND, GnomeDoNotDisturb
    from psoas.desktop.mutter_presence import MutterPresenceProbe, answers_idle_time
    from psoas.desktop.session_bus import close_session_bus, connect_session_bus

    bus = await connect_session_bus(address)
    if bus is None:
        return None
    if not await answers_idle_time(bus):
        await close_session_bus(bus)
        return None
    do_not_disturb = GnomeDoNotDisturb(bus, gsettings_command or READ_COMMAND)
    await do_not_disturb.start()
    x11 = None
    if display and not on_wayland:
        from psoas.desktop.x11_presence import X11PresenceProbe
        from psoas.desktop.xlib import XlibUnavailableError

        try:
            x11 = X11PresenceProbe.open(display)
        except XlibUnavailableError:
            x11 = None
    return MutterPresenceProbe(
        bus,
        do_not_disturb=do_not_disturb if do_not_disturb.value is not None else None,
        x11=x11,
        fullscreen_unseen_because=(
            "GNOME on Wayland keeps them private" if on_wayland else "the X display cannot be read"
        ),
    )
