"""Waking the desktop reminder process from another process on the same machine."""

import os
import signal
import sys
from pathlib import Path

PROC = Path("/proc")


def wake_reminder(pid: int) -> bool:
    """Asks the reminder process to look at its timer now (an answer or a stop was given
    elsewhere); False when nothing was sent. Best effort: without it the reminder notices at its
    next step.

    SIGUSR1 ends most programs, so where /proc shows command lines (Linux) it goes only to a
    process whose command line names psoas: a pid the system has since given to another program
    is left alone.
    """
    if sys.platform == "win32":
        return False
    if (PROC / "self" / "cmdline").exists():
        try:
            command = (PROC / str(pid) / "cmdline").read_bytes()
        except OSError:
            return False
        if b"psoas" not in command:
            return False
    try:
        os.kill(pid, signal.SIGUSR1)
    except (ProcessLookupError, PermissionError):
        return False
    return True
