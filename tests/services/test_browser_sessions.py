from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.services import browser_sessions, sessions
from psoas.services.errors import Conflict, InputError, NotFound
from psoas.services.planning import plan_for
from psoas.storage import LOCAL_PERSON_ID, PeopleRepository, open_database


def now() -> datetime:
    return datetime(2026, 11, 16, 9, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path / 'psoas.sqlite3'}")
    yield engine
    engine.dispose()


def started(engine: Engine) -> int:
    plan = plan_for(Profile(activities=("desk-work",), minutes_per_session=5))
    prepared = sessions.start_session(
        engine, plan, day=1, time_scale=1.0, pain_before=None, clock=now
    )
    return prepared.session_id


def test_steps_are_checked_against_the_sessions_own_plan(engine: Engine) -> None:
    session = started(engine)
    state = browser_sessions.session_state(engine, person_id=LOCAL_PERSON_ID, session_id=session)
    last = len(state.steps) - 1
    with pytest.raises(InputError, match=f"step_index: must be 0 to {last}"):
        browser_sessions.record_step(
            engine,
            person_id=LOCAL_PERSON_ID,
            session_id=session,
            step_index=last + 1,
            skip_reason=None,
            clock=now,
        )


def test_a_session_with_every_step_decided_closes_as_completed(engine: Engine) -> None:
    session = started(engine)
    state = browser_sessions.session_state(engine, person_id=LOCAL_PERSON_ID, session_id=session)
    for step in state.steps:
        browser_sessions.record_step(
            engine,
            person_id=LOCAL_PERSON_ID,
            session_id=session,
            step_index=step.index,
            skip_reason="no-time" if step.index == 0 else None,
            clock=now,
        )
    summary = browser_sessions.close_session(
        engine,
        person_id=LOCAL_PERSON_ID,
        session_id=session,
        pain_after=1,
        feel="same",
        note="",
        clock=now,
    )
    assert summary.status == "completed"
    assert summary.note is None
    with pytest.raises(Conflict):
        browser_sessions.close_session(
            engine,
            person_id=LOCAL_PERSON_ID,
            session_id=session,
            pain_after=None,
            feel=None,
            note=None,
            clock=now,
        )


def test_another_persons_session_is_not_found(engine: Engine) -> None:
    session = started(engine)
    other = PeopleRepository(engine).add_person(name="other", now=now())
    with pytest.raises(NotFound):
        browser_sessions.session_state(engine, person_id=other, session_id=session)
    with pytest.raises(NotFound):
        browser_sessions.record_step(
            engine, person_id=other, session_id=session, step_index=0, skip_reason=None, clock=now
        )


def test_closing_a_session_reviews_the_plan(engine: Engine) -> None:
    """Two web sessions that skip the first exercise for pain step it back."""
    from psoas.services.progress import current_plan
    from psoas.storage import ProfileRepository

    profile = Profile(goals=("improve-mobility",), equipment=("mat",), minutes_per_session=4)
    ProfileRepository(engine).save_profile(person_id=LOCAL_PERSON_ID, profile=profile, now=now())
    plan = plan_for(profile)
    first = plan.phases[1].items[0].exercise
    for day in (1, 2):
        clock = lambda d=day: datetime(2026, 11, 15 + d, 9, tzinfo=UTC)  # noqa: E731
        prepared = sessions.start_session(
            engine, plan, day=1, time_scale=1.0, pain_before=None, clock=clock
        )
        skipped = [s.index for s in prepared.steps if s.exercise == first]
        for index in skipped:
            browser_sessions.record_step(
                engine, person_id=LOCAL_PERSON_ID, session_id=prepared.session_id,
                step_index=index, skip_reason="pain", clock=clock,
            )  # fmt: skip
        browser_sessions.close_session(
            engine, person_id=LOCAL_PERSON_ID, session_id=prepared.session_id,
            pain_after=2, feel="same", note=None, clock=clock,
        )  # fmt: skip
    in_force = [
        item.exercise for phase in current_plan(engine, profile).phases for item in phase.items
    ]
    assert first not in in_force
