"""GET /session: the guided player in the browser.

The server decides what can be played (a saved check-in, a plan with sessions, a session of yours
to carry on) and renders the start form; static/player.js runs the timers and reports each step
to the session API the moment it ends. Without JavaScript the page says the player needs it.
"""

import contextlib
import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Plan
from psoas.rules.session_preview import preview
from psoas.services import browser_sessions, sessions
from psoas.services.errors import Conflict, InputError
from psoas.services.progress import current_plan
from psoas.storage import ProfileRepository, SessionRepository
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.pages.figures import player_images
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)
# Session ids are 32-bit on PostgreSQL; a larger number cannot be a session.
MAX_SESSION_ID = 2**31 - 1
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@router.get("/session")
def session_page(
    request: Request,
    engine: Database,
    person: PersonId,
    settings: Settings,
    resume: str | None = None,
    time_scale: str | None = None,
    ended: str | None = None,
) -> Response:
    """The start form for a day of the plan, or (``?resume=ID``) a session to carry on.
    ``?time_scale=0.5`` runs every timer at half its length, to practise the moves at a faster
    pace (and for demos and tests); the page says so while it is not 1.

    While the latest session is unfinished, the page asks first: carry on with it, or end it
    and start again (``POST /session/ID/end``, which comes back here with ``?ended=ID``)."""
    scale = _time_scale(time_scale)
    common = {
        "time_scale": scale,
        "pace_percent": f"{scale * 100:g}",
        "scale_query": _scale_query(scale),
        "referral": _pain_referral(),
        # Every exercise a session can hold (a resumed one may follow an older plan).
        "figures": player_images(sorted(load_catalogue().exercises.values(), key=lambda e: e.id)),
    }
    if resume is not None:
        return _resume_page(request, engine, person, _session_id(resume), common)
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        return render(request, "player.html", {**common, "state": "no-profile"})
    plan = current_plan(engine, profile, person_id=person)
    if plan.status == "urgent-care" or not plan.weekly_schedule:
        return render(request, "player.html", {**common, "state": "no-sessions", "plan": plan})
    unfinished = _unfinished(engine, person)
    if unfinished is not None:
        return render(request, "player.html", {**common, "state": "unfinished", **unfinished})
    chosen = sessions.choose_day(plan, None, settings.clock().isoweekday())
    context = {
        **common,
        "state": "start",
        "plan": plan,
        "days": _days(plan),
        "chosen_day": chosen,
        "ended": _ended(engine, person, ended),
    }
    return render(request, "player.html", context)


@router.post("/session/{session_id}/end")
def end_session(
    session_id: Annotated[int, Path(ge=1, le=MAX_SESSION_ID)],
    engine: Database,
    person: PersonId,
    settings: Settings,
    time_scale: str | None = None,
) -> Response:
    """End an unfinished session as it stands, without the after-session questions (they are
    optional), so that a new one can start: it stays in history with the steps it got to."""
    # Ended already (a second click, another tab) is what was asked for.
    with contextlib.suppress(Conflict):
        browser_sessions.close_session(
            engine,
            person_id=person,
            session_id=session_id,
            pain_after=None,
            feel=None,
            note=None,
            clock=settings.clock,
        )
    query = {"ended": str(session_id)}
    scale = _time_scale(time_scale)
    if scale != 1.0:
        query["time_scale"] = f"{scale:g}"
    return RedirectResponse(f"/session?{urlencode(query)}", status_code=303)


def _resume_page(
    request: Request, engine: Database, person: int, session_id: int, common: dict[str, Any]
) -> Response:
    # NotFound (not yours, or no such session) becomes the 404 page.
    state = browser_sessions.session_state(engine, person_id=person, session_id=session_id)
    summary = state.summary
    context = {
        **common,
        "state": "finished" if summary.ended_at is not None else "resume",
        "session": summary,
        "day_name": DAY_NAMES[summary.plan_day - 1],
        "next_step": state.next_step,
    }
    return render(request, "player.html", context)


def _time_scale(raw: str | None) -> float:
    if raw is None or not raw.strip():
        return 1.0
    try:
        scale = float(raw)
    except ValueError:
        scale = math.nan
    if not (math.isfinite(scale) and 0 < scale <= 1):
        raise InputError([f"time_scale: must be a number above 0 and at most 1 (got {raw!r})"])
    return scale


def _scale_query(scale: float) -> str:
    """What links on the page add to keep the time scale ("" at the normal speed)."""
    return "" if scale == 1.0 else f"&time_scale={scale:g}"


def _session_id(raw: str) -> int:
    # isdigit() alone takes "²" and other Unicode digits, which int() then refuses.
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_SESSION_ID):
        raise InputError([f"resume: must be a session number such as 12 (got {raw[:20]!r})"])
    return int(raw)


def _days(plan: Plan) -> list[dict[str, Any]]:
    """Each day with a session once (the first session of a day is the one played), with what
    it holds: the exercises, the minutes and what to have ready."""
    days: dict[int, dict[str, Any]] = {}
    for session in plan.weekly_schedule:
        if session.day in days:
            continue
        days[session.day] = {
            "day": session.day,
            "name": DAY_NAMES[session.day - 1],
            "count": len(session.exercises),
            "preview": preview(sessions.session_steps(plan, session.day, 1.0)),
        }
    return [days[day] for day in sorted(days)]


def _ended(engine: Database, person: int, raw: str | None) -> dict[str, Any] | None:
    """The session just ended to start again, to say so on the start form; None for a number
    that is not one of this person's ended sessions."""
    if raw is None or not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_SESSION_ID):
        return None
    summary = SessionRepository(engine).session(person_id=person, session_id=int(raw))
    if summary is None or summary.ended_at is None:
        return None
    return {"session": summary, "day_name": DAY_NAMES[summary.plan_day - 1]}


def _unfinished(engine: Database, person: int) -> dict[str, Any] | None:
    """The latest session, when it was left open with steps still to do."""
    point = SessionRepository(engine).resume_point(person_id=person)
    if point is None:
        return None
    summary = SessionRepository(engine).session(person_id=person, session_id=point.session_id)
    if summary is None or summary.ended_at is not None:
        return None
    return {"unfinished": summary, "day_name": DAY_NAMES[summary.plan_day - 1]}


def _pain_referral() -> dict[str, Any] | None:
    """The lowest pain score the screening rules refer to a professional, and what they say: the
    start form explains it, and the player shows it when a session ends at that pain or more."""
    for pain in range(11):
        message = sessions.pain_referral(pain)
        if message is not None:
            return {"pain": pain, "text": message.text}
    return None
