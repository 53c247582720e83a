"""One person's progress at a glance: the data behind the charts, and the charts themselves.

The dashboard reads a window of recent weeks (26 by default) with three indexed queries per
record kind; bench/dashboard.py measures it on ten thousand people's two years of records.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine

from psoas.catalogue import load_catalogue
from psoas.charts import (
    Band,
    CategoryPoint,
    CategorySeries,
    Chart,
    ClimbClass,
    DatedValue,
    RunPoint,
    Series,
    WeekCount,
    category_chart,
    climb_pain_scatter,
    line_chart,
    run_chart,
    weekly_bars,
)
from psoas.domain.activity import TerrainParameters
from psoas.domain.ladder import LadderPosition
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.domain.progress import PAIN_CONTEXTS, RecordedCheckIn, SessionDone
from psoas.domain.progression import PlanChange
from psoas.rules.ladder import position
from psoas.rules.plan_adjustment import plan_in_force
from psoas.services.planning import plan_for
from psoas.services.progress import lifted_since_check_in, local_day, records
from psoas.storage import LOCAL_PERSON_ID, ProfileRepository, ProgressRepository, StoredRun

DEFAULT_WEEKS = 26
PAIN_LABELS = {
    "sitting": "Pain sitting",
    "running": "Pain running",
    "hills_or_stairs": "Pain on hills or stairs",
    "lifting_leg": "Pain lifting the leg",
}


@dataclass(frozen=True, slots=True)
class RunView:
    run: StoredRun
    climb_class: ClimbClass
    pain_after: int | None  # pain running in the first check-in on the day or the day after
    flagged: bool  # hilly (or unknown terrain) while the ladder said flat only


@dataclass(frozen=True, slots=True)
class Dashboard:
    since: date
    today: date
    plan: Plan
    check_ins: list[RecordedCheckIn]
    weeks: list[WeekCount]
    runs: list[RunView]
    changes: list[PlanChange]
    ladder: LadderPosition | None
    # Pain right now as the check-ins (the first one included) gave it, by local day.
    check_in_pain: tuple[DatedValue, ...] = ()
    sessions: tuple[SessionDone, ...] = ()

    @property
    def stopped(self) -> bool:
        return self.plan.status == "urgent-care"


def dashboard(
    engine: Engine,
    *,
    profile: Profile,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    person_id: int = LOCAL_PERSON_ID,
) -> Dashboard:
    catalogue = load_catalogue()
    monday = today - timedelta(days=today.weekday())
    since = monday - timedelta(weeks=weeks - 1)
    found = records(engine, person_id=person_id, since=since)
    where = position(catalogue.ladder, found.changes, found.check_ins, found.runs, today)
    flagged = set(where.flagged_runs) if where else set()
    return Dashboard(
        since=since,
        today=today,
        plan=plan_in_force(
            profile,
            found.changes,
            catalogue,
            planner=plan_for,
            # All check-ins, not the window's: the plan must not depend on the weeks shown.
            lifted=lifted_since_check_in(
                engine,
                ProgressRepository(engine).check_ins(person_id=person_id),
                person_id=person_id,
            ),
        ),
        check_ins=found.check_ins,
        weeks=_weeks(found.sessions, profile.sessions_per_week, since, today, found.first_day),
        runs=[
            RunView(
                run=run,
                climb_class=climb_class(run, catalogue.terrain),
                pain_after=_pain_after(run.day, found.check_ins),
                flagged=run.id in flagged,
            )
            for run in found.stored_runs
        ],
        changes=found.changes,
        ladder=where,
        check_in_pain=tuple(
            DatedValue(date=local_day(saved_at), value=pain)
            for saved_at, pain in ProfileRepository(engine).pain_scores(
                person_id=person_id, since=datetime.combine(since, time()).astimezone()
            )
        ),
        sessions=tuple(found.sessions),
    )


def climb_class(run: StoredRun, terrain: TerrainParameters) -> ClimbClass:
    """The terrain the import judged (flat, rolling, hilly, unknown), from the thresholds in
    content/rules/terrain.yaml; ``terrain`` is kept for callers that pass it."""
    del terrain
    return run.summary.terrain


def _pain_after(day: date, check_ins: list[RecordedCheckIn]) -> int | None:
    for check_in in check_ins:
        if day <= check_in.on <= day + timedelta(days=1):
            value = check_in.check_in.pain_during.running
            if value is not None:
                return value
    return None


def _weeks(
    sessions: list[SessionDone], per_week: int, since: date, today: date, first: date | None
) -> list[WeekCount]:
    """Sessions done per week against the plan, from the week of the person's first record (a
    week before they began is not a week they missed)."""
    done: dict[date, int] = {}
    for session in sessions:
        if session.completed:
            start = session.on - timedelta(days=session.on.weekday())
            done[start] = done.get(start, 0) + 1
    count = (today - since).days // 7 + 1
    starts = [since + timedelta(weeks=n) for n in range(count)]
    first = first or today
    return [
        WeekCount(week_start=start, done=done.get(start, 0), planned=per_week)
        for start in starts
        if start >= first - timedelta(days=first.weekday())
    ]


def charts(board: Dashboard, *, width: int = 640) -> list[Chart]:
    """The progress charts, each with its text summary, in the order the page shows them.

    ``width`` is the drawing width in px: a phone page should ask for 360 rather than shrink a
    640-wide chart, whose text would fall to about 7 px."""
    check_ins = board.check_ins
    pain = _pain_series(board)
    # The band sits around the first pain score shown: leaving it is a change that matters.
    band = Band(baseline=pain[0].points[0].value) if pain else None
    during = [
        Series(name=PAIN_LABELS[context], points=points)
        for context in PAIN_CONTEXTS
        if (
            points := tuple(
                DatedValue(date=c.on, value=value)
                for c in check_ins
                if (value := c.check_in.pain_during.of(context)) is not None
            )
        )
    ]
    psfs: dict[str, list[DatedValue]] = {}
    for c in check_ins:
        for score in c.check_in.psfs:
            psfs.setdefault(score.activity, []).append(DatedValue(date=c.on, value=score.score))
    thomas = [
        CategorySeries(
            name=side.title(),
            points=tuple(
                CategoryPoint(date=c.on, value=value)
                for c in check_ins
                if (value := getattr(c.check_in, f"thomas_{side}")) is not None
            ),
        )
        for side in ("left", "right")
    ]
    runs = [
        RunPoint(
            date=view.run.day,
            distance_km=view.run.summary.distance_m / 1000,
            climb_m=view.run.summary.elevation_gain_m,
            climb_class=view.climb_class,
            pain_after=view.pain_after,
        )
        for view in board.runs
    ]
    return [
        line_chart(pain, title="Pain", band=band, width=width),
        line_chart(
            during,
            title="Pain during activities",
            empty_text="No pain during activities recorded yet.",
            width=width,
        ),
        weekly_bars(board.weeks, title="Sessions per week against the plan", width=width),
        line_chart(
            [Series(name=name, points=tuple(points)) for name, points in list(psfs.items())[:5]],
            title="What you can do (PSFS)",
            caption="Ability (0 unable – 10 as before)",
            empty_text="No PSFS scores yet.",
            width=width,
        ),
        category_chart(
            thomas, title="Thomas self-check per side (a trend, not a diagnosis)", width=width
        ),
        run_chart(runs, title="Runs, coloured by climb", width=width),
        climb_pain_scatter(runs, title="Pain after runs against climb", width=width),
    ]


def _pain_series(board: Dashboard) -> list[Series]:
    """Every pain score of the window: right now at each check-in (the first one too, and each
    progress check-in), and just before and after each session. Series without a value are
    left out; three at most, so nothing is cut for want of a colour."""
    now = sorted(
        (
            *board.check_in_pain,
            *(DatedValue(date=c.on, value=c.check_in.pain_now) for c in board.check_ins),
        ),
        key=lambda point: point.date,
    )
    before = tuple(
        DatedValue(date=s.on, value=s.pain_before)
        for s in board.sessions
        if s.pain_before is not None
    )
    after = tuple(
        DatedValue(date=s.on, value=s.pain_after)
        for s in board.sessions
        if s.pain_after is not None
    )
    named = (("Pain now", tuple(now)), ("Before a session", before), ("After a session", after))
    return [Series(name=name, points=points) for name, points in named if points]
