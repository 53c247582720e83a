"""A real reminder process: started in the background, seen by `status`, never started twice,
firing reminders at a fast clock into a recording display, answered from another command, found
crashed after SIGKILL, and stopped cleanly.

Each test has its own PSOAS_HOME (lock, log, SQLite database), so nothing touches a developer's
own reminders. Reminders may come at any hour: working and quiet hours are switched off first.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PROFILE = """\
goals: [relieve-tightness]
activities: [desk-work]
sitting_hours_per_day: 8
equipment: [mat]
"""
# 0.0005 of real time: an hour of sitting passes in 1.8 s, the loop looks every 30 ms.
TIME_SCALE = "0.0005"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def psoas(home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PSOAS_HOME": str(home)}
    env.pop("PSOAS_DATABASE_URL", None)

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "psoas", "breaks", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    result = call(
        "settings",
        "--working-hours",
        "any",
        "--quiet-hours",
        "none",
        "--working-days",
        "mon,tue,wed,thu,fri,sat,sun",
    )
    assert result.returncode == 0, result.stderr
    return call


@pytest.fixture
def fast_reminder(home: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """The reminder process as `start` launches it, with a fast clock and a recording display."""
    record = home / "reminders.jsonl"
    env = {**os.environ, "PSOAS_HOME": str(home)}
    env.pop("PSOAS_DATABASE_URL", None)
    log = (home / "daemon.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "psoas.reminder.daemon",
            "--profile",
            str(home / "profile.yaml"),
            "--mode",
            "desk",
            "--interval-minutes",
            "15",
            "--time-scale",
            TIME_SCALE,
            "--record",
            str(record),
            "--runtime-dir",
            str(home),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    yield process, record
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)
    log.close()


def wait_for(condition: Callable[[], bool], what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def daemon_log(record: Path) -> str:
    log = record.parent / "daemon.log"
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def status(psoas: Callable[..., subprocess.CompletedProcess[str]]) -> dict[str, object]:
    result = psoas("status", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def records(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_start_runs_one_background_reminder_and_stop_ends_it(
    psoas: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    started = psoas("start")
    assert started.returncode == 0, started.stderr
    assert "Break reminders are running (desk mode, every 60 minutes" in started.stdout
    try:
        first = status(psoas)
        assert first["state"] == "running"
        assert first["detection"] is None  # no desktop session on this machine
        assert "clock only" in str(first["detection_note"])
        again = psoas("start")
        assert again.returncode == 0
        assert "already running; not starting a second one" in again.stdout
        assert status(psoas)["pid"] == first["pid"]
        other = psoas("start", "--mode", "drive")
        assert other.returncode == 1
        assert "psoas breaks stop" in other.stderr
    finally:
        stopped = psoas("stop")
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.strip() == "Break reminders stopped."
    assert status(psoas)["state"] == "stopped"
    pid = first["pid"]
    assert isinstance(pid, int)
    wait_for(lambda: ended(pid), "the process to end")


def ended(pid: int) -> bool:
    """Gone, or a zombie waiting for a parent that is not ours to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state == "Z"


def test_a_reminder_fires_is_answered_elsewhere_and_counted(
    psoas: Callable[..., subprocess.CompletedProcess[str]],
    fast_reminder: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, record = fast_reminder
    wait_for(lambda: bool(records(record)) or process.poll() is not None, "the first reminder")
    assert process.poll() is None, f"exit {process.returncode}: {daemon_log(record)}"
    shown = records(record)[0]["shown"]
    assert isinstance(shown, dict)
    assert shown["mode"] == "desk"
    assert shown["sitting_min"] >= 15
    assert shown["stretch_id"] is not None
    assert status(psoas)["reminder_showing_since"] is not None
    answered = psoas("done")
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.startswith("Break recorded.")
    # The process hears of the answer (signalled) and takes its reminder down.
    wait_for(lambda: {"withdrawn": True} in records(record), "the reminder to be withdrawn")
    stats = json.loads(psoas("stats", "--days", "1", "--json").stdout)
    assert stats[0]["prompted"] >= 1
    assert stats[0]["taken"] == 1
    assert process.poll() is None


def test_snooze_brings_the_reminder_back_and_the_cap_holds(
    psoas: Callable[..., subprocess.CompletedProcess[str]],
    fast_reminder: tuple[subprocess.Popen[bytes], Path],
) -> None:
    _process, record = fast_reminder
    wait_for(lambda: len(records(record)) >= 1, "the first reminder")
    assert psoas("snooze", "15").returncode == 0
    wait_for(lambda: sum("shown" in r for r in records(record)) >= 2, "the snoozed reminder")
    over_cap = psoas("snooze", "10")
    assert over_cap.returncode == 2
    assert "snooze choices: 5" in over_cap.stderr


def test_a_killed_reminder_is_reported_crashed_and_stop_clears_it(
    psoas: Callable[..., subprocess.CompletedProcess[str]],
    fast_reminder: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, _record = fast_reminder
    wait_for(lambda: status(psoas)["state"] == "running", "the reminder to start")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    crashed = psoas("status")
    assert "stopped unexpectedly" in crashed.stdout
    assert status(psoas)["state"] == "crashed"
    cleared = psoas("stop")
    assert "had stopped unexpectedly" in cleared.stdout
    assert status(psoas)["state"] == "stopped"


def test_sigterm_stops_the_process_and_removes_its_timer(
    psoas: Callable[..., subprocess.CompletedProcess[str]],
    fast_reminder: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, _record = fast_reminder
    wait_for(lambda: status(psoas)["state"] == "running", "the reminder to start")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert status(psoas)["state"] == "stopped"
