"""Choosing the database, setting up SQLite for durability, and failing with one clear line."""

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from psoas.storage import (
    LOCAL_PERSON_ID,
    SessionRepository,
    StorageError,
    create_engine_for,
    database_url,
    open_database,
    upgrade,
)


def test_explicit_url_beats_the_environment_which_beats_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PSOAS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PSOAS_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{tmp_path / 'home' / 'psoas.sqlite3'}"
    monkeypatch.setenv("PSOAS_DATABASE_URL", "postgresql://me@db/psoas")
    assert database_url() == "postgresql://me@db/psoas"
    assert database_url("sqlite:///elsewhere.db") == "sqlite:///elsewhere.db"


def test_without_psoas_home_the_file_is_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PSOAS_HOME", raising=False)
    monkeypatch.delenv("PSOAS_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = tmp_path / "data" / "psoas-coach" / "psoas.sqlite3"
    assert database_url() == f"sqlite:///{expected}"


def test_postgresql_urls_use_psycopg_3() -> None:
    for url in ("postgresql://me@db/psoas", "postgres://me@db/psoas"):
        engine = create_engine_for(url)
        assert engine.url.drivername == "postgresql+psycopg"
        engine.dispose()


@pytest.mark.parametrize("url", ["mysql://me@db/psoas", "not a url"])
def test_other_urls_are_refused_with_what_to_use(url: str) -> None:
    with pytest.raises(StorageError, match=r"use sqlite:///.* or postgresql://"):
        create_engine_for(url)


def test_sqlite_commits_are_durable_and_foreign_keys_enforced(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'new' / 'folder' / 'p.sqlite3'}")
    try:
        with engine.connect() as connection:
            pragma = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar_one()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_a_corrupt_file_is_named_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "psoas.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes\n" * 200)
    with pytest.raises(StorageError) as raised:
        upgrade(f"sqlite:///{path}")
    message = str(raised.value)
    assert message.startswith(f"database: {path} is not a valid SQLite database (")
    assert "file is not a database" in message
    assert "\n" not in message
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__


def test_a_file_corrupted_after_use_fails_the_same_way_in_a_repository(tmp_path: Path) -> None:
    path = tmp_path / "psoas.sqlite3"
    upgrade(f"sqlite:///{path}")
    path.write_bytes(b"\0garbage" * 1000)
    for leftover in tmp_path.glob("psoas.sqlite3-*"):
        leftover.unlink()
    engine = create_engine_for(f"sqlite:///{path}")
    try:
        with pytest.raises(StorageError, match=f"^database: {re.escape(str(path))} is not a valid"):
            SessionRepository(engine).history(person_id=LOCAL_PERSON_ID)
    finally:
        engine.dispose()


def test_an_unreachable_server_is_named_without_its_password() -> None:
    with pytest.raises(StorageError) as raised:
        upgrade("postgresql://postgres:secret@127.0.0.1:1/psoas")
    message = str(raised.value)
    assert message.startswith("database: cannot connect to postgresql+psycopg://postgres:***@")
    assert "secret" not in message
    assert "\n" not in message


def test_a_database_from_a_newer_psoas_says_to_upgrade(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(StorageError, match="written by a newer psoas: upgrade psoas"):
            upgrade(engine)
    finally:
        engine.dispose()
