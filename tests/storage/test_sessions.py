"""Recording a session step by step, reading history back and finding where to resume."""

from datetime import timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from psoas.storage import (
    LOCAL_PERSON_ID,
    PeopleRepository,
    SessionRepository,
    SessionSummary,
    SkippedStep,
    StepAlreadyRecorded,
    StorageError,
    create_engine_for,
)
from psoas.storage.tables import StepRow
from tests.storage.conftest import T0, at

PLAN: dict[str, Any] = {"day": 2, "steps": [{"exercise": "half-kneeling-hip-flexor-stretch"}]}


def start(sessions: SessionRepository, minutes: float = 0, person: int = LOCAL_PERSON_ID) -> int:
    return sessions.start_session(
        person_id=person, plan_day=2, planned_steps=4, plan=PLAN, pain_before=3, now=at(minutes)
    )


def done(sessions: SessionRepository, session: int, index: int, minutes: float = 1) -> None:
    sessions.record_step(
        session_id=session,
        step_index=index,
        exercise_id="half-kneeling-hip-flexor-stretch",
        side="left" if index % 2 == 0 else "right",
        set_number=1 + index // 2,
        outcome="done",
        skip_reason=None,
        now=at(minutes),
    )


def skip(sessions: SessionRepository, session: int, index: int, reason: str | None) -> None:
    sessions.record_step(
        session_id=session,
        step_index=index,
        exercise_id="glute-bridge",
        side=None,
        set_number=1,
        outcome="skipped",
        skip_reason=reason,
        now=at(2),
    )


def test_each_step_is_committed_as_it_is_recorded(engine: Engine, database_url: str) -> None:
    sessions = SessionRepository(engine)
    session = start(sessions)
    watcher = create_engine_for(database_url)
    try:
        for index in range(3):
            done(sessions, session, index)
            with watcher.connect() as connection:
                count = connection.execute(select(func.count()).select_from(StepRow)).scalar()
            assert count == index + 1
    finally:
        watcher.dispose()


