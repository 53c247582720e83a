"""The start page: a short welcome and where to go next."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from psoas.storage import ProfileRepository
from psoas.web.identity import Database, PersonId
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)


@router.get("/")
def home(request: Request, engine: Database, person: PersonId) -> Response:
    has_profile = ProfileRepository(engine).latest_profile(person_id=person) is not None
    return render(request, "home.html", {"has_profile": has_profile})
