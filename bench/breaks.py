"""The break reminder's footprint while it waits: resident memory, CPU and wake-ups.

    python bench/breaks.py [--minutes 10] [--display :98]

Starts `psoas breaks start` with a throw-away PSOAS_HOME (desk mode, an interval longer than
the run so nothing falls due: the idle state the target is about) and samples the process every
5 s with psutil. With --display (an Xvfb server is started on it when Xvfb is installed) the
reminder sees an X session and reads idle time through the X11 screensaver extension, as on a
desktop; without one it counts by the clock only. Prints one JSON line.

Targets (issue 6): under 40 MB resident, under 0.5% of one core averaged over ten minutes, and
at most one wake-up a minute when nothing is due. Wake-ups are counted as the process's
voluntary context switches, which also counts the database's and the X connection's own waits:
an upper bound.
"""

import argparse
import json
import os
import shutil
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
            switches_start = process.num_ctx_switches().voluntary
            wall_start = time.monotonic()
            rss: list[float] = []
            while time.monotonic() - wall_start < minutes * 60:
                rss.append(process.memory_info().rss / 2**20)
                time.sleep(SAMPLE_S)
            wall = time.monotonic() - wall_start
            cpu_end = process.cpu_times()
            cpu_s = (cpu_end.user + cpu_end.system) - (cpu_start.user + cpu_start.system)
            switches = process.num_ctx_switches().voluntary - switches_start
            memory = process.memory_full_info()
        finally:
            psoas(home, env, "stop")
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
