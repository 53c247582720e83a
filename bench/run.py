"""Run the benchmarks and write their results into docs/performance.md.

    python bench/run.py                  # everything (`make bench`)
    python bench/run.py --only plan      # plan, CLI start-up and player
    python bench/run.py --only web --web-seconds 2   # the web benchmark, shortened
    python bench/run.py --only dashboard  # 15 M rows on SQLite and PostgreSQL; not in the default
    python bench/run.py --only breaks     # the resident break reminder's memory (issue 18)

Each group rewrites only its own section, between its markers.
"""

import argparse
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import breaks, cli_startup, dashboard, plan_speed, player_cpu, web_throughput  # noqa: E402

DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:plan:begin -->", "<!-- bench:plan:end -->"
WEB_BEGIN, WEB_END = "<!-- bench:web:begin -->", "<!-- bench:web:end -->"
DASHBOARD_BEGIN, DASHBOARD_END = "<!-- bench:dashboard:begin -->", "<!-- bench:dashboard:end -->"
BREAKS_BEGIN, BREAKS_END = "<!-- bench:breaks:begin -->", "<!-- bench:breaks:end -->"
P50_TARGET_MS = 1.0
PLAYER_CPU_TARGET_PCT = 2.0


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def write_section(begin: str, end: str, body: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    start, stop = text.index(begin), text.index(end) + len(end)
    DOC.write_text(text[:start] + begin + "\n" + body + "\n" + end + text[stop:], encoding="utf-8")
    print(body)


def plan_section() -> str:
    plans = plan_speed.measure()
    startup = cli_startup.measure()
    player = player_cpu.measure()
    machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}"
    load = os.getloadavg()[0]
    return "\n".join(
        [
            f"Measured by `make bench` on {machine}; load average {load:.2f} after the run.",
            "",
            "| measure | result | target |",
            "|---|---|---|",
            f"| plan generation, {plans['profiles']:,} random profiles, p50 "
            f"| {plans['plan_p50_ms']:.3f} ms | < {P50_TARGET_MS} ms: "
            f"{verdict(plans['plan_p50_ms'] < P50_TARGET_MS)} |",
            f"| plan generation, p99 | {plans['plan_p99_ms']:.3f} ms | — |",
            f"| plan + JSON, p50 / p99 | {plans['plan_and_json_p50_ms']:.3f} / "
            f"{plans['plan_and_json_p99_ms']:.3f} ms | — |",
            f"| `python -c pass`, median of {startup['runs']} | {startup['bare_ms']:.1f} ms | — |",
            *(
                f"| `{row['what']}` cold, median of {startup['runs']} | {row['ms']:.1f} ms, "
                f"{row['ratio']:.1f}× bare | ≤ {row['required']:g}× (goal {row['goal']:g}×): "
                f"{verdict(row['ratio'] <= row['required'])} |"
                for row in startup["rows"]
            ),
            f"| `psoas sources --json` right after content changed (cache rebuilt), median of "
            f"{startup['sources_cache_rebuilt_runs']} "
            f"| {startup['sources_cache_rebuilt_ms']:.1f} ms "
            f"| — |",
            f"| `psoas plan --profile F --json`, first run for this profile file, median of "
            f"{startup['sources_cache_rebuilt_runs']} | {startup['plan_first_run_ms']:.1f} ms, "
            f"{startup['plan_first_run_ms'] / startup['bare_ms']:.1f}× bare | — |",
            f"| full-screen player CPU during a hold, {player['window_s']:.0f} s window "
            f"| {player['cpu_pct']:.2f}% of a core ({player['cpu_s']:.2f} s) "
            f"| < {PLAYER_CPU_TARGET_PCT:.0f}%: "
            f"{verdict(player['cpu_pct'] < PLAYER_CPU_TARGET_PCT)} |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the benchmarks; write docs/performance.md.")
    parser.add_argument(
        "--only",
        choices=["plan", "web", "dashboard", "breaks"],
        help="run one group (default: all but dashboard)",
    )
    parser.add_argument(
        "--web-seconds", type=float, default=5.0, help="wrk per web endpoint and round (default 5)"
    )
    args = parser.parse_args()
    if args.only in (None, "plan"):
        write_section(BEGIN, END, plan_section())
    if args.only in (None, "web"):
        web = web_throughput.measure_all(args.web_seconds)
        write_section(WEB_BEGIN, WEB_END, web_throughput.section(web))
    if args.only in (None, "breaks"):
        machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}"
        write_section(
            BREAKS_BEGIN, BREAKS_END, breaks.resident_section(breaks.resident_memory(), machine)
        )
    if args.only == "dashboard":  # builds 15 M rows per backend on first use: only when asked
        write_section(DASHBOARD_BEGIN, DASHBOARD_END, dashboard.section(dashboard.measure()))


if __name__ == "__main__":
    main()
