"""Cold `psoas plan --json` against a bare `python -c pass`, measured in the same run."""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROFILE = """activities: [desk-work, running]
goals: [relieve-tightness]
equipment: [foam-roller, strap-or-towel]
minutes_per_session: 20
"""


def _median_s(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(runs: int = 20) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile.yaml"
        profile.write_text(PROFILE, encoding="utf-8")
        command = [sys.executable, "-m", "psoas", "plan", "--profile", str(profile), "--json"]
        _median_s(command, 2)  # compile bytecode first: later runs are the cold-process case
        bare = _median_s([sys.executable, "-c", "pass"], runs)
        cli = _median_s(command, runs)
    return {"runs": runs, "bare_ms": bare * 1000, "cli_ms": cli * 1000, "ratio": cli / bare}
