"""Each command, run in a fresh interpreter, loads only what it uses.

Start-up time is mostly imports: SQLAlchemy, Rich or FastAPI pulled into a command that prints
JSON made `psoas plan --profile F --json` 50× a bare `python -c pass` (docs/performance.md). The
times live in bench/; this pins the cause, which is exact and does not vary with machine load.
"""

import subprocess
import sys
from pathlib import Path

import pytest

# What no command below needs: the database, the web stack, the terminal UIs and tables.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "psycopg",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "textual",
    "rich",
    "psoas.web",
)
# `psoas --help` needs no content and no models either.
HELP_ONLY = (*HEAVY, "pydantic", "yaml", "psoas.catalogue", "psoas.services", "psoas.domain")
# A schema comes from the models alone.
SCHEMA_ONLY = (*HEAVY, "yaml", "psoas.catalogue", "psoas.services")

# Runs the real entry point (psoas.cli.main:main, as the console script does), then writes the
# modules it loaded, one a line, to the file named first.
RUN_AND_LIST_MODULES = """
import sys
out, args = sys.argv[1], sys.argv[2:]
sys.argv = ["psoas", *args]
from psoas.cli.main import main
try:
    main()
    code = 0
except SystemExit as stop:
    code = stop.code or 0
with open(out, "w", encoding="utf-8") as handle:
    handle.write("\\n".join(sorted(sys.modules)))
sys.exit(code)
"""

PROFILE = "activities: [desk-work, running]\ngoals: [relieve-tightness]\n"


def loaded_modules(tmp_path: Path, *args: str) -> set[str]:
    listing = tmp_path / "modules.txt"
    run = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *args],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    return set(listing.read_text(encoding="utf-8").split())


def loaded_of(modules: set[str], forbidden: tuple[str, ...]) -> list[str]:
    """The forbidden packages (or any of their submodules) that were imported."""
    return [
        name
        for name in forbidden
        if name in modules or any(m.startswith(f"{name}.") for m in modules)
    ]


@pytest.fixture(autouse=True)
def no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    # A URL from the developer's shell would make `plan` look for progress in that database.
    monkeypatch.delenv("PSOAS_DATABASE_URL", raising=False)


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [
        (["--help"], HELP_ONLY),
        (["plan", "--profile", "PROFILE", "--json"], HEAVY),
        (["exercises", "list", "--json"], HEAVY),
        (["exercises", "show", "glute-bridge", "--json"], HEAVY),
        (["sources", "--json"], HEAVY),
        (["content", "validate"], HEAVY),
        (["schema", "plan"], SCHEMA_ONLY),
        (["schema", "profile"], SCHEMA_ONLY),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_a_command_loads_nothing_it_does_not_use(
    tmp_path: Path, args: list[str], forbidden: tuple[str, ...]
) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    args = [str(profile) if arg == "PROFILE" else arg for arg in args]
    assert loaded_of(loaded_modules(tmp_path, *args), forbidden) == []


def test_help_in_a_narrow_terminal_goes_through_typer_and_stays_light(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Below 80 columns Typer writes the help (the fast form is for the common width only).
    monkeypatch.setenv("COLUMNS", "60")
    modules = loaded_modules(tmp_path, "--help")
    assert "typer" in modules
    assert loaded_of(modules, HELP_ONLY) == []


def test_the_check_sees_what_a_command_does_load(tmp_path: Path) -> None:
    # `db upgrade` does open a database: the same check must find SQLAlchemy there.
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    modules = loaded_modules(tmp_path, "db", "upgrade", "--database-url", url)
    assert loaded_of(modules, HEAVY) == ["sqlalchemy", "alembic"]
