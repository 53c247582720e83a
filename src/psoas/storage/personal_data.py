"""Everything one person has, as plain rows: to export, to restore from an export, or to delete.

A person's data is their saved profiles, their sessions with the steps of each, progress
check-ins, imported runs, plan changes, break-reminder events and break settings (at most one
row, with no id of its own). A running break timer is a process's state, not data: it is deleted
with the rest but never exported. The ``people`` row is not: it holds the account
(username, password and API token hashes) and the browser logins hang off it. It stays, so after
``delete_all`` the local person or the account still exists and can start again, and an import
lands in whichever person runs it.

Rows come out JSON-ready: dates as ``YYYY-MM-DD``, times as ISO 8601 in UTC with the offset,
JSON columns as stored, no ``person_id``; steps are nested in their session under ``"steps"``.
``restore`` takes the same shape.
"""

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import Connection, Date, Engine, delete, func, insert, select
from sqlalchemy.sql.elements import KeyedColumnElement

from psoas.storage.failures import storage_errors
from psoas.storage.tables import (
    ActivityRow,
    BreakEventRow,
    BreakSettingsRow,
    BreakTimerRow,
    CheckInRow,
    Person,
    PlanChangeRow,
    ProfileRow,
    SessionRow,
    StepRow,
    UTCDateTime,
)

Owned = (
    type[ProfileRow]
    | type[SessionRow]
    | type[CheckInRow]
    | type[ActivityRow]
    | type[PlanChangeRow]
    | type[BreakEventRow]
)
Rows = dict[str, list[dict[str, Any]]]

# Plan changes are read first: everything they cite was stored before them, so it is still there
# when its own table is read a moment later.
TABLES: dict[str, Owned] = {
    "plan_changes": PlanChangeRow,
    "profiles": ProfileRow,
    "sessions": SessionRow,
    "check_ins": CheckInRow,
    "runs": ActivityRow,
    "break_events": BreakEventRow,
}
STEPS = "session_steps"
SETTINGS = "break_settings"
# Plan change evidence: the key in the change's data -> the table whose ids it holds.
EVIDENCE = ("sessions", "check_ins", "runs")
# The order counts are reported in.
ORDER = (
    "profiles",
    "sessions",
    STEPS,
    "check_ins",
    "runs",
    "plan_changes",
    "break_events",
    SETTINGS,
)


def _columns(
    table: Owned | type[StepRow] | type[BreakSettingsRow],
) -> list[KeyedColumnElement[Any]]:
    # client_key is a device's name for a session it started offline, only for that device to
    # send the start again; it is not the person's data, and an import made twice must not clash.
    hidden = {"person_id", "session_id", "client_key"}
    return [column for column in table.__table__.columns if column.key not in hidden]


