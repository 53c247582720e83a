"""Server-rendered pages. Every page works with JavaScript off except the guided player."""

from fastapi import APIRouter

from psoas.web.pages import accounts, checkin, history, home, library, plan, player

router = APIRouter(include_in_schema=False)
for module in (home, checkin, plan, library, player, history, accounts):
    router.include_router(module.router)
