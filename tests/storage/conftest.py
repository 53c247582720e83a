"""Every storage test runs on a SQLite file and on a fresh PostgreSQL database.

PostgreSQL is expected on 127.0.0.1:5432 with trust auth (scripts/setup-system.sh starts it).
When it is down the PostgreSQL half fails rather than skips, so "both backends pass" cannot pass
vacuously; set PSOAS_SKIP_POSTGRES=1 to skip it on purpose.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from psoas.storage import create_engine_for

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    """A fixed clock: T0 plus some minutes."""
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()
