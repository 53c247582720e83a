"""Real desktop processes for the tests: a private D-Bus session bus and a virtual X display.

Each runs only as long as its `with` block, is reached only by the tests, and is ended by its own
process handle. When a tool is missing the tests skip, except in CI (CI=true, or
PSOAS_REQUIRE_DESKTOP_TOOLS=1), where a missing tool fails loudly: scripts/setup-system.sh
installs them.
"""

import ctypes
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

START_TIMEOUT_S = 10.0
INSTALL_HINT = "`sudo scripts/setup-system.sh` installs them"


def desktop_tools_required() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("PSOAS_REQUIRE_DESKTOP_TOOLS") == "1"


def require_tools(*names: str) -> None:
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed ({INSTALL_HINT})"
    if desktop_tools_required():
        pytest.fail(f"{message}; CI needs these for the desktop tests", pytrace=False)
    pytest.skip(message)


def _read_line(process: subprocess.Popen[bytes], what: str) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_S)
    line = process.stdout.readline().decode().strip() if ready else ""
    if not line:
        _end(process)
        pytest.fail(f"{what} did not start within {START_TIMEOUT_S} s", pytrace=False)
    return line


def _ends_with_this_process() -> None:
    """Runs in the child before exec: Linux ends it if the test run dies (PR_SET_PDEATHSIG)."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)


def _end(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


# Only what the tests need: no service directories of the machine's own, so a notification
# daemon installed here is not started behind the test's back.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  {service_dir}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextmanager
def private_session_bus(activatable: tuple[str, ...] = ()) -> Iterator[str]:
    """A dbus-daemon of its own; yields its address. ``activatable`` names get .service files
    whose program is /bin/false: the bus lists them as startable without starting anything."""
    require_tools("dbus-daemon")
    with tempfile.TemporaryDirectory(prefix="psoas-bus-") as folder:
        services = Path(folder) / "services"
        services.mkdir()
        for name in activatable:
            (services / f"{name}.service").write_text(
                f"[D-BUS Service]\nName={name}\nExec=/bin/false\n"
            )
        config = Path(folder) / "session.conf"
        config.write_text(BUS_CONFIG.format(service_dir=f"<servicedir>{services}</servicedir>"))
        process = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=_ends_with_this_process,
        )
        try:
            yield _read_line(process, "dbus-daemon")
        finally:
            _end(process)


@contextmanager
def virtual_display() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """An Xvfb on a display number it picks itself (-displayfd), so parallel runs never clash."""
    require_tools("Xvfb")
    process = subprocess.Popen(
        # -noreset: keep atoms and root properties when the last client disconnects.
        ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-noreset", "-screen", "0", "320x240x24"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=_ends_with_this_process,
    )
    try:
        yield f":{_read_line(process, 'Xvfb')}", process
    finally:
        _end(process)


def x_command(display: str, *command: str) -> None:
    """Runs an X client (xdotool, xprop) against the test display and waits for it."""
    require_tools(command[0])
    subprocess.run(
        command, env={**os.environ, "DISPLAY": display}, check=True, timeout=START_TIMEOUT_S
    )


def set_root_hint(display: str, name: str, value: str, *, atoms: bool = False) -> None:
    """Sets a 32-bit root-window property with xprop, as a window manager would (EWMH)."""
    x_command(display, "xprop", "-root", "-f", name, "32a" if atoms else "32x", "-set", name, value)


def remove_root_hint(display: str, name: str) -> None:
    x_command(display, "xprop", "-root", "-remove", name)
