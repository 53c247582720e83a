from pathlib import Path

import pytest
from typer.testing import CliRunner

from psoas.cli.app import app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved profiles go to a temporary folder, never the developer's own."""
    home = tmp_path / "home"
    monkeypatch.setenv("PSOAS_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "120")
    return home


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


__all__ = ["app", "write"]
