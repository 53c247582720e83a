"""Plans: for a profile sent in the request, or for the saved one."""

from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request, Response

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.services.errors import NotFound
from psoas.services.planning import plan_for, plan_json
from psoas.services.progress import current_plan
from psoas.storage import ProfileRepository, ProgressRepository
from psoas.web.api.profile_input import ProfileIn
from psoas.web.identity import Database, PersonId
from psoas.web.page_fragments import FragmentCache
from psoas.web.strict_body import StrictRoute

Responses = dict[int | str, dict[str, Any]]
router = APIRouter(route_class=StrictRoute, tags=["plan"])
PLAN_JSON: Responses = {
    200: {"model": Plan, "description": "The plan, as `psoas plan --json` prints it"}
}


@router.post("/plan", response_class=Response, responses=PLAN_JSON)
async def plan_for_profile(profile: ProfileIn) -> Response:
    """The plan for this profile, byte for byte what `psoas plan --json` prints. Nothing is
    saved."""
    # On the event loop: a plan takes well under a millisecond (bench/plan_speed.py), less than
    # the hop to a worker thread, and a profile seen before costs a dictionary look-up.
    return Response(plan_bytes(profile), media_type="application/json")


def plan_bytes(profile: Profile) -> bytes:
    """The plan as `psoas plan --json` prints it, kept per profile and content."""
    return _plan_bytes(profile, id(load_catalogue()))


@lru_cache(maxsize=1024)
def _plan_bytes(profile: Profile, _catalogue_id: int) -> bytes:
    """Plans are pure functions of the profile and the content (see ``planning._plan``)."""
    return plan_json(plan_for(profile)).encode()


@router.get(
    "/plan",
    response_class=Response,
    responses={**PLAN_JSON, 404: {"description": "No check-in saved yet"}},
)
def saved_plan(request: Request, engine: Database, person: PersonId) -> Response:
    """The plan in force for the person's latest saved check-in: the plan with the doses that
    progress check-ins have changed, or urgent care while a reported warning sign stands."""
    # As the plan page: kept per version of what the plan is made of (see page_fragments).
    version = ProgressRepository(engine).plan_inputs_version(person_id=person)
    cache: FragmentCache = request.app.state.plan_json
    key = (person, version)
    if (kept := cache.get(key)) is None:
        profile = ProfileRepository(engine).latest_profile(person_id=person)
        if profile is None:
            raise NotFound("profile")
        kept = plan_json(current_plan(engine, profile, person_id=person))
        cache.put(key, kept)
    return Response(kept, media_type="application/json")