class PersonalDataRepository:
    # The columns of each table as exported; session_steps name their session.
    COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        name: ("session_id", *(c.key for c in _columns(StepRow)))
        if name == STEPS
        else tuple(c.key for c in _columns(BreakSettingsRow))
        if name == SETTINGS
        else tuple(c.key for c in _columns(TABLES[name]))
        for name in ORDER
    }

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def dump(self, *, person_id: int) -> Rows:
        """Every row of the person's, oldest first per table (by id; steps by index)."""
        with storage_errors(self._engine), self._engine.connect() as connection:
            tables = {name: _read(connection, table, person_id) for name, table in TABLES.items()}
            steps = connection.execute(
                select(StepRow.session_id, *_columns(StepRow))
                .join(SessionRow, SessionRow.id == StepRow.session_id)
                .where(SessionRow.person_id == person_id)
                .order_by(StepRow.session_id, StepRow.step_index)
            ).all()
            settings = connection.execute(
                select(*_columns(BreakSettingsRow)).where(BreakSettingsRow.person_id == person_id)
            ).all()
        tables[SETTINGS] = [_json_ready(row._mapping) for row in settings]
        by_session: dict[int, list[dict[str, Any]]] = {s["id"]: [] for s in tables["sessions"]}
        for step in steps:
            if step.session_id in by_session:  # not a session that started after it was read
                by_session[step.session_id].append(_json_ready(step._mapping, skip="session_id"))
        for session in tables["sessions"]:
            session["steps"] = by_session[session["id"]]
        return {name: tables[name] for name in ORDER if name != STEPS}

    def counts(self, *, person_id: int) -> dict[str, int]:
        """How many rows of each table are the person's."""
        queries = {
            name: select(func.count()).select_from(table).where(table.person_id == person_id)
            for name, table in TABLES.items()
        }
        queries[SETTINGS] = (
            select(func.count())
            .select_from(BreakSettingsRow)
            .where(BreakSettingsRow.person_id == person_id)
        )
        queries[STEPS] = (
            select(func.count())
            .select_from(StepRow)
            .join(SessionRow, SessionRow.id == StepRow.session_id)
            .where(SessionRow.person_id == person_id)
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            return {name: connection.execute(queries[name]).scalar_one() for name in ORDER}

    def restore(
        self,
        *,
        person_id: int,
        tables: Mapping[str, Sequence[Mapping[str, Any]]],
        replace: bool,
    ) -> dict[str, int]:
        """Insert rows shaped like ``dump``'s, all in one transaction; returns counts per table.

        ``replace`` deletes the person's rows first, in the same transaction. Every row gets a
        new id: the ids in ``tables`` only link steps to their session and plan changes to their
        evidence, and are mapped to the new ones. Evidence citing an id not in ``tables`` (a
        record deleted before the export) is dropped: kept, it would point at another record.
        """
        with storage_errors(self._engine), self._engine.begin() as connection:
            if replace:
                _delete_all(connection, person_id)
            new_ids = {
                name: _insert(connection, TABLES[name], person_id, tables.get(name, ()))
                for name in ("profiles", "sessions", "check_ins", "runs", "break_events")
            }
            settings = list(tables.get(SETTINGS, ()))[:1]
            for row in settings:
                # One set per person: the file's replaces any already there.
                connection.execute(
                    delete(BreakSettingsRow).where(BreakSettingsRow.person_id == person_id)
                )
                connection.execute(
                    insert(BreakSettingsRow).values(
                        person_id=person_id,
                        data=row["data"],
                        updated_at=datetime.fromisoformat(row["updated_at"]),
                    )
                )
            steps = [
                {**step, "session_id": new_ids["sessions"][session["id"]]}
                for session in tables.get("sessions", ())
                for step in session.get("steps", ())
            ]
            if steps:
                connection.execute(insert(StepRow), [_values(StepRow, step) for step in steps])
            changes = [
                {**change, "data": _remap(change["data"], new_ids)}
                for change in tables.get("plan_changes", ())
            ]
            _insert(connection, PlanChangeRow, person_id, changes)
        counts = {name: len(ids) for name, ids in new_ids.items()}
        counts |= {STEPS: len(steps), "plan_changes": len(changes), SETTINGS: len(settings)}
        return {name: counts[name] for name in ORDER}

    def delete_all(self, *, person_id: int) -> dict[str, int]:
        """Delete every row of the person's, in one transaction; returns counts per table.

        The people row (the local person, or the account with its logins) stays.
        """
        with storage_errors(self._engine), self._engine.begin() as connection:
            return _delete_all(connection, person_id)

    def person_name(self, *, person_id: int) -> str | None:
        statement = select(Person.name).where(Person.id == person_id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            return connection.execute(statement).scalar_one_or_none()


def _read(connection: Connection, table: Owned, person_id: int) -> list[dict[str, Any]]:
    statement = select(*_columns(table)).where(table.person_id == person_id).order_by(table.id)
    return [_json_ready(row._mapping) for row in connection.execute(statement)]


def _json_ready(row: Mapping[Any, Any], skip: str = "") -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in row.items()
        if key != skip
    }


def _values(table: Owned | type[StepRow], row: Mapping[str, Any]) -> dict[str, Any]:
    """Column values from a JSON-ready row: ISO text back to dates and aware datetimes."""
    values = {c.key: _from_json(c, row[c.key]) for c in _columns(table) if c.key != "id"}
    if table is StepRow:
        values["session_id"] = row["session_id"]
    return values


def _from_json(column: KeyedColumnElement[Any], value: Any) -> Any:
    if isinstance(value, str):
        if isinstance(column.type, UTCDateTime):
            return datetime.fromisoformat(value)
        if isinstance(column.type, Date):
            return date.fromisoformat(value)
    return value


def _insert(
    connection: Connection, table: Owned, person_id: int, rows: Sequence[Mapping[str, Any]]
) -> dict[int, int]:
    """Insert rows in order; returns their ids in ``rows`` -> the new ids."""
    if not rows:
        return {}
    values = [{**_values(table, row), "person_id": person_id} for row in rows]
    statement = insert(table).returning(table.id, sort_by_parameter_order=True)
    new = connection.execute(statement, values).scalars().all()
    return {row["id"]: new_id for row, new_id in zip(rows, new, strict=True)}


def _remap(data: Mapping[str, Any], new_ids: Mapping[str, Mapping[int, int]]) -> dict[str, Any]:
    remapped = dict(data)
    for key in EVIDENCE:
        if key in data:
            remapped[key] = [new_ids[key][old] for old in data[key] if old in new_ids[key]]
    return remapped


def _delete_all(connection: Connection, person_id: int) -> dict[str, int]:
    sessions = select(SessionRow.id).where(SessionRow.person_id == person_id)
    steps = connection.execute(delete(StepRow).where(StepRow.session_id.in_(sessions))).rowcount
    counts = {
        name: connection.execute(delete(table).where(table.person_id == person_id)).rowcount
        for name, table in TABLES.items()
    }
    counts[SETTINGS] = connection.execute(
        delete(BreakSettingsRow).where(BreakSettingsRow.person_id == person_id)
    ).rowcount
    connection.execute(delete(BreakTimerRow).where(BreakTimerRow.person_id == person_id))
    return {name: steps if name == STEPS else counts[name] for name in ORDER}
