"""The sign-in and sign-up throttle: counts in the database (so every server process sees them),
bounded state, hashed and normalised keys, old windows swept. SQLite and PostgreSQL."""

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from psoas.storage import ThrottleRepository, create_engine_for
from psoas.storage.tables import ThrottleRow
from psoas.web import WebSettings, create_app
from psoas.web.login_throttle import Throttle, username_key
from tests.web.conftest import T0, MakeClient, csrf

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def sign_up(client: TestClient, username: str) -> None:
    form = {"username": username, "password": PASSWORD, "csrf_token": csrf(client)}
    assert client.post("/signup", data=form, follow_redirects=False).status_code == 303
    client.post("/logout", data={"csrf_token": csrf(client)})


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> int:
    form = {"username": username, "password": password, "csrf_token": csrf(client)}
    return client.post("/login", data=form, follow_redirects=False).status_code


def test_attempts_past_the_limit_wait_for_the_window(database_url: str, clock: Clock) -> None:
    engine = create_engine_for(database_url)
    try:
        throttle = Throttle(engine, attempts_allowed=2, window_s=60, clock=clock)
        assert throttle.retry_after_s("ip", "user") == 0
        throttle.count("ip", "user")
        clock.now += timedelta(seconds=10)
        throttle.count("ip", "user")
        assert throttle.retry_after_s("ip") == 50  # the window opened at the first attempt
        assert throttle.retry_after_s("other-ip", "user") == 50  # the username is limited too
        assert throttle.retry_after_s("other-ip", "other-user") == 0
        clock.now += timedelta(seconds=50)
        assert throttle.retry_after_s("ip", "user") == 0
        throttle.count("ip")  # a new window; the passed ones are swept
        assert ThrottleRepository(engine).size() == 1
        throttle.forget(["ip"])
        assert ThrottleRepository(engine).size() == 0
    finally:
        engine.dispose()


def test_padded_usernames_count_as_the_account_they_sign_in_to(
    make_client: MakeClient, clock: Clock
) -> None:
    client = make_client(multi_user=True, login_failures_allowed=3, clock=clock)
    sign_up(client, "dave")
    other = TestClient(client.app, base_url="https://localhost")
    for typed in ("dave", " dave", "dave "):
        assert sign_in(other, typed, "wrong password") == 401
    # The count is the username's: from another address too, and with the right password.
    assert username_key(" dave\t") == username_key("dave")
    other_address = TestClient(client.app, base_url="https://localhost", client=("10.0.0.9", 1))
    assert sign_in(other_address, " dave", PASSWORD) == 429
    assert sign_in(other_address, "dave", PASSWORD) == 429
    clock.now += timedelta(minutes=16)
    assert sign_in(other_address, " dave", PASSWORD) == 303


def test_signing_in_to_one_account_does_not_reset_guesses_at_others(
    make_client: MakeClient, clock: Clock
) -> None:
    client = make_client(multi_user=True, login_failures_allowed=3, clock=clock)
    sign_up(client, "mallory")
    sign_up(client, "alice")
    guesser = TestClient(client.app, base_url="https://localhost", client=("10.0.0.7", 1))
    assert sign_in(guesser, "alice", "guess one") == 401
    assert sign_in(guesser, "alice", "guess two") == 401
    assert sign_in(guesser, "mallory") == 303
    guesser.post("/logout", data={"csrf_token": csrf(guesser)})
    assert sign_in(guesser, "bob", "guess three") == 401
    blocked = guesser.post(
        "/login", data={"username": "carol", "password": "x", "csrf_token": csrf(guesser)}
    )
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "Too many failed sign-ins" in blocked.text


def test_the_count_holds_across_server_processes(database_url: str, clock: Clock) -> None:
    """Two apps on one database stand for two processes or two instances of the server."""

    def server() -> TestClient:
        settings = WebSettings(
            database_url=database_url,
            multi_user=True,
            allowed_hosts=None,
            login_failures_allowed=3,
            clock=clock,
        )
        client = TestClient(create_app(settings), base_url="https://localhost")
        client.__enter__()
        return client

    first, second = server(), server()
    try:
        sign_up(first, "erin")
        assert sign_in(first, "erin", "wrong one") == 401
        assert sign_in(second, "erin", "wrong two") == 401
        assert sign_in(first, "erin", "wrong three") == 401
        assert sign_in(second, "erin") == 429
    finally:
        first.__exit__(None, None, None)
        second.__exit__(None, None, None)


def test_a_username_flood_keeps_the_state_small_and_hashed(
    make_client: MakeClient, clock: Clock
) -> None:
    client = make_client(multi_user=True, login_failures_allowed=5, clock=clock)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    statuses = []
    for number in range(60):
        username = f"{number}-" + "u" * 100_000  # 100 KB usernames
        statuses.append(sign_in(client, username, "guess"))
    assert statuses.count(401) == 5
    assert set(statuses[5:]) == {429}
    # One row for the address and one per username tried before it was blocked, each a hash.
    assert ThrottleRepository(engine).size() == 6
    with engine.connect() as connection:
        keys = connection.execute(select(ThrottleRow.key_hash)).scalars().all()
    assert all(len(key) == 64 for key in keys)


def test_sign_up_is_throttled_per_address(make_client: MakeClient, clock: Clock) -> None:
    client = make_client(multi_user=True, signups_allowed=3, clock=clock)
    for name in ("amy", "ben", "cal"):
        sign_up(client, name)
    form = {"username": "dan", "password": PASSWORD, "csrf_token": csrf(client)}
    refused = client.post("/signup", data=form, follow_redirects=False)
    assert refused.status_code == 429
    assert "Too many sign-ups" in refused.text
    elsewhere = TestClient(client.app, base_url="https://localhost", client=("10.0.0.8", 1))
    sign_up(elsewhere, "dan")
    clock.now += timedelta(minutes=16)
    sign_up(client, "eve")
