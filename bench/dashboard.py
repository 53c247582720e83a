"""One person's dashboard on a big database: 10,000 people × two years of daily records.

Every person has a check-in and a session on each of 730 days (about 14.6 million rows), a
tenth of them are runners with two runs a week and the return-to-run ladder, and everyone has a
few plan changes. Rows are written day by day across all people, as a live service would write
them, so one person's rows are scattered over the tables rather than side by side.

The databases take minutes to build, so they are kept: SQLite files under $PSOAS_BENCH_DIR
(default /tmp/psoas-bench) and PostgreSQL databases named `psoas_bench_dashboard_<key>`, the key
a hash of the parameters, each with a `bench_meta` table that says what it holds and how long it
took to build. A run with the same parameters reuses them; `--drop` deletes them all.

Then `psoas.services.dashboard.dashboard()` is timed for random people, with the default 26-week
window and with two years, and `charts()` (the SVG drawing) separately.

    python bench/dashboard.py                          # build or reuse both, print JSON
    python bench/dashboard.py --people 200 --calls 50  # a quick try on a small database
    python bench/dashboard.py --people 1000 --steps 10 # sessions with steps, as real ones have
    python bench/dashboard.py --profile sqlite         # cProfile of the 26-week call
    python bench/dashboard.py --drop                   # delete the kept databases

PostgreSQL is reached at $PSOAS_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/postgres); the benchmark creates its own database there.
"""

import argparse
import cProfile
import hashlib
import json
import os
import platform
import pstats
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Engine, make_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from psoas.catalogue import load_catalogue  # noqa: E402
from psoas.domain.catalogue import Catalogue  # noqa: E402
from psoas.domain.profile import Profile  # noqa: E402
from psoas.domain.progression import ChangeKind, DoseLevel, PlanChange  # noqa: E402
from psoas.rules.dose_steps import harder, level_of  # noqa: E402
from psoas.rules.ladder import LADDER_RULE  # noqa: E402
from psoas.services.dashboard import charts, dashboard  # noqa: E402
from psoas.services.planning import plan_for  # noqa: E402
from psoas.storage import create_engine_for, upgrade  # noqa: E402

VERSION = 1  # bump when the generated data changes: kept databases are then rebuilt
DIR_VARIABLE = "PSOAS_BENCH_DIR"
POSTGRES_VARIABLE = "PSOAS_BENCH_POSTGRES_URL"
DEFAULT_DIR = Path("/tmp/psoas-bench")
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_PREFIX = "psoas_bench_dashboard_"  # + the shape's key, as the SQLite file names
BACKENDS = ("sqlite", "postgresql")
TODAY = date(2026, 11, 20)  # the last day with records; a fixed day keeps runs comparable
WINDOWS = (26, 105)  # weeks: the dashboard's default, and two years
P50_TARGET_MS = 50.0
P99_TARGET_MS = 200.0
WARMUP_CALLS = 20
BATCH_DAYS = 7  # days generated and written per transaction (or COPY)

RUNNER = Profile(
    activities=("running", "desk-work"),
    sitting_hours_per_day=7,
    goals=("return-to-running", "relieve-tightness"),
    symptoms=("front-of-hip-pain", "pain-running-uphill-or-stairs"),
    pain_now=3,
    equipment=("mat", "foam-roller", "strap-or-towel"),
    minutes_per_session=20,
    sessions_per_week=6,
)
DESK = Profile(
    activities=("desk-work", "driving"),
    sitting_hours_per_day=9,
    goals=("relieve-tightness", "ease-low-back-pain"),
    symptoms=("low-back-pain", "hip-stiffness"),
    pain_now=4,
    equipment=("mat", "chair", "wall"),
    minutes_per_session=15,
    sessions_per_week=6,
)
PSFS_ACTIVITIES = (
    "Running 5 km",
    "Climbing two flights of stairs",
    "Getting out of the car",
    "Putting on socks",
    "Sitting through a film",
    "Lifting the leg into the bath",
    "Walking the dog for an hour",
)
NOTES = ("Stiff after a long drive.", "Felt loose after the session.", "Slept badly.")
THOMAS = ("above", "level", "below")
FEELS = ("tighter", "same", "looser")

