from pathlib import Path

import pytest
from typer.testing import CliRunner

from psoas.cli.app import app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def isolated_home(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The root conftest's temporary home, with a terminal wide enough for the tables."""
    monkeypatch.setenv("COLUMNS", "120")
    return isolated_home


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


__all__ = ["app", "write"]
