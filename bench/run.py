"""Run the benchmarks and write their results into docs/performance.md."""

import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import cli_startup, plan_speed, player_cpu  # noqa: E402

BEGIN, END = "<!-- bench:plan:begin -->", "<!-- bench:plan:end -->"
P50_TARGET_MS = 1.0
CLI_RATIO_TARGET = 5.0
PLAYER_CPU_TARGET_PCT = 2.0


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    plans = plan_speed.measure()
    startup = cli_startup.measure()
    player = player_cpu.measure()
    machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}"
    table = "\n".join(
        [
            BEGIN,
            f"Measured by `make bench` on {machine}.",
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
            f"| `psoas plan --json` cold, median of {startup['runs']} | {startup['cli_ms']:.1f} ms "
            f"| ≤ {CLI_RATIO_TARGET:.0f}× bare |",
            f"| CLI / bare interpreter | {startup['ratio']:.1f}× "
            f"| {verdict(startup['ratio'] <= CLI_RATIO_TARGET)} |",
            f"| full-screen player CPU during a hold, {player['window_s']:.0f} s window "
            f"| {player['cpu_pct']:.2f}% of a core ({player['cpu_s']:.2f} s) "
            f"| < {PLAYER_CPU_TARGET_PCT:.0f}%: "
            f"{verdict(player['cpu_pct'] < PLAYER_CPU_TARGET_PCT)} |",
            END,
        ]
    )
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8")
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    doc.write_text(text[:start] + table + text[stop:], encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
