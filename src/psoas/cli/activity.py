"""`psoas activity import`: runs from GPX, TCX or FIT files (the command lives with progress)."""

import typer

from psoas.cli.progress import activity_import

app = typer.Typer(help="Runs imported from GPX, TCX or FIT files.", no_args_is_help=True)
app.command("import")(activity_import)
