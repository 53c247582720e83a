"""`psoas log`, `psoas progress` and `psoas report`: check-ins, what changed and why, charts."""

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.options import DatabaseOption
from psoas.cli.plan import ProfileOption, saved_profile
from psoas.cli.session import utc_now

if TYPE_CHECKING:
    from psoas.domain.profile import Profile
    from psoas.domain.progression import PlanChange


def _pain(name: str, help_text: str) -> Any:
    return typer.Option(name, min=0, max=10, help=help_text)


@reports_input_errors
def log(
    pain_now: Annotated[int, typer.Option("--pain", min=0, max=10, help="Pain right now, 0-10.")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="The day this describes (YYYY-MM-DD). Default: today."),
    ] = None,
    sitting: Annotated[int | None, _pain("--sitting", "Pain while sitting, 0-10.")] = None,
    running: Annotated[int | None, _pain("--running", "Pain while running, 0-10.")] = None,
    hills: Annotated[int | None, _pain("--hills", "Pain on hills or stairs, 0-10.")] = None,
    lifting_leg: Annotated[
        int | None, _pain("--lifting-leg", "Pain lifting the leg, 0-10.")
    ] = None,
    psfs: Annotated[
        list[str] | None,
        typer.Option(
            "--psfs",
            help='An activity you named and how well you can do it, 0-10: "climbing stairs=6". '
            "Up to five; repeat the option.",
        ),
    ] = None,
    thomas_left: Annotated[
        str | None,
        typer.Option("--thomas-left", help="Thomas self-check, left: above|level|below."),
    ] = None,
    thomas_right: Annotated[
        str | None,
        typer.Option("--thomas-right", help="Thomas self-check, right: above|level|below."),
    ] = None,
    sitting_hours: Annotated[
        float | None, typer.Option("--sitting-hours", help="Hours sitting that day.")
    ] = None,
    red_flag: Annotated[
        list[str] | None,
        typer.Option("--red-flag", help="A warning sign since the last check-in (repeatable)."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was saved as JSON.")] = False,
    profile: ProfileOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Log how you are: pain now and during activities, PSFS, Thomas self-check, sitting.

    The plan is reviewed at once: it may progress, step back or stop, and says why.
    """
    from psoas.services.progress import local_day, log_check_in, parse_check_in
    from psoas.storage import open_database

    now = utc_now()
    data: dict[str, Any] = {
        "on": on or local_day(now).isoformat(),
        "pain_now": pain_now,
        "pain_during": {
            key: value
            for key, value in (
                ("sitting", sitting),
                ("running", running),
                ("hills_or_stairs", hills),
                ("lifting_leg", lifting_leg),
            )
            if value is not None
        },
        "psfs": [_psfs_pair(text) for text in psfs or []],
        "thomas_left": thomas_left,
        "thomas_right": thomas_right,
        "sitting_hours": sitting_hours,
        "red_flags": list(red_flag or []),
        "note": note,
    }
    check_in = parse_check_in(data)
    person = _profile(profile)
    engine = open_database(database_url)
    try:
        logged = log_check_in(engine, check_in, profile=person, clock=lambda: now)
    finally:
        engine.dispose()
    if as_json:
        out = {"id": logged.id, "check_in": check_in.model_dump(mode="json")}
        out["changes"] = [c.model_dump(mode="json") for c in logged.changes]
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    typer.echo(f"Check-in {logged.id} saved for {check_in.on.isoformat()}.")
    _echo_changes(logged.changes)


def _psfs_pair(text: str) -> dict[str, Any]:
    name, sep, score = text.rpartition("=")
    if not sep or not name.strip():
        raise fail([f'--psfs: expected "activity=score" with a score 0-10 (got {text!r})'])
    try:
        return {"activity": name.strip(), "score": int(score)}
    except ValueError:
        raise fail([f"--psfs: the score must be a whole number 0-10 (got {score!r})"]) from None


def _profile(path: Path | None) -> "Profile":
    from psoas.services.profiles import read_profile

    return read_profile(path or saved_profile())


def _echo_changes(changes: "tuple[PlanChange, ...] | list[PlanChange]") -> None:
    if not changes:
        typer.echo("The plan stays as it is.")
        return
    for change in changes:
        typer.echo(f"- {change.kind}: {change.reason}")


@reports_input_errors
def progress(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=520, help="Weeks to show.")] = 26,
    profile: ProfileOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Your progress: pain trend, sessions per week, runs, the ladder and every plan change."""
    from psoas.services.dashboard import charts, dashboard
    from psoas.services.progress import local_day
    from psoas.storage import open_database

    person = _profile(profile)
    engine = open_database(database_url)
    try:
        board = dashboard(engine, profile=person, today=local_day(utc_now()), weeks=weeks)
    finally:
        engine.dispose()
    if as_json:
        sys.stdout.write(json.dumps(_board_json(board), indent=2, default=str) + "\n")
        return
    for chart in charts(board):
        typer.echo(f"{chart.title}: {chart.summary}")
    if board.ladder is not None:
        where = board.ladder
        typer.echo(
            f"\nReturn to running: step {where.step} of {where.steps}, {where.stage.name} "
            f"since {where.since.isoformat()}. {where.stage.allows}"
        )
        for check in where.checks:
            mark = "met" if check.met else "not yet"
            typer.echo(f"  - {check.criterion}: need {check.needed}; have {check.have} ({mark})")
        if where.cross_training:
            typer.echo(
                f"  - cross-training (rides and swims) on this stage: {where.cross_training}"
            )
    flagged = [view for view in board.runs if view.flagged]
    for view in flagged:
        typer.echo(
            f"  ! run on {view.run.day.isoformat()} was {view.run.summary.terrain} terrain, beyond "
            "what the ladder's stage allowed (unknown terrain is not taken as flat)"
        )
    typer.echo("\nPlan changes:")
    _echo_changes([*board.changes])


def _board_json(board: Any) -> dict[str, Any]:
    return {
        "since": board.since.isoformat(),
        "today": board.today.isoformat(),
        "status": board.plan.status,
        "check_ins": [c.model_dump(mode="json") for c in board.check_ins],
        "weeks": [w.model_dump(mode="json") for w in board.weeks],
        "runs": [
            {
                "id": view.run.id,
                "day": view.run.day.isoformat(),
                "file_name": view.run.file_name,
                **view.run.summary.model_dump(mode="json"),
                "climb_class": view.climb_class,
                "pain_after": view.pain_after,
                "flagged": view.flagged,
            }
            for view in board.runs
        ],
        "ladder": board.ladder.model_dump(mode="json") if board.ladder else None,
        "changes": [c.model_dump(mode="json") for c in board.changes],
    }


@reports_input_errors
def report(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Where to write: FILE.svg or FILE.png.", dir_okay=False),
    ],
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=520, help="Weeks to show.")] = 26,
    profile: ProfileOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """The progress charts as one SVG or PNG file, each chart with its summary in words."""
    suffix = out.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise fail([f"--out: the file must end in .svg or .png (got {out.name!r})"])
    from psoas.charts import report_svg, svg_to_png
    from psoas.services.dashboard import charts, dashboard
    from psoas.services.progress import local_day
    from psoas.storage import open_database

    person = _profile(profile)
    engine = open_database(database_url)
    try:
        today = local_day(utc_now())
        board = dashboard(engine, profile=person, today=today, weeks=weeks)
    finally:
        engine.dispose()
    svg = report_svg(
        "Psoas Coach progress",
        charts(board),
        subtitle=f"{board.since.isoformat()} to {today.isoformat()}",
    )
    payload = svg.encode("utf-8") if suffix == ".svg" else svg_to_png(svg)
    try:
        out.write_bytes(payload)
    except OSError as error:
        raise fail([f"--out: cannot write {out}: {error.strerror}"]) from None
    typer.echo(f"Wrote {out} ({len(payload) // 1024 + 1} KB).")


