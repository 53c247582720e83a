"""The reminder as an operating-system process: one per user, started in the background, found,
signalled and stopped.

One instance is guaranteed by an exclusive lock on a file beside the profile, held for the
process's whole life. The operating system drops the lock when the process dies, however it dies,
so "the database says a desktop reminder runs, but nobody holds the lock" means it crashed.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

LOCK_NAME = "breaks.lock"
LOG_NAME = "breaks.log"
# How long `start` waits for the new process to report in, and `stop` for it to end.
START_WAIT_S = 20.0
STOP_WAIT_S = 10.0


def runtime_dir() -> Path:
    """Where the lock and log live: beside the saved profile ($PSOAS_HOME or the data folder)."""
    from psoas.services.profile_location import default_profile_path

    directory = default_profile_path().parent
    directory.mkdir(parents=True, exist_ok=True)
    return directory


class InstanceLock:
    """An exclusive, non-blocking lock on one file (flock on Unix, a locked byte on Windows).

    The standard library's own calls rather than a locking library: the resident process holds
    this lock all day, and filelock's imports alone cost it about 6 MB."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another one does."""
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            _unlock(fd)
            os.close(fd)


def instance_lock(directory: Path | None = None) -> InstanceLock:
    """The one-per-user lock in ``directory`` (default: runtime_dir())."""
    return InstanceLock((directory or runtime_dir()) / LOCK_NAME)


def lock_is_held() -> bool:
    """True while a reminder process holds the lock (so it is alive)."""
    probe = instance_lock()
    if not probe.acquire():
        return True
    probe.release()
    return False


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def spawn(arguments: Sequence[str], *, terminal: str | None) -> subprocess.Popen[bytes]:
    """Starts the reminder process (psoas.reminder.daemon) detached from this terminal's job
    control, so closing the terminal or pressing Ctrl+C here does not end it. Its own errors go
    to the log file."""
    command = [sys.executable, "-m", "psoas.reminder.daemon", *arguments]
    if terminal is not None:
        command += ["--terminal", terminal]
    log = (runtime_dir() / LOG_NAME).open("ab")
    windows = sys.platform == "win32"
    # Windows' DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP, by value: the names exist only there.
    flags = 0x00000008 | 0x00000200 if windows else 0
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            close_fds=True,
            creationflags=flags,
            start_new_session=not windows,
        )
    finally:
        log.close()


def terminate(pid: int) -> bool:
    """Asks the reminder to stop and waits until it has let go of the lock."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    deadline = time.monotonic() + STOP_WAIT_S
    while time.monotonic() < deadline:
        if not lock_is_held():
            return True
        time.sleep(0.1)
    return False


def log_tail(lines: int = 5) -> str:
    path = runtime_dir() / LOG_NAME
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return "\n".join(text[-lines:])


def own_terminal() -> str | None:
    """This command's terminal, for a reminder with no desktop to show notifications on."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream.isatty():
                return os.ttyname(stream.fileno())
        except (AttributeError, OSError, ValueError):
            continue
    return None
