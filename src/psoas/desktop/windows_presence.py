"""Presence on Windows: idle time from GetLastInputInfo, busy states from the shell.

SHQueryUserNotificationState is what Windows itself asks before showing a notification: it says
when a full-screen program, a presentation or quiet time is on, and when nobody is present.
Importing this module is safe anywhere; only ``WindowsPresenceProbe.open`` needs Windows.
"""

import ctypes
import logging
import sys
from collections.abc import Callable
from enum import IntEnum

from psoas.domain.break_watch import Observation

logger = logging.getLogger(__name__)

WINDOWS_METHOD = "Windows last-input time and shell notification state"
WINDOWS_LIMITATION = (
    "Focus assist (do-not-disturb) is not visible to other programs on Windows, so only "
    "presentations, full-screen programs and quiet time hold a reminder back"
)
TICKS_WRAP = 1 << 32  # GetLastInputInfo reports a 32-bit tick count, which wraps every 49.7 days


class UserNotificationState(IntEnum):
    """QUERY_USER_NOTIFICATION_STATE, as documented for SHQueryUserNotificationState."""

    NOT_PRESENT = 1  # screen saver, locked, or another user's session in front
    BUSY = 2  # a full-screen program
    RUNNING_D3D_FULL_SCREEN = 3  # a full-screen Direct3D program, usually a game
    PRESENTATION_MODE = 4  # the person switched presentation settings on
    ACCEPTS_NOTIFICATIONS = 5
    QUIET_TIME = 6  # the first hour after a new user's first sign-in
    APP = 7  # a Store app in front, full screen or not: says nothing either way


def observation_for(state: int | None, idle_s: float | None) -> Observation:
    """What one notification state and idle time say about the person."""
    if state == UserNotificationState.NOT_PRESENT:
        return Observation(idle_s=idle_s, locked=True)
    if state in (UserNotificationState.BUSY, UserNotificationState.RUNNING_D3D_FULL_SCREEN):
        return Observation(idle_s=idle_s, locked=False, fullscreen=True)
    if state == UserNotificationState.PRESENTATION_MODE:
        return Observation(idle_s=idle_s, locked=False, fullscreen=True, do_not_disturb=True)
    if state == UserNotificationState.QUIET_TIME:
        return Observation(idle_s=idle_s, locked=False, fullscreen=False, do_not_disturb=True)
    if state == UserNotificationState.ACCEPTS_NOTIFICATIONS:
        return Observation(idle_s=idle_s, locked=False, fullscreen=False)
    if state == UserNotificationState.APP:
        return Observation(idle_s=idle_s, locked=False)
    return Observation(idle_s=idle_s)


def idle_ms_between(tick_count_ms: int, last_input_ms: int) -> int:
    """Milliseconds since the last input, across the 32-bit tick counter's wrap."""
    return (tick_count_ms - last_input_ms) % TICKS_WRAP


class LastInputInfo(ctypes.Structure):
    _fields_ = (("size", ctypes.c_uint), ("time_ms", ctypes.c_uint))


class WindowsPresenceProbe:
    """Two cheap local calls per observation, both read through injected functions."""

    def __init__(
        self,
        read_idle_ms: Callable[[], int | None],
        read_notification_state: Callable[[], int | None],
    ) -> None:
        self._read_idle_ms = read_idle_ms
        self._read_state = read_notification_state

    @classmethod
    def open(cls) -> "WindowsPresenceProbe":
        """Binds user32, kernel32 and shell32; raises OSError anywhere but Windows."""
        if sys.platform != "win32":
            raise OSError("the Windows probe runs only on Windows")
        user32 = ctypes.WinDLL("user32")
        kernel32 = ctypes.WinDLL("kernel32")
        shell32 = ctypes.WinDLL("shell32")
        if not hasattr(kernel32, "GetTickCount64"):  # before Vista: not worth supporting
            raise OSError("GetTickCount64 is missing")
        kernel32.GetTickCount64.restype = ctypes.c_ulonglong
        user32.GetLastInputInfo.argtypes = (ctypes.POINTER(LastInputInfo),)
        user32.GetLastInputInfo.restype = ctypes.c_int
        shell32.SHQueryUserNotificationState.argtypes = (ctypes.POINTER(ctypes.c_int),)
        shell32.SHQueryUserNotificationState.restype = ctypes.c_long

        def read_idle_ms() -> int | None:
            info = LastInputInfo(size=ctypes.sizeof(LastInputInfo))
            if not user32.GetLastInputInfo(ctypes.byref(info)):
                return None
            return idle_ms_between(int(kernel32.GetTickCount64()), info.time_ms)

        def read_notification_state() -> int | None:
            state = ctypes.c_int()
            if shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
                return None
            return state.value

        return cls(read_idle_ms, read_notification_state)

    @property
    def method(self) -> str | None:
        return WINDOWS_METHOD

    @property
    def limitation(self) -> str | None:
        return WINDOWS_LIMITATION

    async def observe(self) -> Observation:
        try:
            idle_ms = self._read_idle_ms()
            return observation_for(
                self._read_state(), idle_ms / 1000 if idle_ms is not None else None
            )
        except Exception:  # whatever goes wrong, the reminder loop carries on by the clock
            logger.debug("Windows observation failed", exc_info=True)
            return Observation()

    async def close(self) -> None:
        return None
