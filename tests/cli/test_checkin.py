import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from psoas.catalogue import load_catalogue
from psoas.cli.app import app

RED_FLAG_COUNT = len(load_catalogue().screening.red_flags)
NO_RED_FLAGS = "n\n" * RED_FLAG_COUNT


def answers(*lines: str) -> str:
    return NO_RED_FLAGS + "\n".join(lines) + "\n"


def test_check_in_saves_the_profile_and_shows_the_plan(runner: CliRunner, tmp_path: Path) -> None:
    saved = tmp_path / "me.yaml"
    typed = answers(
        "1, running",  # activities: desk-work by number, running by id
        "8",  # sitting hours
        "relieve-tightness",  # goals
        "",  # symptoms: none
        "2",  # pain now
        "",  # conditions: none
        "foam-roller,strap-or-towel",  # equipment
        "20",  # minutes
        "4",  # sessions a week
        "n",  # direct pressure
        "",  # age: skipped
    )
    result = runner.invoke(app, ["check-in", "--save", str(saved)], input=typed)
    assert result.exit_code == 0, result.output
    profile = yaml.safe_load(saved.read_text())
    assert profile["activities"] == ["desk-work", "running"]
    assert profile["sitting_hours_per_day"] == 8
    assert profile["equipment"] == ["foam-roller", "strap-or-towel"]
    assert profile["age"] is None
    assert "Why we ask" in result.stdout
    assert "Ready to start" in result.stdout
    plan = runner.invoke(app, ["plan", "--profile", str(saved), "--json"])
    assert json.loads(plan.stdout)["breaks"]["desk_interval_minutes"] == 60


def test_check_in_asks_again_after_a_bad_answer(runner: CliRunner, tmp_path: Path) -> None:
    saved = tmp_path / "me.yaml"
    typed = answers(
        "knitting", "",  # an unknown activity, then none
        "30", "5",  # 30 sitting hours is refused, then 5
        "", "", "", "", "", "", "", "n", "",
    )  # fmt: skip
    result = runner.invoke(app, ["check-in", "--save", str(saved)], input=typed)
    assert result.exit_code == 0, result.output
    assert "'knitting' is not one of the choices" in result.stdout
    assert "sitting_hours_per_day: input should be less than or equal to 24" in result.stdout
    assert yaml.safe_load(saved.read_text())["sitting_hours_per_day"] == 5


def test_a_red_flag_stops_the_questions_and_says_where_to_go(
    runner: CliRunner, tmp_path: Path
) -> None:
    saved = tmp_path / "me.yaml"
    # Every warning sign is asked, so a professional sees the full picture; then it stops.
    typed = "y\n" + "n\n" * (RED_FLAG_COUNT - 1)
    result = runner.invoke(app, ["check-in", "--save", str(saved)], input=typed)
    assert result.exit_code == 0, result.output
    assert "warning sign" in result.stdout
    assert "Stop: get medical help" in result.stdout
    assert "What do you do often?" not in result.stdout
    assert yaml.safe_load(saved.read_text())["red_flags"] == ["saddle-numbness"]


def test_check_in_that_ends_early_saves_nothing(runner: CliRunner, tmp_path: Path) -> None:
    saved = tmp_path / "me.yaml"
    result = runner.invoke(app, ["check-in", "--save", str(saved)], input=NO_RED_FLAGS + "1\n")
    assert result.exit_code == 2
    assert "nothing was saved" in result.stderr
    assert not saved.exists()


def test_check_in_saves_to_the_user_data_folder_by_default(
    runner: CliRunner, isolated_home: Path
) -> None:
    typed = answers("", "0", "", "", "0", "", "", "10", "3", "n", "")
    result = runner.invoke(app, ["check-in"], input=typed)
    assert result.exit_code == 0, result.output
    assert (isolated_home / "profile.yaml").exists()


def test_follow_up_questions_are_asked_only_when_they_apply(
    runner: CliRunner, tmp_path: Path
) -> None:
    saved = tmp_path / "me.yaml"
    typed = answers(
        "",  # activities
        "2",  # sitting hours
        "",  # goals
        "low-back-pain",  # symptoms: so how long is asked next
        "3",  # weeks
        "1",  # pain now
        "pregnancy",  # conditions: so the week of pregnancy is asked next
        "24",  # weeks pregnant
        "strap-or-towel",  # equipment
        "20",  # minutes
        "3",  # sessions a week
        "n",  # direct pressure
        "33",  # age
    )
    result = runner.invoke(app, ["check-in", "--save", str(saved)], input=typed)
    assert result.exit_code == 0, result.output
    assert "How many weeks pregnant are you" in result.stdout
    profile = yaml.safe_load(saved.read_text())
    assert (profile["symptoms_weeks"], profile["pregnancy_weeks"], profile["age"]) == (3, 24, 33)
    assert "lying flat on your back are left out" in result.stdout


def test_follow_up_questions_are_skipped_when_they_do_not_apply(
    runner: CliRunner, tmp_path: Path
) -> None:
    saved = tmp_path / "me.yaml"
    typed = answers("", "2", "", "", "1", "", "", "20", "3", "n", "")
    result = runner.invoke(app, ["check-in", "--save", str(saved)], input=typed)
    assert result.exit_code == 0, result.output
    assert "How many weeks pregnant" not in result.stdout
    assert "how many weeks have you had these symptoms" not in result.stdout
    profile = yaml.safe_load(saved.read_text())
    assert profile["symptoms_weeks"] is None
    assert profile["pregnancy_weeks"] is None
