from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

from psoas.services import accounts
from psoas.services.errors import InputError
from psoas.storage import AccountRepository, open_database

PASSWORD = "correct horse battery"


def now() -> datetime:
    return datetime(2026, 11, 21, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path / 'psoas.sqlite3'}")
    yield engine
    engine.dispose()


def test_passwords_are_stored_as_argon2id_hashes_only(engine: Engine) -> None:
    person = accounts.sign_up(engine, username="ada", password=PASSWORD, clock=now)
    stored = AccountRepository(engine).account(username="ada")
    assert stored is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert accounts.check_password(engine, username="ada", password=PASSWORD) == person
    assert accounts.check_password(engine, username="ada", password="wrong-password") is None
    assert accounts.check_password(engine, username="nobody", password=PASSWORD) is None


def test_a_weakly_hashed_password_is_rehashed_at_sign_in(engine: Engine) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    person = AccountRepository(engine).add_account(username="ada", password_hash=weak, now=now())
    assert accounts.check_password(engine, username="ada", password=PASSWORD) == person
    stored = AccountRepository(engine).account(username="ada")
    assert stored is not None
    assert stored.password_hash != weak


@pytest.mark.parametrize(
    ("username", "password", "problem"),
    [
        ("ab", PASSWORD, "username: 3-32 characters"),
        ("Ada", PASSWORD, "username: 3-32 characters"),
        ("ada", "short", "password: 10 to 1024 characters (got 5)"),
        ("ada", "x" * 1025, "password: 10 to 1024 characters (got 1025)"),
    ],
)
def test_sign_up_names_what_is_wrong(
    engine: Engine, username: str, password: str, problem: str
) -> None:
    with pytest.raises(InputError) as raised:
        accounts.sign_up(engine, username=username, password=password, clock=now)
    assert any(line.startswith(problem) for line in raised.value.problems)


def test_tokens_are_stored_hashed_and_logins_expire(engine: Engine) -> None:
    person = accounts.sign_up(engine, username="ada", password=PASSWORD, clock=now)
    token = accounts.new_api_token(engine, person_id=person)
    assert AccountRepository(engine).person_for_api_token(token_hash=token) is None
    assert accounts.person_for_api_token(engine, token=token) == person
    login = accounts.start_login(engine, person_id=person, clock=now)
    assert accounts.person_for_login(engine, token=login, clock=now) == person

    def later() -> datetime:
        return now() + accounts.LOGIN_LIFETIME

    assert accounts.person_for_login(engine, token=login, clock=later) is None
