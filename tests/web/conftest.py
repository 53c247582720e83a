"""In-process web tests: the real app on a real database (SQLite file and PostgreSQL)."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from psoas.domain.profile import Profile
from psoas.web import WebSettings, create_app

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # a Monday: plan day 1


def fixed_clock() -> datetime:
    return T0


MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(database_url: str, tmp_path: Path) -> Iterator[MakeClient]:
    """Build clients on one database. https, so Secure cookies travel as in a browser."""
    clients: list[TestClient] = []

    def make(*, multi_user: bool = False, **overrides: object) -> TestClient:
        settings = WebSettings(
            database_url=database_url,
            multi_user=multi_user,
            allowed_hosts=None if multi_user else ("localhost",),
            profile_file=None if multi_user else tmp_path / "profile.yaml",
            **{"clock": fixed_clock, **overrides},  # type: ignore[arg-type]
        )
        client = TestClient(create_app(settings), base_url="https://localhost")
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """One person, no sign-in: the default server."""
    return make_client()


def csrf(client: TestClient) -> str:
    """The CSRF token this client's pages carry (its cookie, after any page was fetched)."""
    name = "__Host-psoas_csrf" if client.base_url.scheme == "https" else "psoas_csrf"
    if name not in client.cookies:
        client.get("/healthz")
        client.get("/")
    return client.cookies[name]


def save_profile(client: TestClient, profile: dict[str, Any]) -> Profile:
    """Save a check-in through the API, as the browser would (with the CSRF header)."""
    response = client.put("/api/v1/profile", json=profile, headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == 200, response.text
    return Profile.model_validate(profile)


def main_of(html: str) -> str:
    """The page's own content, without the site navigation."""
    return html[html.index("<main") : html.index("</main>")]
