"""Options several commands share."""

from typing import Annotated

import typer

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="PSOAS_DATABASE_URL",
        help="SQLAlchemy URL. Default: a SQLite file in your user data folder.",
        show_envvar=True,
    ),
]
