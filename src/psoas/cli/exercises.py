"""`psoas exercises list|show`: the library."""

import json
import sys
from typing import Annotated

import typer

from psoas.cli.errors import fail, reports_input_errors

app = typer.Typer(help="Browse the exercise library.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command("list")
@reports_input_errors
def list_exercises(as_json: JsonOption = False) -> None:
    """Every exercise, with its phase and equipment."""
    from psoas.catalogue import load_catalogue

    catalogue = load_catalogue()
    exercises = sorted(catalogue.exercises.values(), key=lambda e: e.id)
    if as_json:
        data = [
            e.model_dump(mode="json", include={"id", "name", "phase", "equipment"})
            for e in exercises
        ]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    from psoas.cli.render import console, dose_range

    table = Table(title="Exercises", title_justify="left")
    for column in ("Id", "Name", "Phase", "Dose"):
        table.add_column(column)
    for exercise in exercises:
        table.add_row(exercise.id, exercise.name, exercise.phase, dose_range(exercise.dose))
    console().print(table)


@app.command("show")
@reports_input_errors
def show_exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id, see `list`.")],
    as_json: JsonOption = False,
) -> None:
    """All about one exercise: steps, cues, dose, restrictions and sources."""
    import difflib

    from psoas.catalogue import load_catalogue

    catalogue = load_catalogue()
    exercise = catalogue.exercises.get(exercise_id)
    if exercise is None:
        close = difflib.get_close_matches(exercise_id, list(catalogue.exercises), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `psoas exercises list`"
        raise fail([f"ID: no exercise {exercise_id!r}{hint}"])
    if as_json:
        sys.stdout.write(exercise.model_dump_json(indent=2) + "\n")
        return
    from psoas.cli.render import console, render_exercise

    render_exercise(exercise, catalogue, console())
