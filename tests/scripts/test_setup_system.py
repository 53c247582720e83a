"""scripts/setup-system.sh: `make test` and .ci/run set the machine up through it, and where it
may not install, it names each group of tests that cannot run and the one command that would."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "scripts" / "setup-system.sh"
# What the script itself runs; the desktop tools, fc-list, sudo and ldconfig are left out.
BASICS = ("bash", "id", "ls", "sort", "tail", "seq", "sleep", "grep", "env", "dirname")


def run_bare(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The script on a PATH with only the basics (and apt-get), as on a fresh machine."""
    bare = tmp_path / "bin"
    bare.mkdir()
    for name in (*BASICS, "apt-get"):
        found = shutil.which(name)
        if found is None:
            if name == "apt-get":
                continue
            pytest.skip(f"{name} is not on this machine")
        (bare / name).symlink_to(found)
    # The interpreter itself, not a launcher (pyenv's shims need pyenv on the PATH).
    (bare / "python3").symlink_to(Path(sys.executable).resolve())
    environment = {"PATH": str(bare), "HOME": str(tmp_path)}
    return subprocess.run(
        [str(SCRIPT), *arguments], env=environment, capture_output=True, text=True, timeout=60
    )


def test_check_names_each_suite_that_cannot_run_and_one_command(tmp_path: Path) -> None:
    result = run_bare(tmp_path, "--check")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "setup-system: these tests cannot run on this machine:"
    assert any(line.startswith("  - desktop reminder tests (tests/desktop):") for line in lines)
    assert any(line.startswith("  - PNG charts (tests/charts, psoas report):") for line in lines)
    if shutil.which("apt-get"):
        assert "xvfb xdotool x11-utils dbus libxss1" in result.stderr
        assert f"  sudo {SCRIPT}" in lines
    assert result.stdout == ""


def test_strict_fails_while_anything_is_missing(tmp_path: Path) -> None:
    result = run_bare(tmp_path, "--strict", "--check")
    assert result.returncode == 1
    assert "desktop reminder tests" in result.stderr


def test_an_unknown_option_is_refused(tmp_path: Path) -> None:
    result = run_bare(tmp_path, "--frobnicate")
    assert result.returncode == 64
    assert "usage:" in result.stderr


def test_make_test_and_ci_use_the_one_script() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/setup-system.sh" in recipe
    assert recipe.index("setup-system.sh") < recipe.index("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/setup-system.sh --strict" in ci
    assert "apt-get" not in ci  # moved into the script, not copied
    assert ci.index("setup-system.sh") < ci.index("\nmake lint types layers\nmake test\n")
    assert os.access(SCRIPT, os.X_OK)
