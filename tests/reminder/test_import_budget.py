"""The resident reminder process's import budget: what it may hold in memory all day.

The real process (`python -m psoas.reminder.daemon`, as `psoas breaks start` spawns it) runs in a
fresh interpreter with a real SQLite file and a real step process; once it has started and sits
idle, it writes down its `sys.modules`. Anything beyond the bare interpreter's own modules and the
lists below fails the test: a new import in the resident is a decision, made here, with its cost
in docs/performance.md. What only a shown reminder needs (desktop-notifier with dbus-fast, the
words of a reminder, the catalogue) is loaded by the step process or when the reminder shows,
never here.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from psoas.storage import upgrade
from tests.desktop.session_processes import private_session_bus

PROFILE = "goals: [relieve-tightness]\nactivities: [desk-work]\nsitting_hours_per_day: 8\n"


def names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The standard library the resident uses (asyncio and what it brings, argparse, json, the lock)
# by top-level name; the bare interpreter's own modules are allowed besides.
STANDARD_LIBRARY = names(
    """
    _ast _asyncio _bisect _bz2 _collections _compression _contextvars _datetime _functools _heapq
    _json _locale _lzma _opcode _operator _posixsubprocess _random _sha512 _socket _sre _string
    _struct _typing _weakrefset argparse array ast asyncio atexit bisect bz2 collections
    concurrent contextlib contextvars copy copyreg dataclasses datetime dis enum errno fcntl
    fnmatch functools gettext heapq importlib inspect ipaddress itertools json keyword linecache
    locale logging lzma math ntpath opcode operator pathlib random re reprlib runpy select
    selectors shutil signal socket string struct subprocess textwrap threading token tokenize
    traceback types typing urllib warnings weakref zlib
    """
)
# Our own modules, one by one: the loop, the seams, the idle probe and display this session
# gets, the step processes' wire format.
PSOAS = names(
    """
    psoas psoas.domain psoas.domain.break_watch psoas.services psoas.services.break_loop
    psoas.services.break_seams psoas.desktop psoas.desktop.clock_presence
    psoas.desktop.display_choice psoas.desktop.notification_display
    psoas.desktop.presence_detection psoas.desktop.session_bus_address
    psoas.desktop.terminal_display psoas.reminder psoas.reminder.daemon psoas.reminder.process
    psoas.reminder.resident psoas.reminder.step_process psoas.reminder.wire
    """
)
# With a session bus: a D-Bus connection through jeepney (pure Python; binascii for its EXTERNAL
# authentication), to ask for GNOME's idle monitor and a notification service. dbus-fast, its XML
# parser and hashlib never load here. ctypes and Xlib only come with an X display.
WITH_BUS = names(
    """
    jeepney binascii psoas.desktop.session_bus psoas.desktop.gnome_do_not_disturb
    psoas.desktop.mutter_presence psoas.desktop.unseen_states
    psoas.desktop.freedesktop_notifications
    """
)
# Never in the resident: each costs megabytes, or pulls in the database or the catalogue.
NEVER = names(
    """
    pydantic sqlalchemy yaml typer click rich platformdirs filelock desktop_notifier dbus_fast
    xml pyexpat hashlib ssl _ssl _hashlib psoas.catalogue psoas.storage
    """
)
# Loaded by the wrapper below to hear the request for its modules; `-m` loads runpy itself.
WRAPPER = (
    "import os, runpy, signal, sys\n"
    "def written(number, frame):\n"
    "    loaded = sorted(name for name, module in sys.modules.items() if module is not None)\n"
    "    with open(os.environ['MODULES_OUT'], 'w') as out: out.write('\\n'.join(loaded))\n"
    "signal.signal(signal.SIGUSR2, written)\n"
    "runpy.run_module('psoas.reminder.daemon', run_name='__main__', alter_sys=True)\n"
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    upgrade(f"sqlite:///{tmp_path / 'psoas.sqlite3'}")
    return tmp_path


def clean_env(home: Path) -> dict[str, str]:
    """No desktop: the resident counts by the clock and shows reminders in the terminal."""
    env = {**os.environ, "PSOAS_HOME": str(home)}
    for name in ("PSOAS_DATABASE_URL", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    env.pop("XDG_RUNTIME_DIR", None)
    return env


def bare_modules(env: dict[str, str]) -> set[str]:
    listed = subprocess.run(
        [sys.executable, "-c", "import sys; print('\\n'.join(sys.modules))"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(listed.stdout.split())


def registered(database: Path, pid: int) -> bool:
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT pid FROM break_timers").fetchone()
    return row is not None and row[0] == pid


def resident_modules(
    home: Path,
    env: dict[str, str],
    *,
    faster: bool = False,
    shown: Callable[[], None] | None = None,
) -> set[str]:
    """The resident's modules once its first step is done and it waits for its next look; with
    ``shown``, once that returns (a reminder shown). ``faster``: a clock 200 times faster, 15
    minutes of sitting in 4.5 s."""
    out = home / "modules.txt"
    interval = "15" if faster else "120"
    command = [sys.executable, "-c", WRAPPER, "--mode", "desk", "--interval-minutes", interval]
    command += ["--profile", str(home / "profile.yaml"), "--runtime-dir", str(home)]
    if faster:
        command += ["--time-scale", "0.005"]
    process = subprocess.Popen(
        command,
        env={**env, "MODULES_OUT": str(out)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not registered(home / "psoas.sqlite3", process.pid):
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() < deadline, "the resident did not start within 60 s"
            time.sleep(0.1)
        if shown is not None:
            shown()
        time.sleep(0.5)  # the loop's first look after the start step, or after the reminder
        process.send_signal(signal.SIGUSR2)
        while not out.exists() or not out.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "the resident did not list its modules"
            time.sleep(0.05)
        time.sleep(0.1)  # written in one go; let it close
        loaded = set(out.read_text(encoding="utf-8").split())
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    assert process.returncode == 0
    return loaded


def outside_budget(loaded: set[str], allowed: frozenset[str], floor: set[str]) -> list[str]:
    def fits(name: str) -> bool:
        top = name.split(".")[0]
        if name in floor or name in allowed:
            return True
        if top == "psoas":
            return False  # our modules are listed one by one
        return top in allowed or top in floor

    return sorted(name for name in loaded if not fits(name))


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return clean_env(home)


@pytest.fixture
def floor(env: dict[str, str]) -> set[str]:
    return bare_modules(env) | {"runpy"}


def test_the_resident_without_a_desktop_loads_only_its_budget(
    home: Path, env: dict[str, str], floor: set[str]
) -> None:
    loaded = resident_modules(home, env)
    assert "psoas.services.break_loop" in loaded  # it did run the loop
    extra = outside_budget(loaded, STANDARD_LIBRARY | PSOAS, floor)
    assert extra == [], " ".join(extra)
    assert NEVER.isdisjoint(loaded)


def test_the_resident_on_a_session_bus_adds_only_d_bus(
    home: Path, env: dict[str, str], floor: set[str]
) -> None:
    with private_session_bus() as address:
        loaded = resident_modules(home, {**env, "DBUS_SESSION_BUS_ADDRESS": address})
    assert "psoas.desktop.session_bus" in loaded  # it did ask the bus
    extra = outside_budget(loaded, STANDARD_LIBRARY | PSOAS | WITH_BUS, floor)
    assert extra == [], " ".join(extra)
    assert NEVER.isdisjoint(loaded)


def test_a_module_outside_the_budget_is_named() -> None:
    floor = {"sys", "os"}
    loaded = {"os", "asyncio.events", "psoas.reminder.daemon", "psoas.storage", "yaml.loader"}
    allowed = STANDARD_LIBRARY | PSOAS
    assert outside_budget(loaded, allowed, floor) == ["psoas.storage", "yaml.loader"]


@contextmanager
def gnome_stand_ins(address: str) -> Iterator[subprocess.Popen[bytes]]:
    """GNOME's idle monitor and a notification service on the bus (their own process)."""
    stand_ins = subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.stand_in_desktop", address],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert stand_ins.stdout is not None
        assert stand_ins.stdout.readline().strip() == b"ready"
        yield stand_ins
    finally:
        stand_ins.terminate()
        stand_ins.wait(timeout=10)
        if stand_ins.stdout is not None:
            stand_ins.stdout.close()


