"""Sign-in and sign-up rate limiting: a few attempts per client address and per username in a
fixed window, counted in the database (see ``ThrottleRepository``).

Keys are SHA-256 hashes of the normalised username (the same normalisation as the account
lookup, so " dave" and "dave " count as "dave") and of the address, so a row is the same size
whatever a client sends. A blocked address is answered before anything is counted, and only
failures make rows: a flood of usernames from one address costs a handful of rows per window.
A sign-in clears its username's count, never the address's (else signing in to one's own
account would reset the count of guesses at others').
"""

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from fastapi import Request
from sqlalchemy import Engine

from psoas.services.accounts import normal_username
from psoas.storage import ThrottleRepository


def _key(kind: str, value: str) -> str:
    data = f"{kind}\x00{value}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def address_key(request: Request, kind: str = "sign-in") -> str:
    return _key(f"{kind}-address", request.client.host if request.client else "?")


def username_key(typed: str) -> str:
    return _key("sign-in-username", normal_username(typed))


class Throttle:
    def __init__(
        self,
        engine: Engine,
        *,
        attempts_allowed: int,
        window_s: float,
        clock: Callable[[], datetime],
    ) -> None:
        self._repository = ThrottleRepository(engine)
        self._allowed = attempts_allowed
        self._window = timedelta(seconds=window_s)
        self._clock = clock

    def retry_after_s(self, *keys: str) -> float:
        """0 when an attempt may be made now, else the seconds until one may."""
        now = self._clock()
        windows = self._repository.windows(key_hashes=keys, now=now, window=self._window)
        waits = [
            (started + self._window - now).total_seconds()
            for attempts, started in windows
            if attempts >= self._allowed
        ]
        return max([0.0, *waits])

    def count(self, *keys: str) -> None:
        self._repository.count(key_hashes=keys, now=self._clock(), window=self._window)

    def forget(self, keys: Sequence[str]) -> None:
        self._repository.forget(key_hashes=keys)
