"""Every command that reads a file, over a corpus of hostile files made here: each is refused with
exit 2 and one `error:` line, never a traceback, and never by reading without end."""

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psoas.catalogue import content_dir
from tests.cli.conftest import app

DEEP = 100_000  # far past Python's recursion limit
HUGE_INT = "9" * 5_000  # past the 4,300 digits Python converts
# A YAML "billion laughs": nine lists of nine references to the list before, 9**9 values.
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)
GPX_HEAD = '<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><trkseg>'
GPX_TAIL = "</trkseg></trk></gpx>"


def gpx(points: list[tuple[float, float, str, str]]) -> str:
    return (
        GPX_HEAD
        + "".join(
            f'<trkpt lat="{lat}" lon="{lon}"><ele>{ele}</ele><time>{at}</time></trkpt>'
            for lat, lon, ele, at in points
        )
        + GPX_TAIL
    )


# name -> the file's bytes; written with that name, so the suffix says JSON or YAML.
HOSTILE: dict[str, bytes] = {
    "deep.json": b"[" * DEEP + b"]" * DEEP,
    "deep-object.json": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "deep-flow.yaml": b"[" * DEEP + b"]" * DEEP,
    "deep-block.yaml": "".join("  " * i + "a:\n" for i in range(700)).encode(),
    "nested-70.json": b"[" * 70 + b"]" * 70,
    "huge-int.json": f'{{"pain_now": {HUGE_INT}}}'.encode(),
    "huge-int.yaml": f"pain_now: {HUGE_INT}\n".encode(),
    "huge-int-list.json": f"[{HUGE_INT}]".encode(),
    "nan.json": b'{"sitting_hours_per_day": NaN}',
    "infinity.json": b'{"sitting_hours_per_day": -Infinity}',
    "1e309.json": b'{"sitting_hours_per_day": 1e309}',
    "nan.yaml": b"sitting_hours_per_day: .nan\n",
    "inf.yaml": b"sitting_hours_per_day: -.inf\n",
    "surrogate.json": b'{"goals": ["\\ud800"]}',
    "surrogate-key.json": b'{"\\udfff": 1}',
    "nul.json": b'{"goals": ["a\\u0000b"]}',
    "nul.yaml": b'goals: ["a\\0b"]\n',
    "raw-nul.yaml": b"pain_now: 1\x00\n",
    "binary.json": random.Random(15).randbytes(4096),
    "binary.yaml": random.Random(16).randbytes(4096),
    "latin-1.yaml": "goals: [café]\n".encode("latin-1"),
    "empty.json": b"",
    "empty.yaml": b"",
    "just-null.json": b"null",
    "list.yaml": b"- a\n- b\n",
    "over-1-mb.yaml": b"pain_now: 2\n# " + b"x" * (1024 * 1024) + b"\n",
    "laughs.yaml": LAUGHS.encode(),
    "bad-date.yaml": b"on: 2024-02-31\n",
    "absurd-elevation.gpx": gpx(
        [
            (47.0, 8.0, "1e308", "2024-05-01T07:00:00Z"),
            (47.001, 8.0, "-1e308", "2024-05-01T07:01:00Z"),
            (47.002, 8.0, "1e308", "2024-05-01T07:02:00Z"),
        ]
    ).encode(),
    "year-1.gpx": gpx(
        [
            (47.0, 8.0, "400", "0001-01-01T00:00:00+14:00"),
            (47.001, 8.0, "401", "0001-01-01T00:01:00+14:00"),
        ]
    ).encode(),
}
SPECIAL = ("dev-zero", "folder", "missing", "dangling-link", "unreadable")


