"""Presence on macOS: the HID system's idle time, as `ioreg` prints it.

`ioreg` ships with every macOS and needs no permission, where the Quartz calls would need PyObjC.
It runs once per observation, at most once a minute: a few milliseconds of CPU.
"""

import asyncio
import logging
import re
import shutil
import sys
from collections.abc import Sequence

from psoas.domain.break_watch import Observation

logger = logging.getLogger(__name__)

MACOS_METHOD = "macOS HID idle time (ioreg)"
MACOS_LIMITATION = (
    "On macOS only idle time is read: a locked screen counts once the idle time passes the "
    "threshold, and Focus or full-screen windows do not hold a reminder back"
)
IOREG_COMMAND = ("ioreg", "-c", "IOHIDSystem")
IOREG_TIMEOUT_S = 2.0
# e.g.     | |   "HIDIdleTime" = 1523000000   (nanoseconds)
_HID_IDLE_TIME = re.compile(r'"HIDIdleTime"\s*=\s*(\d+)')


def hid_idle_s(ioreg_output: str) -> float | None:
    """Seconds since the last keyboard or mouse input; None when the output has no such line."""
    found = _HID_IDLE_TIME.search(ioreg_output)
    return int(found.group(1)) / 1e9 if found else None


class MacPresenceProbe:
    def __init__(self, command: Sequence[str] = IOREG_COMMAND) -> None:
        self._command = tuple(command)

    @classmethod
    def open(cls) -> "MacPresenceProbe":
        """Raises OSError anywhere but macOS, or when ioreg cannot be found."""
        if sys.platform != "darwin":
            raise OSError("the macOS probe runs only on macOS")
        if shutil.which(IOREG_COMMAND[0]) is None:
            raise OSError("ioreg is not on the PATH")
        return cls()

    @property
    def method(self) -> str | None:
        return MACOS_METHOD

    @property
    def limitation(self) -> str | None:
        return MACOS_LIMITATION

    async def observe(self) -> Observation:
        try:
            process = await asyncio.create_subprocess_exec(
                *self._command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                output, _ = await asyncio.wait_for(process.communicate(), timeout=IOREG_TIMEOUT_S)
            except TimeoutError:
                process.kill()
                await process.wait()
                return Observation()
            return Observation(idle_s=hid_idle_s(output.decode(errors="replace")))
        except Exception:  # whatever goes wrong, the reminder loop carries on by the clock
            logger.debug("macOS observation failed", exc_info=True)
            return Observation()

    async def close(self) -> None:
        return None
