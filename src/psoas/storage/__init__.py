"""Storage adapter: SQLAlchemy 2 tables, repositories and Alembic migrations.

The public surface is what this module exports (pinned by tests/storage/test_public_api.py);
services depend on it, never on the tables.

Names load on first use (PEP 562): a command that only asks whether the database file exists,
or catches StorageError, does not pay for SQLAlchemy.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psoas.storage.accounts import Account, AccountRepository, UsernameTaken
    from psoas.storage.breaks import BreakRepository, StoredTimer
    from psoas.storage.change_counter import ChangeCounter, change_counter_for
    from psoas.storage.database import create_engine_for, database_exists, open_database, upgrade
    from psoas.storage.errors import SessionClosed, SessionGone, StepAlreadyRecorded, StorageError
    from psoas.storage.location import database_url
    from psoas.storage.people import PeopleRepository
    from psoas.storage.personal_data import PersonalDataRepository
    from psoas.storage.profiles import ProfileRepository
    from psoas.storage.progress import ProgressRepository
    from psoas.storage.records import (
        FinishStatus,
        ReportedStatus,
        ResumePoint,
        SessionOutcome,
        SessionPlan,
        SessionSummary,
        SkippedStep,
        StoredRun,
    )
    from psoas.storage.sessions import SessionRepository
    from psoas.storage.tables import LOCAL_PERSON_ID, Feel, Side, StepOutcome, TimerDriver
    from psoas.storage.throttle import ThrottleRepository

_MODULE_OF = {
    "Account": "psoas.storage.accounts",
    "AccountRepository": "psoas.storage.accounts",
    "BreakRepository": "psoas.storage.breaks",
    "ChangeCounter": "psoas.storage.change_counter",
    "Feel": "psoas.storage.tables",
    "FinishStatus": "psoas.storage.records",
    "LOCAL_PERSON_ID": "psoas.storage.tables",
    "PeopleRepository": "psoas.storage.people",
    "PersonalDataRepository": "psoas.storage.personal_data",
    "ProfileRepository": "psoas.storage.profiles",
    "ProgressRepository": "psoas.storage.progress",
    "ReportedStatus": "psoas.storage.records",
    "ResumePoint": "psoas.storage.records",
    "SessionClosed": "psoas.storage.errors",
    "SessionGone": "psoas.storage.errors",
    "SessionOutcome": "psoas.storage.records",
    "SessionPlan": "psoas.storage.records",
    "SessionRepository": "psoas.storage.sessions",
    "SessionSummary": "psoas.storage.records",
    "Side": "psoas.storage.tables",
    "SkippedStep": "psoas.storage.records",
    "StepAlreadyRecorded": "psoas.storage.errors",
    "StepOutcome": "psoas.storage.tables",
    "StorageError": "psoas.storage.errors",
    "StoredRun": "psoas.storage.records",
    "StoredTimer": "psoas.storage.breaks",
    "ThrottleRepository": "psoas.storage.throttle",
    "TimerDriver": "psoas.storage.tables",
    "UsernameTaken": "psoas.storage.accounts",
    "change_counter_for": "psoas.storage.change_counter",
    "create_engine_for": "psoas.storage.database",
    "database_exists": "psoas.storage.database",
    "database_url": "psoas.storage.location",
    "open_database": "psoas.storage.database",
    "upgrade": "psoas.storage.database",
}

__all__ = [
    "LOCAL_PERSON_ID",
    "Account",
    "AccountRepository",
    "BreakRepository",
    "ChangeCounter",
    "Feel",
    "FinishStatus",
    "PeopleRepository",
    "PersonalDataRepository",
    "ProfileRepository",
    "ProgressRepository",
    "ReportedStatus",
    "ResumePoint",
    "SessionClosed",
    "SessionGone",
    "SessionOutcome",
    "SessionPlan",
    "SessionRepository",
    "SessionSummary",
    "Side",
    "SkippedStep",
    "StepAlreadyRecorded",
    "StepOutcome",
    "StorageError",
    "StoredRun",
    "StoredTimer",
    "ThrottleRepository",
    "TimerDriver",
    "UsernameTaken",
    "change_counter_for",
    "create_engine_for",
    "database_exists",
    "database_url",
    "open_database",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'psoas.storage' has no attribute {name!r}")
    value = getattr(import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
