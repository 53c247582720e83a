"""Where the database is, without SQLAlchemy: commands that only need to know whether a person
has a database yet (`psoas plan --profile F` before any check-in) ask here and load no driver."""

import os
from pathlib import Path

DATABASE_URL_VARIABLE = "PSOAS_DATABASE_URL"
SQLITE_FILE_NAME = "psoas.sqlite3"


def database_url(explicit: str | None = None) -> str:
    """The URL to use: ``--database-url`` > $PSOAS_DATABASE_URL > the SQLite file of this user.

    The file is ``psoas.sqlite3`` in $PSOAS_HOME when set (tests, portable installs), else in
    the user data directory, next to where the CLI keeps the rest of a person's data.
    """
    chosen = explicit or os.environ.get(DATABASE_URL_VARIABLE)
    if chosen:
        return chosen
    return f"sqlite:///{default_sqlite_file()}"


def default_sqlite_file() -> Path:
    home = os.environ.get("PSOAS_HOME")
    if home:
        folder = Path(home)
    else:
        from platformdirs import user_data_path  # only needed when nothing else is given

        folder = user_data_path("psoas-coach", appauthor=False)
    return folder / SQLITE_FILE_NAME


def default_database_missing(explicit: str | None = None) -> bool:
    """True when no URL is given and this person's SQLite file is not there yet. Any other case
    needs the URL parsed (:func:`psoas.storage.database_exists`)."""
    chosen = explicit or os.environ.get(DATABASE_URL_VARIABLE)
    return not chosen and not default_sqlite_file().exists()
