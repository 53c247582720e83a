"""Past sessions, newest first: what was done, skipped and felt; and recent sitting breaks."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from psoas.catalogue import load_catalogue
from psoas.services import breaks
from psoas.services.progress import local_day
from psoas.storage import SessionRepository
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SKIP_REASONS = {
    "pain": "pain",
    "no-time": "no time",
    "no-equipment": "no equipment",
    "other": "another reason",
}
BREAK_DAYS = 14


@router.get("/history")
def history(request: Request, engine: Database, person: PersonId, settings: Settings) -> Response:
    sessions = SessionRepository(engine).history(person_id=person)
    recent = breaks.stats(
        engine, person_id=person, today=local_day(settings.clock()), days=BREAK_DAYS
    )
    catalogue = load_catalogue()
    context = {
        "sessions": sessions,
        "days": DAY_NAMES,
        "reasons": SKIP_REASONS,
        "names": {id_: exercise.name for id_, exercise in catalogue.exercises.items()},
        # Sitting breaks, on the days of the last fortnight that had any.
        "break_days": [
            d for d in recent if d.prompted or d.taken or d.natural or d.snoozed or d.skipped
        ],
    }
    return render(request, "history.html", context)
