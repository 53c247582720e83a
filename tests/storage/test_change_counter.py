"""The SQLite change counter: the same value while nobody commits, a new one after any commit
by another connection or process, and "don't know" rather than a wait or a stale answer."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine

from psoas.storage import ChangeCounter, change_counter_for, create_engine_for, upgrade


def database(tmp_path: Path) -> Path:
    path = tmp_path / "psoas.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


def commit(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS scratch (n INTEGER)")
        connection.execute("INSERT INTO scratch VALUES (1)")


def test_the_value_stays_until_someone_commits(tmp_path: Path) -> None:
    path = database(tmp_path)
    counter = ChangeCounter(path)
    first = counter.read()
    assert first is not None
    assert counter.read() == first
    commit(path)
    second = counter.read()
    assert second not in (None, first)
    assert counter.read() == second


def test_a_commit_by_another_process_changes_it(tmp_path: Path) -> None:
    path = database(tmp_path)
    counter = ChangeCounter(path)
    before = counter.read()
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('CREATE TABLE t (n INTEGER)'); c.commit()"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert counter.read() not in (None, before)


def test_a_missing_or_replaced_file_never_reads_as_unchanged(tmp_path: Path) -> None:
    path = database(tmp_path)
    counter = ChangeCounter(path)
    before = counter.read()
    path.rename(tmp_path / "moved.sqlite3")
    assert counter.read() is None
    database(tmp_path)  # a new file at the same place
    after = counter.read()
    assert after is not None
    assert after != before


def test_only_a_sqlite_file_has_one(tmp_path: Path) -> None:
    assert change_counter_for(create_engine_for(f"sqlite:///{tmp_path / 'a.sqlite3'}"))
    assert change_counter_for(create_engine("sqlite://")) is None
    assert change_counter_for(create_engine("postgresql+psycopg://localhost/x")) is None
