"""`psoas breaks` commands in process: settings, answers with nothing running, stats, and every
bad input exiting 2 with one line naming the option, the value and what is allowed."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import app, write

PROFILE = "goals: [relieve-tightness]\nactivities: [desk-work]\nequipment: [mat]\n"


@pytest.fixture
def profile(isolated_home: Path) -> Path:
    isolated_home.mkdir(parents=True, exist_ok=True)
    return write(isolated_home / "profile.yaml", PROFILE)


def call(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["breaks", *args])
    return result.exit_code, result.stdout, result.stderr


def test_settings_show_the_cited_defaults_then_keep_changes(runner: CliRunner) -> None:
    code, out, _ = call(runner, "settings")
    assert code == 0
    assert "desk interval: 60 minutes" in out
    assert "drive interval: 120 minutes" in out
    assert "working hours (desk mode): 08:00-18:00 on mon,tue,wed,thu,fri" in out
    code, out, _ = call(
        runner,
        "settings",
        "--working-hours",
        "09:30-17:00",
        "--quiet-hours",
        "none",
        "--working-days",
        "mon,wed",
        "--desk-interval-minutes",
        "45",
    )
    assert code == 0
    data = json.loads(call(runner, "settings", "--json")[1])
    assert data["working_hours"] == {"start": "09:30:00", "end": "17:00:00"}
    assert data["quiet_hours"] is None
    assert data["working_days"] == [0, 2]
    assert data["desk_interval_min"] == 45


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["settings", "--working-hours", "9-5"], "--working-hours: expected HH:MM-HH:MM"),
        (["settings", "--working-hours", "08:00Z-18:00"], "--working-hours: expected HH:MM-HH:MM"),
        (["settings", "--working-hours", "09:00-09:00"], "the window would be empty"),
        (["settings", "--working-days", "mon,funday"], "--working-days: unknown day 'fun'"),
        (["settings", "--drive-interval-minutes", "180"], "drive_interval_min: input should be"),
        (["settings", "--snooze-cap-minutes", "60"], "snooze_cap_min: input should be"),
        (["settings", "--mode", "bike"], "mode: input should be 'desk' or 'drive' (got 'bike')"),
        (["snooze", "7"], "minutes: snooze for 5, 10, 15 minutes (got 7)"),
        (["start", "--interval-minutes", "5"], "interval_minutes: desk mode allows 15-120"),
        (["start", "--mode", "drive", "--interval-minutes", "150"], "Highway Code"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    runner: CliRunner, profile: Path, args: list[str], message: str
) -> None:
    before = call(runner, "settings", "--json")[1]
    code, out, err = call(runner, *args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in out + err
    assert call(runner, "settings", "--json")[1] == before


def test_start_needs_a_check_in_first(runner: CliRunner) -> None:
    code, _, err = call(runner, "start")
    assert code == 2
    assert "run `psoas check-in`" in err


def test_a_plan_on_hold_for_warning_signs_keeps_reminders_off(
    runner: CliRunner, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    write(isolated_home / "profile.yaml", PROFILE + "red_flags: [saddle-numbness]\n")
    code, _, err = call(runner, "start")
    assert code == 1
    assert "on hold for warning signs" in err


@pytest.mark.parametrize("action", [["done"], ["skip"], ["snooze", "5"]])
def test_answers_with_nothing_running_say_so(
    runner: CliRunner, profile: Path, action: list[str]
) -> None:
    code, _, err = call(runner, *action)
    assert code == 1
    assert "not running; start them first" in err


def test_status_and_stats_with_nothing_running(runner: CliRunner) -> None:
    code, out, _ = call(runner, "status")
    assert code == 0
    assert out.startswith("Break reminders are not running")
    code, out, _ = call(runner, "stats", "--days", "3")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split() == ["day", "prompted", "taken", "natural", "snoozed", "skipped"]
    assert len(lines) == 4
    assert call(runner, "stop")[1].strip() == "Break reminders are not running."
