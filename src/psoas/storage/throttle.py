"""Counts of failed sign-ins per key in a fixed window, kept in the database so that every
server process (and every instance behind a load balancer) sees the same counts.

Keys arrive hashed; this module neither knows nor cares what they count.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, delete, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from psoas.storage.failures import storage_errors
from psoas.storage.tables import ThrottleRow, UTCDateTime


class ThrottleRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def windows(
        self, *, key_hashes: Sequence[str], now: datetime, window: timedelta
    ) -> list[tuple[int, datetime]]:
        """(attempts, window start) of each key whose window is still open."""
        statement = select(ThrottleRow.attempts, ThrottleRow.window_started_at).where(
            ThrottleRow.key_hash.in_(list(key_hashes)),
            ThrottleRow.window_started_at > now - window,
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            return [(row.attempts, row.window_started_at) for row in connection.execute(statement)]

    def count(self, *, key_hashes: Sequence[str], now: datetime, window: timedelta) -> None:
        """One more attempt for each key: a key whose window has passed starts a new one. Rows
        of passed windows are swept while at it, so the table holds only open windows."""
        expired = ThrottleRow.window_started_at <= now - window
        with storage_errors(self._engine), self._engine.begin() as connection:
            insert_ = (
                postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            )
            for key_hash in sorted(set(key_hashes)):  # one order: no deadlock between two
                statement = insert_(ThrottleRow).values(
                    key_hash=key_hash, attempts=1, window_started_at=now
                )
                connection.execute(
                    statement.on_conflict_do_update(
                        index_elements=[ThrottleRow.key_hash],
                        set_={
                            "attempts": case((expired, 1), else_=ThrottleRow.attempts + 1),
                            "window_started_at": case(
                                (expired, literal(now, UTCDateTime())),
                                else_=ThrottleRow.window_started_at,
                            ),
                        },
                    )
                )
            connection.execute(delete(ThrottleRow).where(expired))

    def forget(self, *, key_hashes: Sequence[str]) -> None:
        statement = delete(ThrottleRow).where(ThrottleRow.key_hash.in_(list(key_hashes)))
        with storage_errors(self._engine), self._engine.begin() as connection:
            connection.execute(statement)

    def size(self) -> int:
        """Rows held: what a flood of sign-ins has cost the database."""
        with storage_errors(self._engine), self._engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(ThrottleRow)).scalar_one()