COLUMNS: dict[str, tuple[str, ...]] = {
    "people": ("id", "name", "created_at"),
    "profiles": ("id", "person_id", "data", "saved_at"),
    "sessions": (
        "id",
        "person_id",
        "plan_day",
        "started_at",
        "ended_at",
        "status",
        "planned_steps",
        "pain_before",
        "pain_after",
        "feel",
        "note",
        "plan",
    ),
    "check_ins": ("id", "person_id", "day", "pain_now", "data", "recorded_at"),
    "activities": (
        "id",
        "person_id",
        "day",
        "started_at",
        "format",
        "file_name",
        "distance_m",
        "duration_s",
        "elevation_gain_m",
        "max_sustained_grade_pct",
        "hilly",
        "sport",
        "terrain",
        "point_count",
        "notes",
        "imported_at",
    ),
    "plan_changes": ("id", "person_id", "day", "kind", "data", "recorded_at"),
    "session_steps": (
        "session_id",
        "step_index",
        "exercise_id",
        "side",
        "set_number",
        "outcome",
        "skip_reason",
        "recorded_at",
    ),
}
TABLES = tuple(COLUMNS)
Row = tuple[Any, ...]
Batch = dict[str, list[Row]]


@dataclass(frozen=True, slots=True)
class Shape:
    """What a benchmark database holds; its key names the kept database."""

    people: int = 10_000
    days: int = 730
    runners_every: int = 10  # every tenth person runs
    steps_per_session: int = 0  # session_steps rows per session (0: none, see the docs)
    seed: int = 2026
    today: date = TODAY

    def key(self) -> str:
        text = json.dumps({"version": VERSION, **asdict(self)}, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    @property
    def first_day(self) -> date:
        return self.today - timedelta(days=self.days - 1)

    def person_ids(self) -> range:
        # Person 1 is the local person every database starts with; the benchmark's follow it.
        return range(2, self.people + 2)

    def is_runner(self, person_id: int) -> bool:
        return person_id % self.runners_every == 0

    def profile_of(self, person_id: int) -> Profile:
        return RUNNER if self.is_runner(person_id) else DESK


# --- generating the records -------------------------------------------------------------------


def stamp(day: date, minutes: int) -> str:
    """A UTC time as both backends read it in text (PostgreSQL with TIME ZONE 'UTC')."""
    return f"{day.isoformat()} {minutes // 60:02d}:{minutes % 60:02d}:00.000000"


@dataclass(slots=True)
class Person:
    id: int
    runner: bool
    pain: float
    trend: float  # pain change per day while things go well
    psfs: tuple[str, ...]
    psfs_score: float
    running_pain: float
    exercises: tuple[str, ...]  # what a session holds, in order
    changes: dict[int, list[PlanChange]] = field(default_factory=dict)  # by day index


def generate(shape: Shape) -> Iterator[Batch]:
    """All rows, in batches of BATCH_DAYS days, each day across all people (seeded)."""
    rng = random.Random(shape.seed)
    catalogue = load_catalogue()
    chains = {profile: dose_chains(profile, catalogue) for profile in (RUNNER, DESK)}
    people = [new_person(rng, shape, person_id) for person_id in shape.person_ids()]
    for person in people:
        profile = shape.profile_of(person.id)
        plan_changes(rng, person, shape, catalogue, chains[profile])
    joined = stamp(shape.first_day - timedelta(days=1), 18 * 60)
    first: Batch = {
        "people": [(p.id, f"bench person {p.id}", joined) for p in people],
        "profiles": [
            (n + 1, p.id, shape.profile_of(p.id).model_dump_json(), joined)
            for n, p in enumerate(people)
        ],
    }
    ids = dict.fromkeys(("sessions", "check_ins", "activities", "plan_changes"), 0)
    batch: Batch = first
    for index in range(shape.days):
        day = shape.first_day + timedelta(days=index)
        for person in people:
            person_day(rng, person, index, day, ids, batch, shape.steps_per_session)
        if (index + 1) % BATCH_DAYS == 0 or index == shape.days - 1:
            yield batch
            batch = {}


def new_person(rng: random.Random, shape: Shape, person_id: int) -> Person:
    return Person(
        id=person_id,
        runner=shape.is_runner(person_id),
        pain=rng.uniform(2.5, 7),
        trend=rng.uniform(0.004, 0.02),
        psfs=tuple(rng.sample(PSFS_ACTIVITIES, rng.randint(2, 3))),
        psfs_score=rng.uniform(2, 6),
        running_pain=rng.uniform(2, 6),
        exercises=tuple(
            item.exercise
            for phase in plan_for(shape.profile_of(person_id)).phases
            for item in phase.items
        ),
    )


def dose_chains(profile: Profile, catalogue: Catalogue) -> list[list[tuple[DoseLevel, str]]]:
    """For each slot of the base plan, its doses one step harder after another."""
    plan = plan_for(profile)
    step_s = int(catalogue.progression.progress.hold_step_s.value)
    taken = frozenset(item.exercise for phase in plan.phases for item in phase.items)
    chains = []
    for phase in plan.phases:
        for item in phase.items:
            chain = [(level_of(item), "")]
            while len(chain) < 8:
                up = harder(chain[-1][0], step_s, profile, plan.status, catalogue, taken)
                if up is None:
                    break
                chain.append(up)
            if len(chain) > 1:
                chains.append(chain)
    return chains


def plan_changes(
    rng: random.Random,
    person: Person,
    shape: Shape,
    catalogue: Catalogue,
    chains: list[list[tuple[DoseLevel, str]]],
) -> None:
    """A few dose changes for everyone; ladder moves for runners."""
    made: list[PlanChange] = []
    rules = catalogue.progression
    at = dict.fromkeys(range(len(chains)), 0)
    for index in sorted(rng.sample(range(30, shape.days), min(4, max(shape.days - 30, 0)))):
        slot = rng.randrange(len(chains))
        chain = chains[slot]
        step_back = at[slot] > 0 and rng.random() < 0.2
        now = at[slot] - 1 if step_back else min(at[slot] + 1, len(chain) - 1)
        if now == at[slot]:
            continue
        before, after = chain[at[slot]][0], chain[now][0]
        rule = rules.step_back_on_pain_rise if step_back else rules.progress
        why = "Pain rose by 2 points over a week." if step_back else "Two good weeks."
        made.append(
            PlanChange(
                on=shape.first_day + timedelta(days=index),
                kind="step-back" if step_back else "progress",
                rule=rule.id,
                slot=chain[0][0].exercise,
                before=before,
                after=after,
                reason=f"{why} {chain[max(now, at[slot])][1]}",
                sources=rule.sources,
            )
        )
        at[slot] = now
    if person.runner:
        ladder = catalogue.ladder
        stage, index = rng.randint(0, 1), rng.randint(0, 20)
        kind: ChangeKind = "ladder-start"
        while index < shape.days and stage < len(ladder.stages):
            made.append(
                PlanChange(
                    on=shape.first_day + timedelta(days=index),
                    kind=kind,
                    rule=LADDER_RULE,
                    stage=ladder.stages[stage].id,
                    reason=f"Moved to {ladder.stages[stage].name}.",
                    sources=tuple(dict.fromkeys((*ladder.sources, *ladder.stages[stage].sources))),
                )
            )
            kind = "ladder-up"
            stage += 1
            index += rng.randint(20, 120)
    for change in made:
        person.changes.setdefault((change.on - shape.first_day).days, []).append(change)


def person_day(
    rng: random.Random,
    person: Person,
    index: int,
    day: date,
    ids: dict[str, int],
    batch: Batch,
    steps_per_session: int,
) -> None:
    random_ = rng.random
    # Pain drifts down with flare-ups now and then, as a rehab course does.
    if random_() < 0.01:
        person.pain = min(person.pain + rng.uniform(1.5, 3.5), 9.0)
    person.pain = min(max(person.pain - person.trend + rng.gauss(0, 0.25), 0.0), 10.0)
    pain = round(person.pain)
    weekday = day.weekday()
    ran = person.runner and ((weekday in (1, 5) and random_() < 0.85) or random_() < 0.04)
    running: int | None = None
    hills: int | None = None
    if ran:
        person.running_pain = min(max(person.running_pain - 0.01 + rng.gauss(0, 0.3), 0.0), 10.0)
        running = min(round(person.running_pain), 10)
        ids["activities"] += 1
        run_id = ids["activities"]
        km = rng.uniform(3, 12)
        has_elevation = random_() > 0.08
        climb_per_km = rng.expovariate(1 / 9) if has_elevation else None
        hilly = None if climb_per_km is None else climb_per_km >= 15
        terrain = (
            "unknown"
            if climb_per_km is None
            else "hilly"
            if hilly
            else "rolling"
            if climb_per_km >= 5
            else "flat"
        )
        if hilly:
            hills = min(running + rng.randint(0, 2), 10)
        duration_s = km * rng.uniform(330, 420)
        kind = ("fit", "gpx", "tcx")[run_id % 3]
        batch.setdefault("activities", []).append(
            (
                run_id,
                person.id,
                day.isoformat(),
                stamp(day, 6 * 60 + 30),
                kind,
                f"run-{day.isoformat()}.{kind}",
                round(km * 1000, 1),
                round(duration_s, 1),
                None if climb_per_km is None else round(climb_per_km * km, 1),
                None if climb_per_km is None else round(rng.uniform(1, 3) + climb_per_km / 3, 1),
                hilly,
                "running",
                terrain,
                round(duration_s),
                "[]" if has_elevation else '["The file has no elevation: terrain unknown."]',
                stamp(day, 19 * 60),
            )
        )
    weekly = weekday == 6
    psfs: list[dict[str, Any]] = []
    if weekly:
        person.psfs_score = min(person.psfs_score + rng.uniform(-0.1, 0.3), 10.0)
        psfs = [
            {"activity": name, "score": max(min(round(person.psfs_score) + n % 2, 10), 0)}
            for n, name in enumerate(person.psfs)
        ]
    thomas = THOMAS[0] if pain >= 4 else THOMAS[1] if pain >= 2 else THOMAS[2]
    data = {
        "on": day.isoformat(),
        "pain_now": pain,
        "pain_during": {
            "sitting": min(pain + 1, 10) if random_() < 0.3 else None,
            "running": running,
            "hills_or_stairs": hills,
            "lifting_leg": max(pain - 1, 0) if weekly else None,
        },
        "psfs": psfs,
        "thomas_left": thomas if weekly else None,
        "thomas_right": (THOMAS[1] if thomas == THOMAS[0] else thomas) if weekly else None,
        "sitting_hours": round(rng.uniform(4, 10) * 2) / 2 if random_() < 0.6 else None,
        "red_flags": [],
        "note": NOTES[rng.randrange(3)] if random_() < 0.05 else None,
    }
    ids["check_ins"] += 1
    batch.setdefault("check_ins", []).append(
        (ids["check_ins"], person.id, day.isoformat(), pain, json.dumps(data), stamp(day, 20 * 60))
    )
    ids["sessions"] += 1
    start = 7 * 60 + rng.randrange(90)
    roll = random_()
    status = "completed" if roll < 0.8 else "partial" if roll < 0.92 else "in-progress"
    open_ = status == "in-progress"
    batch.setdefault("sessions", []).append(
        (
            ids["sessions"],
            person.id,
            index % 7 + 1,
            stamp(day, start),
            None if open_ else stamp(day, start + 12 + rng.randrange(14)),
            status,
            steps_per_session or 10,
            pain,
            None if open_ else max(pain - rng.randint(0, 1), 0),
            None if open_ else FEELS[rng.randrange(3)],
            None,
            "{}",
        )
    )
    steps = steps_per_session if status == "completed" else rng.randrange(steps_per_session + 1)
    for step in range(steps):
        skipped = random_() < 0.03
        batch.setdefault("session_steps", []).append(
            (
                ids["sessions"],
                step,
                person.exercises[step % len(person.exercises)],
                None,
                step // len(person.exercises) + 1,
                "skipped" if skipped else "done",
                "pain" if skipped else None,
                stamp(day, start + step + 1),
            )
        )
    for change in person.changes.get(index, ()):
        ids["plan_changes"] += 1
        batch.setdefault("plan_changes", []).append(
            (
                ids["plan_changes"],
                person.id,
                change.on.isoformat(),
                change.kind,
                change.model_dump_json(),
                stamp(day, 20 * 60 + 1),
            )
        )


# --- loading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Built:
    url: str
    rows: dict[str, int]
    load_s: float
    reused: bool


def bench_dir() -> Path:
    return Path(os.environ.get(DIR_VARIABLE) or DEFAULT_DIR)


def postgres_admin_url() -> str:
    return os.environ.get(POSTGRES_VARIABLE) or DEFAULT_POSTGRES


def sqlite_path(shape: Shape, folder: Path) -> Path:
    return folder / f"dashboard-{shape.key()}.sqlite3"


def meta(shape: Shape, rows: dict[str, int], load_s: float) -> dict[str, str]:
    return {
        "key": shape.key(),
        "shape": json.dumps(asdict(shape), default=str),
        "rows": json.dumps(rows),
        "load_s": f"{load_s:.1f}",
    }


def build_sqlite(shape: Shape, folder: Path, log: Callable[[str], None]) -> Built:
    path = sqlite_path(shape, folder)
    if path.exists():
        with sqlite3.connect(path) as connection:
            found = dict(connection.execute("SELECT key, value FROM bench_meta").fetchall())
        return Built(f"sqlite:///{path}", json.loads(found["rows"]), float(found["load_s"]), True)
    folder.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    for leftover in folder.glob(f"{part.name}*"):
        leftover.unlink()
    started = time.perf_counter()
    upgrade(f"sqlite:///{part}")
    connection = sqlite3.connect(part, isolation_level=None)
    try:
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-500000"):
            connection.execute(f"PRAGMA {pragma}")
        indexes = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        rows = dict.fromkeys(TABLES, 0)
        for batch in generate(shape):
            connection.execute("BEGIN")
            for table, values in batch.items():
                columns = COLUMNS[table]
                connection.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    values,
                )
                rows[table] += len(values)
            connection.execute("COMMIT")
            log(f"sqlite: {sum(rows.values()):,} rows")
        log("sqlite: indexes and ANALYZE")
        for _, statement in indexes:
            connection.execute(statement)
        connection.execute("ANALYZE")
        load_s = time.perf_counter() - started
        connection.execute("CREATE TABLE bench_meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany(
            "INSERT INTO bench_meta VALUES (?, ?)", meta(shape, rows, load_s).items()
        )
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()
    part.rename(path)
    return Built(f"sqlite:///{path}", rows, load_s, False)


