"""`psoas session`: play a day's session from the plan, recording each step as it completes."""

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.options import DatabaseOption

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from psoas.domain.plan import Plan


def utc_now() -> datetime:
    return datetime.now(UTC)


@reports_input_errors
def session(
    profile: Annotated[
        Path | None,
        typer.Option("--profile", "-p", help="Profile file. Default: your saved check-in."),
    ] = None,
    day: Annotated[
        int | None, typer.Option("--day", min=1, max=7, help="Day 1-7. Default: today's or next.")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Carry on the last unfinished session.")
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="Line-by-line output (automatic without a terminal).")
    ] = False,
    voice: Annotated[bool, typer.Option("--voice", help="Speak cues with espeak-ng.")] = False,
    time_scale: Annotated[
        float,
        typer.Option(
            "--time-scale", min=0.001, max=100.0, help="Run every timer at X times its length."
        ),
    ] = 1.0,
    database_url: DatabaseOption = None,
) -> None:
    """Follow today's session: timers, sides, cues; every step is saved as it completes."""
    from psoas.cli.session_checkin import ask_after, ask_pain_before
    from psoas.cli.session_figures import session_figures
    from psoas.cli.session_voice import voice_or_fail
    from psoas.rules.session_player import Player
    from psoas.services import sessions
    from psoas.storage import open_database

    speak = voice_or_fail() if voice else None
    engine = open_database(database_url)
    try:
        if resume:
            prepared = sessions.resume_session(engine, time_scale=time_scale)
            typer.echo(f"Resuming session {prepared.session_id} at step {prepared.start_at + 1}.")
        else:
            plan = _plan(profile, database_url)
            _show_status(plan)
            chosen_day = sessions.choose_day(plan, day, today=date.today().isoweekday())
            pain_before = ask_pain_before()
            referral = sessions.pain_referral(pain_before)
            if referral is not None:
                typer.echo(referral.text)
                raise fail([f"pain: {pain_before} out of 10 is too high to start a session"])
            prepared = sessions.start_session(
                engine, plan, day=chosen_day, time_scale=time_scale,
                pain_before=pain_before, clock=utc_now,
            )  # fmt: skip
        recorder = sessions.StepRecorder(engine, prepared, clock=utc_now)
        player = Player(prepared.steps, start_at=prepared.start_at)
        interactive = not plain and sys.stdin.isatty() and sys.stdout.isatty()
        figures = session_figures(prepared.steps)
        if interactive:
            from psoas.cli.session_screen import play_full_screen

            completed = play_full_screen(
                player, prepared, recorder.handle, speak=speak, figures=figures
            )
        else:
            from psoas.cli.session_plain import play_plain

            completed = play_plain(
                player, prepared.steps, recorder.handle, speak=speak, figures=figures
            )
        typer.echo(f"\n{len(recorder.recorded)} of {len(prepared.steps)} steps recorded.")
        pain_after, feel, note = ask_after()
        sessions.finish_session(
            engine, prepared, completed=completed, pain_after=pain_after, feel=feel,
            note=note, clock=utc_now,
        )  # fmt: skip
        typer.echo("Saved. See `psoas history`.")
        _review(engine, profile)
    finally:
        engine.dispose()


def _plan(profile: Path | None, database_url: str | None) -> "Plan":
    """The plan `psoas plan` shows, so the session plays the doses the person read."""
    from psoas.cli.plan import plan_in_force

    return plan_in_force(profile, database_url)


def _review(engine: "Engine", profile: Path | None) -> None:
    """Skips for pain and sessions done feed the progression rules: review now and say what
    changed. Without a profile (a resumed session from elsewhere) there is nothing to review."""
    from psoas.services.profiles import default_profile_path, read_profile
    from psoas.services.progress import review_plan

    path = profile or default_profile_path()
    if not path.exists():
        return
    for change in review_plan(engine, profile=read_profile(path), now=utc_now()):
        typer.echo(f"Plan {change.kind}: {change.reason}")


def _show_status(plan: "Plan") -> None:
    if plan.status == "ok":
        return
    for message in plan.messages:
        typer.echo(message.text)
    if plan.status == "urgent-care":
        raise fail(["plan: status is urgent-care, so no session can be started"])
    typer.echo("")
