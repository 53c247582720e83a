"""The CSRF cookie written directly is the header ``http.cookies`` writes."""

import pytest
from starlette.requests import Request
from starlette.responses import Response

from psoas.web.csrf import csrf_cookie_header, csrf_token, issue_csrf_cookie
from psoas.web.settings import WebSettings


class _App:
    def __init__(self, settings: WebSettings) -> None:
        self.state = type("State", (), {"settings": settings})()


def request(scheme: str, *, secure_cookies: bool, cookie: str = "") -> Request:
    settings = WebSettings(database_url="sqlite://", secure_cookies=secure_cookies)
    headers = [(b"cookie", cookie.encode())] if cookie else []
    scope: dict[str, object] = {"type": "http", "scheme": scheme, "headers": headers}
    scope.update(state={}, app=_App(settings))
    return Request(scope)


@pytest.mark.parametrize(
    ("scheme", "secure_cookies"), [("http", False), ("http", True), ("https", False)]
)
def test_the_cookie_is_written_as_http_cookies_writes_it(scheme: str, secure_cookies: bool) -> None:
    asked = request(scheme, secure_cookies=secure_cookies)
    csrf_token(asked)
    carrier = Response()
    issue_csrf_cookie(asked, carrier)
    assert csrf_cookie_header(asked) == carrier.headers["set-cookie"].encode()


def test_a_browser_that_has_the_token_gets_no_cookie() -> None:
    asked = request("http", secure_cookies=False, cookie="psoas_csrf=abc")
    assert csrf_token(asked) == "abc"
    assert csrf_cookie_header(asked) is None
