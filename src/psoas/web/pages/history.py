"""Past sessions, newest first: what was done, skipped and felt; and recent sitting breaks.

Each session can be carried on (while unfinished) or deleted. Deleting asks first on its own
page, and is a POST with the CSRF token, so neither a stray click nor another site can do it.
"""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from psoas.catalogue import load_catalogue
from psoas.services import breaks
from psoas.services.errors import NotFound
from psoas.services.progress import local_day
from psoas.storage import SessionRepository, SessionSummary
from psoas.web.human_dates import format_moment, person_now
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
# Session ids are 32-bit on PostgreSQL; a larger number cannot be a session (404, not a 500).
SessionId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/history")
def history(
    request: Request,
    engine: Database,
    person: PersonId,
    settings: Settings,
    deleted: str | None = None,
) -> Response:
    """``?deleted=`` the start time of a session just deleted, in words, to confirm it."""
    sessions = SessionRepository(engine).history(person_id=person)
    recent = breaks.stats(
        engine, person_id=person, today=local_day(settings.clock()), days=BREAK_DAYS
    )
    catalogue = load_catalogue()
    context = {
        "deleted": deleted[:40] if deleted else None,
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


def _owned(engine: Database, person: int, session_id: int) -> SessionSummary:
    summary = SessionRepository(engine).session(person_id=person, session_id=session_id)
    if summary is None:
        raise NotFound(f"session {session_id}")
    return summary


@router.get("/history/{session_id}/delete")
def delete_form(
    request: Request, session_id: SessionId, engine: Database, person: PersonId
) -> Response:
    summary = _owned(engine, person, session_id)
    context = {"session": summary, "day_name": DAY_NAMES[summary.plan_day - 1]}
    return render(request, "history_delete.html", context)


@router.post("/history/{session_id}/delete")
def delete_session(
    request: Request, session_id: SessionId, engine: Database, person: PersonId
) -> Response:
    summary = _owned(engine, person, session_id)
    if not SessionRepository(engine).delete_session(person_id=person, session_id=session_id):
        raise NotFound(f"session {session_id}")
    when = format_moment(summary.started_at, person_now(request))
    return RedirectResponse(f"/history?{urlencode({'deleted': when})}", status_code=303)
