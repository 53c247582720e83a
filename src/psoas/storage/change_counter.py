"""Whether anything was committed to a SQLite file since last asked, in a few microseconds.

SQLite's ``PRAGMA data_version`` changes, on a connection, whenever another connection (in this
process or any other, such as the CLI saving a check-in) commits to the file. A connection of
its own that only ever asks this, with no busy wait, answers without reading a table; the web
app uses it to know that what it read from the database a moment ago still stands (see
``web.hot_paths``).
"""

import itertools
import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

_connections = itertools.count(1)


class ChangeCounter:
    """``read()`` gives a value that differs after any commit to the file by anyone; None when
    it cannot be had at once (the file locked, missing or replaced), meaning: assume a change.
    For the one thread that asks (the event loop): the connection is not shared."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._identity: tuple[int, int, int] = (0, 0, 0)

    def read(self) -> tuple[int, int, int, int] | None:
        try:
            status = self._path.stat()
            if self._connection is None or self._identity[1:] != (status.st_dev, status.st_ino):
                self._reconnect(status)
            assert self._connection is not None
            row = self._connection.execute("PRAGMA data_version").fetchone()
        except (OSError, sqlite3.Error):
            self.close()
            return None
        # A new connection counts from its own start: its values never match an older one's.
        return (*self._identity, int(row[0]))

    def _reconnect(self, status: os.stat_result) -> None:
        self.close()
        # timeout=0: never wait for a lock on the event loop; a busy file reads as a change.
        self._connection = sqlite3.connect(
            f"{self._path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=0,
            isolation_level=None,
            check_same_thread=False,
        )
        self._identity = (next(_connections), status.st_dev, status.st_ino)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def change_counter_for(engine: Engine) -> ChangeCounter | None:
    """A counter for an engine on a SQLite file; None for PostgreSQL or a database in memory."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return ChangeCounter(Path(str(url.database)))
