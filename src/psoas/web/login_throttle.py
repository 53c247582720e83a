"""Login rate limiting: a few failures per client address and per username in a sliding window.

Kept in memory: one server process is the deployment we support (SQLite, or a small clinic on
PostgreSQL); several processes would each allow the limit.
"""

from collections import defaultdict, deque
from collections.abc import Callable


class LoginThrottle:
    def __init__(self, *, failures_allowed: int, window_s: float, clock: Callable[[], float]):
        self._allowed = failures_allowed
        self._window_s = window_s
        self._clock = clock
        self._failures: defaultdict[str, deque[float]] = defaultdict(deque)

    def retry_after_s(self, *keys: str) -> float:
        """0 when a sign-in may be tried now, else the seconds until one may."""
        now = self._clock()
        wait = 0.0
        for key in keys:
            failures = self._recent(key, now)
            if len(failures) >= self._allowed:
                wait = max(wait, failures[0] + self._window_s - now)
        return wait

    def failed(self, *keys: str) -> None:
        now = self._clock()
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self._window_s:
            failures.popleft()
        return failures