def plain(url: str) -> str:
    """The URL as psycopg takes it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(False)


def build_postgres(
    shape: Shape,
    admin_url: str,
    log: Callable[[str], None],
    database: str | None = None,
) -> Built:
    database = database or POSTGRES_PREFIX + shape.key()
    url = make_url(admin_url).set(database=database).render_as_string(False)
    with psycopg.connect(plain(admin_url), autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
        ).fetchone()
    if exists:
        with psycopg.connect(plain(url)) as connection:
            found = kept_meta(connection)
        if found.get("key") == shape.key():
            return Built(url, json.loads(found["rows"]), float(found["load_s"]), True)
    drop_postgres(admin_url, database)
    started = time.perf_counter()
    with psycopg.connect(plain(admin_url), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    upgrade(url)
    with psycopg.connect(plain(url)) as connection:
        # Foreign keys are not checked row by row during the load (the data is made consistent);
        # secondary indexes are dropped and built once at the end.
        connection.execute("SET session_replication_role = replica")
        connection.execute("SET TIME ZONE 'UTC'")
        connection.execute("SET synchronous_commit = off")
        connection.execute("SET maintenance_work_mem = '512MB'")
        indexes = connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND indexname LIKE 'ix\\_%'"
        ).fetchall()
        for name, _ in indexes:
            connection.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        connection.commit()
        rows = dict.fromkeys(TABLES, 0)
        for batch in generate(shape):
            with connection.cursor() as cursor:
                for table, values in batch.items():
                    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                        sql.Identifier(table),
                        sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS[table]),
                    )
                    with cursor.copy(statement) as copy:
                        for value in values:
                            copy.write_row(value)
                    rows[table] += len(values)
            connection.commit()
            log(f"postgresql: {sum(rows.values()):,} rows")
        log("postgresql: indexes, sequences, VACUUM ANALYZE")
        for _, statement in indexes:
            connection.execute(statement)
        for table in (t for t in TABLES if COLUMNS[t][0] == "id"):
            connection.execute(
                sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), max(id)) FROM {}").format(
                    sql.Literal(table), sql.Identifier(table)
                )
            )
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE")
        load_s = time.perf_counter() - started
        connection.execute("CREATE TABLE bench_meta (key TEXT PRIMARY KEY, value TEXT)")
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO bench_meta VALUES (%s, %s)", list(meta(shape, rows, load_s).items())
            )
    return Built(url, rows, load_s, False)


def kept_meta(connection: psycopg.Connection[Any]) -> dict[str, str]:
    try:
        return dict(connection.execute("SELECT key, value FROM bench_meta").fetchall())
    except psycopg.errors.UndefinedTable:
        return {}


def drop_postgres(admin_url: str, database: str) -> None:
    with psycopg.connect(plain(admin_url), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )


def drop_all(folder: Path, admin_url: str) -> None:
    for path in folder.glob("dashboard-*.sqlite3*"):
        path.unlink()
    with psycopg.connect(plain(admin_url), autocommit=True) as admin:
        kept = admin.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (POSTGRES_PREFIX,)
        ).fetchall()
    for (name,) in kept:
        drop_postgres(admin_url, name)


# --- measuring --------------------------------------------------------------------------------


def cuts(values_ms: Sequence[float], cpu_ms: Sequence[float] | None = None) -> dict[str, float]:
    centiles = statistics.quantiles(values_ms, n=100, method="inclusive")
    result = {
        "p50_ms": centiles[49],
        "p95_ms": centiles[94],
        "p99_ms": centiles[98],
        "max_ms": max(values_ms),
    }
    if cpu_ms:
        cpu = statistics.quantiles(cpu_ms, n=100, method="inclusive")
        result |= {"cpu_p50_ms": cpu[49], "cpu_p99_ms": cpu[98]}
    return result


def time_dashboards(
    engine: Engine, shape: Shape, people: Sequence[int], weeks: int, with_charts: bool
) -> dict[str, Any]:
    """Each person's dashboard twice in a row: the first call reads what the operating system
    has not kept in memory, the second finds it all cached. For the first, this thread's CPU
    time as well: it parts from the wall time when something else takes the cores, the disk is
    read, or (on PostgreSQL) the server works."""
    wall_ms: list[float] = []
    cpu_ms: list[float] = []
    again_ms: list[float] = []
    runner_ms: list[float] = []
    charts_ms: list[float] = []
    check_ins = 0
    for person_id in people:
        profile = shape.profile_of(person_id)
        start, start_cpu = time.perf_counter(), time.thread_time()
        board = dashboard(
            engine, profile=profile, today=shape.today, weeks=weeks, person_id=person_id
        )
        cpu_ms.append((time.thread_time() - start_cpu) * 1000)
        wall_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        dashboard(engine, profile=profile, today=shape.today, weeks=weeks, person_id=person_id)
        again_ms.append((time.perf_counter() - start) * 1000)
        if shape.is_runner(person_id):
            runner_ms.append(wall_ms[-1])
        check_ins += len(board.check_ins)
        if with_charts:
            start = time.perf_counter()
            charts(board)
            charts_ms.append((time.perf_counter() - start) * 1000)
    result: dict[str, Any] = {
        "weeks": weeks,
        "calls": len(people),
        "check_ins_per_call": check_ins / len(people),
        **cuts(wall_ms, cpu_ms),
        "again": cuts(again_ms),
    }
    if len(runner_ms) >= 2:
        result["runners"] = {"calls": len(runner_ms), **cuts(runner_ms)}
    if charts_ms:
        result["charts"] = cuts(charts_ms)
    return result


def measure_backend(
    url: str,
    shape: Shape,
    samples: dict[int, list[int]],
    warmup: Sequence[int],
    with_charts: bool,
) -> list[dict[str, Any]]:
    engine = create_engine_for(url)
    try:
        for person_id in warmup:
            for weeks in samples:
                dashboard(
                    engine,
                    profile=shape.profile_of(person_id),
                    today=shape.today,
                    weeks=weeks,
                    person_id=person_id,
                )
        return [
            time_dashboards(engine, shape, people, weeks, with_charts)
            for weeks, people in samples.items()
        ]
    finally:
        engine.dispose()


def build(shape: Shape, backend: str, log: Callable[[str], None]) -> Built:
    if backend == "sqlite":
        return build_sqlite(shape, bench_dir(), log)
    return build_postgres(shape, postgres_admin_url(), log)


def measure(
    shape: Shape = Shape(),
    calls: int = 500,
    backends: Sequence[str] = BACKENDS,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Build (or reuse) each backend's database, then time the dashboard for random people."""
    rng = random.Random(shape.seed + 1)
    count = min(calls, shape.people)
    warmup = rng.sample(shape.person_ids(), min(WARMUP_CALLS, shape.people))
    # Other people for each window, so that one window does not find the other's rows cached.
    samples = {weeks: rng.sample(shape.person_ids(), count) for weeks in WINDOWS}
    results = []
    for n, backend in enumerate(backends):
        built = build(shape, backend, log)
        log(f"{backend}: {sum(built.rows.values()):,} rows, timing {count} people per window")
        load = os.getloadavg()[0]
        windows = measure_backend(built.url, shape, samples, warmup, with_charts=n == 0)
        results.append(
            {
                "backend": backend,
                "rows": built.rows,
                "load_s": built.load_s,
                "reused": built.reused,
                "load_average_before": load,
                "windows": windows,
            }
        )
    return {
        "shape": {**asdict(shape), "today": shape.today.isoformat()},
        "cpus": os.cpu_count(),
        "machine": f"{platform.machine()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()}",
        "postgres": postgres_version() if "postgresql" in backends else None,
        "backends": results,
    }


