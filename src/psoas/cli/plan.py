"""`psoas plan`: the plan for a profile file, as tables or as JSON."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from psoas.cli.errors import fail, reports_input_errors

ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        "-p",
        help="Profile file (YAML or JSON). Default: the one saved by `psoas check-in`.",
        dir_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")]


@reports_input_errors
def plan(profile: ProfileOption = None, as_json: JsonOption = False) -> None:
    """Screen a profile and print its personal plan."""
    from psoas.services.planning import plan_from_file, plan_json

    path = profile or saved_profile()
    result = plan_from_file(path)
    if as_json:
        sys.stdout.write(plan_json(result))
        return
    from psoas.catalogue import load_catalogue
    from psoas.cli.render import console, render_plan

    render_plan(result, load_catalogue(), console())


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
