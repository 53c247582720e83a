"""How one web app is set up. Built by ``psoas serve`` or a test; nothing is read at import."""

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# Host headers a single-person server answers. Checking them stops a web page on another site
# from reaching this server by DNS rebinding (its name resolving to 127.0.0.1).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def loopback_hosts(listen_host: str) -> tuple[str, ...]:
    """The Host headers a single-person server listening on ``listen_host`` (a loopback
    address) answers: the usual names, and that address as a browser writes it (IPv6 in
    brackets, compressed), so ``--host ::1`` or ``--host 127.0.0.2`` serves its own pages."""
    try:
        address = ipaddress.ip_address(listen_host)
    except ValueError:
        return LOOPBACK_HOSTS  # localhost
    shown = f"[{address.compressed}]" if address.version == 6 else address.compressed
    return tuple(dict.fromkeys((*LOOPBACK_HOSTS, shown)))


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class WebSettings:
    database_url: str
    multi_user: bool = False
    # None accepts any Host header: the multi-user server sits behind a name of its own.
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS
    # Secure cookies travel over HTTPS only. Browsers treat http://127.0.0.1 and localhost as
    # secure, so this holds for a local server too; switch it off only for a plain-HTTP test.
    secure_cookies: bool = True
    # Failed sign-ins allowed per client address and per username within the window.
    login_failures_allowed: int = 5
    login_window_s: float = 15 * 60
    # Accounts made per client address within the same window (each costs an argon2 hash).
    signups_allowed: int = 5
    # Single-person mode also writes each web check-in to the profile file the CLI reads, so
    # `psoas plan` and the web show the same plan. None: the database only.
    profile_file: Path | None = None
    clock: Callable[[], datetime] = field(default=utc_now)
