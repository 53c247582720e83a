"""Import stores only what can be read back: random exports, valid and not, are imported on both
backends; a refused one changes nothing, and every session an accepted one stores reads back
through the API, the session page and the CLI (history, session --resume) without a 5xx or a
traceback."""

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from typer.testing import CliRunner

from psoas.cli.app import app
from psoas.services.errors import InputError
from psoas.services.personal_data import import_document, load_document
from psoas.storage import LOCAL_PERSON_ID, PersonalDataRepository, create_engine_for
from psoas.web import WebSettings, create_app
from tests.storage.test_personal_data import SESSION_PLAN, populate
from tests.web.conftest import fixed_clock

PLACES = ("sessions", "check_ins", "runs", "plan_changes", "break_events", "profiles")
INTS = st.sampled_from([0, 1, 2, 7, 8, -1, 2**31 - 1, 2**31, 2**63, 10**30]) | st.integers()
FLOATS = st.floats() | st.sampled_from([1e308, -1e308, 1e9, 0.5])
TEXTS = (
    st.text(max_size=20)
    | st.sampled_from(["", "a\x00b", "\x00", "\ud800", "x\udfffy", "ok"])
    | st.text(st.characters(codec="utf-8"), max_size=5).map(lambda text: text + "\x00")
)
TIMES = st.sampled_from(
    [
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "1969-12-31T23:59:59+00:00",
        "2200-01-01T00:00:00+00:00",
        "2025-03-01T08:00:00",  # no offset
        "2025-03-01T08:00:00+01:00",
        "not a time",
    ]
)
DAYS = st.sampled_from(["0001-01-01", "9999-12-31", "2025-02-29", "2025-03-01", "1970-01-01"])
VALUES = INTS | FLOATS | TEXTS | TIMES | DAYS | st.none() | st.booleans()


def plan_variants() -> st.SearchStrategy[Any]:
    """Plans as a session keeps them: real, broken, or not plans at all."""
    real = copy.deepcopy(SESSION_PLAN)

    def with_item(**changes: Any) -> dict[str, Any]:
        plan = copy.deepcopy(real)
        plan["phases"][0]["items"][0].update(changes)
        return plan

    return st.sampled_from(
        [
            real,
            {},
            {"anything": 1},
            [],
            with_item(sets=10**6),
            with_item(sets=2**63),
            with_item(seconds=-5),
            with_item(exercise="no-such-exercise"),
            {**real, "weekly_schedule": []},
            {**real, "weekly_schedule": [{"day": 1, "exercises": ["no-such-exercise"]}]},
            {**real, "status": "urgent-care"},
            {**real, "messages": [{"id": "m", "text": "a\x00b", "sources": []}]},
        ]
    ) | st.dictionaries(st.text(max_size=5), VALUES, max_size=3)


@st.composite
def mutations(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """The export with up to three of its values replaced (none: the export as it was): a
    session's plan, a session's field, a step's field, or any field of another record."""
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["plan", "session", "step", "other"]))
        table = "sessions" if kind != "other" else draw(st.sampled_from(PLACES))
        rows = document[table]
        target = rows[draw(st.integers(0, len(rows) - 1))]
        if kind == "plan":
            target["plan"] = draw(plan_variants())
            continue
        if kind == "step":
            steps = document["sessions"][0]["steps"]
            if not isinstance(steps, list):  # replaced by an earlier change
                continue
            target = steps[draw(st.integers(0, len(steps) - 1))]
        field = draw(st.sampled_from(sorted(key for key in target if key != "plan")))
        if isinstance(target[field], dict) and target[field] and draw(st.booleans()):
            target = target[field]  # a field inside the record's data
            field = draw(st.sampled_from(sorted(target)))
        target[field] = draw(VALUES)
    return document


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def export(engine: Engine) -> dict[str, Any]:
    """A real export with every kind of record, from this backend."""
    from psoas.services.personal_data import export_document
    from tests.services.test_personal_data import NOW

    populate(engine)
    text = json.dumps(export_document(engine, person_id=LOCAL_PERSON_ID, now=NOW))
    document: dict[str, Any] = json.loads(text)
    return document


def read_back(engine: Engine, database_url: str, home: Path) -> None:
    """Every stored session through the API, the session page and the CLI."""
    sessions = PersonalDataRepository(engine).dump(person_id=LOCAL_PERSON_ID)["sessions"]
    settings = WebSettings(
        database_url=database_url,
        allowed_hosts=("localhost",),
        profile_file=home / "profile.yaml",
        clock=fixed_clock,
    )
    with TestClient(create_app(settings), base_url="https://localhost") as client:
        assert client.get("/api/v1/history").status_code == 200
        for session in sessions:
            answer = client.get(f"/api/v1/sessions/{session['id']}")
            assert answer.status_code == 200, answer.text
            page = client.get(f"/session?resume={session['id']}")
            assert page.status_code == 200, page.text
    runner = CliRunner()
    environment = {"PSOAS_HOME": str(home), "COLUMNS": "120"}
    history = runner.invoke(app, ["history", "--database-url", database_url], env=environment)
    assert history.exit_code == 0, history.output
    resumed = runner.invoke(
        app,
        ["session", "--resume", "--plain", "--time-scale", "0.002", "--database-url", database_url],
        input="1\nsame\n\n",
        env=environment,
    )
    assert "Traceback" not in resumed.output
    # 2 only when the latest session has nothing left to do, saying so.
    assert resumed.exit_code in (0, 2), resumed.output
    if resumed.exit_code == 2:
        assert resumed.stderr == "error: --resume: there is no unfinished session to resume\n"


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_an_import_is_refused_whole_or_reads_back_everywhere(
    engine: Engine, database_url: str, export: dict[str, Any], tmp_path: Path, data: st.DataObject
) -> None:
    document = data.draw(mutations(export))
    repository = PersonalDataRepository(engine)
    before = repository.dump(person_id=LOCAL_PERSON_ID)
    try:
        parsed = load_document(json.dumps(document), source="export.json")
        import_document(engine, parsed, person_id=LOCAL_PERSON_ID, replace=True)
    except InputError as error:
        event("refused")
        assert repository.dump(person_id=LOCAL_PERSON_ID) == before  # nothing half-written
        for problem in error.problems:
            assert problem.startswith("export.json: "), problem
            assert "\n" not in problem
        return
    event("imported")
    read_back(engine, database_url, tmp_path / "home")
