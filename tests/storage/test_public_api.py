"""The names services and the CLI may use; a change here is a change to their contract."""

import inspect

import psoas.storage
from psoas.storage import AccountRepository, ProfileRepository, SessionRepository


def test_the_public_surface_is_pinned() -> None:
    assert sorted(psoas.storage.__all__) == [
        "Account",
        "AccountRepository",
        "BreakRepository",
        "ChangeCounter",
        "Feel",
        "FinishStatus",
        "LOCAL_PERSON_ID",
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


def test_repository_methods_take_keywords_only() -> None:
    for repository in (AccountRepository, ProfileRepository, SessionRepository):
        for name, method in inspect.getmembers(repository, inspect.isfunction):
            if name.startswith("_"):
                continue
            parameters = list(inspect.signature(method).parameters.values())[1:]
            assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters), name
