"""`psoas export`, `psoas import` and `psoas delete-all` on the SQLite file in $PSOAS_HOME."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from psoas.cli import data
from psoas.domain.profile import Profile
from psoas.services.profiles import read_profile, save_profile
from psoas.storage import LOCAL_PERSON_ID, PeopleRepository, PersonalDataRepository, open_database
from tests.services.test_personal_data import without_ids
from tests.storage.conftest import at
from tests.storage.test_personal_data import FULL, populate

# The commands as the lead registers them in psoas.cli.app, without depending on that module.
app = typer.Typer()
app.command("export")(data.export)
app.command("import")(data.import_)
app.command("delete-all")(data.delete_all)

IN_FILE = Profile(activities=("desk-work",), pain_now=2, minutes_per_session=10)
NONE = dict.fromkeys(FULL, 0)


@pytest.fixture
def engine(isolated_home: Path) -> Iterator[Engine]:
    """The database the commands use by default."""
    engine = open_database()
    yield engine
    engine.dispose()


@pytest.fixture
def profile_file(isolated_home: Path) -> Path:
    path = isolated_home / "profile.yaml"
    save_profile(IN_FILE, path)
    return path


def counts(engine: Engine, person_id: int = LOCAL_PERSON_ID) -> dict[str, int]:
    return PersonalDataRepository(engine).counts(person_id=person_id)


def run(runner: CliRunner, *args: str, typed: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=typed)


def export_to(runner: CliRunner, path: Path) -> dict[str, Any]:
    result = run(runner, "export", "--out", str(path))
    assert result.exit_code == 0, result.output
    assert f"Exported your data to {path}" in result.stdout
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def refused(result: Result) -> list[str]:
    """Bad input: exit 2 with one line per problem on stderr, and no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert lines
    assert all(line.startswith("error: ") for line in lines)
    return lines


