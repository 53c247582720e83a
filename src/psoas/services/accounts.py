"""Signing up, signing in and API tokens for the multi-user web app.

Passwords are hashed with argon2id (argon2-cffi's defaults, rehashed when those rise). Login and
API tokens are 256-bit random strings; only their SHA-256 is stored.
"""

import hashlib
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from psoas.services.errors import InputError
from psoas.storage import AccountRepository, UsernameTaken

Clock = Callable[[], datetime]

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
USERNAME_RULE = (
    "3-32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
)
PASSWORD_MIN_CHARS = 10
PASSWORD_MAX_CHARS = 1024  # argon2 takes any length; this bounds the work one request can ask for
LOGIN_LIFETIME = timedelta(days=14)

_hasher = PasswordHasher()
# Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password")


USERNAME_MAX_CHARS = 32


def normal_username(typed: str) -> str:
    """The username as accounts are looked up by: what a person typed, without the spaces a
    phone keyboard or a paste adds. Sign-up, sign-in and the sign-in throttle all use this."""
    return typed.strip()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def sign_up(engine: Engine, *, username: str, password: str, clock: Clock) -> int:
    """Create an account; InputError names the field and what is allowed."""
    username = normal_username(username)
    problems = []
    if not USERNAME_PATTERN.fullmatch(username):
        problems.append(f"username: {USERNAME_RULE} (got {username[:40]!r})")
    if not PASSWORD_MIN_CHARS <= len(password) <= PASSWORD_MAX_CHARS:
        problems.append(
            f"password: {PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters "
            f"(got {len(password)})"
        )
    if problems:
        raise InputError(problems)
    try:
        return AccountRepository(engine).add_account(
            username=username, password_hash=_hasher.hash(password), now=clock()
        )
    except UsernameTaken:
        raise InputError([f"username: {username!r} is taken; choose another"]) from None


def check_password(engine: Engine, *, username: str, password: str) -> int | None:
    """The person id when the password is right; None for a wrong name or password alike."""
    accounts = AccountRepository(engine)
    username = normal_username(username)
    too_long = len(username) > USERNAME_MAX_CHARS  # no account has it: no need to look
    account = None if too_long else accounts.account(username=username)
    if len(password) > PASSWORD_MAX_CHARS:
        return None
    try:
        _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if account is None:
        return None
    if _hasher.check_needs_rehash(account.password_hash):
        accounts.set_password_hash(
            person_id=account.person_id, password_hash=_hasher.hash(password)
        )
    return account.person_id


def start_login(engine: Engine, *, person_id: int, clock: Clock) -> str:
    """A new login token for a browser cookie."""
    token = secrets.token_urlsafe(32)
    now = clock()
    AccountRepository(engine).add_login(
        person_id=person_id, token_hash=token_hash(token), now=now, expires_at=now + LOGIN_LIFETIME
    )
    return token


def person_for_login(engine: Engine, *, token: str, clock: Clock) -> int | None:
    return AccountRepository(engine).person_for_login(token_hash=token_hash(token), now=clock())


def end_login(engine: Engine, *, token: str, clock: Clock) -> None:
    AccountRepository(engine).end_login(token_hash=token_hash(token), now=clock())


def new_api_token(engine: Engine, *, person_id: int) -> str:
    """A fresh API token, shown once; it replaces the person's previous one."""
    token = secrets.token_urlsafe(32)
    AccountRepository(engine).set_api_token_hash(person_id=person_id, token_hash=token_hash(token))
    return token


def revoke_api_token(engine: Engine, *, person_id: int) -> None:
    """The person's API token stops working; a new one can be made on the account page."""
    AccountRepository(engine).set_api_token_hash(person_id=person_id, token_hash=None)


def person_for_api_token(engine: Engine, *, token: str) -> int | None:
    return AccountRepository(engine).person_for_api_token(token_hash=token_hash(token))


def username_of(engine: Engine, *, person_id: int) -> str | None:
    return AccountRepository(engine).username(person_id=person_id)
