"""An answer or a stop given in a terminal or the web wakes the desktop reminder only when it
runs on this machine and is a desktop one."""

import socket
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from psoas.rules.break_timer import start_timer
from psoas.services.breaks import nudge_desktop
from psoas.storage import StoredTimer

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=2)))
WAITS = "import signal, time  # psoas\nsignal.signal(signal.SIGUSR1, lambda *_: exit(0))\n"


def stored(pid: int | None, **changes: Any) -> StoredTimer:
    fields: dict[str, Any] = {
        "timer": start_timer(mode="desk", interval_min=60, now=NOW),
        "driver": "desktop",
        "version": 1,
        "heartbeat_at": NOW,
        "pid": pid,
        "details": {"host": socket.gethostname()},
    }
    return StoredTimer(**{**fields, **changes})


@pytest.mark.skipif(sys.platform == "win32", reason="no signals on Windows")
def test_a_desktop_reminder_here_is_woken() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", WAITS + "print('ready', flush=True)\ntime.sleep(30)\n"],
        stdout=subprocess.PIPE,
        text=True,
    ) as reminder:
        assert reminder.stdout is not None
        assert reminder.stdout.readline().strip() == "ready"
        assert nudge_desktop(stored(reminder.pid))
        assert reminder.wait(timeout=10) == 0


@pytest.mark.parametrize(
    "timer",
    [
        None,
        stored(None),
        stored(4242, driver="browser"),
        stored(4242, details={"host": "someone-elses-laptop"}),
        stored(4242, details={}),
    ],
    ids=["no timer", "no pid", "a browser timer", "another machine", "no host recorded"],
)
def test_nothing_is_sent_where_there_is_no_desktop_reminder_here(
    timer: StoredTimer | None,
) -> None:
    assert not nudge_desktop(timer)
