"""Properties over random poses within the joint ranges: the drawing never breaks."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.domain.figure import Figure, LimbAngles, Pose
from psoas.figures import animated_svg, braille_lines, key_poses_svg
from psoas.figures.checks import JOINT_RANGES, figure_problems
from psoas.figures.scene import place, samples
from tests.figures.test_document import parse


def angle(name: str) -> st.SearchStrategy[float]:
    low, high = JOINT_RANGES[name]
    return st.floats(low, high, allow_nan=False)


limbs = st.builds(
    LimbAngles,
    hip_deg=angle("hip_deg"),
    hip_out_deg=angle("hip_out_deg"),
    knee_deg=angle("knee_deg"),
    ankle_deg=angle("ankle_deg"),
    shoulder_deg=angle("shoulder_deg"),
    elbow_deg=angle("elbow_deg"),
    wrist_deg=angle("wrist_deg"),
    arm_out_deg=angle("arm_out_deg"),
)
poses = st.builds(
    Pose,
    pelvis_deg=st.floats(-180, 180, allow_nan=False),
    spine_deg=angle("spine_deg"),
    neck_deg=angle("neck_deg"),
    near=limbs,
    far=limbs,
    contacts=st.just(("hip",)),
)
props = st.lists(
    st.sampled_from(
        [
            {"kind": "ball", "under": "hip"},
            {"kind": "foam-roller", "under": "near-thigh:0.5"},
            {"kind": "bench", "under": "hip", "offset_cm": [10, 0]},
            {"kind": "mat", "under": "hip"},
            {"kind": "strap", "between": ["near-hand", "near-foot:0.7"]},
            {"kind": "doorway", "under": "hip"},
            {"kind": "wall", "under": "near-hand", "offset_cm": [8, 0]},
        ]
    ),
    max_size=2,
)


@settings(max_examples=60, deadline=None)
@given(start=poses, end=poses, chosen=props, side=st.sampled_from(["left", "right", None]))
def test_any_pose_in_range_rests_on_a_support_and_draws(
    start: Pose, end: Pose, chosen: list[dict[str, object]], side: str | None
) -> None:
    figure = Figure.model_validate(
        {"start": start, "end": end, "props": chosen, "iliopsoas": "near",
         "description": "Random."}
    )  # fmt: skip
    scene = place(figure, start, side=side)  # type: ignore[arg-type]
    for point, radius, _layer in samples(scene.body):
        assert math.isfinite(point[0])
        assert math.isfinite(point[1])
        # Nothing is drawn through the floor.
        assert point[1] - radius >= -1e-6
    # Joint checks find nothing wrong with angles inside the ranges.
    assert not [p for p in figure_problems(figure) if "outside" in p]
    svg = key_poses_svg(figure, name="Random", side=side)  # type: ignore[arg-type]
    assert "nan" not in svg.lower()
    assert "inf" not in svg.lower()
    parse(svg)
    parse(animated_svg(figure, name="Random", side=side))  # type: ignore[arg-type]
    assert braille_lines(figure, side=side)  # type: ignore[arg-type]
