"""The `psoas` command tree.

Commands are registered here by name, summary and "module:attribute"; a command's module is
imported only when that command runs (see psoas.cli.lazy_commands). So this file imports nothing
from psoas.cli's command modules, and tests/cli/test_import_budget.py checks in fresh processes
that each command loads only what it uses.
"""

from collections.abc import Mapping
from typing import ClassVar

import typer

from psoas.cli.lazy_commands import LazyCommand, LazyGroup


def _command(target: str, summary: str) -> LazyCommand:
    return LazyCommand(f"psoas.cli.{target}", summary)


class PsoasCommands(LazyGroup):
    # Order is the order `psoas --help` lists them in: commands, then groups.
    table: ClassVar[Mapping[str, LazyCommand]] = {
        "plan": _command(
            "plan:plan",
            "Screen a profile and print its personal plan, with the doses your check-ins have set.",
        ),
        "check-in": _command(
            "checkin:check_in",
            "Answer a few questions; your answers are saved and your plan is shown.",
        ),
        "session": _command(
            "session:session",
            "Follow today's session: timers, sides, cues; every step is saved as it completes.",
        ),
        "history": _command(
            "history:history",
            "Your sessions, newest first: date, plan day, steps done of planned, skips, pain, "
            "note.",
        ),
        "log": _command(
            "progress:log",
            "Log how you are: pain now and during activities, PSFS, Thomas self-check, sitting.",
        ),
        "progress": _command(
            "progress:progress",
            "Your progress: pain trend, sessions per week, runs, the ladder and every plan change.",
        ),
        "report": _command(
            "progress:report",
            "The progress charts as one SVG or PNG file, each chart with its summary in words.",
        ),
        "export": _command(
            "data:export",
            "Write everything you entered to one JSON file, to keep or to import elsewhere.",
        ),
        "import": _command(
            "data:import_",
            "Restore data from `psoas export`: all of it or, if anything is wrong, none of it.",
        ),
        "delete-all": _command(
            "data:delete_all",
            "Delete all your data: profiles, sessions, check-ins, runs and plan changes.",
        ),
        "sources": _command(
            "sources:sources", "Every source cited, and the places where sources disagree."
        ),
        "schema": _command(
            "schema:schema", "Print the JSON Schema of a profile (input) or a plan (output)."
        ),
        "serve": _command(
            "serve:serve",
            "Serve the web app: check-in, plan, guided sessions, history, and the API at /api/v1.",
        ),
        "activity": _command("activity:app", "Runs imported from GPX, TCX or FIT files."),
        "breaks": _command("breaks:app", "Sitting-break reminders: desk and car-trip modes."),
        "exercises": _command("exercises:app", "Browse the exercise library."),
        "content": _command("content:app", "Work with the content files."),
        "db": _command("db:app", "Database housekeeping."),
    }


app = typer.Typer(
    cls=PsoasCommands,
    name="psoas",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def psoas() -> None:
    """Psoas Coach: screening, a cited personal plan and the exercise library."""


def main() -> None:
    """Run the command; a failure nobody foresaw still ends in one line, not a traceback
    (PSOAS_DEBUG=1 shows the traceback, for a bug report)."""
    import os
    import sys

    try:
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