def hostile_path(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "hostile" / name
    path.parent.mkdir(exist_ok=True)
    if name in HOSTILE:
        path.write_bytes(HOSTILE[name])
    elif name == "dev-zero":
        return Path("/dev/zero")
    elif name == "folder":
        path.mkdir()
    elif name == "dangling-link":
        path.symlink_to(tmp_path / "nowhere")
    elif name == "unreadable":
        if os.geteuid() == 0:
            pytest.skip("root reads any file")
        path.write_text("pain_now: 1\n")
        path.chmod(0)
    return path


@pytest.fixture(scope="module")
def good_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("profile") / "profile.yaml"
    path.write_text("pain_now: 2\nactivities: [running]\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def content_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(content_dir(), copy)
    return copy


COMMANDS = (
    "plan --profile",
    "progress --profile",
    "report --profile",
    "import",
    "activity import",
    "content validate --dir",
)


def arguments_for(command: str, file: Path, good_profile: Path, content: Path) -> list[str]:
    """The command's arguments with the hostile file (or a folder holding it) in place."""
    if command == "report --profile":
        return ["report", "--out", str(file.parent / "r.svg"), "--profile", str(file)]
    if command == "activity import":
        return ["activity", "import", "--profile", str(good_profile), str(file)]
    if command == "content validate --dir":
        return ["content", "validate", "--dir", str(content)]
    words = command.split()
    return [*words, str(file)]


def assert_refused(
    output: str, stderr: str, exit_code: int, what: str, *, one_line: bool = True
) -> None:
    assert "Traceback" not in output, f"{what}:\n{output}"
    assert exit_code == 2, f"{what}: exit {exit_code}\n{output}"
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 if one_line else lines, f"{what}: {lines}"
    for line in lines:
        assert line.startswith("error: "), f"{what}: {lines}"
        assert len(line) < 600, f"{what}: the line echoes too much input"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", [*HOSTILE, *SPECIAL])
def test_each_command_refuses_each_hostile_file_in_one_line(
    runner: CliRunner,
    tmp_path: Path,
    good_profile: Path,
    content_copy: Path,
    command: str,
    name: str,
) -> None:
    file = hostile_path(tmp_path, name)
    content = content_copy
    if command == "content validate --dir":
        # The hostile file stands in for one content file, in a copy of the real folder.
        content = tmp_path / "content"
        shutil.copytree(content_copy, content)
        target = content / "exercises" / "glute-bridge.yaml"
        target.unlink()
        if name == "folder":
            target.mkdir()
        elif name == "dev-zero":
            target.symlink_to("/dev/zero")
        elif file.exists() or file.is_symlink():
            file.rename(target)
        else:
            target.symlink_to(file)
    arguments = arguments_for(command, file, good_profile, content)
    result = runner.invoke(app, arguments)
    if command == "activity import" and name == "absurd-elevation.gpx":
        # The importer reads such a file and says the heights are placeholders, not terrain.
        assert result.exit_code == 0, result.output
        assert "placeholders" in result.stdout
        assert "Traceback" not in result.output
        return
    one_line = command != "content validate --dir"  # which names each problem of the file
    assert_refused(
        result.output, result.stderr, result.exit_code, f"{command} {name}", one_line=one_line
    )


@pytest.mark.parametrize("name", ["deep.json", "huge-int.json", "surrogate.json", "binary.json"])
def test_import_from_stdin_refuses_them_too(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, ["import", "-"], input=HOSTILE[name])
    assert_refused(result.output, result.stderr, result.exit_code, f"import - < {name}")


@pytest.mark.parametrize(
    "arguments",
    [["plan", "--profile", "/dev/zero"], ["import", "/dev/zero"], ["plan", "--profile", "DEEP"]],
)
def test_the_installed_command_refuses_them_too(tmp_path: Path, arguments: list[str]) -> None:
    """Through `python -m psoas`, the entry point people run (with its last-resort guard)."""
    deep = tmp_path / "deep.yaml"
    deep.write_bytes(HOSTILE["deep-flow.yaml"])
    arguments = [str(deep) if argument == "DEEP" else argument for argument in arguments]
    result = subprocess.run(
        [sys.executable, "-m", "psoas", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PSOAS_HOME": str(tmp_path / "home")},
    )
    assert_refused(result.stdout + result.stderr, result.stderr, result.returncode, str(arguments))


@pytest.mark.parametrize("where", ["folder", "under-a-file", "under-dev-null"])
def test_check_in_refuses_a_save_path_it_cannot_write(
    runner: CliRunner, tmp_path: Path, where: str
) -> None:
    (tmp_path / "file").write_text("x")
    path = {
        "folder": tmp_path,
        "under-a-file": tmp_path / "file" / "me.yaml",
        "under-dev-null": Path("/dev/null/me.yaml"),
    }[where]
    result = runner.invoke(app, ["check-in", "--save", str(path)], input="\n" * 60)
    assert_refused(result.output, result.stderr, result.exit_code, f"check-in --save {where}")
