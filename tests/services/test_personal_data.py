"""Export everything, import it back with nothing lost, CSV per table, and delete it all."""

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.domain.progress import PainDuring, ProgressCheckIn, PsfsScore
from psoas.services.errors import InputError
from psoas.services.personal_data import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    BreakEventRecord,
    BreakSettingsRecord,
    CheckInRecord,
    ExportDocument,
    PlanChangeRecord,
    ProfileRecord,
    RunRecord,
    SessionRecord,
    StepRecord,
    csv_tables,
    current_profile,
    delete_all_data,
    describe_counts,
    export_csv_dir,
    export_csv_zip,
    export_document,
    export_json,
    import_document,
    load_document,
    parse_document,
)
from psoas.storage import (
    LOCAL_PERSON_ID,
    AccountRepository,
    PeopleRepository,
    PersonalDataRepository,
    ProgressRepository,
    SessionRepository,
    create_engine_for,
    open_database,
)
from tests.storage.conftest import at
from tests.storage.test_personal_data import FULL, TABLES, normalised, populate

NOW = at(1000)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path / 'psoas.sqlite3'}")
    yield engine
    engine.dispose()


def exported(engine: Engine, person_id: int = LOCAL_PERSON_ID) -> dict[str, Any]:
    """The export as a reader of the file sees it."""
    data: dict[str, Any] = json.loads(export_json(engine, person_id=person_id, now=NOW))
    return data


def without_ids(document: dict[str, Any]) -> dict[str, Any]:
    rest = {key: value for key, value in document.items() if key not in (*TABLES, "exported_at")}
    return {**rest, **normalised(document)}


def test_export_delete_import_export_gives_back_the_same_data(engine: Engine) -> None:
    populate(engine)
    other = PeopleRepository(engine).add_person(name="someone else", now=at(0))
    populate(engine, other)  # so the re-imported rows cannot get their old ids back
    before = exported(engine)
    assert delete_all_data(engine, person_id=LOCAL_PERSON_ID) == FULL
    document = load_document(json.dumps(before))
    counts = import_document(engine, document, person_id=LOCAL_PERSON_ID, replace=False)
    assert counts == FULL
    after = exported(engine)
    assert without_ids(after) == without_ids(before)
    assert {s["id"] for s in after["sessions"]}.isdisjoint(s["id"] for s in before["sessions"])


def test_the_document_says_what_it_is_and_holds_no_credentials(sqlite: Engine) -> None:
    accounts = AccountRepository(sqlite)
    person = accounts.add_account(username="ana", password_hash="argon2-SECRET", now=at(0))
    accounts.set_api_token_hash(person_id=person, token_hash="f" * 64)
    populate(sqlite, person)
    text = export_json(sqlite, person_id=person, now=NOW)
    assert "argon2-SECRET" not in text
    assert "f" * 64 not in text
    document = json.loads(text)
    assert sorted(document) == sorted(
        ["format", "version", "exported_at", "person", "profile", *TABLES, "break_settings"]
    )
    assert (document["format"], document["version"]) == (EXPORT_FORMAT, EXPORT_VERSION)
    assert document["exported_at"] == "2025-03-02T00:40:00+00:00"
    assert document["person"] == {"name": "ana"}
    assert document["profile"]["age"] == 41  # the latest saved profile
    assert text == export_json(sqlite, person_id=person, now=NOW)  # stable


def test_the_profile_given_is_the_one_in_force(sqlite: Engine) -> None:
    populate(sqlite)
    in_file = Profile(pain_now=1, minutes_per_session=25)
    document = export_document(sqlite, person_id=LOCAL_PERSON_ID, now=NOW, profile=in_file)
    parsed = parse_document(document)
    assert current_profile(parsed) == in_file
    without = parse_document({**document, "profile": None})
    assert current_profile(without) == Profile(
        activities=("running",), goals=("return-to-running",), age=41
    )
    assert current_profile(parse_document({**document, "profile": None, "profiles": []})) is None


def test_the_record_models_have_exactly_the_exported_columns() -> None:
    models: dict[str, type[BaseModel]] = {
        "profiles": ProfileRecord, "sessions": SessionRecord, "session_steps": StepRecord,
        "check_ins": CheckInRecord, "runs": RunRecord, "plan_changes": PlanChangeRecord,
        "break_events": BreakEventRecord, "break_settings": BreakSettingsRecord,
    }  # fmt: skip
    for name, columns in PersonalDataRepository.COLUMNS.items():
        # A run's counts_as follows from its sport, so it is not stored.
        fields = set(models[name].model_fields) - {"steps", "counts_as"}
        expected = set(columns) - {"session_id"} if name == "session_steps" else set(columns)
        assert fields == expected, name
    assert ExportDocument.model_fields["sessions"].annotation == tuple[SessionRecord, ...]


