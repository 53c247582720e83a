"""Who is asking: the local person, or in multi-user mode the owner of a login cookie or an API
token. Routes take ``PersonId`` and never see how it was decided.
"""

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from psoas.services import accounts
from psoas.storage import LOCAL_PERSON_ID
from psoas.web.settings import WebSettings

LOGIN_COOKIE = "psoas_login"


class SignInRequired(Exception):
    """Answered with 401 on the API and a redirect to the sign-in page elsewhere."""


# The dependencies below are `async def` on purpose: they do no blocking work (or hand it to the
# thread pool themselves), and a plain `def` dependency costs a thread-pool hop per request.


async def settings_dependency(request: Request) -> WebSettings:
    return settings_of(request)


async def engine_dependency(request: Request) -> Engine:
    return engine_of(request)


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def signed_in_person(request: Request) -> int | None:
    """The person behind this request, or None when nobody is signed in."""
    settings = settings_of(request)
    if not settings.multi_user:
        return LOCAL_PERSON_ID
    cached: int | None = getattr(request.state, "person_id", None)
    if cached is not None:
        return cached
    engine = engine_of(request)
    token = bearer_token(request)
    if token is not None:
        person = accounts.person_for_api_token(engine, token=token)
    elif cookie := request.cookies.get(LOGIN_COOKIE):
        person = accounts.person_for_login(engine, token=cookie, clock=settings.clock)
    else:
        person = None
    request.state.person_id = person
    return person


async def maybe_person(request: Request) -> int | None:
    if not settings_of(request).multi_user:
        return LOCAL_PERSON_ID
    return await run_in_threadpool(signed_in_person, request)  # reads the database


async def require_person(request: Request) -> int:
    person = await maybe_person(request)
    if person is None:
        raise SignInRequired
    return person


Settings = Annotated[WebSettings, Depends(settings_dependency)]
Database = Annotated[Engine, Depends(engine_dependency)]
PersonId = Annotated[int, Depends(require_person)]
