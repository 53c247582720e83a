"""Check-ins, imported runs and plan changes: append-only records, each owned by one person.

Reads return domain values; a stored record that no longer validates (content retired a value)
raises StorageError naming the record, rather than a traceback.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, func, insert, literal, select, union_all

from psoas.domain.activity import COUNTS_AS, ActivitySummary
from psoas.domain.progress import ProgressCheckIn, RecordedCheckIn
from psoas.domain.progression import PlanChange
from psoas.storage.failures import storage_errors, stored
from psoas.storage.records import StoredRun
from psoas.storage.tables import ActivityRow, CheckInRow, PlanChangeRow, ProfileRow

# Built once: building it costs ten times what SQLite takes to answer it.
PLAN_INPUTS = union_all(
    *(
        select(literal(order), func.count(), func.max(id_), func.max(moment)).where(
            owner == bindparam("person")
        )
        for order, id_, moment, owner in (
            (0, ProfileRow.id, ProfileRow.saved_at, ProfileRow.person_id),
            (1, CheckInRow.id, CheckInRow.recorded_at, CheckInRow.person_id),
            (2, PlanChangeRow.id, PlanChangeRow.recorded_at, PlanChangeRow.person_id),
        )
    )
)


class ProgressRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_check_in(self, *, person_id: int, check_in: ProgressCheckIn, now: datetime) -> int:
        statement = (
            insert(CheckInRow)
            .values(
                person_id=person_id,
                day=check_in.on,
                pain_now=check_in.pain_now,
                data=check_in.model_dump(mode="json"),
                recorded_at=now,
            )
            .returning(CheckInRow.id)
        )
        with storage_errors(self._engine), self._engine.begin() as connection:
            return connection.execute(statement).scalar_one()

    def check_ins(
        self, *, person_id: int, since: date | None = None, until: date | None = None
    ) -> list[RecordedCheckIn]:
        """Oldest first (by day, then by when recorded)."""
        statement = select(CheckInRow.id, CheckInRow.recorded_at, CheckInRow.data).where(
            CheckInRow.person_id == person_id
        )
        if since is not None:
            statement = statement.where(CheckInRow.day >= since)
        if until is not None:
            statement = statement.where(CheckInRow.day <= until)
        statement = statement.order_by(CheckInRow.day, CheckInRow.id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return [
            RecordedCheckIn(
                id=row.id,
                recorded_at=row.recorded_at,
                check_in=stored(
                    self._engine, ProgressCheckIn, row.data, f"check-in {row.id} no longer fits"
                ),
            )
            for row in rows
        ]

    def add_runs(
        self,
        *,
        person_id: int,
        runs: Sequence[tuple[date, ActivitySummary]],
        file_name: str,
        now: datetime,
    ) -> list[tuple[StoredRun, bool]]:
        """Store the activities of one file, all or none. One already stored for this person
        (same start time and sport) is not stored again: it comes back with True."""
        done: list[tuple[StoredRun, bool]] = []
        with storage_errors(self._engine), self._engine.begin() as connection:
            for day, summary in runs:
                existing = None
                if summary.started_at is not None:
                    existing = connection.execute(
                        select(ActivityRow)
                        .where(
                            ActivityRow.person_id == person_id,
                            ActivityRow.started_at == summary.started_at,
                            ActivityRow.sport == summary.sport,
                        )
                        .order_by(ActivityRow.id)
                        .limit(1)
                    ).first()
                if existing is not None:
                    done.append((_stored(existing), True))
                    continue
                run_id = connection.execute(
                    insert(ActivityRow)
                    .values(
                        person_id=person_id,
                        day=day,
                        started_at=summary.started_at,
                        format=summary.format,
                        file_name=file_name[:255],
                        distance_m=summary.distance_m,
                        duration_s=summary.duration_s,
                        elevation_gain_m=summary.elevation_gain_m,
                        max_sustained_grade_pct=summary.max_sustained_grade_pct,
                        hilly=summary.hilly,
                        sport=summary.sport,
                        terrain=summary.terrain,
                        device_elevation_gain_m=summary.device_elevation_gain_m,
                        moving_time_s=summary.moving_time_s,
                        point_count=summary.point_count,
                        notes=list(summary.notes),
                        imported_at=now,
                    )
                    .returning(ActivityRow.id)
                ).scalar_one()
                stored_run = StoredRun(
                    id=run_id, day=day, file_name=file_name[:255], imported_at=now, summary=summary
                )
                done.append((stored_run, False))
        return done

    def add_run(
        self, *, person_id: int, day: date, file_name: str, summary: ActivitySummary, now: datetime
    ) -> int:
        """One activity (stored again even if it was before; tests and imports of old data)."""
        [(stored_run, _)] = self.add_runs(
            person_id=person_id, runs=[(day, summary)], file_name=file_name, now=now
        )
        return stored_run.id

    def runs(self, *, person_id: int, since: date | None = None) -> list[StoredRun]:
        statement = select(ActivityRow).where(ActivityRow.person_id == person_id)
        if since is not None:
            statement = statement.where(ActivityRow.day >= since)
        statement = statement.order_by(ActivityRow.day, ActivityRow.id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return [_stored(row) for row in rows]

    def add_changes(self, *, person_id: int, changes: Sequence[PlanChange], now: datetime) -> None:
        """All or none: a review's changes land together."""
        if not changes:
            return
        values = [
            {
                "person_id": person_id,
                "day": change.on,
                "kind": change.kind,
                "data": change.model_dump(mode="json"),
                "recorded_at": now,
            }
            for change in changes
        ]
        with storage_errors(self._engine), self._engine.begin() as connection:
            connection.execute(insert(PlanChangeRow), values)

    def plan_inputs_version(self, *, person_id: int) -> tuple[Any, ...]:
        """What the plan in force is made of, in one cheap query: per table (saved check-ins,
        progress check-ins, plan changes) how many rows, the last id and the last time. Rows are
        only added, or deleted all together with a person's data; so a new record, or data
        deleted and written again (new times), gives a new version. The first value is the
        number of saved check-ins: 0 means no plan yet."""
        with storage_errors(self._engine), self._engine.connect() as connection:
            rows = sorted(
                tuple(row) for row in connection.execute(PLAN_INPUTS, {"person": person_id})
            )
        return tuple(value for row in rows for value in row[1:])

    def changes(self, *, person_id: int) -> list[PlanChange]:
        """Oldest first."""
        statement = (
            select(PlanChangeRow.id, PlanChangeRow.data)
            .where(PlanChangeRow.person_id == person_id)
            .order_by(PlanChangeRow.day, PlanChangeRow.id)
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return [
            stored(self._engine, PlanChange, row.data, f"plan change {row.id} no longer fits")
            for row in rows
        ]


def _stored(row: Any) -> StoredRun:
    return StoredRun(
        id=row.id,
        day=row.day,
        file_name=row.file_name,
        imported_at=row.imported_at,
        summary=ActivitySummary(
            format=row.format,
            sport=row.sport,
            counts_as=COUNTS_AS[row.sport],
            started_at=row.started_at,
            distance_m=row.distance_m,
            duration_s=row.duration_s,
            moving_time_s=row.moving_time_s,
            elevation_gain_m=row.elevation_gain_m,
            device_elevation_gain_m=row.device_elevation_gain_m,
            max_sustained_grade_pct=row.max_sustained_grade_pct,
            terrain=row.terrain,
            hilly=row.hilly,
            point_count=row.point_count,
            notes=tuple(row.notes),
        ),
    )
