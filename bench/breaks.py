"""The break reminder's footprint while it waits: resident memory, CPU and wake-ups.

    python bench/breaks.py [--minutes 10] [--display :98]

Starts `psoas breaks start` with a throw-away PSOAS_HOME (desk mode, an interval longer than
the run so nothing falls due: the idle state the target is about) and samples the process every
5 s with psutil. With --display (an Xvfb server is started on it when Xvfb is installed) the
reminder sees an X session and reads idle time through the X11 screensaver extension, as on a
desktop; without one it counts by the clock only. Prints one JSON line.

Targets (issue 6): under 40 MB resident, under 0.5% of one core averaged over ten minutes, and
at most one wake-up a minute when nothing is due. Wake-ups are counted as the process's
voluntary context switches, which also counts the X connection's and the step processes' own
waits: an upper bound. The resident process hands each step of the timer to a short-lived
`python -m psoas.reminder.step`; their CPU is counted in the total (as the resident's reaped
children), their number is read from the timer's version in the database, and one step's peak
memory is measured after the run.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

PROFILE = "goals: [relieve-tightness]\nactivities: [desk-work]\nequipment: [mat]\n"
SAMPLE_S = 5.0
RSS_TARGET_MB = 40.0
CPU_TARGET_PCT = 0.5


def psoas(home: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "psoas", "breaks", *args],
        env={**env, "PSOAS_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def timer_version(home: Path) -> int:
    with sqlite3.connect(home / "psoas.sqlite3") as connection:
        row = connection.execute("SELECT version FROM break_timers").fetchone()
    return int(row[0]) if row else 0


def one_step_peak_mb(home: Path, env: dict[str, str]) -> float:
    """A start and a stop of a throw-away timer, as a step process: its peak resident memory."""
    command = [
        sys.executable,
        "-m",
        "psoas.reminder.step",
        "--profile",
        str(home / "profile.yaml"),
    ]
    command += ["--pid", "1", "--mode", "desk", "--interval-minutes", "60"]
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    peak = 0.0
    for request in (json.dumps({"op": "start", "now": now}), json.dumps({"op": "stop"})):
        child = subprocess.Popen(
            command,
            env={**env, "PSOAS_HOME": str(home)},
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        assert child.stdin is not None
        child.stdin.write(request.encode())
        child.stdin.close()
        _pid, _status, usage = os.wait4(child.pid, 0)
        child.returncode = 0
        peak = max(peak, usage.ru_maxrss / 1024)  # kilobytes on Linux
    return peak


def measure(minutes: float, display: str | None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("PSOAS_DATABASE_URL", "DISPLAY")}
    xvfb = None
    if display and shutil.which("Xvfb"):
        xvfb = subprocess.Popen(["Xvfb", display, "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
        time.sleep(1.0)
    if display:
        env["DISPLAY"] = display
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "profile.yaml").write_text(PROFILE, encoding="utf-8")
        # Reminders allowed at any hour, so the loop does its full work whenever this runs.
        psoas(home, env, "settings", "--working-hours", "any", "--quiet-hours", "none",
              "--working-days", "mon,tue,wed,thu,fri,sat,sun")  # fmt: skip
        psoas(home, env, "start", "--interval-minutes", "120")
        status = json.loads(psoas(home, env, "status", "--json"))
        process = psutil.Process(status["pid"])
        try:
            time.sleep(SAMPLE_S)  # settle after start-up
            cpu_start = process.cpu_times()
            version_start = timer_version(home)
            switches_start = process.num_ctx_switches().voluntary
            wall_start = time.monotonic()
            rss: list[float] = []
            while time.monotonic() - wall_start < minutes * 60:
                rss.append(process.memory_info().rss / 2**20)
                time.sleep(SAMPLE_S)
            wall = time.monotonic() - wall_start
            cpu_end = process.cpu_times()
            steps = timer_version(home) - version_start
            own_s = (cpu_end.user + cpu_end.system) - (cpu_start.user + cpu_start.system)
            steps_s = (cpu_end.children_user + cpu_end.children_system) - (
                cpu_start.children_user + cpu_start.children_system
            )
            cpu_s = own_s + steps_s
            switches = process.num_ctx_switches().voluntary - switches_start
            memory = process.memory_full_info()
        finally:
            psoas(home, env, "stop")
            step_peak_mb = one_step_peak_mb(home, env)
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait()
    return {
        "minutes": round(wall / 60, 2),
        "detection": status["detection"] or "clock only",
        "rss_mean_mb": round(sum(rss) / len(rss), 1),
        "rss_max_mb": round(max(rss), 1),
        "uss_mb": round(memory.uss / 2**20, 1),
        "cpu_s": round(cpu_s, 3),
        "resident_cpu_s": round(own_s, 3),
        "steps": steps,
        "steps_cpu_s": round(steps_s, 3),
        "step_peak_rss_mb": round(step_peak_mb, 1),
        "cpu_pct_of_core": round(100 * cpu_s / wall, 4),
        "wakeups_per_min": round(switches / (wall / 60), 2),
        "rss_target_met": max(rss) < RSS_TARGET_MB,
        "cpu_target_met": 100 * cpu_s / wall < CPU_TARGET_PCT,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--display", default=None, help="e.g. :98 (Xvfb is started on it)")
    options = parser.parse_args()
    print(json.dumps(measure(options.minutes, options.display)))


if __name__ == "__main__":
    main()
