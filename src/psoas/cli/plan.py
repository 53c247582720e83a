"""`psoas plan`: the plan for a profile file, as tables or as JSON."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.options import DatabaseOption

if TYPE_CHECKING:
    from psoas.domain.plan import Plan

ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        "-p",
        help="Profile file (YAML or JSON). Default: the one saved by `psoas check-in`.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")]


@reports_input_errors
def plan(
    profile: ProfileOption = None,
    as_json: JsonOption = False,
    database_url: DatabaseOption = None,
) -> None:
    """Screen a profile and print its personal plan, with the doses your check-ins have set."""
    from psoas.cli.plan_cache import plan_key, remember_plan
    from psoas.services.planning import plan_json

    # Only a plan made from the file alone is kept (psoas.cli.plan_cache); its key is taken
    # once, before planning.
    kept = plan_key(profile, database_url) if as_json and profile is not None else None
    result = plan_in_force(profile, database_url)
    if as_json:
        output = plan_json(result)
        sys.stdout.write(output)
        if profile is not None and kept is not None:
            remember_plan(profile, kept, output, database_url)
        return
    from psoas.catalogue import load_catalogue
    from psoas.cli.render import console, render_plan

    render_plan(result, load_catalogue(), console())


def plan_in_force(profile: Path | None, database_url: str | None) -> "Plan":
    """The plan for the profile file with the changes progress has made (none before the first
    check-in or session, when no database exists yet)."""
    from psoas.services.planning import plan_for
    from psoas.services.profiles import read_profile
    from psoas.storage.location import default_database_missing

    person = read_profile(profile or saved_profile())
    # Asked first because it needs no SQLAlchemy: before the first check-in there is nothing
    # to read, and `psoas plan --profile F --json` starts without loading a database driver.
    if default_database_missing(database_url):
        return plan_for(person)
    from psoas.storage import database_exists

    if not database_exists(database_url):
        return plan_for(person)
    from psoas.services.progress import current_plan
    from psoas.storage import open_database

    engine = open_database(database_url)
    try:
        return current_plan(engine, person)
    finally:
        engine.dispose()


def saved_profile() -> Path:
    """The profile `psoas check-in` saved; exit 2 saying what to do when there is none."""
    from psoas.services.profiles import default_profile_path

    path = default_profile_path()
    if not path.exists():
        raise fail(
            [
                f"profile: no --profile given and no saved profile at {path}; "
                "run `psoas check-in` or pass --profile FILE"
            ]
        )
    return path
