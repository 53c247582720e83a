"""Presence on an X11 desktop: idle time and blanking from the MIT-SCREEN-SAVER extension.

The X server counts idle time from real input of every client, so a call with no typing still
counts as sitting only while nothing moves, exactly as the timer wants.
"""

import logging

from psoas.desktop.x11_fullscreen import X11Fullscreen
from psoas.desktop.xlib import SCREEN_SAVER_ON, Xlib, XlibUnavailableError
from psoas.domain.break_watch import Observation

logger = logging.getLogger(__name__)

X11_METHOD = "X11 screen saver extension (idle time from the X server)"
X11_LIMITATION = (
    "Do-not-disturb cannot be read on X11, and a locked screen counts only once it is blanked, "
    "so idle time covers the rest"
)


class X11PresenceProbe:
    """Keeps one display connection; each observation is two or three round trips."""

    def __init__(self, xlib: Xlib) -> None:
        self._xlib = xlib
        self._fullscreen = X11Fullscreen(xlib)

    @classmethod
    def open(cls, display_name: str) -> "X11PresenceProbe":
        """Raises XlibUnavailableError, saying why, when this display cannot report idle time."""
        xlib = Xlib(display_name)
        if not xlib.has_screen_saver_extension():
            xlib.close()
            raise XlibUnavailableError(
                f"the X display {display_name} has no MIT-SCREEN-SAVER extension"
            )
        return cls(xlib)

    @property
    def method(self) -> str | None:
        return X11_METHOD

    @property
    def limitation(self) -> str | None:
        return X11_LIMITATION

    def read_fullscreen(self) -> bool | None:
        """Also used by the GNOME probe on an X11 session, where Mutter cannot tell."""
        return self._fullscreen.read() if self._xlib.usable else None

    async def observe(self) -> Observation:
        # Blocking Xlib calls on the event loop: each is a local round trip well under a
        # millisecond, cheaper than handing them to a thread.
        try:
            info = self._xlib.screen_saver_info()
            if info is None:
                return Observation()
            return Observation(
                idle_s=info.idle / 1000,
                locked=info.state == SCREEN_SAVER_ON,
                fullscreen=self.read_fullscreen(),
            )
        except Exception:  # whatever goes wrong, the reminder loop carries on by the clock
            logger.debug("X11 observation failed", exc_info=True)
            return Observation()

    async def close(self) -> None:
        self._xlib.close()
