"""Accounts, API tokens and logins; and that one person's rows stay theirs."""

import pytest
from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.storage import (
    AccountRepository,
    ProfileRepository,
    SessionRepository,
    UsernameTaken,
)
from tests.storage.conftest import T0, at


def test_an_account_is_found_by_username_and_names_are_unique(engine: Engine) -> None:
    accounts = AccountRepository(engine)
    ada = accounts.add_account(username="ada", password_hash="hash-a", now=T0)
    account = accounts.account(username="ada")
    assert account is not None
    assert (account.person_id, account.password_hash) == (ada, "hash-a")
    assert accounts.username(person_id=ada) == "ada"
    assert accounts.account(username="nobody") is None
    with pytest.raises(UsernameTaken):
        accounts.add_account(username="ada", password_hash="hash-b", now=T0)


def test_the_local_person_cannot_be_found_as_an_account(engine: Engine) -> None:
    assert AccountRepository(engine).account(username="local") is None


def test_a_new_api_token_replaces_the_old_one(engine: Engine) -> None:
    accounts = AccountRepository(engine)
    ada = accounts.add_account(username="ada", password_hash="h", now=T0)
    accounts.set_api_token_hash(person_id=ada, token_hash="old")
    accounts.set_api_token_hash(person_id=ada, token_hash="new")
    assert accounts.person_for_api_token(token_hash="new") == ada
    assert accounts.person_for_api_token(token_hash="old") is None


def test_a_login_ends_when_it_expires_or_is_signed_out(engine: Engine) -> None:
    accounts = AccountRepository(engine)
    ada = accounts.add_account(username="ada", password_hash="h", now=T0)
    accounts.add_login(person_id=ada, token_hash="t1", now=T0, expires_at=at(60))
    accounts.add_login(person_id=ada, token_hash="t2", now=T0, expires_at=at(60))
    assert accounts.person_for_login(token_hash="t1", now=at(59)) == ada
    assert accounts.person_for_login(token_hash="t1", now=at(60)) is None
    accounts.end_login(token_hash="t1", now=at(1))
    assert accounts.person_for_login(token_hash="t1", now=at(2)) is None
    assert accounts.person_for_login(token_hash="t2", now=at(2)) == ada


def test_sessions_and_profiles_are_read_and_deleted_by_their_owner_only(engine: Engine) -> None:
    accounts = AccountRepository(engine)
    ada = accounts.add_account(username="ada", password_hash="h", now=T0)
    bob = accounts.add_account(username="bob", password_hash="h", now=T0)
    sessions = SessionRepository(engine)
    session = sessions.start_session(
        person_id=ada, plan_day=1, planned_steps=2, plan={}, pain_before=None, now=T0
    )
    profiles = ProfileRepository(engine)
    profiles.save_profile(person_id=ada, profile=Profile(pain_now=2), now=T0)

    assert sessions.session(person_id=bob, session_id=session) is None
    assert not sessions.delete_session(person_id=bob, session_id=session)
    assert profiles.delete_profiles(person_id=bob) == 0
    summary = sessions.session(person_id=ada, session_id=session)
    assert summary is not None
    assert summary.id == session
    assert profiles.latest_profile(person_id=ada) == Profile(pain_now=2)

    assert sessions.delete_session(person_id=ada, session_id=session)
    assert sessions.session(person_id=ada, session_id=session) is None
    assert profiles.delete_profiles(person_id=ada) == 1
    assert profiles.latest_profile(person_id=ada) is None
