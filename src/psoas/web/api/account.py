"""API tokens, for scripts on a multi-user server.

A token cannot make its own replacement without the password: else whoever stole one could
lock its owner out. A signed-in browser (the account page, the login cookie) needs no password.
"""

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from psoas.services import accounts
from psoas.services.errors import Conflict
from psoas.web.identity import Database, PersonId, Settings, bearer_token
from psoas.web.login_throttle import Throttle, username_key
from psoas.web.strict_body import StrictRoute

router = APIRouter(route_class=StrictRoute, tags=["account"])


class NewToken(BaseModel):
    token: str
    usage: str = "send it as 'Authorization: Bearer TOKEN'; it replaces your previous token"


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str | None = Field(
        None,
        max_length=accounts.PASSWORD_MAX_CHARS,
        description="Your password: needed when this request carries an API token",
    )


@router.post(
    "/token",
    status_code=201,
    response_model=NewToken,
    responses={
        403: {"description": "Sent with an API token but without the right password"},
        409: {},
        429: {"description": "Too many wrong passwords; try again later"},
    },
)
def new_token(
    request: Request,
    engine: Database,
    person: PersonId,
    settings: Settings,
    body: Annotated[TokenRequest | None, Body()] = None,
) -> NewToken:
    """A new API token for the signed-in person, shown once; the previous one stops working.
    With an API token rather than a signed-in browser, send your password too."""
    if not settings.multi_user:
        raise Conflict("this server has one person and no sign-in: the API needs no token")
    if bearer_token(request) is not None:
        _check_password(engine, settings, person, body.password if body else None)
    return NewToken(token=accounts.new_api_token(engine, person_id=person))


@router.delete("/token", status_code=204, responses={409: {}})
def revoke_token(engine: Database, person: PersonId, settings: Settings) -> Response:
    """Your API token stops working at once (the one sending this, if it is one)."""
    if not settings.multi_user:
        raise Conflict("this server has one person and no sign-in: the API has no token")
    accounts.revoke_api_token(engine, person_id=person)
    return Response(status_code=204)


def _check_password(
    engine: Database, settings: Settings, person: int, password: str | None
) -> None:
    username = accounts.username_of(engine, person_id=person) or ""
    throttle = Throttle(
        engine,
        attempts_allowed=settings.login_failures_allowed,
        window_s=settings.login_window_s,
        clock=settings.clock,
    )
    key = username_key(username)
    wait_s = throttle.retry_after_s(key)
    if wait_s > 0:
        raise HTTPException(
            429,
            "too many wrong passwords; try again later",
            headers={"Retry-After": str(int(wait_s) + 1)},
        )
    if password is None:
        raise HTTPException(
            403,
            "password: an API token cannot make its replacement on its own; send your password "
            'as {"password": "..."}, or make one on the Account page',
        )
    if accounts.check_password(engine, username=username, password=password) != person:
        throttle.count(key)
        raise HTTPException(403, "password: that is not your password")
