"""The person's check-in profile: read, replace, forget."""

from typing import Any

from fastapi import APIRouter, Response

from psoas.domain.profile import Profile
from psoas.services.errors import NotFound
from psoas.storage import ProfileRepository
from psoas.web.api.profile_input import ProfileIn
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.strict_body import StrictRoute
from psoas.web.your_data import forget_check_ins, save_check_in

Responses = dict[int | str, dict[str, Any]]
router = APIRouter(route_class=StrictRoute, tags=["profile"])
NOT_FOUND: Responses = {404: {"description": "No check-in saved yet"}}


@router.get("/profile", response_model=ProfileIn, responses=NOT_FOUND)
def read_profile(engine: Database, person: PersonId) -> Profile:
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        raise NotFound("profile")
    return profile


@router.put("/profile", response_model=ProfileIn)
def save_profile(
    profile: ProfileIn, engine: Database, person: PersonId, settings: Settings
) -> ProfileIn:
    """Save a check-in; earlier ones are kept, the latest counts. On a single-person server it
    is also written to the profile file the CLI reads, as the check-in page does."""
    save_check_in(engine, settings, profile, person_id=person)
    return profile


@router.delete("/profile", status_code=204, responses=NOT_FOUND)
def delete_profile(engine: Database, person: PersonId, settings: Settings) -> Response:
    """Forget every saved check-in (on a single-person server, the CLI's profile file too)."""
    if forget_check_ins(engine, settings, person_id=person) == 0:
        raise NotFound("profile")
    return Response(status_code=204)
