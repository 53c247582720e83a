"""The dashboard benchmark on a tiny database: the generated records are ones the app accepts,
both loaders write what the repositories read back, and a kept database is reused."""

import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bench import dashboard as bench
from psoas.domain.progress import ProgressCheckIn
from psoas.domain.progression import PlanChange
from psoas.services.dashboard import charts, dashboard
from psoas.storage import create_engine_for
from tests.conftest import POSTGRES_ADMIN_URL

SHAPE = bench.Shape(people=6, days=40, runners_every=3, steps_per_session=3)


def quiet(_line: str) -> None:
    pass


@pytest.fixture
def sqlite_built(tmp_path: Path) -> bench.Built:
    return bench.build_sqlite(SHAPE, tmp_path, quiet)


@pytest.fixture
def postgresql_built(postgres_admin: Engine) -> Iterator[bench.Built]:
    name = f"psoas_bench_test_{uuid.uuid4().hex[:8]}"
    try:
        yield bench.build_postgres(SHAPE, POSTGRES_ADMIN_URL, quiet, database=name)
    finally:
        bench.drop_postgres(POSTGRES_ADMIN_URL, name)


def test_every_stored_record_is_one_the_app_accepts(
    sqlite_built: bench.Built, tmp_path: Path
) -> None:
    with sqlite3.connect(bench.sqlite_path(SHAPE, tmp_path)) as connection:
        check_ins = [json.loads(d) for (d,) in connection.execute("SELECT data FROM check_ins")]
        changes = [json.loads(d) for (d,) in connection.execute("SELECT data FROM plan_changes")]
    assert len(check_ins) == SHAPE.people * SHAPE.days
    for data in check_ins:
        assert ProgressCheckIn.model_validate(data).model_dump(mode="json") == data
    kinds = {PlanChange.model_validate(data).kind for data in changes}
    assert {"ladder-start", "progress"} <= kinds


def test_a_kept_database_is_reused(sqlite_built: bench.Built, tmp_path: Path) -> None:
    again = bench.build_sqlite(SHAPE, tmp_path, quiet)
    assert again.reused
    assert again.rows == sqlite_built.rows
    assert sqlite_built.rows["sessions"] == sqlite_built.rows["check_ins"] == 240
    assert sqlite_built.rows["session_steps"] > 0


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_runner_dashboard_has_runs_and_the_ladder(
    backend: str, request: pytest.FixtureRequest
) -> None:
    built: bench.Built = request.getfixturevalue(f"{backend}_built")
    runner, desk = 3, 4
    assert SHAPE.is_runner(runner)
    assert not SHAPE.is_runner(desk)
    engine = create_engine_for(built.url)
    try:
        ran = dashboard(engine, profile=bench.RUNNER, today=SHAPE.today, person_id=runner)
        sat = dashboard(engine, profile=bench.DESK, today=SHAPE.today, person_id=desk)
    finally:
        engine.dispose()
    assert ran.runs
    assert ran.ladder is not None
    assert not sat.runs
    assert sat.ladder is None
    assert len(ran.check_ins) == SHAPE.days
    assert sum(week.done for week in ran.weeks) > 0
    assert len(charts(ran)) == 7


def test_the_section_reports_the_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(bench.DIR_VARIABLE, str(tmp_path))
    result = bench.measure(SHAPE, calls=4, backends=("sqlite",), log=quiet)
    text = bench.section(result)
    assert "| sqlite | 26 weeks" in text
    assert "| sqlite | 105 weeks" in text
    assert "`charts(board)`" in text
    assert text.count(" met |") + text.count("NOT met |") == 1
