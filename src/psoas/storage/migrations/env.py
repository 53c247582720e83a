"""Alembic environment: runs on the connection ``psoas.storage.database.upgrade`` hands over.

With no connection (the ``alembic`` command line, for writing a new revision), it connects to
``sqlalchemy.url`` from the config, else to the URL the app would use.
"""

from alembic import context
from sqlalchemy import Connection

from psoas.storage.tables import Base

config = context.config


def run(connection: Connection) -> None:
    # Batch mode lets later revisions alter SQLite tables (SQLite has little ALTER TABLE).
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    from psoas.storage.database import create_engine_for, database_url

    engine = create_engine_for(config.get_main_option("sqlalchemy.url") or database_url())
    try:
        with engine.begin() as new_connection:
            run(new_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("psoas migrations run online only: give them a database")
main()