@reports_input_errors
def activity_import(
    file: Annotated[
        Path,
        typer.Argument(help="A GPX, TCX or FIT file (or a .gz or .zip of them)."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the activities as JSON.")] = False,
    profile: ProfileOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Import the activities in a file: sport, distance, time, climb, steepest stretch, terrain."""
    from psoas.services.progress import import_activities
    from psoas.storage import open_database

    person = _profile(profile)
    try:
        stream = file.open("rb")
    except OSError as error:
        raise fail([f"FILE: cannot read {file}: {error.strerror}"]) from None
    engine = open_database(database_url)
    try:
        with stream:
            imported, changes = import_activities(
                engine, stream, name=file.name, profile=person, clock=utc_now
            )
    finally:
        engine.dispose()
    if as_json:
        body = {
            "activities": [activity_json(item.run, item.already_imported) for item in imported],
            "changes": [c.model_dump(mode="json") for c in changes],
        }
        sys.stdout.write(json.dumps(body, indent=2) + "\n")
        return
    for item in imported:
        run, summary = item.run, item.run.summary
        climb = (
            "unknown" if summary.elevation_gain_m is None else f"{summary.elevation_gain_m:.0f} m"
        )
        grade = summary.max_sustained_grade_pct
        again = " (already imported, not stored again)" if item.already_imported else ""
        typer.echo(
            f"{NOUNS.get(summary.sport, 'Activity')} {run.id} on {run.day.isoformat()}{again}: "
            f"{summary.distance_m / 1000:.2f} km, climb {climb}, steepest stretch "
            f"{'unknown' if grade is None else f'{grade:.1f}%'}, terrain {summary.terrain}; "
            f"counts as {summary.counts_as}."
        )
        for note in summary.notes:
            typer.echo(f"  note: {note}")
    _echo_changes(changes)


NOUNS = {
    "running": "Run",
    "unknown": "Run",
    "walking": "Walk",
    "hiking": "Hike",
    "cycling": "Ride",
    "swimming": "Swim",
}


def activity_json(run: Any, already_imported: bool) -> dict[str, Any]:
    """One imported activity as the CLI prints it (the API answers the same fields)."""
    return {
        "id": run.id,
        "day": run.day.isoformat(),
        **run.summary.model_dump(mode="json"),
        "already_imported": already_imported,
    }
