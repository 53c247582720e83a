"""detect_presence() picks the probe from the session it finds, with a reason when it cannot."""

import sys
from pathlib import Path

import pytest

from psoas.desktop.clock_presence import ClockOnlyProbe
from psoas.desktop.macos_presence import MacPresenceProbe
from psoas.desktop.mutter_presence import MutterPresenceProbe
from psoas.desktop.presence_detection import DesktopPresenceProbe, _reads_idle_time, detect_presence
from psoas.desktop.x11_presence import X11PresenceProbe
from psoas.domain.breaks import Observation
from tests.desktop.bounded import run_bounded
from tests.desktop.session_processes import remove_root_hint, set_root_hint
from tests.desktop.stand_in_services import StandInIdleMonitor, StandInScreenSaver, serve, stop


def detect(env: dict[str, str], platform: str = "linux") -> DesktopPresenceProbe:
    async def scenario() -> DesktopPresenceProbe:
        probe = await detect_presence(env, platform=platform)
        await probe.close()
        return probe

    return run_bounded(scenario())


def test_no_desktop_session_means_the_clock_alone() -> None:
    probe = detect({})
    assert isinstance(probe, ClockOnlyProbe)
    assert probe.method is None
    assert probe.limitation == (
        "No desktop session found (DISPLAY and WAYLAND_DISPLAY are unset), "
        "so breaks are counted by the clock only"
    )
    assert run_bounded(probe.observe()) == Observation()


def test_wayland_outside_gnome_means_the_clock_alone() -> None:
    probe = detect({"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "KDE"})
    assert isinstance(probe, ClockOnlyProbe)
    assert probe.limitation == (
        "KDE on Wayland lets no other program read idle time, so breaks are counted by the "
        "clock only"
    )


def test_gnome_without_its_idle_monitor_says_so(bus_address: str) -> None:
    env = {
        "WAYLAND_DISPLAY": "wayland-0",
        "XDG_CURRENT_DESKTOP": "ubuntu:GNOME",
        "DBUS_SESSION_BUS_ADDRESS": bus_address,
    }
    probe = detect(env)
    assert isinstance(probe, ClockOnlyProbe)
    assert probe.limitation == (
        "GNOME's idle monitor did not answer on the session bus, so breaks are counted by the "
        "clock only"
    )
    probe = detect({"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"})
    assert probe.limitation == (
        "No session bus was found to ask GNOME's idle monitor, so breaks are counted by the "
        "clock only"
    )


def test_gnome_on_wayland_uses_mutter(bus_address: str, tmp_path: Path) -> None:
    setting = tmp_path / "show-banners"
    setting.write_text("false")
    env = {
        "WAYLAND_DISPLAY": "wayland-0",
        "XDG_CURRENT_DESKTOP": "GNOME",
        "DBUS_SESSION_BUS_ADDRESS": bus_address,
    }
    gsettings = [sys.executable, "-c", f"print(open({str(setting)!r}).read())"]

    async def scenario() -> tuple[DesktopPresenceProbe, Observation]:
        service = await serve(
            bus_address,
            {
                "/org/gnome/Mutter/IdleMonitor/Core": StandInIdleMonitor(idle_ms=310_000),
                "/org/gnome/ScreenSaver": StandInScreenSaver(),
            },
            "org.gnome.Mutter.IdleMonitor",
            "org.gnome.ScreenSaver",
        )
        probe = await detect_presence(env, platform="linux", gsettings_command=gsettings)
        seen = await probe.observe()
        await probe.close()
        await stop(service)
        return probe, seen

    probe, seen = run_bounded(scenario())
    assert isinstance(probe, MutterPresenceProbe)
    assert seen == Observation(idle_s=310.0, locked=False, do_not_disturb=True, fullscreen=None)
    assert probe.limitation == (
        "Full-screen windows (GNOME on Wayland keeps them private) cannot be seen here, so it "
        "does not hold a reminder back"
    )


def test_an_x11_session_uses_the_x_server(x_display: str) -> None:
    probe = detect({"DISPLAY": x_display, "XDG_SESSION_TYPE": "x11"})
    assert isinstance(probe, X11PresenceProbe)


def test_an_x_display_that_cannot_be_opened_means_the_clock_alone() -> None:
    probe = detect({"DISPLAY": ":987"})
    assert isinstance(probe, ClockOnlyProbe)
    assert probe.limitation == (
        "Idle time cannot be read on X11 (the X display :987 cannot be opened), so breaks are "
        "counted by the clock only"
    )


@pytest.mark.parametrize(
    ("platform", "sentence"),
    [
        ("win32", "Windows idle time cannot be read (the Windows probe runs only on Windows), "),
        ("darwin", "macOS idle time cannot be read (the macOS probe runs only on macOS), "),
    ],
)
def test_other_platforms_fall_back_with_a_reason_when_their_calls_fail(
    platform: str, sentence: str
) -> None:
    probe = detect({}, platform=platform)
    assert isinstance(probe, ClockOnlyProbe)
    assert probe.limitation == sentence + "so breaks are counted by the clock only"


def test_gnome_on_x11_reads_full_screen_from_the_x_server(
    bus_address: str, x_display: str, tmp_path: Path
) -> None:
    setting = tmp_path / "show-banners"
    setting.write_text("true")
    env = {
        "DISPLAY": x_display,
        "XDG_SESSION_TYPE": "x11",
        "XDG_CURRENT_DESKTOP": "GNOME",
        "DBUS_SESSION_BUS_ADDRESS": bus_address,
    }
    gsettings = [sys.executable, "-c", f"print(open({str(setting)!r}).read())"]
    # What a window manager says when no window has the focus.
    set_root_hint(x_display, "_NET_ACTIVE_WINDOW", "0")

    async def scenario() -> tuple[DesktopPresenceProbe, Observation]:
        service = await serve(
            bus_address,
            {"/org/gnome/Mutter/IdleMonitor/Core": StandInIdleMonitor(idle_ms=0)},
            "org.gnome.Mutter.IdleMonitor",
        )
        probe = await detect_presence(env, platform="linux", gsettings_command=gsettings)
        seen = await probe.observe()
        await probe.close()
        await stop(service)
        return probe, seen

    probe, seen = run_bounded(scenario())
    remove_root_hint(x_display, "_NET_ACTIVE_WINDOW")
    assert isinstance(probe, MutterPresenceProbe)
    assert probe.limitation is None
    # No screen saver stand-in this time: the lock is unknown, the rest is read.
    assert seen == Observation(idle_s=0.0, locked=None, do_not_disturb=False, fullscreen=False)


def test_a_probe_that_reads_no_idle_time_is_refused() -> None:
    silent = MacPresenceProbe([sys.executable, "-c", "print('no idle time here')"])
    with pytest.raises(OSError, match="macOS reported no idle time"):
        run_bounded(_reads_idle_time(silent, "macOS"))
