"""Server-rendered pages. Every page works with JavaScript off except the guided player."""

from fastapi import APIRouter

from psoas.web.pages import (
    accounts,
    breaks,
    checkin,
    figures,
    history,
    home,
    install,
    library,
    personal_data,
    plan,
    player,
    progress,
    progress_checkin,
)
from psoas.web.strict_body import StrictRoute

router = APIRouter(route_class=StrictRoute, include_in_schema=False)
PAGES = (home, checkin, plan, library, player, history, progress, progress_checkin, breaks)
for module in (*PAGES, figures, personal_data, accounts, install):
    router.include_router(module.router)
