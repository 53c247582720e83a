"""The progress charts on a real database (SQLite and PostgreSQL): every pain score a person
gave in the window is drawn, from the first check-in on."""

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.domain.progress import PainDuring, ProgressCheckIn
from psoas.services.dashboard import charts, dashboard
from psoas.services.progress import log_check_in
from psoas.storage import (
    LOCAL_PERSON_ID,
    ProfileRepository,
    SessionRepository,
    create_engine_for,
    upgrade,
)

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday, noon UTC
DESK = Profile(
    goals=("relieve-tightness",),
    activities=("desk-work",),
    pain_now=5,
    equipment=("mat",),
    sessions_per_week=3,
)
POINT = re.compile(r"<title>([^<:]+): (\d+) on (\w+ \d+ \w+)</title>")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()


def at(day: int) -> datetime:
    return START + timedelta(days=day - 1)


def played(engine: Engine, day: int, before: int | None, after: int | None) -> None:
    sessions = SessionRepository(engine)
    session_id = sessions.start_session(
        person_id=LOCAL_PERSON_ID, plan_day=1, planned_steps=1, plan={}, pain_before=before,
        now=at(day),
    )  # fmt: skip
    sessions.finish_session(
        session_id=session_id, status="partial", pain_after=after, feel=None, note=None,
        now=at(day) + timedelta(minutes=20),
    )  # fmt: skip


def drawn_points(svg: str) -> set[tuple[str, int, str]]:
    return {(name, int(value), day) for name, value, day in POINT.findall(svg)}


@pytest.mark.parametrize("width", [640, 320])
def test_the_pain_chart_holds_every_score_from_the_first_check_in_on(
    engine: Engine, width: int
) -> None:
    ProfileRepository(engine).save_profile(person_id=LOCAL_PERSON_ID, profile=DESK, now=at(1))
    played(engine, 2, before=4, after=2)
    played(engine, 3, before=None, after=3)  # pain before left empty: nothing drawn for it
    log_check_in(
        engine,
        ProgressCheckIn(
            on=at(4).date(),
            pain_now=3,
            pain_during=PainDuring(sitting=6, running=1),
        ),
        profile=DESK,
        clock=lambda: at(4),
    )
    board = dashboard(engine, profile=DESK, today=at(4).date())
    pain, during = charts(board, width=width)[:2]
    assert drawn_points(pain.svg) == {
        ("Pain now", 5, "Mon 2 Mar"),  # the first check-in, which was left out before
        ("Before a session", 4, "Tue 3 Mar"),
        ("After a session", 2, "Tue 3 Mar"),
        ("After a session", 3, "Wed 4 Mar"),
        ("Pain now", 3, "Thu 5 Mar"),
    }
    assert drawn_points(during.svg) == {
        ("Pain sitting", 6, "Thu 5 Mar"),
        ("Pain running", 1, "Thu 5 Mar"),
    }
    # The band sits around the first score of all, the check-in's.
    assert "5" in pain.summary


def test_with_no_scores_the_pain_chart_says_so(engine: Engine) -> None:
    quiet = DESK.model_copy(update={"pain_now": 0})
    board = dashboard(engine, profile=quiet, today=at(4).date())
    pain, during = charts(board)[:2]
    assert pain.summary == "No check-ins yet."
    assert during.summary == "No pain during activities recorded yet."
    assert POINT.findall(pain.svg) == []
    assert POINT.findall(during.svg) == []
