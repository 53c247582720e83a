"""Break reminders: a person's settings, the running timer and the event log.

The timer is stepped by more than one process (the reminder itself, and answers from the CLI or
a web page), so every write names the version it read: a write that lost the race returns False
and the caller reads again and retries, instead of undoing the other write.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from psoas.domain.breaks import BreakEvent, BreakSettings, BreakTimer, RecordedBreakEvent
from psoas.storage.failures import storage_errors, stored
from psoas.storage.tables import BreakEventRow, BreakSettingsRow, BreakTimerRow, TimerDriver


@dataclass(frozen=True, slots=True)
class StoredTimer:
    timer: BreakTimer
    driver: TimerDriver
    version: int
    heartbeat_at: datetime
    pid: int | None
    details: dict[str, Any]


class BreakRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def settings(self, *, person_id: int) -> BreakSettings | None:
        statement = select(BreakSettingsRow.data).where(BreakSettingsRow.person_id == person_id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            data = connection.execute(statement).scalar_one_or_none()
        if data is None:
            return None
        return stored(self._engine, BreakSettings, data, "break settings")

    def save_settings(self, *, person_id: int, settings: BreakSettings, now: datetime) -> None:
        data = settings.model_dump(mode="json")
        with storage_errors(self._engine), self._engine.begin() as connection:
            changed = connection.execute(
                update(BreakSettingsRow)
                .where(BreakSettingsRow.person_id == person_id)
                .values(data=data, updated_at=now)
            ).rowcount
            if not changed:
                connection.execute(
                    insert(BreakSettingsRow).values(person_id=person_id, data=data, updated_at=now)
                )

    def timer(self, *, person_id: int) -> StoredTimer | None:
        statement = select(BreakTimerRow).where(BreakTimerRow.person_id == person_id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            row = connection.execute(statement).one_or_none()
        if row is None:
            return None
        return StoredTimer(
            timer=stored(self._engine, BreakTimer, row.data, "break timer"),
            driver=row.driver,
            version=row.version,
            heartbeat_at=row.heartbeat_at,
            pid=row.pid,
            details=dict(row.details),
        )

    def start_timer(
        self,
        *,
        person_id: int,
        timer: BreakTimer,
        driver: TimerDriver,
        now: datetime,
        pid: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> int:
        """Replaces any timer the person had; returns the new version."""
        with storage_errors(self._engine), self._engine.begin() as connection:
            old = connection.execute(
                select(BreakTimerRow.version).where(BreakTimerRow.person_id == person_id)
            ).scalar_one_or_none()
            connection.execute(delete(BreakTimerRow).where(BreakTimerRow.person_id == person_id))
            version = (old or 0) + 1
            connection.execute(
                insert(BreakTimerRow).values(
                    person_id=person_id,
                    driver=driver,
                    data=timer.model_dump(mode="json"),
                    version=version,
                    heartbeat_at=now,
                    pid=pid,
                    details=details or {},
                )
            )
        return version

    def step_timer(
        self,
        *,
        person_id: int,
        version: int,
        timer: BreakTimer,
        events: Sequence[BreakEvent],
        heartbeat_at: datetime | None = None,
    ) -> bool:
        """The new state and its events together, if nobody wrote since `version` was read."""
        values: dict[str, Any] = {"data": timer.model_dump(mode="json"), "version": version + 1}
        if heartbeat_at is not None:
            values["heartbeat_at"] = heartbeat_at
        with storage_errors(self._engine), self._engine.begin() as connection:
            changed = connection.execute(
                update(BreakTimerRow)
                .where(BreakTimerRow.person_id == person_id, BreakTimerRow.version == version)
                .values(**values)
            ).rowcount
            if not changed:
                return False
            if events:
                connection.execute(
                    insert(BreakEventRow),
                    [_event_row(person_id, event) for event in events],
                )
        return True

    def stop_timer(self, *, person_id: int, pid: int | None = None) -> bool:
        """Removes the timer (only the one that process runs, when pid is given)."""
        statement = delete(BreakTimerRow).where(BreakTimerRow.person_id == person_id)
        if pid is not None:
            statement = statement.where(BreakTimerRow.pid == pid)
        with storage_errors(self._engine), self._engine.begin() as connection:
            return bool(connection.execute(statement).rowcount)

    def events(self, *, person_id: int, since: date | None = None) -> list[RecordedBreakEvent]:
        """Oldest first."""
        statement = select(BreakEventRow).where(BreakEventRow.person_id == person_id)
        if since is not None:
            statement = statement.where(BreakEventRow.day >= since)
        statement = statement.order_by(BreakEventRow.at, BreakEventRow.id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return [
            RecordedBreakEvent(
                id=row.id,
                event=stored(
                    self._engine,
                    BreakEvent,
                    {
                        "at": row.at,
                        "day": row.day,
                        "kind": row.kind,
                        "mode": row.mode,
                        "minutes": row.minutes,
                    },
                    f"break event {row.id}",
                ),
            )
            for row in rows
        ]


def _event_row(person_id: int, event: BreakEvent) -> dict[str, Any]:
    return {"person_id": person_id, **event.model_dump()}
