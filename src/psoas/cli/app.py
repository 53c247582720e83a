"""The `psoas` command tree."""

import typer

from psoas.cli import (
    breaks,
    checkin,
    content,
    data,
    db,
    exercises,
    history,
    plan,
    progress,
    schema,
    serve,
    session,
    sources,
)

app = typer.Typer(
    name="psoas",
    help="Psoas Coach: screening, a cited personal plan and the exercise library.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("plan")(plan.plan)
app.command("check-in")(checkin.check_in)
app.command("session")(session.session)
app.command("history")(history.history)
app.command("log")(progress.log)
app.command("progress")(progress.progress)
app.command("report")(progress.report)
activity = typer.Typer(help="Runs imported from GPX, TCX or FIT files.", no_args_is_help=True)
activity.command("import")(progress.activity_import)
app.add_typer(activity, name="activity")
app.command("export")(data.export)
app.command("import")(data.import_)
app.command("delete-all")(data.delete_all)
app.add_typer(breaks.app, name="breaks")
app.command("sources")(sources.sources)
app.add_typer(exercises.app, name="exercises")
app.add_typer(content.app, name="content")
app.command("schema")(schema.schema)
app.command("serve")(serve.serve)
app.add_typer(db.app, name="db")


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
