"""`psoas history`: past sessions with what was done, skipped and felt."""

import json
import sys
from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any

import typer

from psoas.cli.errors import reports_input_errors
from psoas.cli.options import DatabaseOption


@reports_input_errors
def history(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Your sessions, newest first: date, plan day, steps done of planned, skips, pain, note."""
    from psoas.storage import LOCAL_PERSON_ID, SessionRepository, open_database

    engine = open_database(database_url)
    try:
        sessions = SessionRepository(engine).history(person_id=LOCAL_PERSON_ID)
    finally:
        engine.dispose()
    if as_json:
        sys.stdout.write(json.dumps([asdict(s) for s in sessions], indent=2, default=_iso) + "\n")
        return
    if not sessions:
        typer.echo("No sessions yet. Start one with `psoas session`.")
        return
    from rich.table import Table

    from psoas.cli.render import console

    table = Table(title="History", title_justify="left")
    for column in (
        "Date",
        "Day",
        "Done",
        "Status",
        "Skipped",
        "Pain before → after",
        "Feel",
        "Note",
    ):
        table.add_column(column)
    for s in sessions:
        skipped = ", ".join(f"step {k.step_index + 1} ({k.reason})" for k in s.skipped) or "-"
        pain = f"{_or_dash(s.pain_before)} → {_or_dash(s.pain_after)}"
        when = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        table.add_row(
            when, str(s.plan_day), f"{s.steps_done}/{s.steps_planned}", s.status, skipped, pain,
            s.feel or "-", s.note or "",
        )  # fmt: skip
    console().print(table)


def _or_dash(value: int | None) -> str:
    return "-" if value is None else str(value)


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
