"""Accounts and signed-in browsers for the multi-user web app.

This module stores and compares hashes only; making them (argon2, SHA-256) is the caller's job,
so storage never sees a password or a token.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from psoas.storage.failures import storage_errors
from psoas.storage.tables import LoginRow, Person


@dataclass(frozen=True, slots=True)
class Account:
    person_id: int
    username: str
    password_hash: str


class UsernameTaken(Exception):
    """Another person already has this username."""


class AccountRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_account(self, *, username: str, password_hash: str, now: datetime) -> int:
        """A new person who signs in with ``username``; raises UsernameTaken if it is in use."""
        statement = (
            insert(Person)
            .values(name=username, username=username, password_hash=password_hash, created_at=now)
            .returning(Person.id)
        )
        with storage_errors(self._engine), self._engine.begin() as connection:
            try:
                return connection.execute(statement).scalar_one()
            except IntegrityError:
                raise UsernameTaken(username) from None

    def account(self, *, username: str) -> Account | None:
        statement = select(Person.id, Person.username, Person.password_hash).where(
            Person.username == username, Person.password_hash.is_not(None)
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            row = connection.execute(statement).one_or_none()
        return None if row is None else Account(row.id, row.username, row.password_hash)

    def username(self, *, person_id: int) -> str | None:
        statement = select(Person.username).where(Person.id == person_id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            return connection.execute(statement).scalar_one_or_none()

    def set_password_hash(self, *, person_id: int, password_hash: str) -> None:
        """Store a rehash (argon2 parameters raised since the password was set)."""
        statement = update(Person).where(Person.id == person_id).values(password_hash=password_hash)
        with storage_errors(self._engine), self._engine.begin() as connection:
            connection.execute(statement)

    def set_api_token_hash(self, *, person_id: int, token_hash: str | None) -> None:
        """Replace the person's API token (None: have none): the old one stops working at once."""
        statement = update(Person).where(Person.id == person_id).values(api_token_hash=token_hash)
        with storage_errors(self._engine), self._engine.begin() as connection:
            connection.execute(statement)

    def person_for_api_token(self, *, token_hash: str) -> int | None:
        statement = select(Person.id).where(Person.api_token_hash == token_hash)
        with storage_errors(self._engine), self._engine.connect() as connection:
            return connection.execute(statement).scalar_one_or_none()

    def add_login(
        self, *, person_id: int, token_hash: str, now: datetime, expires_at: datetime
    ) -> None:
        statement = insert(LoginRow).values(
            token_hash=token_hash, person_id=person_id, created_at=now, expires_at=expires_at
        )
        with storage_errors(self._engine), self._engine.begin() as connection:
            connection.execute(statement)

    def person_for_login(self, *, token_hash: str, now: datetime) -> int | None:
        """Who a browser's login token belongs to; None once it has expired or ended."""
        statement = select(LoginRow.person_id).where(
            LoginRow.token_hash == token_hash, LoginRow.expires_at > now
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            return connection.execute(statement).scalar_one_or_none()

    def end_login(self, *, token_hash: str, now: datetime) -> None:
        """Sign a browser out, and sweep logins that have expired while at it."""
        with storage_errors(self._engine), self._engine.begin() as connection:
            connection.execute(delete(LoginRow).where(LoginRow.token_hash == token_hash))
            connection.execute(delete(LoginRow).where(LoginRow.expires_at <= now))
