"""Progress over HTTP: log check-ins, upload runs, read the dashboard's data and plan changes.

Every write is followed by a review of the plan (services.progress); the answer carries the
changes it made, each with its reason and the records it rests on.
"""

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.domain.progress import RecordedCheckIn
from psoas.domain.progression import PlanChange
from psoas.services.dashboard import DEFAULT_WEEKS, dashboard
from psoas.services.errors import InputError, NotFound
from psoas.services.progress import import_activities, local_day, log_check_in
from psoas.storage import ProfileRepository, ProgressRepository, StoredRun
from psoas.web.api.progress_models import (
    ActivityImported,
    CheckInIn,
    Logged,
    ProgressOut,
    RunImported,
    RunOut,
)
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.strict_body import StrictRoute

Responses = dict[int | str, dict[str, Any]]
router = APIRouter(route_class=StrictRoute, tags=["progress"])
NO_PROFILE: Responses = {404: {"description": "No check-in saved yet: the plan needs one first"}}
Weeks = Annotated[int, Query(ge=1, le=520, description="How many recent weeks to include")]


def saved_profile(engine: Engine, person: int) -> Profile:
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        raise NotFound("profile")
    return profile


@router.post(
    "/check-ins",
    status_code=201,
    response_model=Logged,
    responses={**NO_PROFILE, 422: {"description": "A field is wrong, or the day is in the future"}},
)
def log(check_in: CheckInIn, engine: Database, person: PersonId, settings: Settings) -> Logged:
    """Log how things are: pain, PSFS, Thomas self-check, sitting, warning signs. The plan is
    reviewed at once; a warning sign stops it until a later check-in reports none."""
    logged = log_check_in(
        engine,
        check_in.domain(),
        profile=saved_profile(engine, person),
        clock=settings.clock,
        person_id=person,
    )
    return Logged(id=logged.id, changes=list(logged.changes))


@router.get("/check-ins", response_model=list[RecordedCheckIn])
def check_ins(engine: Database, person: PersonId) -> list[RecordedCheckIn]:
    """Your check-ins, oldest first."""
    return ProgressRepository(engine).check_ins(person_id=person)


@router.get("/progress", response_model=ProgressOut, responses=NO_PROFILE)
def progress(
    engine: Database, person: PersonId, settings: Settings, weeks: Weeks = DEFAULT_WEEKS
) -> ProgressOut:
    """The dashboard's data for the recent weeks: check-ins, sessions per week, runs as the ladder
    reads them, where a runner is on the ladder, and every plan change."""
    board = dashboard(
        engine,
        profile=saved_profile(engine, person),
        today=local_day(settings.clock()),
        weeks=weeks,
        person_id=person,
    )
    return ProgressOut.of(board)


@router.get("/plan/changes", response_model=list[PlanChange])
def plan_changes(engine: Database, person: PersonId) -> list[PlanChange]:
    """Every change to your plan, oldest first, each with its reason, sources and evidence."""
    return ProgressRepository(engine).changes(person_id=person)


@router.post(
    "/runs",
    status_code=201,
    response_model=RunImported,
    responses={
        **NO_PROFILE,
        413: {"description": "The file is larger than the server takes"},
        422: {"description": "Not a readable GPX, TCX or FIT activity; nothing was stored"},
    },
)
def upload_run(
    file: Annotated[UploadFile, File(description="A GPX, TCX or FIT activity file")],
    engine: Database,
    person: PersonId,
    settings: Settings,
) -> RunImported:
    """Import a run. The format is read from the content; the whole file is checked before
    anything is stored."""
    profile = saved_profile(engine, person)
    try:
        imported, changes = import_activities(
            engine,
            file.file,
            name=file.filename or "",
            profile=profile,
            clock=settings.clock,
            person_id=person,
        )
    except InputError as error:
        raise InputError([f"file: {problem}" for problem in error.problems]) from None
    today = local_day(settings.clock())
    outs = runs_out(engine, profile, person, [item.run for item in imported], today)
    activities = [
        ActivityImported(**out.model_dump(), already_imported=item.already_imported)
        for out, item in zip(outs, imported, strict=True)
    ]
    return RunImported(activities=activities, run=outs[0], changes=list(changes))


def runs_out(
    engine: Engine, profile: Profile, person: int, runs: list[StoredRun], today: date
) -> list[RunOut]:
    """The runs as the dashboard reads them (climb class, flagged by the ladder)."""
    oldest = min(run.day for run in runs)
    weeks = max(DEFAULT_WEEKS, (today - oldest) // timedelta(weeks=1) + 2)
    board = dashboard(engine, profile=profile, today=today, weeks=weeks, person_id=person)
    views = {view.run.id: view for view in board.runs}
    return [RunOut.of(views[run.id]) for run in runs]
