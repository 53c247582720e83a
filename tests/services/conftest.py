"""Fixtures shared by the service tests."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from psoas.domain.breaks import BreakSettings
from psoas.services import breaks
from psoas.storage import LOCAL_PERSON_ID, create_engine_for, upgrade
from tests.services.break_loop_support import MONDAY_9


@pytest.fixture
def any_hours_engine(database_url: str) -> Iterator[Engine]:
    """A database whose break settings allow reminders at any hour of any day."""
    upgrade(database_url)
    engine = create_engine_for(database_url)
    breaks.save_settings(
        engine,
        person_id=LOCAL_PERSON_ID,
        changes=BreakSettings(working_hours=None, quiet_hours=None).model_dump(mode="json"),
        now=MONDAY_9,
    )
    yield engine
    engine.dispose()
