"""`python -m psoas.reminder.step`, as the resident reminder runs it: a real interpreter, a real
SQLite file, a JSON request in and orders out. (The resident's own imports:
test_import_budget.py.)"""

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas.domain.break_watch import Observation
from psoas.reminder.wire import read_orders, request_text
from psoas.storage import upgrade

PROFILE = "goals: [relieve-tightness]\nactivities: [desk-work]\nsitting_hours_per_day: 8\n"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    upgrade(f"sqlite:///{tmp_path / 'psoas.sqlite3'}")
    return tmp_path


def step(home: Path, request: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PSOAS_HOME": str(home)}
    env.pop("PSOAS_DATABASE_URL", None)
    command = [
        sys.executable,
        "-m",
        "psoas.reminder.step",
        "--profile",
        str(home / "profile.yaml"),
    ]
    command += ["--pid", "4242", "--mode", "desk", "--interval-minutes", "15"]
    return subprocess.run(
        command, input=request, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_start_then_step_then_stop(home: Path) -> None:
    now = datetime.now().astimezone().replace(microsecond=0)
    started = step(home, request_text("start", now, details={"channel": "a test"}))
    assert started.returncode == 0, started.stderr
    orders = read_orders(started.stdout)
    assert orders.running
    assert orders.idle_break_s == 300
    assert now < orders.step_by <= now + timedelta(minutes=15)

    later = now + timedelta(minutes=1)
    request = request_text("step", later, observation=Observation(idle_s=2.0), seen_until=now)
    stepped = step(home, request)
    assert stepped.returncode == 0, stepped.stderr
    assert read_orders(stepped.stdout).running

    assert step(home, request_text("stop")).returncode == 0
    gone = step(home, request_text("step", later, observation=Observation(), seen_until=now))
    assert read_orders(gone.stdout).running is False


def test_a_bad_request_fails_with_one_line(home: Path) -> None:
    failed = step(home, '{"op": "dance", "now": "2026-03-02T09:00:00+02:00"}')
    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines() == [
        "break step failed: ValueError: op: one of start, step, answer, stop (got 'dance')"
    ]
