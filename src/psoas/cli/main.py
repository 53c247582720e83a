"""The `psoas` entry point: the fast forms first (psoas.cli.fast_paths), then the Typer tree."""

import os
import sys


def main() -> None:
    """Run the command; a failure nobody foresaw still ends in one line, not a traceback
    (PSOAS_DEBUG=1 shows the traceback, for a bug report)."""
    try:
        from psoas.cli.fast_paths import answer, program_name

        status = answer(sys.argv[1:], program_name())
        if status is not None:
            sys.exit(status)
        from psoas.cli.app import app

        app()
    except Exception as error:
        if os.environ.get("PSOAS_DEBUG") == "1":
            raise
        sys.stderr.write(
            f"error: psoas failed unexpectedly ({type(error).__name__}: {_first_line(error)}); "
            "please report it, with the output of the same command run with PSOAS_DEBUG=1\n"
        )
        sys.exit(1)


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else "no message"
