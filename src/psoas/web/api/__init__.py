"""The HTTP API under /api/v1, and /healthz."""

from fastapi import APIRouter

from psoas.web.api import account, catalogue, health, plan, profile, sessions

router = APIRouter()
router.include_router(health.router)
for module in (profile, plan, catalogue, sessions, account):
    router.include_router(module.router, prefix="/api/v1")