def test_export_import_round_trip_restores_the_data_and_the_profile_file(
    runner: CliRunner, engine: Engine, profile_file: Path, tmp_path: Path
) -> None:
    populate(engine)
    other = PeopleRepository(engine).add_person(name="someone else", now=at(0))
    populate(engine, other)
    before = export_to(runner, tmp_path / "mine.json")
    assert before["profile"] == IN_FILE.model_dump(mode="json")
    deleted = run(runner, "delete-all", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert not profile_file.exists()
    assert counts(engine) == NONE
    imported = run(runner, "import", str(tmp_path / "mine.json"))
    assert imported.exit_code == 0, imported.output
    assert "Imported 2 saved profiles, 2 sessions, 3 session steps" in imported.stdout
    assert read_profile(profile_file) == IN_FILE
    after = export_to(runner, tmp_path / "again.json")
    assert without_ids(after) == without_ids(before)
    assert counts(engine, other) == FULL


def test_export_writes_json_to_standard_output_by_default(
    runner: CliRunner, engine: Engine
) -> None:
    populate(engine)
    result = run(runner, "export")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["format"] == "psoas-coach-export"
    assert len(document["sessions"]) == 2


def test_export_csv_writes_one_file_per_table(
    runner: CliRunner, engine: Engine, tmp_path: Path
) -> None:
    populate(engine)
    result = run(runner, "export", "--csv", str(tmp_path / "csv"))
    assert result.exit_code == 0, result.output
    assert "Wrote 8 CSV files" in result.stdout
    steps = (tmp_path / "csv" / "session_steps.csv").read_text(encoding="utf-8").splitlines()
    assert steps[0].startswith("session_id,step_index,exercise_id")
    assert len(steps) == 4
    both = run(runner, "export", "--csv", str(tmp_path / "csv"), "--out", "x.json")
    [line] = refused(both)
    assert "not both" in line


def test_import_of_a_missing_file_says_so(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    [line] = refused(run(runner, "import", str(missing)))
    assert line == f"error: import: file not found: {missing}"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{oops", "not valid JSON at line 1, column 2"),
        ('{"format": "sqlite"}', "format: not a Psoas Coach export"),
        ('{"format": "psoas-coach-export", "version": 9}', "version: this psoas reads version 1"),
    ],
)
def test_import_of_something_else_is_refused_in_one_line(
    runner: CliRunner, engine: Engine, tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "other.json"
    path.write_text(text, encoding="utf-8")
    [line] = refused(run(runner, "import", str(path)))
    assert problem in line
    assert counts(engine) == NONE


def test_a_bad_value_names_the_field_and_nothing_is_written(
    runner: CliRunner, engine: Engine, profile_file: Path, tmp_path: Path
) -> None:
    populate(engine)
    document = export_to(runner, tmp_path / "mine.json")
    data_counts = counts(engine)
    run(runner, "delete-all", "--yes")
    document["check_ins"][1]["pain_now"] = 12
    document["check_ins"][1]["data"]["pain_now"] = 12
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    lines = refused(run(runner, "import", str(tmp_path / "bad.json")))
    where = f"error: {tmp_path / 'bad.json'}: check_ins[1]"
    assert lines == [
        f"{where}.pain_now: input should be less than or equal to 10 (got 12)",
        f"{where}.data.pain_now: input should be less than or equal to 10 (got 12)",
    ]
    assert counts(engine) == NONE
    assert not profile_file.exists()
    assert data_counts == FULL


def test_import_over_existing_data_needs_replace(
    runner: CliRunner, engine: Engine, tmp_path: Path
) -> None:
    populate(engine)
    export_to(runner, tmp_path / "mine.json")
    [line] = refused(run(runner, "import", str(tmp_path / "mine.json")))
    assert "nothing imported: you already have 2 saved profiles" in line
    assert "--replace" in line
    assert counts(engine) == FULL
    text = (tmp_path / "mine.json").read_text(encoding="utf-8")
    replaced = run(runner, "import", "--replace", "-", typed=text)
    assert replaced.exit_code == 0, replaced.output
    assert counts(engine) == FULL


def test_import_over_a_profile_file_needs_replace(
    runner: CliRunner, engine: Engine, tmp_path: Path, isolated_home: Path
) -> None:
    populate(engine)
    export_to(runner, tmp_path / "mine.json")
    PersonalDataRepository(engine).delete_all(person_id=LOCAL_PERSON_ID)
    save_profile(IN_FILE, isolated_home / "profile.yaml")
    [line] = refused(run(runner, "import", str(tmp_path / "mine.json")))
    assert "you already have a profile at" in line
    assert counts(engine) == NONE
    assert run(runner, "import", "--replace", str(tmp_path / "mine.json")).exit_code == 0
    assert read_profile(isolated_home / "profile.yaml").age == 41  # the file's latest profile


def test_delete_all_asks_and_a_no_deletes_nothing(
    runner: CliRunner, engine: Engine, profile_file: Path
) -> None:
    populate(engine)
    for typed in ("n\n", ""):  # an explicit no, and no answer at all
        result = run(runner, "delete-all", typed=typed)
        assert result.exit_code == 1, result.output
        assert "This deletes 2 saved profiles, 2 sessions" in result.stdout
        assert "Delete all your data? [y/N]" in result.stdout
        assert result.stdout.rstrip().endswith("Nothing deleted.")
    assert counts(engine) == FULL
    assert profile_file.exists()


def test_delete_all_on_yes_deletes_only_this_persons_data(
    runner: CliRunner, engine: Engine, profile_file: Path
) -> None:
    populate(engine)
    other = PeopleRepository(engine).add_person(name="someone else", now=at(0))
    populate(engine, other)
    result = run(runner, "delete-all", typed="y\n")
    assert result.exit_code == 0, result.output
    assert "Deleted 2 saved profiles, 2 sessions, 3 session steps, 2 check-ins, 1 run, " in (
        result.stdout
    )
    assert f"and the profile file {profile_file}." in result.stdout
    assert counts(engine) == NONE
    assert counts(engine, other) == FULL
    assert not profile_file.exists()
    again = run(runner, "delete-all")
    assert again.exit_code == 0
    assert again.stdout == "You have no data to delete.\n"


def test_delete_all_also_removes_a_profile_file_alone(
    runner: CliRunner, engine: Engine, profile_file: Path
) -> None:
    result = run(runner, "delete-all", typed="y\n")
    assert result.exit_code == 0, result.output
    assert f"This deletes the profile file {profile_file}." in result.stdout
    assert result.stdout.endswith(f"Deleted the profile file {profile_file}.\n")
    assert not profile_file.exists()
