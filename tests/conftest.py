"""Fixtures shared across test folders: a real database on each backend."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from psoas.storage import upgrade

# Override with PSOAS_TEST_POSTGRES_URL to use another server; each test gets its own database.
POSTGRES_ADMIN_URL = os.environ.get(
    "PSOAS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved profiles and the default database go to a temporary folder, never the developer's
    own: a test that runs a command without --database-url must not read or migrate real data."""
    home = tmp_path / "home"
    monkeypatch.setenv("PSOAS_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    if os.environ.get("PSOAS_SKIP_POSTGRES") == "1":
        pytest.skip("PostgreSQL tests skipped: PSOAS_SKIP_POSTGRES=1")
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        engine.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} "
            f"({str(error.orig).splitlines()[0]}). "
            "`sudo scripts/setup-system.sh` installs and starts it; PSOAS_SKIP_POSTGRES=1 skips "
            "these tests.",
            pytrace=False,
        )
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nobody has used: a new SQLite file, or a new uniquely named PG database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'psoas.sqlite3'}"
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    name = f"psoas_test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            # A killed client's backend may linger for a moment; end it so DROP can run.
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def database_url(empty_database_url: str) -> str:
    """A migrated database on each backend."""
    upgrade(empty_database_url)
    return empty_database_url
