"""Past sessions, newest first: what was done, skipped and felt."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from psoas.catalogue import load_catalogue
from psoas.storage import SessionRepository
from psoas.web.identity import Database, PersonId
from psoas.web.templating import render

router = APIRouter()

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SKIP_REASONS = {
    "pain": "pain",
    "no-time": "no time",
    "no-equipment": "no equipment",
    "other": "another reason",
}


@router.get("/history")
def history(request: Request, engine: Database, person: PersonId) -> Response:
    sessions = SessionRepository(engine).history(person_id=person)
    catalogue = load_catalogue()
    context = {
        "sessions": sessions,
        "days": DAY_NAMES,
        "reasons": SKIP_REASONS,
        "names": {id_: exercise.name for id_, exercise in catalogue.exercises.items()},
    }
    return render(request, "history.html", context)
