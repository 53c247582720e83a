"""Progress use cases: log a check-in, import a run, review the plan, and read the plan in force.

Every write is followed by a review: the progression rules and the return-to-run ladder look at
what is stored and append the changes due today, each with its reason and evidence. Days are the
person's local calendar days (the server's time zone for a local install).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, BinaryIO

from pydantic import ValidationError
from sqlalchemy import Engine

from psoas.activities import ActivityFileError, read_activities
from psoas.catalogue import load_catalogue
from psoas.domain.plan import Plan
from psoas.domain.problems import problems_from
from psoas.domain.profile import Profile
from psoas.domain.progress import ProgressCheckIn, RecordedCheckIn, RunDone, SessionDone
from psoas.domain.progression import PlanChange
from psoas.rules.plan_adjustment import plan_in_force
from psoas.rules.review import due_changes
from psoas.rules.settling import lifted_restrictions
from psoas.services.errors import InputError
from psoas.services.planning import plan_for
from psoas.storage import (
    LOCAL_PERSON_ID,
    ProfileRepository,
    ProgressRepository,
    SessionRepository,
    StoredRun,
)

Clock = Callable[[], datetime]


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def parse_check_in(data: Any, source: str = "check-in") -> ProgressCheckIn:
    if not isinstance(data, dict):
        raise InputError([f"{source}: expected a mapping of field: value"])
    try:
        return ProgressCheckIn.model_validate(data)
    except ValidationError as error:
        raise InputError([str(p) for p in problems_from(error, ProgressCheckIn)]) from None


@dataclass(frozen=True, slots=True)
class Logged:
    """What a write did: the new record's id and the plan changes it led to."""

    id: int
    changes: tuple[PlanChange, ...]


def log_check_in(
    engine: Engine,
    check_in: ProgressCheckIn,
    *,
    profile: Profile,
    clock: Clock,
    person_id: int = LOCAL_PERSON_ID,
) -> Logged:
    now = clock()
    if check_in.on > local_day(now):
        raise InputError([f"on: {check_in.on.isoformat()} is in the future; log today or earlier"])
    check_in_id = ProgressRepository(engine).add_check_in(
        person_id=person_id, check_in=check_in, now=now
    )
    return Logged(check_in_id, review_plan(engine, profile=profile, now=now, person_id=person_id))


@dataclass(frozen=True, slots=True)
class ImportedActivity:
    """One activity of an imported file, and whether it had been imported before."""

    run: StoredRun
    already_imported: bool


def import_activities(
    engine: Engine,
    stream: BinaryIO,
    *,
    name: str,
    profile: Profile,
    clock: Clock,
    person_id: int = LOCAL_PERSON_ID,
) -> tuple[tuple[ImportedActivity, ...], tuple[PlanChange, ...]]:
    """Parse the whole file first: a bad file raises InputError and nothing is stored. Every
    activity in the file is stored together; one stored before (same start and sport) is not
    stored again."""
    try:
        summaries = read_activities(stream, parameters=load_catalogue().terrain, name=name)
    except ActivityFileError as error:
        raise InputError([str(error)]) from None
    now = clock()
    days = [(local_day(s.started_at) if s.started_at else local_day(now), s) for s in summaries]
    stored = ProgressRepository(engine).add_runs(
        person_id=person_id, runs=days, file_name=name, now=now
    )
    imported = tuple(ImportedActivity(run, again) for run, again in stored)
    if all(item.already_imported for item in imported):
        return imported, ()
    changes = review_plan(engine, profile=profile, now=now, person_id=person_id)
    return imported, changes


@dataclass(frozen=True, slots=True)
class Records:
    """Everything the rules read for one person."""

    check_ins: list[RecordedCheckIn]
    sessions: list[SessionDone]
    stored_runs: list[StoredRun]
    changes: list[PlanChange]

    @property
    def runs(self) -> list[RunDone]:
        return [run_done(run) for run in self.stored_runs]

    @property
    def first_day(self) -> date | None:
        days = [c.on for c in self.check_ins] + [s.on for s in self.sessions]
        return min(days, default=None)


def records(engine: Engine, *, person_id: int, since: date | None = None) -> Records:
    progress = ProgressRepository(engine)
    # Local midnight of the first day, so the database skips older sessions and their steps.
    start = datetime.combine(since, time()).astimezone() if since is not None else None
    outcomes = SessionRepository(engine).outcomes(person_id=person_id, since=start)
    return Records(
        check_ins=progress.check_ins(person_id=person_id, since=since),
        sessions=[
            SessionDone(
                id=o.id,
                on=local_day(o.started_at),
                completed=o.completed,
                skipped_for_pain=o.skipped_for_pain,
                exercises=o.exercises,
                pain_before=o.pain_before,
                pain_after=o.pain_after,
            )
            for o in outcomes
            if since is None or local_day(o.started_at) >= since
        ],
        stored_runs=progress.runs(person_id=person_id, since=since),
        changes=progress.changes(person_id=person_id),
    )


def run_done(run: StoredRun) -> RunDone:
    return RunDone(
        id=run.id,
        on=run.day,
        distance_m=run.summary.distance_m,
        elevation_gain_m=run.summary.elevation_gain_m,
        hilly=run.summary.hilly,
        terrain=run.summary.terrain,
        counts_as=run.summary.counts_as,
    )


def review_plan(
    engine: Engine, *, profile: Profile, now: datetime, person_id: int = LOCAL_PERSON_ID
) -> tuple[PlanChange, ...]:
    """Append and return the changes due today (none when nothing is due)."""
    today = local_day(now)
    found = records(engine, person_id=person_id)
    lifted = lifted_since_check_in(engine, found.check_ins, person_id=person_id)
    changes = due_changes(
        plan=plan_for(profile, lifted),
        profile=profile,
        catalogue=load_catalogue(),
        check_ins=found.check_ins,
        sessions=found.sessions,
        runs=found.runs,
        changes=found.changes,
        plan_since=found.first_day or today,
        today=today,
    )
    ProgressRepository(engine).add_changes(person_id=person_id, changes=changes, now=now)
    return changes


def current_plan(engine: Engine, profile: Profile, *, person_id: int = LOCAL_PERSON_ID) -> Plan:
    progress = ProgressRepository(engine)
    changes = progress.changes(person_id=person_id)
    lifted = lifted_since_check_in(
        engine, progress.check_ins(person_id=person_id), person_id=person_id
    )
    return plan_in_force(profile, changes, load_catalogue(), planner=plan_for, lifted=lifted)


def lifted_since_check_in(
    engine: Engine, check_ins: Sequence[RecordedCheckIn], *, person_id: int
) -> frozenset[str]:
    """The staged restrictions that progress check-ins since the latest check-in have lifted:
    what the person answered at check-in counts until later check-ins show it settled."""
    saved_at = ProfileRepository(engine).latest_saved_at(person_id=person_id)
    since = local_day(saved_at) if saved_at is not None else None
    return lifted_restrictions(load_catalogue(), check_ins, since)
