"""Cross-site request forgery protection for everything that changes data.

Every browser gets a random ``psoas_csrf`` cookie (HttpOnly, SameSite=Strict; over HTTPS named
``__Host-psoas_csrf``, which a browser only takes from this very host, Secure, for every path,
so a sibling subdomain cannot plant one). A new one is made at each sign-in and sign-out.
Pages put the same value in a hidden ``csrf_token`` field; the browser player sends it as
``X-CSRF-Token``.
An unsafe request passes when:
- it comes from another site (an ``Origin`` that is not this host): never;
- it carries an API token (``Authorization: Bearer``): yes, a script is not a browser session;
- the token it sends equals the cookie: yes;
- in single-person mode, it carries no cookie and no ``Origin`` at all: yes, that is a script
  on this machine (curl); browsers always send ``Origin`` on a cross-site POST.
"""

import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, Response

from psoas.web.identity import bearer_token, settings_of

CSRF_COOKIE = "psoas_csrf"
HOST_ONLY_PREFIX = "__Host-"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def csrf_cookie_name(request: Request) -> str:
    https = request.scope.get("scheme") == "https"  # as request.url has it, without parsing
    return HOST_ONLY_PREFIX + CSRF_COOKIE if https else CSRF_COOKIE


def csrf_token(request: Request) -> str:
    """This browser's token, made on its first visit (``issue_csrf_cookie`` stores it)."""
    token: str | None = getattr(request.state, "csrf_token", None)
    if token is None:
        token = request.cookies.get(csrf_cookie_name(request)) or secrets.token_urlsafe(32)
        request.state.csrf_token = token
    return token


def rotate_csrf_token(request: Request) -> None:
    """A new token for this browser from this answer on: at sign-in, so a token planted or
    seen before it is worth nothing after."""
    request.state.csrf_token = secrets.token_urlsafe(32)


def issue_csrf_cookie(request: Request, response: Response) -> None:
    token = getattr(request.state, "csrf_token", None)
    name = csrf_cookie_name(request)
    if token is not None and request.cookies.get(name) != token:
        response.set_cookie(
            name,
            token,
            path="/",
            httponly=True,
            samesite="strict",
            secure=name.startswith(HOST_ONLY_PREFIX) or settings_of(request).secure_cookies,
        )


URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def csrf_cookie_header(request: Request) -> bytes | None:
    """The ``Set-Cookie`` value ``issue_csrf_cookie`` would add, written directly: this runs on
    every page for a browser without the cookie, and ``http.cookies`` costs more than the page's
    frame. A value that would need quoting (none that we make) goes the long way."""
    token = getattr(request.state, "csrf_token", None)
    name = csrf_cookie_name(request)
    if token is None or request.cookies.get(name) == token:
        return None
    if not URL_SAFE.issuperset(token):
        carrier = Response()
        issue_csrf_cookie(request, carrier)
        return carrier.headers["set-cookie"].encode("latin-1")
    secure = name.startswith(HOST_ONLY_PREFIX) or settings_of(request).secure_cookies
    # As http.cookies writes it: attributes in alphabetical order.
    cookie = f"{name}={token}; HttpOnly; Path=/; SameSite=strict"
    return (cookie + "; Secure" if secure else cookie).encode()


async def verify_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site request refused")
    if bearer_token(request) is not None:
        return
    cookie = request.cookies.get(csrf_cookie_name(request))
    if cookie is None:
        if (
            not settings_of(request).multi_user
            and origin is None
            and "cookie" not in request.headers
        ):
            return
        raise HTTPException(403, "missing CSRF token: reload the page and try again")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if sent is None or not secrets.compare_digest(sent, cookie):
        raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")
