"""Schema-driven fuzzing of /api/v1 on a multi-user server, signed in with an API token.

The same OpenAPI document and checks as the single-person run (test_api_fuzz.py): no server
error, status codes, content types and bodies as documented, valid input accepted. Requests
carry the person's API token; when a fuzzed call replaces or revokes it, a new one is made from
the signed-in browser before the next call, so every operation is reached signed in.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import settings
from schemathesis import Case
from schemathesis.python.asgi import shutdown_lifespans

from psoas.web import WebSettings, create_app
from tests.web.test_api_fuzz import CONFIG, FUZZ, PROFILE, contract, fixed_clock

PASSWORD = "correct horse battery"
schema = schemathesis.openapi.from_dict(contract(), config=CONFIG)


class SignedIn:
    """A multi-user app with one account, a browser signed in to it and its API token."""

    def __init__(self, app: FastAPI, browser: TestClient) -> None:
        self.app = app
        self.browser = browser
        self.token = ""

    def csrf(self) -> dict[str, str]:
        return {"x-csrf-token": self.browser.cookies["__Host-psoas_csrf"]}

    def bearer(self) -> dict[str, str]:
        """The token's header, making a new token first if a call may have replaced it."""
        if not self.token:
            made = self.browser.post("/api/v1/token", headers=self.csrf())
            assert made.status_code == 201, made.text
            self.token = made.json()["token"]
        return {"Authorization": f"Bearer {self.token}"}

    def called(self, case: Case[Any]) -> None:
        if case.path == "/api/v1/token" and case.method.upper() != "GET":
            self.token = ""  # replaced or revoked, perhaps


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignedIn]:
    database = tmp_path_factory.mktemp("fuzz-multi") / "psoas.sqlite3"
    app = create_app(
        WebSettings(
            database_url=f"sqlite:///{database}",
            multi_user=True,
            allowed_hosts=None,
            clock=fixed_clock,
            login_failures_allowed=10**6,  # fuzzed passwords must not lock the account
        )
    )
    with TestClient(app, base_url="https://localhost") as browser:
        browser.get("/signup")
        form = {
            "username": "fuzz",
            "password": PASSWORD,
            "csrf_token": browser.cookies["__Host-psoas_csrf"],
        }
        assert browser.post("/signup", data=form, follow_redirects=False).status_code == 303
        yield SignedIn(app, browser)
    shutdown_lifespans()


@pytest.fixture
def app(signed_in: SignedIn) -> SignedIn:
    """Signed in, with a saved check-in so the session endpoints get past 'no profile'."""
    saved = signed_in.browser.put("/api/v1/profile", json=PROFILE, headers=signed_in.csrf())
    assert saved.status_code == 200, saved.text
    return signed_in


@schema.parametrize()
@settings(FUZZ, max_examples=6)
def test_every_operation_conforms_to_the_schema_signed_in(case: Case[Any], app: SignedIn) -> None:
    case.call_and_validate(app=app.app, headers=app.bearer())
    app.called(case)
