"""The HTTP API under /api/v1, and /healthz."""

from typing import Any

from fastapi import APIRouter
from starlette.routing import Match
from starlette.types import Scope

from psoas.web.api import (
    account,
    breaks,
    catalogue,
    health,
    personal_data,
    plan,
    profile,
    progress,
    sessions,
)
from psoas.web.strict_body import StrictRoute

# FastAPI answers 400 itself when a body is not UTF-8 (malformed JSON is 422).
UNREADABLE_BODY: dict[int | str, dict[str, Any]] = {400: {"description": "The body is not UTF-8"}}
API_PATHS = ("/api/", "/healthz")


class ApiRouter(APIRouter):
    """Says at once that a page's path is none of its routes. FastAPI versions that keep
    included routers as nodes match a request against each route in turn, and the pages come
    after the API: for every page, that was most of the cost of routing it."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if not str(scope.get("path", "")).startswith(API_PATHS):
            return Match.NONE, {}
        return super().matches(scope)


router = ApiRouter(route_class=StrictRoute)
router.include_router(health.router)
for module in (profile, plan, progress, catalogue, sessions, account, personal_data, breaks):
    router.include_router(module.router, prefix="/api/v1", responses=UNREADABLE_BODY)
