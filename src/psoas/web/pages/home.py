"""The start page: what the person's status means today, and where to go next.

Urgent care shows the warning and what to do, with no session links; see-professional shows the
referral and what is safe meanwhile; an ok plan shows today's session (its exercises, minutes and
equipment), the last progress check-in and the next break reminder.
"""

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue import Catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.rules.dosing import item_seconds
from psoas.services import sessions
from psoas.services.progress import current_plan
from psoas.storage import BreakRepository, ProfileRepository, ProgressRepository
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.pages.player import DAY_NAMES
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)
# Messages that say why the status is what it is (where to go, how soon).
SCREENING_PREFIXES = ("red-flag-", "referral-")


@dataclass(frozen=True, slots=True)
class DaySession:
    day_name: str
    today: bool
    exercises: list[tuple[str, str]]  # (id, name)
    minutes: int
    equipment: list[str]  # what to have ready, in words, only what the person holds


@router.get("/")
def home(request: Request, engine: Database, person: PersonId, settings: Settings) -> Response:
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        return render(request, "home.html", {"has_profile": False})
    catalogue = load_catalogue()
    plan = current_plan(engine, profile, person_id=person)
    now = settings.clock()
    check_ins = ProgressRepository(engine).check_ins(person_id=person)
    stored = BreakRepository(engine).timer(person_id=person)
    due = stored.timer.due_at if stored is not None else None
    context = {
        "has_profile": True,
        "plan": plan,
        "reasons": [m for m in plan.messages if m.id.startswith(SCREENING_PREFIXES)],
        "next_session": _next_session(plan, profile, catalogue, now),
        "last_check_in": max(check_ins, key=lambda c: (c.on, c.id)) if check_ins else None,
        "next_reminder": due.astimezone(now.tzinfo) if due is not None else None,
        "move_minutes": plan.session_minutes,
    }
    return render(request, "home.html", context)


def _next_session(
    plan: Plan, profile: Profile, catalogue: Catalogue, now: datetime
) -> DaySession | None:
    if plan.status == "urgent-care" or not plan.weekly_schedule:
        return None
    today = now.isoweekday()
    day = sessions.choose_day(plan, None, today)
    ids = next(s.exercises for s in plan.weekly_schedule if s.day == day)
    items = {item.exercise: item for phase in plan.phases for item in phase.items}
    seconds = sum(item_seconds(items[e], catalogue.parameters) for e in ids if e in items)
    held = set(profile.equipment)
    ready = [
        option.replace("-", " ")
        for e in ids
        for options in catalogue.exercises[e].equipment
        for option in options
        if option in held
    ]
    return DaySession(
        day_name="Today" if day == today else DAY_NAMES[day - 1],
        today=day == today,
        exercises=[(e, catalogue.exercises[e].name) for e in ids],
        minutes=max(1, round(seconds / 60)),
        equipment=list(dict.fromkeys(ready)),
    )
