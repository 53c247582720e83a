"""Golden images: a few figures drawn to PNG must match the approved pictures pixel for pixel,
within a small tolerance for anti-aliasing differences between resvg builds.

The labels are left out (no system fonts), so the comparison does not depend on which fonts a
machine has. After a deliberate change to the drawing, look at the new pictures, then
regenerate them with:

    PSOAS_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/figures/test_golden.py

and commit tests/figures/golden/*.png with the change.
"""

import os
from pathlib import Path

import pytest

from psoas.domain.figure import PoseName
from psoas.figures import figure_png, pose_svg
from tests.figures.pixels import differing_share, read_png
from tests.figures.scenes import figure_of

GOLDEN = Path(__file__).parent / "golden"
CASES: list[tuple[str, PoseName]] = [
    ("psoas-smash", "start"),  # prone on a ball, iliopsoas highlighted, pressure arrow
    ("half-kneeling-psoas-stretch", "start"),  # the knee on the floor, movement arrow
    ("boat-pose", "end"),  # balanced on the sit bones, arms forward
    ("mini-band-supine-march", "end"),  # a band stretched between the feet
]
WIDTH_PX = 260
MOST_DIFFERENT = 0.005  # at most 0.5% of pixels may differ clearly


def drawn(exercise_id: str, pose: PoseName) -> bytes:
    svg = pose_svg(figure_of(exercise_id), pose, name=exercise_id, side="left")
    return figure_png(svg, width_px=WIDTH_PX, system_fonts=False)


@pytest.mark.parametrize(("exercise_id", "pose"), CASES)
def test_figure_matches_its_golden_image(exercise_id: str, pose: PoseName) -> None:
    path = GOLDEN / f"{exercise_id}-{pose}.png"
    png = drawn(exercise_id, pose)
    if os.environ.get("PSOAS_REGENERATE_GOLDEN") == "1":
        path.write_bytes(png)
        pytest.skip(f"regenerated {path.name}")
    share = differing_share(read_png(png), read_png(path.read_bytes()))
    assert share <= MOST_DIFFERENT, f"{share:.2%} of pixels differ from {path.name}"


def test_the_comparison_notices_a_changed_pose() -> None:
    """A guard on the guard: a different pose of the same figure is far outside tolerance."""
    start = read_png(drawn("boat-pose", "start"))
    end = read_png(drawn("boat-pose", "end"))
    assert differing_share(start, end) > 10 * MOST_DIFFERENT
