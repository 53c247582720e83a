"""`psoas breaks`: sitting-break reminders for the desk (about hourly) and the car (two-hourly).

The commands only: the reminder process, its steps and how it is started and stopped live in
psoas.reminder.

`start` launches one reminder process in the background (a second start finds the first);
`status`, `stop`, `stats` and `settings` look after it; `done`, `snooze` and `skip` answer a
reminder from any terminal. The timer and the settings live in the database with the profile.
"""

import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.options import DatabaseOption
from psoas.cli.plan import ProfileOption, saved_profile
from psoas.reminder.process import (
    LOG_NAME,
    START_WAIT_S,
    lock_is_held,
    log_tail,
    own_terminal,
    runtime_dir,
    spawn,
    terminate,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from psoas.domain.breaks import BreakAnswer, BreakMode
    from psoas.domain.plan import Plan

app = typer.Typer(help="Sitting-break reminders: desk and car-trip modes.", no_args_is_help=True)

ModeOption = Annotated[
    str | None,
    typer.Option("--mode", help="desk (about hourly) or drive (every two hours). Default: yours."),
]
IntervalOption = Annotated[
    int | None,
    typer.Option(
        "--interval-minutes",
        help="Minutes of sitting before a reminder: desk 15-120 (default 60), drive 30-120 "
        "(default 120).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def local_now() -> datetime:
    """Aware, in this machine's zone: working hours and days are the person's local ones."""
    return datetime.now().astimezone()


@app.command("start")
@reports_input_errors
def start(
    mode: ModeOption = None,
    interval_minutes: IntervalOption = None,
    foreground: Annotated[
        bool, typer.Option("--foreground", help="Run here instead of in the background.")
    ] = False,
    profile: ProfileOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Start reminders. Drive mode reminds you to stop safely; it never asks you to stretch while
    driving."""
    from psoas.services import breaks
    from psoas.storage import LOCAL_PERSON_ID

    chosen_mode = _mode(mode)
    profile_path = profile or saved_profile()
    engine = _engine(database_url)
    try:
        plan = _plan(engine, profile_path)
        if plan.status == "urgent-care":
            _refuse(
                "break reminders stay off while your plan is on hold for warning signs; "
                "run `psoas plan` to see where to go"
            )
        settings = breaks.settings_for(engine, person_id=LOCAL_PERSON_ID)
        final_mode = chosen_mode or settings.mode
        interval = breaks.interval_for(settings, final_mode, interval_minutes)
        if lock_is_held():
            _already_running(engine, final_mode, interval)
            return
    finally:
        engine.dispose()
    arguments = ["--mode", final_mode, "--interval-minutes", str(interval)]
    arguments += ["--profile", str(profile_path.resolve()), "--runtime-dir", str(runtime_dir())]
    if database_url:
        arguments += ["--database-url", database_url]
    if foreground:
        from psoas.reminder.daemon import main

        raise typer.Exit(main(arguments))
    process = spawn(arguments, terminal=own_terminal())
    _wait_for(process.pid, process.poll, database_url)
    status(as_json=False, database_url=database_url)


@app.command("status")
@reports_input_errors
def status(as_json: JsonOption = False, database_url: DatabaseOption = None) -> None:
    """Whether reminders run, how long you have sat, when the next one comes, and how idle time
    is detected (or that only the clock counts)."""
    from psoas.reminder.status import describe_status, status_data

    engine = _engine(database_url)
    try:
        data = status_data(engine, now=local_now(), alive=lock_is_held())
    finally:
        engine.dispose()
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    typer.echo(describe_status(data))


@app.command("stop")
@reports_input_errors
def stop(database_url: DatabaseOption = None) -> None:
    """Stop reminders (a crashed reminder's leftover state is cleared too)."""
    from psoas.services import breaks
    from psoas.storage import LOCAL_PERSON_ID

    engine = _engine(database_url)
    try:
        stored = breaks.current(engine, person_id=LOCAL_PERSON_ID)
        if lock_is_held():
            if stored is None or stored.pid is None or not terminate(stored.pid):
                _refuse("the reminder process did not stop; see " + _log_hint())
            typer.echo("Break reminders stopped.")
        elif stored is not None:
            breaks.stop(engine, person_id=LOCAL_PERSON_ID)
            what = "had stopped unexpectedly" if stored.driver == "desktop" else "ran in a browser"
            typer.echo(f"Break reminders {what}; their timer is cleared.")
        else:
            typer.echo("Break reminders are not running.")
    finally:
        engine.dispose()


@app.command("done")
@reports_input_errors
def done(profile: ProfileOption = None, database_url: DatabaseOption = None) -> None:
    """You took the break (or one on your own): the count starts again."""
    from psoas.domain.breaks import BreakAnswer

    _answer(BreakAnswer(action="done"), profile, database_url)


@app.command("snooze")
@reports_input_errors
def snooze(
    minutes: Annotated[
        int,
        typer.Argument(
            help="5, 10 or 15; all snoozes of one reminder together are capped (20 by default)."
        ),
    ],
    profile: ProfileOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Put the reminder off for a few minutes."""
    from pydantic import ValidationError

    from psoas.domain.breaks import SNOOZE_CHOICES_MIN, BreakAnswer

    try:
        reply = BreakAnswer(action="snooze", snooze_min=minutes)  # type: ignore[arg-type]
    except ValidationError:
        choices = ", ".join(str(choice) for choice in SNOOZE_CHOICES_MIN)
        raise fail([f"minutes: snooze for {choices} minutes (got {minutes})"]) from None
    _answer(reply, profile, database_url)


@app.command("skip")
@reports_input_errors
def skip(profile: ProfileOption = None, database_url: DatabaseOption = None) -> None:
    """Skip this reminder; the next comes a full interval from now."""
    from psoas.domain.breaks import BreakAnswer

    _answer(BreakAnswer(action="skip"), profile, database_url)


@app.command("stats")
@reports_input_errors
def stats(
    days: Annotated[int, typer.Option("--days", min=1, max=366, help="Days to show.")] = 7,
    as_json: JsonOption = False,
    database_url: DatabaseOption = None,
) -> None:
    """Per day: reminders shown, breaks taken when asked, natural breaks, snoozes and skips."""
    from psoas.services import breaks
    from psoas.storage import LOCAL_PERSON_ID

    engine = _engine(database_url)
    try:
        rows = breaks.stats(engine, person_id=LOCAL_PERSON_ID, today=local_now().date(), days=days)
    finally:
        engine.dispose()
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in rows], indent=2) + "\n")
        return
    typer.echo(f"{'day':<12}{'prompted':>9}{'taken':>7}{'natural':>9}{'snoozed':>9}{'skipped':>9}")
    for row in rows:
        typer.echo(
            f"{row.day.isoformat():<12}{row.prompted:>9}{row.taken:>7}{row.natural:>9}"
            f"{row.snoozed:>9}{row.skipped:>9}"
        )


@app.command("settings")
@reports_input_errors
def settings(
    mode: ModeOption = None,
    desk_interval: Annotated[int | None, typer.Option("--desk-interval-minutes")] = None,
    drive_interval: Annotated[int | None, typer.Option("--drive-interval-minutes")] = None,
    working_hours: Annotated[
        str | None, typer.Option("--working-hours", help='HH:MM-HH:MM, or "any".')
    ] = None,
    working_days: Annotated[
        str | None, typer.Option("--working-days", help="e.g. mon,tue,wed,thu,fri")
    ] = None,
    quiet_hours: Annotated[
        str | None, typer.Option("--quiet-hours", help='HH:MM-HH:MM, or "none".')
    ] = None,
    idle_minutes: Annotated[
        int | None, typer.Option("--idle-minutes", help="Idle minutes that count as a break.")
    ] = None,
    snooze_cap: Annotated[
        int | None, typer.Option("--snooze-cap-minutes", help="Most snooze per reminder.")
    ] = None,
    as_json: JsonOption = False,
    database_url: DatabaseOption = None,
) -> None:
    """Show your reminder settings, or change the ones given. A running reminder uses the new
    hours at once and a new interval from its next start."""
    from psoas.cli.break_settings import describe_settings, settings_changes
    from psoas.services import breaks
    from psoas.storage import LOCAL_PERSON_ID

    changes = settings_changes(
        mode=mode,
        desk_interval=desk_interval,
        drive_interval=drive_interval,
        working_hours=working_hours,
        working_days=working_days,
        quiet_hours=quiet_hours,
        idle_minutes=idle_minutes,
        snooze_cap=snooze_cap,
    )
    engine = _engine(database_url)
    try:
        if changes:
            chosen = breaks.save_settings(
                engine, person_id=LOCAL_PERSON_ID, changes=changes, now=local_now()
            )
        else:
            chosen = breaks.settings_for(engine, person_id=LOCAL_PERSON_ID)
    finally:
        engine.dispose()
    if as_json:
        sys.stdout.write(chosen.model_dump_json(indent=2) + "\n")
        return
    typer.echo(describe_settings(chosen))


def _answer(reply: "BreakAnswer", profile: Path | None, database_url: str | None) -> None:
    from psoas.services import breaks
    from psoas.services.break_text import answer_message
    from psoas.services.errors import Conflict
    from psoas.storage import LOCAL_PERSON_ID

    profile_path = profile or saved_profile()
    engine = _engine(database_url)
    try:
        try:
            stepped = breaks.answer(
                engine,
                person_id=LOCAL_PERSON_ID,
                reply=reply,
                now=local_now(),
                plan=lambda: _plan(engine, profile_path),
            )
        except Conflict as conflict:
            _refuse(str(conflict))
    finally:
        engine.dispose()
    breaks.nudge_desktop(stepped.stored)
    typer.echo(answer_message(reply, stepped.stored.timer.due_at.astimezone()))


def _already_running(engine: "Engine", mode: "BreakMode", interval: int) -> None:
    from psoas.services import breaks
    from psoas.storage import LOCAL_PERSON_ID

    stored = breaks.current(engine, person_id=LOCAL_PERSON_ID)
    if stored is not None and (stored.timer.mode, stored.timer.interval_min) != (mode, interval):
        _refuse(
            f"break reminders already run in {stored.timer.mode} mode every "
            f"{stored.timer.interval_min} minutes; `psoas breaks stop` first to change that"
        )
    typer.echo("Break reminders are already running; not starting a second one.")


def _wait_for(pid: int, exited: Any, database_url: str | None) -> None:
    from psoas.services import breaks
    from psoas.storage import LOCAL_PERSON_ID

    engine = _engine(database_url)
    deadline = time.monotonic() + START_WAIT_S
    try:
        while time.monotonic() < deadline:
            stored = breaks.current(engine, person_id=LOCAL_PERSON_ID)
            if stored is not None and stored.pid == pid:
                return
            if exited() is not None:
                _refuse("the reminder process ended at once:\n" + (log_tail() or _log_hint()))
            time.sleep(0.1)
    finally:
        engine.dispose()
    _refuse(f"the reminder process did not report in within {START_WAIT_S:.0f} s; " + _log_hint())


def _mode(mode: str | None) -> "BreakMode | None":
    from psoas.domain.breaks import BREAK_MODES

    if mode is None:
        return None
    if mode not in BREAK_MODES:
        raise fail([f"--mode: choose {' or '.join(BREAK_MODES)} (got {mode!r})"])
    return mode


def _plan(engine: "Engine", profile_path: Path) -> "Plan":
    from psoas.services.profiles import read_profile
    from psoas.services.progress import current_plan

    return current_plan(engine, read_profile(profile_path))


def _engine(database_url: str | None) -> "Engine":
    from psoas.storage import open_database

    return open_database(database_url)


def _log_hint() -> str:
    return f"the log at {runtime_dir() / LOG_NAME}"


def _refuse(message: str) -> NoReturn:
    """Not bad input but a state that does not allow it: exit 1 with the reason."""
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(1)
