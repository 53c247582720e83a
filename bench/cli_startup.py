"""Cold `psoas` commands against a bare `python -c pass`, measured in the same run.

Every round starts one fresh process of each command and of the bare interpreter, in turn, so a
burst of load elsewhere on the machine falls on all of them alike; the ratio is of the medians.
The commands run as a person's do before their first check-in: a fresh $PSOAS_HOME (no database
yet), bytecode compiled, and the warm-up runs having filled the caches any earlier run fills
(the catalogue data; the plan kept for this profile file). The first runs, with nothing cached,
are measured apart.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROFILE = """activities: [desk-work, running]
goals: [relieve-tightness]
equipment: [foam-roller, strap-or-towel]
minutes_per_session: 20
"""

# (what, arguments after `psoas`, required ratio, goal ratio)
COMMANDS: tuple[tuple[str, tuple[str, ...], float, float], ...] = (
    ("psoas --help", ("--help",), 4.0, 3.0),
    ("psoas plan --profile F --json", ("plan", "--profile", "PROFILE", "--json"), 8.0, 5.0),
    ("psoas exercises list --json", ("exercises", "list", "--json"), 8.0, 5.0),
    ("psoas sources --json", ("sources", "--json"), 8.0, 5.0),
)
WARM_UP_RUNS = 2


def _elapsed_s(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def measure(runs: int = 20) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile.yaml"
        profile.write_text(PROFILE, encoding="utf-8")
        home = Path(folder) / "home"
        env = {k: v for k, v in os.environ.items() if k != "PSOAS_DATABASE_URL"}
        env["PSOAS_HOME"] = str(home)
        bare = [sys.executable, "-c", "pass"]
        commands = {
            what: [
                sys.executable,
                "-m",
                "psoas",
                *(str(profile) if arg == "PROFILE" else arg for arg in args),
            ]
            for what, args, _, _ in COMMANDS
        }
        for command in commands.values():
            for _ in range(WARM_UP_RUNS):
                _elapsed_s(command, env)
        times: dict[str, list[float]] = {"bare": [], **{what: [] for what in commands}}
        for _ in range(runs):
            times["bare"].append(_elapsed_s(bare, env))
            for what, command in commands.items():
                times[what].append(_elapsed_s(command, env))
        # First runs, nothing cached (no target): sources right after content changed, a plan
        # for a profile file not planned before.
        sources = commands["psoas sources --json"]
        plan = commands["psoas plan --profile F --json"]
        rebuilt: list[float] = []
        first_plan: list[float] = []
        for _ in range(max(3, runs // 4)):
            shutil.rmtree(home / "cache", ignore_errors=True)
            rebuilt.append(_elapsed_s(sources, env))
            shutil.rmtree(home / "cache" / "plans", ignore_errors=True)
            first_plan.append(_elapsed_s(plan, env))
    bare_s = statistics.median(times["bare"])
    rows = []
    for what, _, required, goal in COMMANDS:
        median_s = statistics.median(times[what])
        rows.append(
            {
                "what": what,
                "ms": median_s * 1000,
                "ratio": median_s / bare_s,
                "required": required,
                "goal": goal,
            }
        )
    return {
        "runs": runs,
        "bare_ms": bare_s * 1000,
        "rows": rows,
        "sources_cache_rebuilt_ms": statistics.median(rebuilt) * 1000,
        "sources_cache_rebuilt_runs": len(rebuilt),
        "plan_first_run_ms": statistics.median(first_plan) * 1000,
    }


if __name__ == "__main__":
    result = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    print(f"python -c pass: {result['bare_ms']:.1f} ms (median of {result['runs']})")
    for row in result["rows"]:
        print(f"{row['what']}: {row['ms']:.1f} ms, {row['ratio']:.1f}× (≤ {row['required']:g}×)")
    print(f"sources --json, cache rebuilt: {result['sources_cache_rebuilt_ms']:.1f} ms")
    print(f"plan --profile F --json, first run: {result['plan_first_run_ms']:.1f} ms")
