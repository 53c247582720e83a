"""Where the database is, how to connect to it, and bringing its schema up to date.

Nothing here runs at import time: the CLI, the web app and the tests each build their own engine
from a URL and dispose of it, so two databases can be open side by side (as the tests do).
"""

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from psoas.storage.errors import StorageError
from psoas.storage.failures import describe, storage_errors
from psoas.storage.location import database_url as database_url

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
MIGRATIONS = Path(__file__).parent / "migrations"

SQLITE_POOL_SIZE = 40

# How long a writer waits for another process's write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 5000


def create_engine_for(url: str) -> Engine:
    """An engine for a SQLite file or a PostgreSQL server; nothing connects until first use.

    ``postgresql://`` (and ``postgres://``) mean psycopg 3, the driver we ship. A SQLite file's
    folder is created, and every connection is set up so that a committed step survives the
    process being killed (see ``_prepare_sqlite``).
    """
    parsed = _normalise(url)
    file_backed = parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    )
    # A SQLite connection is a file handle: keep one per web worker thread (anyio's pool has 40)
    # rather than opening and closing overflow connections, with their PRAGMAs, under load.
    options = {"pool_size": SQLITE_POOL_SIZE, "max_overflow": 0} if file_backed else {}
    try:
        engine = create_engine(parsed, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise StorageError(f"database: cannot use {_shown(parsed)}: {error}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _make_folder(Path(parsed.database).parent)
        event.listen(engine, "connect", _prepare_sqlite)
    return engine


def upgrade(engine_or_url: Engine | str) -> None:
    """Run the Alembic migrations up to the newest, so any database this code opens fits it.

    Safe to call on every start: an up-to-date database costs one query.
    """
    if isinstance(engine_or_url, Engine):
        _upgrade(engine_or_url)
        return
    engine = create_engine_for(engine_or_url)
    try:
        _upgrade(engine)
    finally:
        engine.dispose()


def _upgrade(engine: Engine) -> None:
    # Alembic is imported here, not at the top: it is only needed to migrate, and the long-running
    # break reminder (which never migrates) should not carry its ~10 MB.
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with storage_errors(engine), engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as error:
        # Typically a database written by a newer psoas, whose revision this code does not know.
        raise StorageError(
            f"database: {describe(engine)} cannot be migrated ({error}); "
            "it may have been written by a newer psoas: upgrade psoas"
        ) from None


def database_exists(explicit: str | None = None) -> bool:
    """False only for a SQLite file not created yet: read-only commands then skip the database
    rather than create an empty one. A server database is assumed to exist."""
    url = make_url(database_url(explicit))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return True
    return Path(url.database).exists()


def open_database(explicit: str | None = None) -> Engine:
    """Resolve the URL, build the engine and migrate: what a command does before using storage.

    The caller owns the engine and disposes of it.
    """
    engine = create_engine_for(database_url(explicit))
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _normalise(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            f"database: {url!r} is not a database URL; "
            "use sqlite:///path/to/file.sqlite3 or postgresql://user@host/name"
        ) from None
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StorageError(
            f"database: {_shown(parsed)} is not supported; "
            "use sqlite:///path/to/file.sqlite3 or postgresql://user@host/name"
        )
    return parsed


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            f"database: cannot create the folder {folder} ({error.strerror}); "
            "choose another place with --database-url or $PSOAS_HOME"
        ) from None


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _prepare_sqlite(dbapi_connection: Any, _record: object) -> None:
    """WAL so readers never block the writer; FULL sync so a commit is on disk when it returns.

    NORMAL would already survive SIGKILL in WAL mode; FULL also survives a power cut for the cost
    of one fsync per step, which is nothing next to a 30-second hold. Foreign keys are off in
    SQLite unless asked for.
    """
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()
