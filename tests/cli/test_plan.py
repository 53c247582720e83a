import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psoas.cli.app import app
from tests.cli.conftest import write

DESK_WORKER = """
activities: [desk-work]
sitting_hours_per_day: 9
goals: [relieve-tightness]
symptoms: [hip-stiffness]
equipment: [foam-roller, strap-or-towel, chair]
minutes_per_session: 15
sessions_per_week: 3
"""


def test_plan_json_is_the_public_plan_format(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", DESK_WORKER)
    result = runner.invoke(app, ["plan", "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert set(plan) == {
        "status", "messages", "phases", "excluded", "session_minutes",
        "weekly_schedule", "guidance", "breaks", "tell_professional",
    }  # fmt: skip
    assert plan["status"] == "ok"
    assert [phase["phase"] for phase in plan["phases"]] == [
        "release",
        "lengthen",
        "strengthen",
        "move",
    ]
    assert plan["breaks"] == {"desk_interval_minutes": 60, "driving_interval_minutes": None}
    assert plan["session_minutes"] <= 15
    item = plan["phases"][1]["items"][0]
    assert set(item) == {
        "exercise", "sides", "sets", "seconds", "reps", "why", "sources", "change", "equipment",
    }  # fmt: skip
    assert item["change"] is None  # set only once check-ins have changed the dose


def test_json_and_yaml_profiles_give_byte_identical_plans(
    runner: CliRunner, tmp_path: Path
) -> None:
    import yaml

    as_yaml = write(tmp_path / "me.yaml", DESK_WORKER)
    as_json = write(tmp_path / "me.json", json.dumps(yaml.safe_load(DESK_WORKER)))
    first = runner.invoke(app, ["plan", "--profile", str(as_yaml), "--json"]).stdout
    again = runner.invoke(app, ["plan", "--profile", str(as_yaml), "--json"]).stdout
    from_json = runner.invoke(app, ["plan", "--profile", str(as_json), "--json"]).stdout
    assert first == again == from_json


def test_readable_plan_shows_phases_doses_and_exclusions(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", DESK_WORKER)
    result = runner.invoke(app, ["plan", "--profile", str(profile)])
    assert result.exit_code == 0, result.output
    for heading in ("Ready to start", "Release", "Lengthen", "Strengthen", "Left out, and why"):
        assert heading in result.stdout
    assert "each side" in result.stdout
    assert "Psoas smash" in result.stdout  # left out by default, with its reason
    assert "Sitting breaks: at a desk every 60 min" in result.stdout


def test_urgent_care_plan_says_where_to_go_and_lists_no_exercises(
    runner: CliRunner, tmp_path: Path
) -> None:
    profile = write(tmp_path / "me.yaml", "red_flags: [saddle-numbness]\n")
    result = runner.invoke(app, ["plan", "--profile", str(profile)])
    assert result.exit_code == 0, result.output
    assert "Stop: get medical help" in result.stdout
    assert "emergency" in result.stdout
    assert "Lengthen" not in result.stdout


def test_plan_uses_the_saved_profile_by_default(runner: CliRunner, isolated_home: Path) -> None:
    isolated_home.mkdir()
    write(isolated_home / "profile.yaml", DESK_WORKER)
    result = runner.invoke(app, ["plan", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["breaks"]["desk_interval_minutes"] == 60


def test_plan_without_any_profile_says_what_to_do(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan"])
    assert result.exit_code == 2
    assert "psoas check-in" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("file_name", "text", "expected"),
    [
        ("p.yaml", "pain_now: 12\n", ["pain_now", "12", "less than or equal to 10"]),
        ("p.yaml", "pain_now: lots\n", ["pain_now", "'lots'", "integer"]),
        ("p.yaml", "activities: [knitting]\n", ["activities[0]", "'knitting'", "'desk-work'"]),
        ("p.yaml", "painnow: 3\n", ["painnow", "unknown field", "pain_now"]),
        ("p.yaml", "minutes_per_session: 2\n", ["minutes_per_session", "2", "greater than"]),
        ("p.yaml", "sessions_per_week: 15\n", ["sessions_per_week", "15"]),
        ("p.yaml", "sitting_hours_per_day: -1\n", ["sitting_hours_per_day", "-1"]),
        ("p.yaml", "equipment: [sofa]\n", ["equipment[0]", "'sofa'", "'foam-roller'"]),
        ("p.yaml", "- just\n- a list\n", ["expected a mapping", "list"]),
        ("p.yaml", "", ["expected a mapping", "empty"]),
        ("p.yaml", "pain_now: [1\n", ["not valid YAML", "line"]),
        ("p.json", '{"pain_now": 3,}', ["not valid JSON", "line 1"]),
    ],
)
def test_bad_profile_exits_2_with_one_clear_message(
    runner: CliRunner, tmp_path: Path, file_name: str, text: str, expected: list[str]
) -> None:
    profile = write(tmp_path / file_name, text)
    result = runner.invoke(app, ["plan", "--profile", str(profile), "--json"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    for fragment in expected:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_missing_and_unreadable_profile_files(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["plan", "--profile", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2
    assert "file not found" in missing.stderr
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    unreadable = runner.invoke(app, ["plan", "--profile", str(binary)])
    assert unreadable.exit_code == 2
    assert "cannot read" in unreadable.stderr


def test_several_problems_are_each_reported(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "p.yaml", "pain_now: 11\nsessions_per_week: 0\n")
    result = runner.invoke(app, ["plan", "--profile", str(profile)])
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert [line.split(":")[2].strip() for line in errors] == ["pain_now", "sessions_per_week"]
