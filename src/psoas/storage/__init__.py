"""Storage adapter: SQLAlchemy 2 tables, repositories and Alembic migrations.

The public surface is what this module exports (pinned by tests/storage/test_public_api.py);
services depend on it, never on the tables.
"""

from psoas.storage.accounts import Account, AccountRepository, UsernameTaken
from psoas.storage.breaks import BreakRepository, StoredTimer
from psoas.storage.database import (
    create_engine_for,
    database_exists,
    database_url,
    open_database,
    upgrade,
)
from psoas.storage.errors import SessionClosed, SessionGone, StepAlreadyRecorded, StorageError
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

__all__ = [
    "LOCAL_PERSON_ID",
    "Account",
    "AccountRepository",
    "BreakRepository",
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
    "create_engine_for",
    "database_exists",
    "database_url",
    "open_database",
    "upgrade",
]
