"""Presence on GNOME: Mutter's idle monitor and GNOME's screen lock, over the session D-Bus.

Mutter counts idle time for Wayland and X11 sessions alike, which no X11 call can on Wayland.
One connection stays open for the life of the probe; an observation is two calls sent together.
"""

import asyncio
import logging
from typing import TYPE_CHECKING

from psoas.desktop.gnome_do_not_disturb import GnomeDoNotDisturb
from psoas.desktop.session_bus import (
    SessionBus,
    SessionBusCallError,
    call_method,
    close_session_bus,
)
from psoas.desktop.unseen_states import unseen_sentence
from psoas.domain.break_watch import Observation

if TYPE_CHECKING:
    # Given only on X11; on Wayland the resident reminder never loads ctypes and Xlib.
    from psoas.desktop.x11_presence import X11PresenceProbe

logger = logging.getLogger(__name__)

MUTTER_METHOD = "GNOME Mutter idle monitor over D-Bus"
IDLE_MONITOR_NAME = "org.gnome.Mutter.IdleMonitor"
IDLE_MONITOR_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
SCREEN_SAVER_NAME = "org.gnome.ScreenSaver"
SCREEN_SAVER_PATH = "/org/gnome/ScreenSaver"


async def read_idle_ms(bus: SessionBus) -> int:
    (idle_ms,) = await call_method(
        bus,
        destination=IDLE_MONITOR_NAME,
        path=IDLE_MONITOR_PATH,
        interface=IDLE_MONITOR_NAME,
        member="GetIdletime",
    )
    return int(idle_ms)


async def read_locked(bus: SessionBus) -> bool:
    (active,) = await call_method(
        bus,
        destination=SCREEN_SAVER_NAME,
        path=SCREEN_SAVER_PATH,
        interface=SCREEN_SAVER_NAME,
        member="GetActive",
    )
    return bool(active)


class MutterPresenceProbe:
    """Idle time and lock from GNOME; do-not-disturb and full screen from helpers when present."""

    def __init__(
        self,
        bus: SessionBus,
        *,
        do_not_disturb: GnomeDoNotDisturb | None,
        x11: "X11PresenceProbe | None",
        fullscreen_unseen_because: str = "GNOME on Wayland keeps them private",
    ) -> None:
        self._bus = bus
        self._do_not_disturb = do_not_disturb
        # On an X11 session the window manager's hints tell full screen; Mutter does not.
        self._x11 = x11
        unseen = []
        if x11 is None:
            unseen.append(f"full-screen windows ({fullscreen_unseen_because})")
        if do_not_disturb is None or do_not_disturb.value is None:
            unseen.append("do-not-disturb (gsettings could not read it)")
        self._limitation = unseen_sentence(unseen)

    @property
    def method(self) -> str | None:
        return MUTTER_METHOD

    @property
    def limitation(self) -> str | None:
        return self._limitation

    async def observe(self) -> Observation:
        try:
            idle, locked = await asyncio.gather(
                read_idle_ms(self._bus), read_locked(self._bus), return_exceptions=True
            )
            return Observation(
                idle_s=idle / 1000 if isinstance(idle, int) else None,
                locked=locked if isinstance(locked, bool) else None,
                do_not_disturb=self._do_not_disturb.value if self._do_not_disturb else None,
                fullscreen=self._x11.read_fullscreen() if self._x11 else None,
            )
        except Exception:  # whatever goes wrong, the reminder loop carries on by the clock
            logger.debug("GNOME observation failed", exc_info=True)
            return Observation()

    async def close(self) -> None:
        if self._do_not_disturb is not None:
            await self._do_not_disturb.close()
        if self._x11 is not None:
            await self._x11.close()
        await close_session_bus(self._bus)


async def answers_idle_time(bus: SessionBus) -> bool:
    """Whether Mutter's idle monitor is on this bus and answers; decides if this probe fits."""
    try:
        await read_idle_ms(bus)
    except SessionBusCallError:
        return False
    return True
