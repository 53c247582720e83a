"""A session whose saved plan no longer reads is refused in words, never a 500."""

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from psoas.storage import LOCAL_PERSON_ID, SessionRepository, create_engine_for
from tests.web.conftest import main_of


def _unreadable_session(database_url: str) -> int:
    engine: Engine = create_engine_for(database_url)
    try:
        return SessionRepository(engine).start_session(
            person_id=LOCAL_PERSON_ID,
            plan_day=1,
            planned_steps=2,
            plan={"status": "ok", "phases": "not a list"},
            pain_before=None,
            now=datetime(2026, 3, 2, 9, tzinfo=UTC),
        )
    finally:
        engine.dispose()


def test_the_api_and_the_player_refuse_it_in_words(client: TestClient, database_url: str) -> None:
    session_id = _unreadable_session(database_url)
    answer = client.get(f"/api/v1/sessions/{session_id}")
    assert 400 <= answer.status_code < 500, answer.text
    assert "can no longer be read" in answer.text
    page = client.get(f"/session?resume={session_id}")
    assert 400 <= page.status_code < 500
    assert "can no longer be read" in main_of(page.text)
