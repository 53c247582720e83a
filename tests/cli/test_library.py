import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from psoas.catalogue import content_dir
from psoas.cli.app import app

REPO = Path(__file__).resolve().parents[2]


def test_exercises_list_json_names_every_exercise(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "list", "--json"])
    assert result.exit_code == 0, result.output
    ids = [entry["id"] for entry in json.loads(result.stdout)]
    assert ids == sorted(ids)
    assert {"psoas-smash", "walk-break", "modified-thomas-test"} <= set(ids)


def test_exercises_list_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "list"])
    assert result.exit_code == 0, result.output
    assert "seated-knee-raise-hold" in result.stdout


def test_exercise_show_json_has_every_field_and_dose_as_ranges(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "show", "seated-knee-raise-hold", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["dose"] == {
        "seconds": [5, 10],
        "reps": [5, 10],
        "sets": [1, 1],
        "sides": "each",
        "per_week": [2, 3],
        "sources": ["runners-psoas-mapmyrun"],
        "basis": "sources",
        "choice": None,
    }
    for field in (
        "aliases", "phase", "targets", "position", "equipment", "steps", "technique_cues",
        "breathing_cues", "common_mistakes", "contraindications", "cautions", "regressions",
        "progressions", "sources",
    ):  # fmt: skip
        assert field in shown


def test_exercise_show_readable_includes_cues_restrictions_and_disagreement(
    runner: CliRunner,
) -> None:
    result = runner.invoke(app, ["exercises", "show", "psoas-smash"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    for fragment in (
        "Breathing cues",
        "abdominal-hernia",
        "Sources disagree",
        "Psoas smash (exercise library)",  # sources by short title, not id
    ):
        assert fragment in out


def test_unknown_exercise_suggests_close_ids(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "show", "psoas-smsh"])
    assert result.exit_code == 2
    assert "did you mean psoas-smash" in result.stderr


def test_sources_json_lists_sources_and_conflicts(runner: CliRunner) -> None:
    result = runner.invoke(app, ["sources", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any(s["seed_file"] == "003_751ffa268a024ed6.txt" for s in data["sources"])
    assert data["conflicts"][0]["id"] == "direct-psoas-pressure"
    readable = runner.invoke(app, ["sources"])
    assert "Sources disagree" in readable.stdout


def test_content_validate_passes_on_shipped_content(runner: CliRunner) -> None:
    result = runner.invoke(app, ["content", "validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ")


def test_content_validate_names_file_and_field_of_a_broken_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    target = copy / "exercises" / "glute-bridge.yaml"
    target.write_text(target.read_text().replace("phase: strengthen", "phase: bulk"))
    result = runner.invoke(app, ["content", "validate", "--dir", str(copy)])
    assert result.exit_code == 2
    assert "glute-bridge.yaml: phase:" in result.stderr
    assert "'bulk'" in result.stderr


def test_committed_schemas_are_current(runner: CliRunner) -> None:
    for name in ("profile", "plan"):
        result = runner.invoke(app, ["schema", name])
        assert result.exit_code == 0, result.output
        committed = (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert result.stdout == committed, f"schemas/{name}.schema.json is stale: run make schema"


def test_bad_schema_name_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "session"])
    assert result.exit_code == 2