def postgres_version() -> str:
    with psycopg.connect(plain(postgres_admin_url())) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def profile_calls(shape: Shape, backend: str, calls: int, weeks: int) -> None:
    """cProfile of `calls` dashboard calls, the 25 costliest functions by cumulative time."""
    built = build(shape, backend, print)
    people = random.Random(shape.seed + 2).sample(shape.person_ids(), min(calls, shape.people))
    engine = create_engine_for(built.url)
    try:
        for person_id in people[:WARMUP_CALLS]:  # warm the caches; these are profiled again
            dashboard(
                engine, profile=shape.profile_of(person_id), today=shape.today, person_id=person_id
            )
        profiler = cProfile.Profile()
        profiler.enable()
        for person_id in people:
            dashboard(
                engine,
                profile=shape.profile_of(person_id),
                today=shape.today,
                weeks=weeks,
                person_id=person_id,
            )
        profiler.disable()
    finally:
        engine.dispose()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


# --- reporting --------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def section(result: dict[str, Any]) -> str:
    """The Markdown table bench/run.py writes between the dashboard markers."""
    rows = []
    for backend in result["backends"]:
        name = backend["backend"]
        for window in backend["windows"]:
            target = "—"
            if window["weeks"] == WINDOWS[0]:
                ok = window["p50_ms"] < P50_TARGET_MS and window["p99_ms"] < P99_TARGET_MS
                target = verdict(ok)
            label = f"{window['weeks']} weeks ({window['check_ins_per_call']:.0f} check-ins)"
            cpu = f"{window['cpu_p50_ms']:.1f} / {window['cpu_p99_ms']:.1f}"
            again = f"{window['again']['p50_ms']:.1f} / {window['again']['p99_ms']:.1f}"
            rows.append(table_row(name, label, window, cpu, again, target))
            runners = window.get("runners")
            if runners:
                label = f"{window['weeks']} weeks, the {runners['calls']} runners among them"
                rows.append(table_row(name, label, runners, "—", "—", "—"))
    for window in result["backends"][0]["windows"]:
        if "charts" in window:
            label = f"{window['weeks']} weeks"
            rows.append(table_row("`charts(board)`, SVG", label, window["charts"], "—", "—", "—"))
    first = result["backends"][0]
    counts = first["rows"]
    built = ", ".join(f"{b['backend']} {b['load_s'] / 60:.1f} min" for b in result["backends"])
    loads = ", ".join(f"{b['load_average_before']:.2f}" for b in result["backends"])
    postgres = f", PostgreSQL {result['postgres']}" if result["postgres"] else ""
    return "\n".join(
        [
            f"Measured by `python bench/run.py --only dashboard` on {result['cpus']} cores, "
            f"{result['machine']}{postgres}; load average {loads} before each backend's run.",
            f"Data: {result['shape']['people']:,} people × {result['shape']['days']} days up to "
            f"{result['shape']['today']}, {sum(counts.values()):,} rows: "
            f"{counts['sessions']:,} sessions, {counts['check_ins']:,} check-ins, "
            f"{counts['activities']:,} runs, {counts['plan_changes']:,} plan changes, "
            f"{counts['session_steps']:,} session steps. Built in {built}. "
            f"{first['windows'][0]['calls']} random people per window after a warm-up on 20 "
            "others; each person's dashboard asked for twice in a row.",
            "",
            "| backend | window | p50 ms | p95 ms | p99 ms | max ms | CPU of this process, "
            "p50 / p99 ms | the same person again at once, p50 / p99 ms "
            f"| p50 < {P50_TARGET_MS:.0f} ms, p99 < {P99_TARGET_MS:.0f} ms |",
            "|---|---|---|---|---|---|---|---|---|",
            *rows,
        ]
    )


