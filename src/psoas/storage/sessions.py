"""Exercise sessions, written step by step so a killed process loses at most the step in progress.

Every method is its own committed transaction. The status column says 'in-progress' until
``finish_session`` runs; a process killed mid-session never gets to run it, and nothing in the
database can tell a dead session from one still running in another window.

What a session reports is decided in one place, ``reported_status``: 'completed' once every
planned step has an outcome (done or skipped), whether or not the after-session questions were
answered, as they are optional; else 'partial', with what was done. ``ended_at is None`` marks
those never closed. ``resume_point`` carries on from the latest one.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast, get_args

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    case,
    delete,
    false,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from psoas.storage.errors import SessionClosed, SessionGone, StepAlreadyRecorded, StorageError
from psoas.storage.failures import storage_errors
from psoas.storage.records import (
    FinishStatus,
    ReportedStatus,
    ResumePoint,
    SessionOutcome,
    SessionPlan,
    SessionSummary,
    SkippedStep,
)
from psoas.storage.tables import Feel, SessionRow, Side, StepOutcome, StepRow


class SessionRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def start_session(
        self,
        *,
        person_id: int,
        plan_day: int,
        planned_steps: int,
        plan: Mapping[str, Any],
        pain_before: int | None,
        now: datetime,
        client_key: str | None = None,
    ) -> int:
        """Open a session; ``plan`` is the JSON snapshot history and resume read back.

        With a ``client_key`` (a device's own name for a session it started offline), a second
        start with the same key opens nothing and returns the session the first one opened."""
        values = {
            "person_id": person_id,
            "client_key": client_key,
            "plan_day": plan_day,
            "started_at": now,
            "status": "in-progress",
            "planned_steps": planned_steps,
            "pain_before": pain_before,
            "plan": dict(plan),
        }
        with storage_errors(self._engine), self._engine.begin() as connection:
            if client_key is None:
                statement = insert(SessionRow).values(values).returning(SessionRow.id)
                return connection.execute(statement).scalar_one()
            insert_ = (
                postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            )
            added = connection.execute(
                insert_(SessionRow)
                .values(values)
                .on_conflict_do_nothing(
                    index_elements=[SessionRow.person_id, SessionRow.client_key]
                )
                .returning(SessionRow.id)
            ).scalar_one_or_none()
            if added is not None:
                return added
            return connection.execute(
                select(SessionRow.id).where(
                    SessionRow.person_id == person_id, SessionRow.client_key == client_key
                )
            ).scalar_one()

    def session_for_client_key(self, *, person_id: int, client_key: str) -> int | None:
        """The session a device started offline under ``client_key``, if it has reached us."""
        statement = select(SessionRow.id).where(
            SessionRow.person_id == person_id, SessionRow.client_key == client_key
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            found: int | None = connection.execute(statement).scalar_one_or_none()
            return found

    def record_step(
        self,
        *,
        session_id: int,
        step_index: int,
        exercise_id: str,
        side: Side | None,
        set_number: int,
        outcome: StepOutcome,
        skip_reason: str | None,
        now: datetime,
        open_only: bool = False,
    ) -> None:
        """Commit one step. Recording the same step again (a retry) changes nothing.

        A different outcome for a step already recorded is refused: history is not rewritten.
        A step racing a delete is ``SessionGone``, never a broken key. With ``open_only`` (the
        browser player and the API) the step goes in only while the session is not finished,
        decided in the same statement (see ``close_session``): a step racing a finish is
        counted by it or refused with ``SessionClosed``. The terminal player may carry on a
        session closed as partial, so it does not ask for that.
        """
        values = {
            "session_id": session_id,
            "step_index": step_index,
            "exercise_id": exercise_id,
            "side": side,
            "set_number": set_number,
            "outcome": outcome,
            "skip_reason": skip_reason,
            "recorded_at": now,
        }
        with storage_errors(self._engine), self._engine.begin() as connection:
            _lock_session(connection, session_id, shared=True)
            insert_ = _insert_step(connection, values, open_only=open_only)
            if connection.execute(insert_).first() is not None:
                return
            session = connection.execute(
                select(SessionRow.planned_steps, SessionRow.ended_at).where(
                    SessionRow.id == session_id
                )
            ).one_or_none()
            if session is None:
                raise SessionGone(f"session {session_id} does not exist")
            if not 0 <= step_index < session.planned_steps:
                raise ValueError(
                    f"step {step_index} is outside the {session.planned_steps} steps planned"
                )
            if open_only and session.ended_at is not None:
                raise SessionClosed(f"session {session_id} is finished; start a new one")
            _check_same(connection, values)

    def close_session(
        self,
        *,
        person_id: int,
        session_id: int,
        pain_after: int | None,
        feel: Feel | None,
        note: str | None,
        now: datetime,
    ) -> FinishStatus:
        """Finish an open session of this person's, once: 'completed' when every planned step
        has an outcome, else 'partial', counted in the same guarded statement that closes it.

        Two finishes racing each other: one closes it, the other gets ``SessionClosed``. A step
        racing the finish is counted or refused (see ``record_step``), never left out of a
        session that then says 'partial'. ``SessionGone`` when it is not there or not theirs.
        """
        recorded = (
            select(func.count())
            .select_from(StepRow)
            .where(StepRow.session_id == SessionRow.id)
            .scalar_subquery()
        )
        status = case((recorded >= SessionRow.planned_steps, "completed"), else_="partial")
        statement = (
            update(SessionRow)
            .where(
                SessionRow.id == session_id,
                SessionRow.person_id == person_id,
                SessionRow.ended_at.is_(None),
            )
            .values(status=status, pain_after=pain_after, feel=feel, note=note, ended_at=now)
            .returning(SessionRow.status)
        )
        with storage_errors(self._engine), self._engine.begin() as connection:
            _lock_session(connection, session_id, shared=False)
            closed = connection.execute(statement).scalar_one_or_none()
            if closed is not None:
                return cast(FinishStatus, closed)
            owner = connection.execute(
                select(SessionRow.person_id).where(SessionRow.id == session_id)
            ).scalar_one_or_none()
        if owner != person_id:
            raise SessionGone(f"session {session_id} does not exist")
        raise SessionClosed(f"session {session_id} is already finished")

    def finish_session(
        self,
        *,
        session_id: int,
        status: FinishStatus,
        pain_after: int | None,
        feel: Feel | None,
        note: str | None,
        now: datetime,
    ) -> None:
        if status not in get_args(FinishStatus):
            raise ValueError(f"a session finishes as partial or completed, not {status!r}")
        statement = (
            update(SessionRow)
            .where(SessionRow.id == session_id)
            .values(status=status, pain_after=pain_after, feel=feel, note=note, ended_at=now)
            .returning(SessionRow.id)
        )
        with storage_errors(self._engine), self._engine.begin() as connection:
            if connection.execute(statement).first() is None:
                raise StorageError(f"session {session_id} does not exist")

    def history(self, *, person_id: int, limit: int | None = None) -> list[SessionSummary]:
        """The person's sessions, newest first."""
        statement = (
            select(SessionRow)
            .where(SessionRow.person_id == person_id)
            .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
            .limit(limit)
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            sessions = connection.execute(statement).all()
            steps = _steps_of(connection, [session.id for session in sessions])
        return [_summary(session, steps[session.id]) for session in sessions]

    def outcomes(self, *, person_id: int, since: datetime | None = None) -> list[SessionOutcome]:
        """What progress needs from each session since `since`, oldest first, without the plan
        snapshots (the dashboard reads two years of these)."""
        statement = select(
            SessionRow.id,
            SessionRow.started_at,
            SessionRow.status,
            SessionRow.planned_steps,
            SessionRow.pain_before,
            SessionRow.pain_after,
        ).where(SessionRow.person_id == person_id)
        if since is not None:
            statement = statement.where(SessionRow.started_at >= since)
        statement = statement.order_by(SessionRow.started_at, SessionRow.id)
        held: dict[int, dict[str, None]] = defaultdict(dict)
        for_pain: dict[int, dict[str, None]] = defaultdict(dict)
        with storage_errors(self._engine), self._engine.connect() as connection:
            sessions = connection.execute(statement).all()
            steps = connection.execute(
                select(StepRow.session_id, StepRow.exercise_id, StepRow.skip_reason)
                .join(SessionRow, SessionRow.id == StepRow.session_id)
                .where(SessionRow.person_id == person_id)
                .where(SessionRow.started_at >= since if since is not None else true())
                .order_by(StepRow.session_id, StepRow.step_index)
            ).all()
        recorded: dict[int, int] = defaultdict(int)
        for step in steps:
            recorded[step.session_id] += 1
            held[step.session_id][step.exercise_id] = None
            if step.skip_reason == "pain":
                for_pain[step.session_id][step.exercise_id] = None
        return [
            SessionOutcome(
                id=row.id,
                started_at=row.started_at,
                completed=reported_status(row.status, recorded[row.id], row.planned_steps)
                == "completed",
                exercises=tuple(held[row.id]),
                skipped_for_pain=tuple(for_pain[row.id]),
                pain_before=row.pain_before,
                pain_after=row.pain_after,
            )
            for row in sessions
        ]

    def session(self, *, person_id: int, session_id: int) -> SessionSummary | None:
        """One session as history shows it; None when it is not this person's (or not there)."""
        statement = select(SessionRow).where(
            SessionRow.id == session_id, SessionRow.person_id == person_id
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            session = connection.execute(statement).one_or_none()
            if session is None:
                return None
            steps = _steps_of(connection, [session.id])
        return _summary(session, steps[session.id])

    def session_plan(self, *, person_id: int, session_id: int) -> SessionPlan | None:
        """The plan snapshot of a session of this person's; None when it is not theirs."""
        statement = select(
            SessionRow.id,
            SessionRow.plan_day,
            SessionRow.planned_steps,
            SessionRow.plan,
            SessionRow.ended_at,
        ).where(SessionRow.id == session_id, SessionRow.person_id == person_id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            row = connection.execute(statement).one_or_none()
        if row is None:
            return None
        return SessionPlan(row.id, row.plan_day, row.planned_steps, row.plan, row.ended_at)

    def delete_session(self, *, person_id: int, session_id: int) -> bool:
        """Delete a session of this person's with its steps; False when there was none."""
        statement = (
            delete(SessionRow)
            .where(SessionRow.id == session_id, SessionRow.person_id == person_id)
            .returning(SessionRow.id)
        )
        with storage_errors(self._engine), self._engine.begin() as connection:
            return connection.execute(statement).first() is not None

    def recorded_steps(self, *, session_id: int) -> dict[int, StepOutcome]:
        """Outcome of every step already recorded for the session, by step index."""
        statement = select(StepRow.step_index, StepRow.outcome).where(
            StepRow.session_id == session_id
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return {row.step_index: cast(StepOutcome, row.outcome) for row in rows}

    def resume_point(self, *, person_id: int, session_id: int | None = None) -> ResumePoint | None:
        """Where to carry on with ``session_id``, or else with the person's latest session.

        None when that session is completed or every planned step has an outcome. Skipped steps
        count as decided (often for pain), so resuming never offers them again. Only the latest
        session is picked by default: once a newer one starts, an older one is history.
        """
        statement = select(SessionRow).where(SessionRow.person_id == person_id)
        if session_id is None:
            statement = statement.order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
        else:
            statement = statement.where(SessionRow.id == session_id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            session = connection.execute(statement.limit(1)).one_or_none()
            if session is None:
                if session_id is None:
                    return None
                raise StorageError(f"session {session_id} does not exist")
            recorded = set(
                connection.execute(
                    select(StepRow.step_index).where(StepRow.session_id == session.id)
                ).scalars()
            )
        if session.status == "completed":
            return None
        left = [index for index in range(session.planned_steps) if index not in recorded]
        if not left:
            return None
        return ResumePoint(
            session_id=session.id,
            plan_day=session.plan_day,
            step_index=left[0],
            planned_steps=session.planned_steps,
            plan=session.plan,
        )


def _lock_session(connection: Connection, session_id: int, *, shared: bool) -> None:
    """On PostgreSQL, lock the session's row until commit: steps share the lock, a finish or a
    delete takes it alone, so each waits for the other and then sees what it committed (each
    statement in READ COMMITTED reads afresh). SQLite needs nothing: each guarded change below
    is one statement, and SQLite runs one writer at a time."""
    if connection.dialect.name == "postgresql":
        lock = select(SessionRow.id).where(SessionRow.id == session_id)
        connection.execute(lock.with_for_update(read=shared))


def _insert_step(connection: Connection, values: dict[str, Any], *, open_only: bool) -> Any:
    """INSERT of a step, if its session is there (and open, with ``open_only``) and has that
    step, and the step is not there yet; both dialects spell it alike. It returns the key of a
    new row and no row otherwise: rowcount is not reliable for this on psycopg."""
    columns = list(values)
    source = select(*(literal(values[name], StepRow.__table__.c[name].type) for name in columns))
    session = select(SessionRow.id).where(
        SessionRow.id == values["session_id"],
        SessionRow.planned_steps > values["step_index"],
        true() if values["step_index"] >= 0 else false(),
    )
    if open_only:
        session = session.where(SessionRow.ended_at.is_(None))
    source = source.where(session.exists())
    insert_ = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    return (
        insert_(StepRow)
        .from_select(columns, source)
        .on_conflict_do_nothing(index_elements=[StepRow.session_id, StepRow.step_index])
        .returning(StepRow.step_index)
    )


def _check_same(connection: Connection, values: dict[str, Any]) -> None:
    compared = ("exercise_id", "side", "set_number", "outcome", "skip_reason")
    existing = connection.execute(
        select(*(getattr(StepRow, name) for name in compared)).where(
            StepRow.session_id == values["session_id"],
            StepRow.step_index == values["step_index"],
        )
    ).one()
    if tuple(existing) != tuple(values[name] for name in compared):
        raise StepAlreadyRecorded(
            f"session {values['session_id']}: step {values['step_index']} is already recorded "
            f"as {existing.outcome} ({existing.exercise_id}); a step is recorded once"
        )


def _steps_of(connection: Connection, session_ids: Sequence[int]) -> dict[int, list[Row[Any]]]:
    by_session: dict[int, list[Row[Any]]] = defaultdict(list)
    if not session_ids:
        return by_session
    rows = connection.execute(
        select(StepRow)
        .where(StepRow.session_id.in_(session_ids))
        .order_by(StepRow.session_id, StepRow.step_index)
    )
    for row in rows:
        by_session[row.session_id].append(row)
    return by_session


def reported_status(stored: str, recorded_steps: int, planned_steps: int) -> ReportedStatus:
    """The one rule for what a session counts as, in history, the API and progress: completed
    when it was closed as completed or every planned step has an outcome (the after-session
    questions are optional, so a session played to the end without them is complete too);
    partial otherwise, however it stopped."""
    if stored == "completed" or recorded_steps >= planned_steps:
        return "completed"
    return "partial"


def _summary(session: Row[Any], steps: list[Row[Any]]) -> SessionSummary:
    return SessionSummary(
        id=session.id,
        plan_day=session.plan_day,
        started_at=session.started_at,
        ended_at=session.ended_at,
        status=reported_status(session.status, len(steps), session.planned_steps),
        steps_done=sum(1 for step in steps if step.outcome == "done"),
        steps_planned=session.planned_steps,
        skipped=tuple(
            SkippedStep(
                step_index=step.step_index,
                exercise_id=step.exercise_id,
                side=cast(Side | None, step.side),
                set_number=step.set_number,
                reason=step.skip_reason,
            )
            for step in steps
            if step.outcome == "skipped"
        ),
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        feel=cast(Feel | None, session.feel),
        note=session.note,
    )
