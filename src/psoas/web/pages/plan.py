"""The plan in force for the person's latest check-in (with the doses progress has changed),
with everything the terminal shows and more."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from psoas.catalogue import load_catalogue
from psoas.services.progress import current_plan
from psoas.storage import ProfileRepository, ProgressRepository
from psoas.web.identity import Database, PersonId
from psoas.web.page_fragments import FragmentCache, render_keeping_block, render_with_block
from psoas.web.pages.figures import end_image
from psoas.web.plan_words import item_whys, left_out
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)

STATUS_TITLE = {
    "ok": "Ready to start",
    "see-professional": "Please see a professional first",
    "urgent-care": "Stop: please get medical help",
}
# Messages that explain the status (where to go, how soon) belong in the banner.
SCREENING_PREFIXES = ("status-", "red-flag-", "referral-")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@router.get("/plan")
def plan_page(request: Request, engine: Database, person: PersonId) -> Response:
    # Read the version before the plan: a record saved in between makes the next request
    # render again, never keeps an older plan under a newer version.
    version = ProgressRepository(engine).plan_inputs_version(person_id=person)
    cache: FragmentCache = request.app.state.plan_pages
    key = (person, version)
    if (fragment := cache.get(key)) is not None:
        return render_with_block(request, "plan.html", block="main", fragment=fragment)
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        return render(request, "plan_none.html")
    plan = current_plan(engine, profile, person_id=person)
    catalogue = load_catalogue()
    by_day = {session.day: session.exercises for session in plan.weekly_schedule}
    names = {id_: exercise.name for id_, exercise in catalogue.exercises.items()}
    context = {
        "plan": plan,
        # A warning sign from a progress check-in, not from the screening answers: a later
        # progress check-in without one lifts the stop.
        "stopped_by_check_in": plan.status == "urgent-care" and not profile.red_flags,
        "title": STATUS_TITLE[plan.status],
        "screening": [m for m in plan.messages if m.id.startswith(SCREENING_PREFIXES)],
        "notes": [m for m in plan.messages if not m.id.startswith(SCREENING_PREFIXES)],
        "names": names,
        "whys": item_whys(plan.phases, names),
        "left_out": left_out(plan.excluded),
        "figures": {id_: end_image(exercise) for id_, exercise in catalogue.exercises.items()},
        "week": [(name, by_day.get(day, ())) for day, name in enumerate(DAY_NAMES, start=1)],
    }
    return render_keeping_block(request, "plan.html", context, block="main", cache=cache, key=key)
