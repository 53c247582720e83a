"""`psoas plan --profile F --json` kept for a person without a database: the same bytes as the
full path, never stale, and never used once check-ins (a database) can change the plan."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psoas.catalogue import content_dir
from psoas.cli import plan_cache
from psoas.cli.app import app
from psoas.cli.fast_paths import answer
from tests.cli.conftest import write

PROFILE = "activities: [desk-work, running]\ngoals: [relieve-tightness]\n"


@pytest.fixture(autouse=True)
def no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PSOAS_DATABASE_URL", raising=False)


def full_path(runner: CliRunner, profile: Path) -> str:
    result = runner.invoke(app, ["plan", "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def fast_path(capsys: pytest.CaptureFixture[str], *args: str) -> str | None:
    capsys.readouterr()
    status = answer(["plan", *args], "psoas")
    return None if status is None else capsys.readouterr().out


def test_a_kept_plan_is_the_same_bytes_in_every_spelling(
    runner: CliRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path / "me.yaml", PROFILE)
    assert fast_path(capsys, "--profile", str(profile), "--json") is None  # nothing kept yet
    expected = full_path(runner, profile)
    for spelling in (
        ["--profile", str(profile), "--json"],
        ["--json", "-p", str(profile)],
        [f"--profile={profile}", "--json"],
    ):
        assert fast_path(capsys, *spelling) == expected
    assert fast_path(capsys, "--profile", str(profile)) is None  # tables: Typer's path


def test_an_edited_profile_is_planned_again(
    runner: CliRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path / "me.yaml", PROFILE)
    full_path(runner, profile)
    write(profile, PROFILE + "pain_now: 8\n")
    assert fast_path(capsys, "--profile", str(profile), "--json") is None
    changed = full_path(runner, profile)
    assert fast_path(capsys, "--profile", str(profile), "--json") == changed


def test_edited_content_is_planned_again(
    runner: CliRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    content = tmp_path / "content"
    shutil.copytree(content_dir(), content)
    monkeypatch.setenv("PSOAS_CONTENT_DIR", str(content))
    profile = write(tmp_path / "me.yaml", PROFILE)
    full_path(runner, profile)
    planning = content / "rules" / "planning.yaml"
    planning.write_text(planning.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fast_path(capsys, "--profile", str(profile), "--json") is None


def test_once_a_database_exists_nothing_kept_is_used(
    runner: CliRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path / "me.yaml", PROFILE)
    assert json.loads(full_path(runner, profile))["status"] == "ok"
    # A check-in with a red flag creates the database and must stop the plan.
    logged = runner.invoke(
        app, ["log", "--pain", "1", "--red-flag", "fever", "--profile", str(profile)]
    )
    assert logged.exit_code == 0, logged.output
    assert fast_path(capsys, "--profile", str(profile), "--json") is None
    assert json.loads(full_path(runner, profile))["status"] == "urgent-care"


@pytest.mark.parametrize("broken", [b"", b"{", b'{"key": "x", "output": "{}"}', b"[]"])
def test_a_corrupt_kept_plan_is_ignored(
    runner: CliRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_home: Path,
    broken: bytes,
) -> None:  # fmt: skip
    profile = write(tmp_path / "me.yaml", PROFILE)
    expected = full_path(runner, profile)
    [kept] = (isolated_home / "cache" / "plans").glob("*.json")
    kept.write_bytes(broken)
    assert fast_path(capsys, "--profile", str(profile), "--json") is None
    assert full_path(runner, profile) == expected
    assert fast_path(capsys, "--profile", str(profile), "--json") == expected


def test_only_the_latest_plans_are_kept(
    runner: CliRunner, tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_cache, "MAX_PLANS", 2)
    for minutes in (10, 20, 30):
        full_path(
            runner,
            write(tmp_path / f"{minutes}.yaml", f"{PROFILE}minutes_per_session: {minutes}\n"),
        )
    assert len(list((isolated_home / "cache" / "plans").glob("*.json"))) == 2