def test_recording_a_step_again_does_not_duplicate_it(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    session = start(sessions)
    done(sessions, session, 0, minutes=1)
    done(sessions, session, 0, minutes=5)  # a retry after a lost acknowledgement
    with engine.connect() as connection:
        rows = connection.execute(select(StepRow.recorded_at)).scalars().all()
    assert rows == [at(1)]


def test_a_different_outcome_for_a_recorded_step_is_refused(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    session = start(sessions)
    done(sessions, session, 0)
    with pytest.raises(StepAlreadyRecorded, match="step 0 is already recorded as done"):
        skip(sessions, session, 0, "pain")


def test_steps_need_a_session_and_a_place_in_it(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    with pytest.raises(StorageError, match=r"^session 404 does not exist$"):
        done(sessions, 404, 0)
    with pytest.raises(ValueError, match="step 4 is outside the 4 steps planned"):
        done(sessions, start(sessions), 4)


def test_history_reports_what_was_done_skipped_and_felt(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    session = start(sessions)
    done(sessions, session, 0)
    skip(sessions, session, 1, "pain at the front of the hip")
    done(sessions, session, 2)
    done(sessions, session, 3)
    sessions.finish_session(
        session_id=session, status="completed", pain_after=1, feel="looser", note="easy", now=at(9)
    )
    assert sessions.history(person_id=LOCAL_PERSON_ID) == [
        SessionSummary(
            id=session,
            plan_day=2,
            started_at=T0,
            ended_at=at(9),
            status="completed",
            steps_done=3,
            steps_planned=4,
            skipped=(SkippedStep(1, "glute-bridge", None, 1, "pain at the front of the hip"),),
            pain_before=3,
            pain_after=1,
            feel="looser",
            note="easy",
        )
    ]


def test_an_unfinished_session_shows_as_partial_newest_first_and_only_its_owners(
    engine: Engine,
) -> None:
    sessions = SessionRepository(engine)
    older = start(sessions, minutes=0)
    sessions.finish_session(
        session_id=older, status="completed", pain_after=None, feel=None, note=None, now=at(5)
    )
    newer = start(sessions, minutes=60 * 24)
    done(sessions, newer, 0)
    other = PeopleRepository(engine).add_person(name="someone else", now=T0)
    start(sessions, person=other)
    history = sessions.history(person_id=LOCAL_PERSON_ID)
    assert [(s.id, s.status, s.steps_done, s.ended_at) for s in history] == [
        (newer, "partial", 1, None),
        (older, "completed", 0, at(5)),
    ]
    assert len(sessions.history(person_id=LOCAL_PERSON_ID, limit=1)) == 1


def test_every_step_decided_is_completed_without_the_after_session_questions(
    engine: Engine,
) -> None:
    """One status everywhere: all steps done or skipped is complete, closed or not, as the
    after-session questions are optional; a session ended early stays partial with its count."""
    sessions = SessionRepository(engine)
    played = start(sessions, minutes=0)
    for index in range(3):
        done(sessions, played, index)
    skip(sessions, played, 3, "no-time")
    stopped = start(sessions, minutes=60)
    done(sessions, stopped, 0)
    sessions.finish_session(
        session_id=stopped, status="partial", pain_after=None, feel=None, note=None, now=at(70)
    )
    history = sessions.history(person_id=LOCAL_PERSON_ID)
    assert [(s.id, s.status, s.steps_done, s.ended_at) for s in history] == [
        (stopped, "partial", 1, at(70)),
        (played, "completed", 3, None),
    ]
    assert [(o.id, o.completed) for o in sessions.outcomes(person_id=LOCAL_PERSON_ID)] == [
        (played, True),
        (stopped, False),
    ]
    assert sessions.resume_point(person_id=LOCAL_PERSON_ID, session_id=played) is None


def test_times_come_back_as_aware_utc(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    paris = timezone(timedelta(hours=1))
    session = sessions.start_session(
        person_id=LOCAL_PERSON_ID,
        plan_day=1,
        planned_steps=1,
        plan=PLAN,
        pain_before=None,
        now=T0.astimezone(paris),
    )
    [summary] = sessions.history(person_id=LOCAL_PERSON_ID)
    assert summary.id == session
    assert summary.started_at == T0
    assert summary.started_at.utcoffset() == timedelta(0)


def test_a_naive_time_is_refused(engine: Engine) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        SessionRepository(engine).start_session(
            person_id=LOCAL_PERSON_ID,
            plan_day=1,
            planned_steps=1,
            plan=PLAN,
            pain_before=None,
            now=T0.replace(tzinfo=None),
        )


def test_resume_starts_at_the_first_step_without_an_outcome(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    session = start(sessions)
    assert sessions.resume_point(person_id=LOCAL_PERSON_ID) is not None
    done(sessions, session, 0)
    skip(sessions, session, 1, "pain")  # decided: not offered again
    done(sessions, session, 3)
    point = sessions.resume_point(person_id=LOCAL_PERSON_ID)
    assert point is not None
    assert (point.session_id, point.step_index, point.planned_steps) == (session, 2, 4)
    assert point.plan == PLAN
    assert point == sessions.resume_point(person_id=LOCAL_PERSON_ID, session_id=session)
    done(sessions, session, 2)
    assert sessions.resume_point(person_id=LOCAL_PERSON_ID) is None


def test_resume_takes_only_the_latest_unfinished_session_of_its_owner(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    abandoned = start(sessions, minutes=0)
    assert sessions.resume_point(person_id=LOCAL_PERSON_ID, session_id=abandoned) is not None
    latest = start(sessions, minutes=30)
    sessions.finish_session(
        session_id=latest, status="completed", pain_after=0, feel="same", note=None, now=at(40)
    )
    assert sessions.resume_point(person_id=LOCAL_PERSON_ID) is None
    other = PeopleRepository(engine).add_person(name="someone else", now=T0)
    assert sessions.resume_point(person_id=other) is None
    with pytest.raises(StorageError, match=f"session {abandoned} does not exist"):
        sessions.resume_point(person_id=other, session_id=abandoned)


def test_finishing_needs_a_final_status_and_a_session(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    with pytest.raises(StorageError, match="session 404 does not exist"):
        sessions.finish_session(
            session_id=404, status="partial", pain_after=None, feel=None, note=None, now=T0
        )
    with pytest.raises(ValueError, match="partial or completed"):
        sessions.finish_session(
            session_id=start(sessions),
            status="in-progress",  # type: ignore[arg-type]
            pain_after=None,
            feel=None,
            note=None,
            now=T0,
        )


def test_values_outside_the_scales_are_refused(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    with pytest.raises(StorageError, match=r"^database: "):
        sessions.start_session(
            person_id=LOCAL_PERSON_ID,
            plan_day=1,
            planned_steps=1,
            plan=PLAN,
            pain_before=11,
            now=T0,
        )


def test_a_start_sent_again_with_its_client_key_is_the_same_session(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    first = sessions.start_session(
        person_id=LOCAL_PERSON_ID, plan_day=2, planned_steps=4, plan=PLAN, pain_before=3,
        now=at(0), client_key="phone-key-1",
    )  # fmt: skip
    again = sessions.start_session(
        person_id=LOCAL_PERSON_ID, plan_day=2, planned_steps=4, plan=PLAN, pain_before=3,
        now=at(5), client_key="phone-key-1",
    )  # fmt: skip
    other = sessions.start_session(
        person_id=LOCAL_PERSON_ID, plan_day=2, planned_steps=4, plan=PLAN, pain_before=3,
        now=at(6), client_key="phone-key-2",
    )  # fmt: skip
    assert again == first != other
    assert sessions.session_for_client_key(person_id=LOCAL_PERSON_ID, client_key="phone-key-1") == (
        first
    )
    assert sessions.session_for_client_key(person_id=LOCAL_PERSON_ID, client_key="nope") is None
    # Sessions started online have no key, and any number of them may be opened.
    assert start(sessions) != start(sessions)
    assert [s.id for s in sessions.history(person_id=LOCAL_PERSON_ID)].count(first) == 1


def test_client_keys_are_each_persons_own(engine: Engine) -> None:
    sessions = SessionRepository(engine)
    other_person = PeopleRepository(engine).add_person(name="dana", now=T0)
    mine = sessions.start_session(
        person_id=LOCAL_PERSON_ID, plan_day=2, planned_steps=4, plan=PLAN, pain_before=None,
        now=at(0), client_key="same-key-1",
    )  # fmt: skip
    theirs = sessions.start_session(
        person_id=other_person, plan_day=2, planned_steps=4, plan=PLAN, pain_before=None,
        now=at(0), client_key="same-key-1",
    )  # fmt: skip
    assert mine != theirs
    assert sessions.session_for_client_key(person_id=other_person, client_key="same-key-1") == (
        theirs
    )
