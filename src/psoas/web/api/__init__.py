"""The HTTP API under /api/v1, and /healthz."""

from typing import Any

from fastapi import APIRouter

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
router = APIRouter(route_class=StrictRoute)
router.include_router(health.router)
for module in (profile, plan, progress, catalogue, sessions, account, personal_data, breaks):
    router.include_router(module.router, prefix="/api/v1", responses=UNREADABLE_BODY)
