"""Sign up, sign in, sign out and API tokens; only on a multi-user server."""

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from fastapi import Form as FormField
from fastapi.responses import RedirectResponse, Response

from psoas.services import accounts
from psoas.services.errors import InputError, NotFound
from psoas.web.csrf import rotate_csrf_token
from psoas.web.form_words import FormProblem
from psoas.web.identity import (
    LOGIN_COOKIE,
    Database,
    PersonId,
    Settings,
    bearer_token,
    signed_in_person,
)
from psoas.web.login_throttle import Throttle, address_key, username_key
from psoas.web.pages.progress import Form
from psoas.web.settings import WebSettings
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)
Text = Annotated[str, FormField()]


def _multi_user_only(settings: Settings) -> None:
    if not settings.multi_user:
        raise NotFound("page")  # one person, no sign-in: nothing to show


def _safe_next(target: str | None) -> str:
    """Only a path on this site, so a crafted link cannot send someone elsewhere after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _signed_in(request: Request, engine: Database, settings: Settings, person: int) -> Response:
    token = accounts.start_login(engine, person_id=person, clock=settings.clock)
    rotate_csrf_token(request)  # a token seen or planted before sign-in is worth nothing now
    response = RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=int(accounts.LOGIN_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    return response


def _signup_problems(problems: Sequence[str], username: str, password: str) -> list[FormProblem]:
    """The service's problems in the sign-up page's words, each linked to its question."""
    name = accounts.normal_username(username)[:40]
    said = []
    for problem in problems:
        field = problem.partition(": ")[0]
        if field == "password":
            lacking = len(password) < accounts.PASSWORD_MIN_CHARS
            limit = (
                f"at least {accounts.PASSWORD_MIN_CHARS}"
                if lacking
                else f"at most {accounts.PASSWORD_MAX_CHARS}"
            )
            sentence = f"A password needs {limit} characters; this one has {len(password)}."
        elif "is taken" in problem:
            sentence = f"The name {name} is already taken; choose another."
        else:
            sentence = (
                f"A username needs 3 to 32 characters: lower-case letters, digits, dot, dash or "
                f"underscore, starting with a letter or digit; “{name}” does not fit."
            )
        said.append(FormProblem(field, sentence))
    return said


def _too_many(request: Request, template: str, username: str, wait_s: float, what: str) -> Response:
    minutes = max(1, round(wait_s / 60))
    problem = f"Too many {what} from here. Try again in about {minutes} minute(s)."
    context = {"username": username[:64], "problems": [problem]}
    response = render(request, template, context, status_code=429)
    response.headers["Retry-After"] = str(int(wait_s) + 1)
    return response


def _sign_in_throttle(engine: Database, settings: WebSettings) -> Throttle:
    return Throttle(
        engine,
        attempts_allowed=settings.login_failures_allowed,
        window_s=settings.login_window_s,
        clock=settings.clock,
    )


@router.get("/signup")
def signup_form(request: Request, settings: Settings) -> Response:
    _multi_user_only(settings)
    return render(request, "signup.html", {"username": "", "problems": []})


@router.post("/signup")
def signup(
    request: Request, engine: Database, settings: Settings, username: Text, password: Text
) -> Response:
    _multi_user_only(settings)
    throttle = Throttle(
        engine,
        attempts_allowed=settings.signups_allowed,
        window_s=settings.login_window_s,
        clock=settings.clock,
    )
    key = address_key(request, "sign-up")
    wait_s = throttle.retry_after_s(key)
    if wait_s > 0:
        return _too_many(request, "signup.html", username, wait_s, "sign-ups")
    throttle.count(key)  # every attempt: each costs a password hash, and may make an account
    try:
        person = accounts.sign_up(
            engine, username=username, password=password, clock=settings.clock
        )
    except InputError as error:
        problems = _signup_problems(error.problems, username, password)
        context = {"username": username[:64], "problems": problems}
        return render(request, "signup.html", context, status_code=422)
    return _signed_in(request, engine, settings, person)


@router.get("/login")
def login_form(request: Request, settings: Settings) -> Response:
    _multi_user_only(settings)
    return render(request, "login.html", {"username": "", "problems": []})


@router.post("/login")
def login(
    request: Request, engine: Database, settings: Settings, username: Text, password: Text
) -> Response:
    _multi_user_only(settings)
    throttle = _sign_in_throttle(engine, settings)
    keys = (address_key(request), username_key(username))
    wait_s = throttle.retry_after_s(*keys)
    if wait_s > 0:
        return _too_many(request, "login.html", username, wait_s, "failed sign-ins")
    person = accounts.check_password(engine, username=username, password=password)
    if person is None:
        throttle.count(*keys)
        problem = FormProblem(
            "username", "That username and password do not match an account; check both."
        )
        context = {"username": username[:64], "problems": [problem]}
        return render(request, "login.html", context, status_code=401)
    throttle.forget([keys[1]])  # the account's own count; the address's stands
    return _signed_in(request, engine, settings, person)


@router.post("/logout")
def logout(request: Request, form: Form, engine: Database, settings: Settings) -> Response:
    """Sign this browser out; with ``revoke_api_token=yes``, the API token stops working too
    (for when it may have leaked)."""
    person = signed_in_person(request) if settings.multi_user else None
    if person is not None and form.get("revoke_api_token") == "yes":
        accounts.revoke_api_token(engine, person_id=person)
    token = request.cookies.get(LOGIN_COOKIE)
    if token:
        accounts.end_login(engine, token=token, clock=settings.clock)
    rotate_csrf_token(request)
    response = RedirectResponse("/login" if settings.multi_user else "/", status_code=303)
    response.delete_cookie(
        LOGIN_COOKIE, httponly=True, samesite="lax", secure=settings.secure_cookies
    )
    if settings.multi_user:
        # The pages and session records this browser kept for the person go with the sign-in.
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@router.get("/account")
def account(request: Request, engine: Database, settings: Settings, person: PersonId) -> Response:
    _multi_user_only(settings)
    name = accounts.username_of(engine, person_id=person)
    return render(request, "account.html", {"account_name": name, "token": None})


@router.post("/account/token")
def account_token(
    request: Request, engine: Database, settings: Settings, person: PersonId
) -> Response:
    _multi_user_only(settings)
    if bearer_token(request) is not None:
        # The page is for a signed-in browser; a script sends its password to the API.
        raise HTTPException(403, "make a new API token on the Account page, signed in")
    token = accounts.new_api_token(engine, person_id=person)
    name = accounts.username_of(engine, person_id=person)
    return render(request, "account.html", {"account_name": name, "token": token})