def table_row(
    what: str, label: str, cut: dict[str, float], cpu: str, again: str, target: str
) -> str:
    return (
        f"| {what} | {label} | {cut['p50_ms']:.1f} | {cut['p95_ms']:.1f} | {cut['p99_ms']:.1f} "
        f"| {cut['max_ms']:.1f} | {cpu} | {again} | {target} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=Shape().people)
    parser.add_argument("--days", type=int, default=Shape().days)
    parser.add_argument("--steps", type=int, default=0, help="session steps per session")
    parser.add_argument("--calls", type=int, default=500, help="people timed per backend")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="sqlite,postgresql")
    parser.add_argument("--profile", choices=BACKENDS, help="cProfile the calls on one backend")
    parser.add_argument("--weeks", type=int, default=WINDOWS[0], help="window for --profile")
    parser.add_argument("--drop", action="store_true", help="delete the kept databases")
    args = parser.parse_args()
    if args.drop:
        drop_all(bench_dir(), postgres_admin_url())
        return
    shape = Shape(people=args.people, days=args.days, steps_per_session=args.steps)
    if args.profile:
        profile_calls(shape, args.profile, args.calls, args.weeks)
        return
    backends = [b for b in args.backends.split(",") if b]
    result = measure(shape, args.calls, backends, log=lambda line: print(line, file=sys.stderr))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
