"""Waking the reminder process: a real process that names psoas gets SIGUSR1; a process that
took over a stale pid is left alone."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from psoas.desktop.reminder_signal import wake_reminder

# Stands in for the reminder: its command line names psoas; it says when it is woken.
REMINDER = (
    "import signal, sys, time  # psoas reminder stand-in\n"
    "signal.signal(signal.SIGUSR1, lambda *_: (print('woken', flush=True), sys.exit(0)))\n"
    "print('ready', flush=True)\n"
    "time.sleep(30)\n"
)


@pytest.fixture
def reminder() -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen(
        [sys.executable, "-c", REMINDER], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        yield process
        process.kill()


@pytest.mark.skipif(sys.platform == "win32", reason="no signals on Windows")
def test_the_reminder_is_woken(reminder: subprocess.Popen[str]) -> None:
    assert wake_reminder(reminder.pid)
    assert reminder.stdout is not None
    assert reminder.stdout.readline().strip() == "woken"
    assert reminder.wait(timeout=10) == 0


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_another_program_on_a_reused_pid_is_left_alone() -> None:
    other = subprocess.Popen(["sleep", "30"])
    try:
        assert not wake_reminder(other.pid)
        assert other.poll() is None  # SIGUSR1 would have ended it
    finally:
        other.kill()
        other.wait()


def test_a_pid_nobody_has_is_not_woken() -> None:
    assert not wake_reminder(2**22 + 12345)  # above Linux's largest pid
