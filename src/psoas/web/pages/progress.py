"""GET /progress: the dashboard (charts, the running ladder, runs, how the plan changed and why);
POST /progress/runs: upload a run. Works with JavaScript off; the charts are server-drawn SVG.
"""

from collections.abc import AsyncIterator, Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine
from starlette.datastructures import FormData, UploadFile

from psoas.catalogue import load_catalogue
from psoas.domain.progress import RecordedCheckIn
from psoas.domain.progression import PlanChange
from psoas.services.dashboard import Dashboard, charts, dashboard
from psoas.services.errors import InputError
from psoas.services.progress import import_activities, local_day
from psoas.storage import ProfileRepository
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.pages.plan import SCREENING_PREFIXES
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

# A 360 px phone leaves about 328 px for a chart; one drawn 320 wide is shown at full size.
PHONE_CHART_WIDTH = 320
router = APIRouter(route_class=StrictRoute)
ACCEPTED_FILES = ".gpx,.tcx,.fit,.gz,.zip"
KIND_LABELS = {
    "progress": "One step harder",
    "step-back": "One step easier",
    "stop": "Plan stopped",
    "resume": "Plan carries on",
    "ladder-start": "Running: ladder started",
    "ladder-up": "Running: up a stage",
    "ladder-down": "Running: down a stage",
}
CLIMB_LABELS = {
    "flat": "flat",
    "rolling": "rolling",
    "hilly": "hilly",
    "unknown": "unknown (no elevation in the file)",
}


async def _form(request: Request) -> AsyncIterator[FormData]:
    """The posted form; its uploaded files (spooled to disk) are closed after the answer."""
    form = await request.form()
    try:
        yield form
    finally:
        await form.close()


Form = Annotated[FormData, Depends(_form)]


def _number(raw: str | None) -> int | None:
    """A record id or count from the address; anything else (it is only a notice) is ignored.
    ASCII digits only: isdigit() alone takes "²", which int() then refuses."""
    if raw is None or not (raw.isascii() and raw.strip().isdigit()):
        return None
    number = int(raw)
    return number if number < 2**31 else None


def _flash(
    board: Dashboard,
    logged: int | None,
    run: int | None,
    changed: int | None,
    *,
    more: int = 0,
    again: int = 0,
) -> dict[str, Any] | None:
    """What the last write did: the record it saved and the newest ``changed`` plan changes (the
    ones its review appended: the service appends them last)."""
    if logged is None and run is None:
        return None
    count = min(changed or 0, len(board.changes))
    check_in = next((c for c in board.check_ins if c.id == logged), None)
    stored_run = next((v for v in board.runs if v.run.id == run), None)
    return {
        "check_in": check_in,
        "logged": logged is not None,
        "run": stored_run,
        "more": more,  # other activities the same file held, listed below
        "again": again,  # how many of the file's activities had been imported before
        "changes": list(reversed(board.changes[len(board.changes) - count :])) if count else [],
    }


def _evidence(change: PlanChange, check_ins: Sequence[RecordedCheckIn]) -> dict[str, Any]:
    days = {c.id: c.on for c in check_ins}
    return {
        "check_ins": [(id_, days.get(id_)) for id_ in change.check_ins],
        "sessions": change.sessions,
        "runs": change.runs,
    }


def progress_page(
    request: Request,
    engine: Engine,
    person: int,
    today: date,
    *,
    logged: int | None = None,
    run: int | None = None,
    changed: int | None = None,
    more: int | None = None,
    again: int | None = None,
    problems: Sequence[str] = (),
    status_code: int = 200,
) -> Response:
    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        empty: dict[str, Any] = {"board": None, "problems": list(problems)}
        return render(request, "progress.html", empty, status_code=status_code)
    board = dashboard(engine, profile=profile, today=today, person_id=person)
    catalogue = load_catalogue()
    plan = board.plan
    context = {
        "board": board,
        # Each chart drawn twice, for a wide column and for a phone's: charts.css shows the one
        # that fits, so text stays at its drawn size (12 px or more) instead of shrinking.
        "charts": list(zip(charts(board), charts(board, width=PHONE_CHART_WIDTH), strict=True)),
        "flash": _flash(board, logged, run, changed, more=more or 0, again=again or 0),
        "problems": list(problems),
        "screening": [m for m in plan.messages if m.id.startswith(SCREENING_PREFIXES)],
        "stages": catalogue.ladder.stages,
        "runs": list(reversed(board.runs)),
        "changes": [(c, _evidence(c, board.check_ins)) for c in reversed(board.changes)],
        "recent_check_ins": list(reversed(board.check_ins)),
        "kinds": KIND_LABELS,
        "climbs": CLIMB_LABELS,
        "names": {id_: exercise.name for id_, exercise in catalogue.exercises.items()},
        "accept": ACCEPTED_FILES,
    }
    return render(request, "progress.html", context, status_code=status_code)


@router.get("/progress")
def progress(
    request: Request,
    engine: Database,
    person: PersonId,
    settings: Settings,
    logged: str | None = None,
    run: str | None = None,
    changes: str | None = None,
    more: str | None = None,
    again: str | None = None,
) -> Response:
    """``?logged=ID`` or ``?run=ID`` with ``changes=N`` (and ``more=N``, ``again=N`` for a file
    of several activities or one imported before): say what the last write saved and did."""
    return progress_page(
        request,
        engine,
        person,
        local_day(settings.clock()),
        logged=_number(logged),
        run=_number(run),
        changed=_number(changes),
        more=_number(more),
        again=_number(again),
    )


@router.post("/progress/runs")
def upload_run(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    today = local_day(settings.clock())

    def refused(problem: str, status_code: int = 422) -> Response:
        return progress_page(
            request, engine, person, today, problems=[problem], status_code=status_code
        )

    profile = ProfileRepository(engine).latest_profile(person_id=person)
    if profile is None:
        return refused("Do the check-in first: runs are read against your plan.", 409)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return refused("Choose a GPX, TCX or FIT file (or a .gz or .zip of them) to upload.")
    try:
        imported, changes = import_activities(
            engine,
            upload.file,
            name=upload.filename,
            profile=profile,
            clock=settings.clock,
            person_id=person,
        )
    except InputError as error:
        return refused("; ".join(error.problems))
    # The first activity is shown as saved; the others are in the list of runs below it.
    first = imported[0].run
    again = sum(item.already_imported for item in imported)
    return RedirectResponse(
        f"/progress?run={first.id}&changes={len(changes)}&more={len(imported) - 1}&again={again}",
        status_code=303,
    )
