"""`psoas exercises show --image` and `psoas exercises figures`, and the braille drawing that
`show` prints in a terminal (a real one: a pseudo-terminal) and leaves out of a pipe."""

import io
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from rich.console import Console
from typer.testing import CliRunner

from psoas.catalogue import load_catalogue
from psoas.cli.app import app
from psoas.cli.render import render_exercise
from psoas.figures import braille_lines
from tests.cli.terminal import braille_dots, plain_environment, run_on_a_terminal
from tests.figures.pixels import read_png

NS = "{http://www.w3.org/2000/svg}"


def test_show_writes_the_figure_as_svg(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "bridge.svg"
    result = runner.invoke(app, ["exercises", "show", "glute-bridge", "--image", str(out)])
    assert result.exit_code == 0, result.output
    assert "Glute bridge" in result.stdout
    assert result.stderr == f"figure written to {out}\n"
    root = fromstring(out.read_text(encoding="utf-8"))
    assert root.findtext(f"{NS}title") == "Glute bridge"
    assert [t.text for t in root.iter(f"{NS}text")] == ["Side view", "Start", "End"]


def test_show_writes_a_png_for_print_and_can_show_the_right_side(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "smash.PNG"
    result = runner.invoke(
        app, ["exercises", "show", "psoas-smash", "--image", str(out), "--side", "right"]
    )
    assert result.exit_code == 0, result.output
    image = read_png(out.read_bytes())
    assert image.width == 1040
    svg_out = tmp_path / "smash.svg"
    result = runner.invoke(
        app, ["exercises", "show", "psoas-smash", "--image", str(svg_out), "--side", "right",
              "--json"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == f"figure written to {svg_out}\n"
    assert "Side view · right side" in svg_out.read_text(encoding="utf-8")


def test_a_bad_extension_is_one_line_naming_the_option_and_what_is_allowed(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "bridge.jpg"
    result = runner.invoke(app, ["exercises", "show", "glute-bridge", "--image", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: --image: {str(out)!r} must end in .svg or .png (got '.jpg')\n"
    )
    assert not out.exists()


def test_an_unwritable_path_is_one_line_and_leaves_nothing_behind(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "missing-folder" / "bridge.svg"
    result = runner.invoke(app, ["exercises", "show", "glute-bridge", "--image", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: --image: cannot write {str(out)!r} (No such file or directory); "
        "choose a file in a folder you can write to\n"
    )
    assert not out.parent.exists()


def test_figures_writes_every_exercise_and_a_contact_sheet(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "figures"
    result = runner.invoke(app, ["exercises", "figures", str(folder)])
    assert result.exit_code == 0, result.output
    ids = set(load_catalogue().exercises)
    written = {p.stem for p in folder.iterdir()}
    assert written == ids | {"contact-sheet"}
    sheet = fromstring((folder / "contact-sheet.svg").read_text(encoding="utf-8"))
    names = {t.text for t in sheet.iter(f"{NS}text") if t.get("font-weight") == "bold"}
    assert {e.name for e in load_catalogue().exercises.values()} <= names


@pytest.fixture(params=[0o022, 0o027])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """A known umask for the test, the previous one restored after."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def test_written_figures_get_the_mode_of_a_new_file(
    runner: CliRunner, tmp_path: Path, umask: int
) -> None:
    expected = 0o666 & ~umask  # 0644 or 0640, not a temporary file's 0600
    image = tmp_path / "bridge.png"
    result = runner.invoke(app, ["exercises", "show", "glute-bridge", "--image", str(image)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "figures"
    result = runner.invoke(app, ["exercises", "figures", str(folder)])
    assert result.exit_code == 0, result.output
    written = [image, *folder.iterdir()]
    assert len(written) == len(load_catalogue().exercises) + 2
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {
        p.name: oct(expected) for p in written
    }
    assert not list(tmp_path.rglob("*.tmp")), "no temporary file left behind"


def test_figures_refuses_a_folder_that_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    clash = tmp_path / "clash"
    clash.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["exercises", "figures", str(clash)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: DIR: cannot make folder {str(clash)!r}")


def test_show_in_a_pipe_has_no_drawing(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "show", "glute-bridge"])
    assert result.exit_code == 0
    assert not any(0x2800 <= ord(c) <= 0x28FF for c in result.stdout)


SHOW = [sys.executable, "-m", "psoas", "exercises", "show", "glute-bridge"]


def test_show_draws_the_figure_in_braille_on_a_terminal_and_not_in_a_pipe() -> None:
    code, on_terminal = run_on_a_terminal(SHOW)
    assert code == 0, on_terminal
    piped = subprocess.run(
        SHOW, capture_output=True, text=True, check=False, env=plain_environment()
    )
    assert piped.returncode == 0, piped.stderr
    assert "Glute bridge" in on_terminal
    assert "Glute bridge" in piped.stdout
    assert braille_dots(on_terminal) > 50, on_terminal
    assert braille_dots(piped.stdout) == 0, piped.stdout


def test_the_exercise_panel_starts_with_the_drawing_when_given_one() -> None:
    catalogue = load_catalogue()
    exercise = catalogue.exercises["half-kneeling-psoas-stretch"]
    assert exercise.figure is not None
    drawing = braille_lines(exercise.figure, side="left", width_chars=40)
    buffer = io.StringIO()
    render_exercise(exercise, catalogue, Console(file=buffer, width=100), drawing=drawing)
    shown = buffer.getvalue().splitlines()
    assert drawing[0].rstrip("\u2800") in shown[1]
    assert any(exercise.summary[:30] in line for line in shown[len(drawing) :])
