"""`psoas content validate`: check every content file and cross-reference."""

from pathlib import Path
from typing import Annotated

import typer

from psoas.cli.errors import reports_input_errors

app = typer.Typer(help="Work with the content files.", no_args_is_help=True)


@app.command("validate")
@reports_input_errors
def validate(
    directory: Annotated[
        Path | None,
        typer.Option("--dir", help="Content folder to check. Default: the one in use."),
    ] = None,
) -> None:
    """Load and cross-check all content, and check every exercise's figure keeps a human pose;
    exit 2 naming each file and field that is wrong."""
    from psoas.catalogue import ContentError, content_dir, load_catalogue
    from psoas.figures import exercise_figure_problems

    folder = directory or content_dir()
    catalogue = load_catalogue(folder)
    problems = [
        f"{folder / 'exercises' / f'{exercise.id}.yaml'}: {problem}"
        for exercise in sorted(catalogue.exercises.values(), key=lambda e: e.id)
        for problem in exercise_figure_problems(exercise)
    ]
    if problems:
        raise ContentError(problems)
    typer.echo(
        f"ok: {len(catalogue.exercises)} exercises, {len(catalogue.sources)} sources, "
        f"{len(catalogue.conflicts)} conflicts, {len(catalogue.restrictions)} restrictions, "
        f"{sum(e.figure is not None for e in catalogue.exercises.values())} figures "
        f"in {folder}"
    )


@app.command("rules")
@reports_input_errors
def rules() -> None:
    """Print every clinical rule, threshold and dose with its basis, as the Markdown table in
    docs/clinical-rules.md."""
    from psoas.catalogue import load_catalogue
    from psoas.catalogue.rules_table import rules_markdown

    typer.echo(rules_markdown(load_catalogue()), nl=False)
