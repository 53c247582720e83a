"""The X11 probe against a real X server (Xvfb), driven by xdotool and xprop like a person."""

import ctypes
import time

from psoas.desktop.x11_presence import X11_METHOD, X11PresenceProbe
from psoas.desktop.xlib import Xlib
from psoas.domain.breaks import Observation
from tests.desktop.bounded import run_bounded
from tests.desktop.session_processes import (
    remove_root_hint,
    set_root_hint,
    virtual_display,
    x_command,
)


def observe(probe: X11PresenceProbe) -> Observation:
    return run_bounded(probe.observe())


def test_idle_time_grows_until_the_mouse_moves(x_display: str) -> None:
    probe = X11PresenceProbe.open(x_display)
    try:
        x_command(x_display, "xdotool", "mousemove", "10", "10")
        first = observe(probe)
        time.sleep(1.2)
        later = observe(probe)
        x_command(x_display, "xdotool", "mousemove", "50", "60")
        moved = observe(probe)
    finally:
        run_bounded(probe.close())
    assert first.idle_s is not None
    assert later.idle_s is not None
    assert moved.idle_s is not None
    assert later.idle_s >= first.idle_s + 1.0
    assert moved.idle_s < 0.5
    assert probe.method == X11_METHOD


def test_a_blanked_screen_counts_as_locked(x_display: str) -> None:
    probe = X11PresenceProbe.open(x_display)
    blanker = Xlib(x_display)  # a second client, as a screen locker would be
    blanker.x11.XForceScreenSaver.argtypes = (ctypes.c_void_p, ctypes.c_int)
    blanker.x11.XSync.argtypes = (ctypes.c_void_p, ctypes.c_int)
    try:
        assert observe(probe).locked is False
        blanker.x11.XForceScreenSaver(blanker.display, 1)  # ScreenSaverActive
        blanker.x11.XSync(blanker.display, 0)
        blanked = observe(probe)
        x_command(x_display, "xdotool", "mousemove", "20", "30")
        woken = observe(probe)
    finally:
        blanker.close()
        run_bounded(probe.close())
    assert blanked.locked is True
    assert woken.locked is False


def test_full_screen_follows_the_window_managers_hints(x_display: str) -> None:
    """Xvfb runs no window manager, so the test sets the EWMH hints a window manager would."""
    probe = X11PresenceProbe.open(x_display)
    other_client = Xlib(x_display)
    try:
        assert observe(probe).fullscreen is None  # nobody names an active window yet
        set_root_hint(x_display, "_NET_ACTIVE_WINDOW", "0")
        no_focus = observe(probe).fullscreen
        # Any real window will do as the focused one: the root is at hand.
        set_root_hint(x_display, "_NET_ACTIVE_WINDOW", str(other_client.root))
        set_root_hint(x_display, "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN", atoms=True)
        full = observe(probe).fullscreen
        set_root_hint(x_display, "_NET_WM_STATE", "_NET_WM_STATE_MAXIMIZED_VERT", atoms=True)
        windowed = observe(probe).fullscreen
    finally:
        remove_root_hint(x_display, "_NET_ACTIVE_WINDOW")
        remove_root_hint(x_display, "_NET_WM_STATE")
        other_client.close()
        run_bounded(probe.close())
    assert (no_focus, full, windowed) == (False, True, False)


def test_the_x_server_going_away_leaves_unknowns_not_a_crash() -> None:
    with virtual_display() as (display, server):
        probe = X11PresenceProbe.open(display)
        assert observe(probe).idle_s is not None
        server.terminate()
        server.wait(timeout=5)
        gone = observe(probe)
        again = observe(probe)
        run_bounded(probe.close())
    assert gone == again == Observation()
