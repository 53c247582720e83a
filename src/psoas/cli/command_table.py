"""The `psoas` commands by name: the one-line summary `psoas --help` lists, and where each
command lives ("module:attribute", imported only when that command runs).

Nothing here imports Typer or a command module, so the help can be written without them
(psoas.cli.fast_paths). Add a command here; tests/cli/test_lazy_commands.py checks the summary
against the command's own help and tests/cli/test_import_budget.py what each command loads.
"""

from collections.abc import Mapping

# Not typing.TYPE_CHECKING: importing typing (with re and enum) would cost `psoas --help` a
# sixth of its time. Type checkers treat any TYPE_CHECKING name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typer._click import Command

ROOT_HELP = "Psoas Coach: screening, a cited personal plan and the exercise library."


class LazyCommand:
    """`target` is "package.module:attribute": a command function or a typer.Typer group.
    `summary` is what `psoas --help` lists; a test keeps it equal to the command's own help.
    (A plain class: dataclasses costs `psoas --help` a tenth of its time.)"""

    __slots__ = ("summary", "target")

    def __init__(self, target: str, summary: str) -> None:
        self.target = target
        self.summary = summary

    def load(self, name: str) -> "Command":
        import importlib

        import typer

        module, _, attribute = self.target.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        # A holder with the root's settings turns the function or sub-app into the same click
        # command `app.command()` / `app.add_typer()` would have made (plain help, no Rich).
        holder = typer.Typer(rich_markup_mode=None, add_completion=False)
        if isinstance(found, typer.Typer):
            holder.add_typer(found, name=name)
        else:
            holder.command(name)(found)
        return typer.main.get_group(holder).commands[name]


def _command(target: str, summary: str) -> LazyCommand:
    return LazyCommand(f"psoas.cli.{target}", summary)


# Order is the order `psoas --help` lists them in: commands, then groups.
COMMANDS: Mapping[str, LazyCommand] = {
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
        "Your sessions, newest first: date, plan day, steps done of planned, skips, pain, note.",
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