def document_with(**changes: Any) -> dict[str, Any]:
    check_in = {
        "id": 7, "day": "2025-03-01", "pain_now": 3, "recorded_at": "2025-03-01T08:00:00Z",
        "data": {"on": "2025-03-01", "pain_now": 3},
    }  # fmt: skip
    document = {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION,
        "exported_at": "2025-03-02T08:00:00+00:00", "check_ins": [check_in],
    }  # fmt: skip
    return {**document, **changes}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([1, 2], "me.json: expected a JSON object written by `psoas export`"),
        (
            document_with(format="csv"),
            "me.json: format: not a Psoas Coach export (expected 'psoas-coach-export', got 'csv')",
        ),
        (
            document_with(version=2),
            "me.json: version: this psoas reads version 1 (got 2); upgrade psoas to read it",
        ),
        (document_with(version="1"), "me.json: version: this psoas reads version 1 (got '1')"),
        (document_with(version=True), "me.json: version: this psoas reads version 1 (got True)"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_in_one_line(data: Any, problem: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_document(data, source="me.json")
    assert raised.value.problems == (problem,)


def bad_check_in(**fields: Any) -> dict[str, Any]:
    [check_in] = document_with()["check_ins"]
    return document_with(check_ins=[check_in, {**check_in, "id": 8, **fields}])


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            bad_check_in(pain_now=12),
            "export: check_ins[1].pain_now: input should be less than or equal to 10 (got 12)",
        ),
        (
            bad_check_in(data={"on": "2025-03-01", "pain_now": 3, "thomas_left": "up"}),
            "export: check_ins[1].data.thomas_left: input should be 'above', 'level' or 'below' "
            "(got 'up')",
        ),
        (
            bad_check_in(day="2025-03-02"),
            "export: check_ins[1]: day and pain_now must equal data.on and data.pain_now",
        ),
        (bad_check_in(id=7), "export: check_ins: id 7 appears more than once"),
        (bad_check_in(mood="fine"), "export: check_ins[1].mood: unknown field (got 'fine')"),
        (
            bad_check_in(recorded_at="2025-03-01T08:00:00"),
            "export: check_ins[1].recorded_at: input should have timezone info",
        ),
        (document_with(passwords=[]), "export: passwords: unknown field; allowed fields: format"),
    ],
)
def test_a_bad_value_is_named_with_its_field(data: Any, problem: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_document(data)
    [message] = raised.value.problems
    assert message.startswith(problem)


@pytest.mark.parametrize(
    ("step", "problem"),
    [
        ({"skip_reason": "pain"}, "sessions[0].steps[0]: skip_reason: only a skipped step has one"),
        ({"step_index": 9}, "sessions[0]: steps: a step_index is beyond the 3 planned"),
        ({"step_index": 1}, "sessions[0]: steps: each step_index may appear once"),
        ({"side": "middle"}, "sessions[0].steps[0].side: input should be 'left' or 'right'"),
    ],
)
def test_steps_must_fit_their_session(sqlite: Engine, step: dict[str, Any], problem: str) -> None:
    populate(sqlite)
    document = exported(sqlite)
    document["sessions"][0]["steps"][0].update(step)
    with pytest.raises(InputError) as raised:
        parse_document(document)
    [message] = raised.value.problems
    assert message.startswith(f"export: {problem}")


def test_not_json_names_line_and_column() -> None:
    with pytest.raises(InputError) as raised:
        load_document('{"format": "psoas-coach-export",\n  oops}', source="me.json")
    assert raised.value.problems == (
        "me.json: not valid JSON at line 2, column 3: Expecting property name enclosed in "
        "double quotes",
    )


def test_importing_over_existing_data_is_refused_without_replace(sqlite: Engine) -> None:
    populate(sqlite)
    document = load_document(json.dumps(exported(sqlite)))
    with pytest.raises(InputError) as raised:
        import_document(sqlite, document, person_id=LOCAL_PERSON_ID, replace=False)
    [problem] = raised.value.problems
    assert "you already have 2 saved profiles, 2 sessions, 3 session steps" in problem
    assert "use --replace" in problem
    assert PersonalDataRepository(sqlite).counts(person_id=LOCAL_PERSON_ID) == FULL
    counts = import_document(sqlite, document, person_id=LOCAL_PERSON_ID, replace=True)
    assert counts == FULL
    assert PersonalDataRepository(sqlite).counts(person_id=LOCAL_PERSON_ID) == FULL


def test_a_minimal_hand_written_file_imports(sqlite: Engine) -> None:
    counts = import_document(
        sqlite, parse_document(document_with()), person_id=LOCAL_PERSON_ID, replace=False
    )
    assert counts["check_ins"] == 1
    [stored] = ProgressRepository(sqlite).check_ins(person_id=LOCAL_PERSON_ID)
    assert stored.check_in == ProgressCheckIn(on=date(2025, 3, 1), pain_now=3)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_file_per_table_with_links_and_json_columns(sqlite: Engine) -> None:
    populate(sqlite)
    document = exported(sqlite)
    with zipfile.ZipFile(io.BytesIO(export_csv_zip(sqlite, person_id=LOCAL_PERSON_ID))) as zipped:
        assert zipped.namelist() == [
            "profiles.csv", "sessions.csv", "session_steps.csv", "check_ins.csv", "runs.csv",
            "plan_changes.csv", "break_events.csv", "break_settings.csv",
        ]  # fmt: skip
        files = {name: read_csv(zipped.read(name).decode()) for name in zipped.namelist()}
    sessions = files["sessions.csv"]
    assert [row["id"] for row in sessions] == [str(s["id"]) for s in document["sessions"]]
    assert [row["session_id"] for row in files["session_steps.csv"]] == [sessions[0]["id"]] * 3
    assert json.loads(sessions[0]["plan"]) == document["sessions"][0]["plan"]
    assert sessions[1]["ended_at"] == ""
    [run] = files["runs.csv"]
    assert (run["hilly"], run["distance_m"], json.loads(run["notes"])) == (
        "false", "5012.25", ["no heart rate"],
    )  # fmt: skip
    check_in = json.loads(files["check_ins.csv"][0]["data"])
    assert check_in == document["check_ins"][0]["data"]


FORMULAS = ('=HYPERLINK("http://x.invalid","click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_a_spreadsheet_would_run_are_kept_as_text(sqlite: Engine, formula: str) -> None:
    stored = populate(sqlite)
    SessionRepository(sqlite).finish_session(
        session_id=stored.sessions[1], status="partial", pain_after=1, feel="same", note=formula,
        now=NOW,
    )  # fmt: skip
    files = {
        name: read_csv(text) for name, text in csv_tables(sqlite, person_id=LOCAL_PERSON_ID).items()
    }
    assert [row["note"] for row in files["sessions.csv"]] == ["ok", "'" + formula]
    # Numbers stay numbers, negative or not; JSON columns stay JSON; only text is escaped.
    [run] = files["runs.csv"]
    assert run["distance_m"] == "5012.25"
    assert json.loads(files["sessions.csv"][1]["plan"])["status"] == "ok"


def test_csv_files_in_a_folder_have_headers_even_when_empty(sqlite: Engine, tmp_path: Path) -> None:
    paths = export_csv_dir(sqlite, person_id=LOCAL_PERSON_ID, directory=tmp_path / "out")
    assert [path.name for path in paths][:2] == ["profiles.csv", "sessions.csv"]
    assert len(paths) == 8
    assert paths[0].read_bytes() == b"id,data,saved_at\r\n"


def test_describe_counts_leaves_out_empty_tables() -> None:
    assert describe_counts({"profiles": 1, "sessions": 0, "runs": 2}) == "1 saved profile, 2 runs"
    assert describe_counts(dict.fromkeys(FULL, 0)) == "nothing"


CHECK_INS = st.builds(
    ProgressCheckIn,
    on=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    pain_now=st.integers(0, 10),
    pain_during=st.builds(PainDuring, running=st.none() | st.integers(0, 10)),
    psfs=st.lists(
        st.builds(PsfsScore, activity=st.sampled_from(["stairs", "running", "sitting"]),
                  score=st.integers(0, 10)),
        max_size=3, unique_by=lambda score: score.activity,
    ).map(tuple),
    thomas_right=st.none() | st.sampled_from(["above", "level", "below"]),
    sitting_hours=st.none() | st.floats(0, 24),
    note=st.none() | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                             max_size=40),
)  # fmt: skip


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('db') / 'psoas.sqlite3'}")
    yield engine
    engine.dispose()


@settings(max_examples=25, deadline=None)
@given(check_ins=st.lists(CHECK_INS, max_size=4))
def test_any_check_ins_survive_the_round_trip(
    shared: Engine, check_ins: list[ProgressCheckIn]
) -> None:
    people, progress = PeopleRepository(shared), ProgressRepository(shared)
    source = people.add_person(name="source", now=NOW)
    for minutes, check_in in enumerate(check_ins):
        progress.add_check_in(person_id=source, check_in=check_in, now=at(minutes))
    document = load_document(export_json(shared, person_id=source, now=NOW))
    target = people.add_person(name="target", now=NOW)
    import_document(shared, document, person_id=target, replace=False)
    assert [c.check_in for c in progress.check_ins(person_id=target)] == [
        c.check_in for c in progress.check_ins(person_id=source)
    ]
