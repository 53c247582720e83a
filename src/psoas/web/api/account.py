"""API tokens, for scripts on a multi-user server."""

from fastapi import APIRouter
from pydantic import BaseModel

from psoas.services import accounts
from psoas.services.errors import Conflict
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.strict_body import StrictRoute

router = APIRouter(route_class=StrictRoute, tags=["account"])


class NewToken(BaseModel):
    token: str
    usage: str = "send it as 'Authorization: Bearer TOKEN'; it replaces your previous token"


@router.post("/token", status_code=201, response_model=NewToken, responses={409: {}})
def new_token(engine: Database, person: PersonId, settings: Settings) -> NewToken:
    """A new API token for the signed-in person, shown once; the previous one stops working."""
    if not settings.multi_user:
        raise Conflict("this server has one person and no sign-in: the API needs no token")
    return NewToken(token=accounts.new_api_token(engine, person_id=person))