def test_the_resident_on_gnome_holds_its_connection_and_only_its_budget(
    home: Path, env: dict[str, str], floor: set[str]
) -> None:
    with private_session_bus() as address, gnome_stand_ins(address):
        bus_env = {**env, "DBUS_SESSION_BUS_ADDRESS": address}
        loaded = resident_modules(home, bus_env)
    assert "psoas.desktop.mutter_presence" in loaded  # GNOME's idle monitor answered
    extra = outside_budget(loaded, STANDARD_LIBRARY | PSOAS | WITH_BUS, floor)
    assert extra == [], " ".join(extra)
    assert NEVER.isdisjoint(loaded)


def test_a_reminder_shown_as_a_notification_loads_no_more(
    home: Path, env: dict[str, str], floor: set[str]
) -> None:
    """desktop-notifier with dbus-fast would be about 4.5 MB for the rest of the day."""
    subprocess.run(
        [sys.executable, "-m", "psoas", "breaks", "settings", "--working-hours", "any",
         "--quiet-hours", "none", "--working-days", "mon,tue,wed,thu,fri,sat,sun"],
        env=env,
        check=True,
        capture_output=True,
    )  # fmt: skip
    with private_session_bus() as address, gnome_stand_ins(address) as stand_ins:

        def shown() -> None:
            assert stand_ins.stdout is not None
            assert stand_ins.stdout.readline().strip() == b"shown"

        bus_env = {**env, "DBUS_SESSION_BUS_ADDRESS": address}
        loaded = resident_modules(home, bus_env, faster=True, shown=shown)
    assert "psoas.desktop.freedesktop_notifications" in loaded
    extra = outside_budget(loaded, STANDARD_LIBRARY | PSOAS | WITH_BUS, floor)
    assert extra == [], " ".join(extra)
    assert NEVER.isdisjoint(loaded)
