"""The reminder process's own entry point: `python -m psoas.reminder.daemon`, as `psoas breaks
start` launches it.

Kept apart from the Typer command tree, and importing nothing it does not need, because this is
the one psoas process that stays resident all day: every module it carries is memory the person's
machine gives up for as long as reminders run. tests/reminder/test_import_budget.py lists what it
may load; docs/performance.md has its memory against the bare interpreter's.
"""

import argparse
import sys
from pathlib import Path

from psoas.reminder.process import instance_lock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="psoas-breaks", description=__doc__)
    parser.add_argument("--mode", choices=("desk", "drive"), required=True)
    parser.add_argument("--interval-minutes", type=int, required=True)
    parser.add_argument("--profile", type=Path, required=True)
    parser.add_argument(
        "--runtime-dir",
        type=Path,
        required=True,
        help="Where the lock lives (beside the saved profile); given, so this process need not "
        "work it out (platformdirs).",
    )
    parser.add_argument("--database-url")
    parser.add_argument("--terminal", help="Where terminal reminders go (a tty path).")
    parser.add_argument("--record", type=Path, help="Append reminders to FILE as JSON lines.")
    parser.add_argument(
        "--time-scale", type=float, default=1.0, help="Run the clock 1/X times faster (tests)."
    )
    options = parser.parse_args(argv)
    if not 0 < options.time_scale <= 1:
        parser.error(f"--time-scale: between 0 and 1 (got {options.time_scale})")
    lock = instance_lock(options.runtime_dir)
    if not lock.acquire():
        sys.stderr.write("error: break reminders are already running\n")
        return 1
    try:
        _without_openssl()
        import asyncio

        from psoas.reminder.resident import serve

        return asyncio.run(
            serve(
                mode=options.mode,
                interval_min=options.interval_minutes,
                profile=options.profile,
                database_url=options.database_url,
                terminal=options.terminal,
                record=options.record,
                time_scale=options.time_scale,
            )
        )
    finally:
        lock.release()


def _without_openssl() -> None:
    """Keeps OpenSSL's libraries (about 7 MB of this process's memory) out. asyncio imports ssl
    and hashlib imports _hashlib only when they can, as on a Python built without OpenSSL; this
    process speaks no TLS and hashes nothing (its D-Bus connection authenticates as this user,
    psoas.desktop.session_bus); random's seeding uses Python's own SHA-512."""
    for name in ("ssl", "_hashlib"):
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
