"""`psoas exercises list|show|figures`: the library, and its figures as files."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.figure_files import FigureFormat, FigureSide

if TYPE_CHECKING:
    from psoas.domain.figure import Side

app = typer.Typer(help="Browse the exercise library.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command("list")
@reports_input_errors
def list_exercises(as_json: JsonOption = False) -> None:
    """Every exercise, with its phase and equipment."""
    if as_json:
        from psoas.cli.library_json import exercises_json

        sys.stdout.write(exercises_json())
        return
    from rich.table import Table

    from psoas.catalogue import load_catalogue
    from psoas.cli.render import console, dose_range

    exercises = sorted(load_catalogue().exercises.values(), key=lambda e: e.id)

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
    image: Annotated[
        Path | None,
        typer.Option(
            "--image",
            metavar="FILE.svg|FILE.png",
            help="Also write its figure (the key poses side by side) to this file.",
        ),
    ] = None,
    side: Annotated[
        FigureSide | None,
        typer.Option(help="Which side the figure shows for a one-sided exercise (default left)."),
    ] = None,
) -> None:
    """All about one exercise: steps, cues, dose, restrictions, sources and its figure."""
    import difflib

    from psoas.catalogue import load_catalogue
    from psoas.cli.figure_files import figure_bytes, image_suffix, write_whole

    suffix = image_suffix("--image", image) if image is not None else None

    catalogue = load_catalogue()
    exercise = catalogue.exercises.get(exercise_id)
    if exercise is None:
        close = difflib.get_close_matches(exercise_id, list(catalogue.exercises), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `psoas exercises list`"
        raise fail([f"ID: no exercise {exercise_id!r}{hint}"])
    chosen: Side = "right" if side is FigureSide.right else "left"
    if image is not None and suffix is not None:
        if exercise.figure is None:
            raise fail([f"--image: exercise {exercise_id!r} has no figure yet"])
        write_whole("--image", image, figure_bytes(exercise, suffix, chosen))
        sys.stderr.write(f"figure written to {image}\n")
    if as_json:
        sys.stdout.write(exercise.model_dump_json(indent=2) + "\n")
        return
    from psoas.cli.render import console, render_exercise

    out = console()
    drawing: list[str] = []
    # Only a terminal gets the braille drawing: in a pipe or file it would be noise.
    if out.is_terminal and exercise.figure is not None:
        from psoas.figures import braille_lines, default_side

        drawn_side = chosen if default_side(exercise) is not None else None
        drawing = braille_lines(exercise.figure, side=drawn_side, width_chars=40)
    render_exercise(exercise, catalogue, out, drawing=drawing)


@app.command("figures")
@reports_input_errors
def write_figures(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder to write into (made if missing).")
    ],
    file_format: Annotated[
        FigureFormat, typer.Option("--format", help="svg (line art) or png (for print).")
    ] = FigureFormat.svg,
) -> None:
    """Write every exercise's figure (ID.svg or ID.png) and a contact sheet of them all."""
    from psoas.catalogue import load_catalogue
    from psoas.cli.figure_files import figure_bytes, write_whole
    from psoas.figures import contact_sheet_svg, figure_png

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise fail(
            [f"DIR: cannot make folder {str(directory)!r} ({error.strerror or error})"]
        ) from None
    exercises = sorted(load_catalogue().exercises.values(), key=lambda e: e.name)
    suffix = f".{file_format.value}"
    drawn = [e for e in exercises if e.figure is not None]
    for exercise in drawn:
        write_whole(
            "DIR", directory / f"{exercise.id}{suffix}", figure_bytes(exercise, suffix, "left")
        )
    sheet = contact_sheet_svg(drawn)
    data = sheet.encode() if suffix == ".svg" else figure_png(sheet, width_px=1600)
    write_whole("DIR", directory / f"contact-sheet{suffix}", data)
    typer.echo(f"wrote {len(drawn)} figures and contact-sheet{suffix} to {directory}")
