"""The forms answered before Typer loads say exactly what the Typer commands say."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer._click.utils import make_default_short_help
from typer.testing import CliRunner

from psoas.catalogue import content_dir
from psoas.cli.app import app
from psoas.cli.fast_paths import answer, short_help


def psoas(*args: str, columns: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | env
    if columns is not None:
        environment["COLUMNS"] = columns
    return subprocess.run(
        [sys.executable, "-m", "psoas", *args],
        capture_output=True, text=True, check=False, env=environment, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("columns", [None, "80", "200", "60"])
def test_help_is_typers_help_at_every_width(columns: str | None) -> None:
    fast = psoas("--help", columns=columns)
    # Typer's own rendering, through the command tree, in the same kind of process.
    typer_help = subprocess.run(
        [sys.executable, "-c", "from psoas.cli.app import app; app(prog_name='python -m psoas')",
         "--help"],
        capture_output=True, text=True, check=False, timeout=120,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"}
        | ({"COLUMNS": columns} if columns else {}),
    )  # fmt: skip
    assert fast.returncode == typer_help.returncode == 0
    assert fast.stdout == typer_help.stdout
    assert "Usage: python -m psoas [OPTIONS] COMMAND [ARGS]..." in fast.stdout


@pytest.mark.parametrize(
    "args", [["exercises", "list", "--json"], ["sources", "--json"]], ids=" ".join
)
def test_library_json_is_what_the_typer_command_prints(
    runner: CliRunner, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert answer(args, "psoas") == 0
    fast = capsys.readouterr().out
    typer_result = runner.invoke(app, args)
    assert typer_result.exit_code == 0
    assert fast == typer_result.stdout


def test_other_forms_are_left_to_typer() -> None:
    for args in (["sources"], ["sources", "--json", "--help"], ["--json", "sources"], []):
        assert answer(args, "psoas") is None


def test_broken_content_on_the_fast_path_exits_2_naming_the_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(content_dir(), content)
    (content / "sources.yaml").write_text("- id: Not A Slug\n", encoding="utf-8")
    run = psoas("sources", "--json", PSOAS_CONTENT_DIR=str(content))
    assert run.returncode == 2
    assert run.stderr.startswith("error: ")
    assert "sources.yaml" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


words = st.text(alphabet="abc.", min_size=1, max_size=8).filter(lambda w: w.strip("."))


@given(st.lists(words, min_size=1, max_size=15).map(" ".join), st.integers(5, 80))
def test_summaries_are_shortened_by_clicks_rule(text: str, limit: int) -> None:
    assert short_help(text, limit) == make_default_short_help(text, limit)
