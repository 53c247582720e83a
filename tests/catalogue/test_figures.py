"""Contract: every exercise in the catalogue has a figure, and `psoas content validate` fails
for a missing figure or a pose no body can take, naming the file and field."""

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from psoas.catalogue import content_dir, load_catalogue
from psoas.cli.app import app
from psoas.figures import exercise_figure_problems


def test_every_exercise_has_a_figure_that_keeps_a_human_pose() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.exercises) >= 17
    for exercise in catalogue.exercises.values():
        assert exercise.figure is not None, f"{exercise.id} has no figure"
        assert exercise_figure_problems(exercise) == [], exercise.id


def _copy_with(tmp_path: Path, exercise_id: str, change: Callable[[str], str]) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    target = copy / "exercises" / f"{exercise_id}.yaml"
    target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def test_validate_fails_for_an_exercise_without_a_figure(tmp_path: Path) -> None:
    copy = _copy_with(tmp_path, "walk-break", lambda text: text[: text.index("\nfigure:") + 1])
    result = CliRunner().invoke(app, ["content", "validate", "--dir", str(copy)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {copy / 'exercises' / 'walk-break.yaml'}: figure: missing; every exercise "
        "needs one (see docs/figures/README.md)"
    )


def test_validate_names_a_joint_out_of_range_and_a_contact_in_the_air(tmp_path: Path) -> None:
    def break_knee(text: str) -> str:
        start = text.index("\n  start:")
        pose = text[start:].replace("contacts: [", "contacts: [far-hand, ", 1)
        pose = re.sub(r"knee_deg: [-\d.]+", "knee_deg: 170", pose, count=1)
        return text[:start] + pose

    copy = _copy_with(tmp_path, "half-kneeling-psoas-stretch", break_knee)
    result = CliRunner().invoke(app, ["content", "validate", "--dir", str(copy)])
    assert result.exit_code == 2
    where = copy / "exercises" / "half-kneeling-psoas-stretch.yaml"
    assert (
        f"error: {where}: figure.start.near.knee_deg: 170 is outside what the joint allows "
        "(0 to 155)"
    ) in result.stderr
    assert f"error: {where}: figure.start.contacts: far-hand should rest on the floor" in (
        result.stderr
    )
