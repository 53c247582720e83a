"""`psoas db upgrade`: bring a database's schema up to date (serve and every command do it too)."""

import typer

from psoas.cli.errors import reports_input_errors
from psoas.cli.options import DatabaseOption

app = typer.Typer(help="Database housekeeping.", no_args_is_help=True)


@app.command("upgrade")
@reports_input_errors
def upgrade(database_url: DatabaseOption = None) -> None:
    """Apply the migrations this version of psoas brings."""
    from psoas.storage import create_engine_for
    from psoas.storage import database_url as resolve
    from psoas.storage import upgrade as migrate
    from psoas.storage.failures import describe

    engine = create_engine_for(resolve(database_url))
    try:
        migrate(engine)
        typer.echo(f"database {describe(engine)} is up to date")
    finally:
        engine.dispose()
