"""`psoas session` and `psoas history` through the CLI, on a real SQLite file."""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from psoas.catalogue import load_catalogue
from psoas.cli.app import app
from tests.cli.conftest import write
from tests.cli.terminal import braille_dots

SHORT = """
activities: [desk-work]
equipment: [chair, strap-or-towel]
minutes_per_session: 5
sessions_per_week: 3
"""
FAST = ["--time-scale", "0.002"]


def history(runner: CliRunner) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["history", "--json"])
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_plain_session_runs_to_the_end_and_is_in_history(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", SHORT)
    typed = "4\n2\nlooser\nfelt easier\n"  # pain before; pain after, feel, note
    result = runner.invoke(
        app, ["session", "--profile", str(profile), "--day", "3", *FAST], input=typed
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    for fragment in ("Step 1 of", "Get ready", "Hold"):
        assert fragment in out
    assert "Switch sides" in out
    assert "rep 5 of 5" in out  # rep-based items count each rep
    assert braille_dots(out) == 0  # no figures in a pipe
    [entry] = history(runner)
    assert entry["status"] == "completed"
    assert entry["plan_day"] == 3
    assert entry["steps_done"] == entry["steps_planned"] > 0
    assert (entry["pain_before"], entry["pain_after"], entry["feel"], entry["note"]) == (
        4, 2, "looser", "felt easier",
    )  # fmt: skip


def test_answers_may_be_skipped_and_bad_ones_asked_again(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", SHORT)
    typed = "eleven\n\n\nbetter\n\n\n"
    result = runner.invoke(app, ["session", "--profile", str(profile), *FAST], input=typed)
    assert result.exit_code == 0, result.output
    assert "pain: 'eleven' is not allowed" in result.stdout
    assert "feel: 'better' is not allowed" in result.stdout
    [entry] = history(runner)
    assert (entry["pain_before"], entry["pain_after"], entry["feel"]) == (None, None, None)


def test_unknown_day_exits_2_listing_the_session_days(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", SHORT)
    result = runner.invoke(app, ["session", "--profile", str(profile), "--day", "2", *FAST])
    assert result.exit_code == 2
    assert "no session on day 2; sessions are on days 1, 3, 5" in result.stderr
    assert history(runner) == []


def test_urgent_care_plan_cannot_be_started(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", "red_flags: [fever]\n")
    result = runner.invoke(app, ["session", "--profile", str(profile), *FAST])
    assert result.exit_code == 2
    assert "Contact a doctor today" in result.stdout  # shown before anything starts
    assert "urgent-care" in result.stderr
    assert history(runner) == []


def test_see_professional_status_is_shown_before_the_walk_it_keeps(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Waiting to be seen, the plan keeps gentle walking: the status comes first, then the walk
    plays, and nothing else does."""
    profile = write(tmp_path / "me.yaml", "pain_now: 8\nactivities: [desk-work]\n")
    result = runner.invoke(app, ["session", "--profile", str(profile), *FAST], input="")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Please see a doctor or physiotherapist")
    assert "Walk break" in result.stdout
    [entry] = history(runner)
    assert entry["steps_planned"] == 1


def test_corrupt_database_file_exits_2_with_its_path(
    runner: CliRunner, tmp_path: Path, isolated_home: Path
) -> None:
    isolated_home.mkdir()
    (isolated_home / "psoas.sqlite3").write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2
    assert "psoas.sqlite3 is not a valid SQLite database" in result.stderr
    assert "Traceback" not in result.output


def test_resume_with_nothing_to_resume_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["session", "--resume", *FAST])
    assert result.exit_code == 2
    assert "no unfinished session" in result.stderr


def test_voice_without_espeak_says_how_to_get_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    profile = write(tmp_path / "me.yaml", SHORT)
    result = runner.invoke(app, ["session", "--profile", str(profile), "--voice", *FAST])
    assert result.exit_code == 2
    assert "espeak-ng is not installed" in result.stderr


def test_sigkill_mid_session_keeps_the_finished_steps_and_resume_completes_it(
    tmp_path: Path,
) -> None:
    """A real process is killed with SIGKILL; what was committed survives and resumes."""
    profile = write(tmp_path / "me.yaml", SHORT)
    env = {**os.environ, "PSOAS_HOME": str(tmp_path / "home")}
    env.pop("PSOAS_DATABASE_URL", None)
    command = [sys.executable, "-m", "psoas", "session", "--plain", "--profile", str(profile)]
    with subprocess.Popen(
        [*command, "--day", "1", "--time-scale", "0.05"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    ) as child:  # fmt: skip
        assert child.stdin is not None
        assert child.stdout is not None
        child.stdin.write("5\n")
        child.stdin.flush()
        for line in child.stdout:
            if line.startswith("Done: step 2."):
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)

    def history_json() -> list[dict[str, Any]]:
        run = subprocess.run(
            [sys.executable, "-m", "psoas", "history", "--json"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        data: list[dict[str, Any]] = json.loads(run.stdout)
        return data

    [killed] = history_json()
    assert killed["status"] == "partial"
    assert killed["ended_at"] is None
    assert killed["steps_done"] in (2, 3)  # step 3 may have committed before the kill landed
    resumed = subprocess.run(
        [sys.executable, "-m", "psoas", "session", "--resume", "--time-scale", "0.002"],
        env=env, input="1\nsame\n\n", capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert f"at step {killed['steps_done'] + 1}" in resumed.stdout
    [finished] = history_json()
    assert finished["status"] == "completed"
    assert finished["steps_done"] == finished["steps_planned"]


def test_session_and_history_on_each_backend(
    runner: CliRunner, tmp_path: Path, empty_database_url: str
) -> None:
    """--database-url selects the database; a new one is migrated on first use."""
    profile = write(tmp_path / "me.yaml", SHORT)
    url = ["--database-url", empty_database_url]
    result = runner.invoke(
        app, ["session", "--profile", str(profile), *url, *FAST], input="2\n1\nlooser\n\n"
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["history", "--json", *url])
    assert listed.exit_code == 0, listed.output
    [entry] = json.loads(listed.stdout)
    assert entry["status"] == "completed"
    assert (entry["pain_before"], entry["pain_after"]) == (2, 1)


def test_high_pain_just_before_a_session_stops_it(runner: CliRunner, tmp_path: Path) -> None:
    profile = write(tmp_path / "me.yaml", SHORT)
    result = runner.invoke(app, ["session", "--profile", str(profile), *FAST], input="8\n")
    assert result.exit_code == 2
    assert "Pain of 7 or more" in result.stdout
    assert "pain: 8 out of 10 is too high" in result.stderr
    assert history(runner) == []


def test_plain_session_with_no_answers_on_stdin_still_runs_and_saves(
    runner: CliRunner, tmp_path: Path
) -> None:
    profile = write(tmp_path / "me.yaml", SHORT)
    result = runner.invoke(app, ["session", "--profile", str(profile), *FAST], input="")
    assert result.exit_code == 0, result.output
    [entry] = history(runner)
    assert entry["status"] == "completed"
    assert entry["pain_before"] is None


def test_session_plays_the_same_saved_profile_that_plan_shows(
    runner: CliRunner, isolated_home: Path
) -> None:
    """A different, older profile in the database must not change what the session plays."""
    from datetime import UTC, datetime

    from psoas.domain.profile import Profile
    from psoas.storage import LOCAL_PERSON_ID, ProfileRepository, open_database

    engine = open_database(None)
    other = Profile(equipment=("soft-ball", "foam-roller", "mini-band"), minutes_per_session=60)
    ProfileRepository(engine).save_profile(
        person_id=LOCAL_PERSON_ID, profile=other, now=datetime.now(UTC)
    )
    engine.dispose()
    write(isolated_home / "profile.yaml", SHORT + "conditions: [pregnancy]\n")
    plan = json.loads(runner.invoke(app, ["plan", "--json"]).stdout)
    result = runner.invoke(app, ["session", "--day", "1", *FAST], input="\n\n\n\n")
    assert result.exit_code == 0, result.output
    items = {i["exercise"]: i for phase in plan["phases"] for i in phase["items"]}
    day_one = next(s for s in plan["weekly_schedule"] if s["day"] == 1)["exercises"]
    expected_steps = sum(
        items[e]["sets"] * (2 if items[e]["sides"] == "each" else 1) for e in day_one
    )
    [entry] = history(runner)
    assert entry["steps_planned"] == expected_steps
    assert "Soft-ball belly release" not in result.stdout


def test_plain_session_describes_each_exercise_once_as_it_starts_in_words(
    runner: CliRunner, tmp_path: Path
) -> None:
    profile = write(tmp_path / "me.yaml", SHORT)
    result = runner.invoke(
        app, ["session", "--plain", "--profile", str(profile), "--day", "3", *FAST]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # "Step 1 of 6. Lengthen: Half-kneeling psoas stretch, left side, ..." (the first shares its
    # line with the unanswered pain question)
    found = [
        (i, re.search(r"Step \d+ of \d+\. \w+: ([^,]+),", line)) for i, line in enumerate(lines)
    ]
    starts = [i for i, match in found if match]
    names = [match.group(1) for _, match in found if match]
    firsts = [k == 0 or names[k] != names[k - 1] for k in range(len(names))]
    assert firsts.count(False) > 0, names  # an exercise with more than one step: described once
    by_name = {e.name: e for e in load_catalogue().exercises.values()}
    for k, i in enumerate(starts):
        described = lines[i + 1].startswith("Position: ")
        assert described == firsts[k], lines[i : i + 2]
        if described:
            figure = by_name[names[k]].figure
            assert figure is not None
            assert lines[i + 1] == f"Position: {figure.description}"
    # Words only: a screen reader would read a braille drawing out as dot patterns.
    assert braille_dots(result.stdout) == 0
