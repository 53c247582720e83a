"""`psoas check-in`: ask the questions, save the profile, show the plan.

Questions, their order and why each is asked come from content/check_in.yaml; warning signs are
asked first and any "yes" ends the check-in straight away with where to get help.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.options import DatabaseOption

if TYPE_CHECKING:
    from psoas.domain.catalogue import Catalogue
    from psoas.domain.checkin import Question
    from psoas.domain.profile import Profile

SaveOption = Annotated[
    Path | None,
    typer.Option("--save", help="Where to save your answers. Default: your user data folder."),
]


@reports_input_errors
def check_in(save: SaveOption = None, database_url: DatabaseOption = None) -> None:
    """Answer a few questions; your answers are saved and your plan is shown."""
    from psoas.catalogue import load_catalogue
    from psoas.cli.render import console, render_plan
    from psoas.services.planning import plan_for
    from psoas.services.profiles import default_profile_path, parse_profile, save_profile

    path = save or default_profile_path()
    if path.is_dir():  # say so before the questions, not after them
        raise fail([f"--save: {path} is a folder; give a file name such as {path / 'me.yaml'}"])
    catalogue = load_catalogue()
    typer.echo(catalogue.check_in.intro + "\n")
    try:
        answers = _ask_all(catalogue)
    except typer.Abort:
        raise fail(["check-in: stopped before the last question; nothing was saved"]) from None
    profile = parse_profile(answers, source="check-in")
    try:
        save_profile(profile, path)
    except OSError as error:
        raise fail([f"--save: cannot save to {path}: {error.strerror}"]) from None
    typer.echo(f"\nSaved your answers to {path}")
    _store(profile, database_url)
    render_plan(plan_for(profile), catalogue, console())


def _store(profile: "Profile", database_url: str | None) -> None:
    """Keep the check-in with the session log too; the file above is already safe if this fails."""
    from datetime import UTC, datetime

    from psoas.storage import LOCAL_PERSON_ID, ProfileRepository, StorageError, open_database

    try:
        engine = open_database(database_url)
        try:
            ProfileRepository(engine).save_profile(
                person_id=LOCAL_PERSON_ID, profile=profile, now=datetime.now(UTC)
            )
        finally:
            engine.dispose()
    except StorageError as error:
        typer.echo(f"warning: not stored in the database: {error}", err=True)
    else:
        typer.echo("Stored with your session history.\n")


def _ask_all(catalogue: "Catalogue") -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in catalogue.check_in.questions:
        if not question.applies(answers):
            continue
        typer.echo(f"{question.prompt}\n  Why we ask: {question.why}")
        if question.kind == "each-yes-no":
            flags = [
                flag.id
                for flag in catalogue.screening.red_flags
                if typer.confirm(f"  {flag.question}", default=False)
            ]
            answers[question.field] = flags
            if flags:
                typer.echo("\nThat is a warning sign, so we stop the questions here.")
                return answers
        elif question.kind == "choose-many":
            answers[question.field] = _choose_many(question)
        elif question.kind == "yes-no":
            answers[question.field] = typer.confirm("  Yes?", default=False)
        else:
            value = _number(question, answers)
            if value is not None:
                answers[question.field] = value
        typer.echo("")
    return answers


def _choose_many(question: "Question") -> list[str]:
    options = list(question.options)
    for number, (value, label) in enumerate(question.options.items(), start=1):
        typer.echo(f"  {number:>2}. {label} ({value})")
    while True:
        raw = typer.prompt(
            "  Numbers or ids, separated by commas (Enter for none)", default="", show_default=False
        )
        chosen, unknown = [], []
        for part in (p.strip() for p in raw.split(",")):
            if not part:
                continue
            if part.isdigit() and 1 <= int(part) <= len(options):
                chosen.append(options[int(part) - 1])
            elif part in options:
                chosen.append(part)
            else:
                unknown.append(part)
        if not unknown:
            return list(dict.fromkeys(chosen))
        typer.echo(
            f"  {question.field}: {', '.join(map(repr, unknown))} is not one of the choices; "
            f"use 1-{len(options)} or: {', '.join(options)}"
        )


def _number(question: "Question", answers: dict[str, Any]) -> float | int | None:
    """Ask until the answer is valid; it is checked with the answers so far, since some numbers
    depend on them (the week of pregnancy needs the pregnancy condition)."""
    from pydantic import ValidationError

    from psoas.domain.problems import problems_from
    from psoas.domain.profile import Profile

    default = Profile.model_fields[question.field].default
    while True:
        raw = typer.prompt(
            "  Answer",
            default="" if default is None else str(default),
            show_default=default is not None,
        ).strip()
        if not raw and default is None:
            return None
        try:
            value = Profile.model_validate({**answers, question.field: raw})
        except ValidationError as error:
            for problem in problems_from(error, Profile):
                typer.echo(f"  {problem}")
            continue
        result: float | int | None = getattr(value, question.field)
        return result
