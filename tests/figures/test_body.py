"""Forward kinematics: joint angles give the body a person would expect."""

import math

import pytest

from psoas.domain.figure import LimbAngles, Pose
from psoas.figures.body import (
    ANKLE_HEIGHT_CM,
    PELVIS_CM,
    SHIN_CM,
    THIGH_CM,
    pose_body,
)

STANDING = Pose(contacts=("near-heel",))


def test_standing_puts_the_head_above_the_hip_and_the_feet_below() -> None:
    body = pose_body(STANDING, "side")
    hip, head, ankle = body.point("hip"), body.point("head"), body.point("near-ankle")
    assert hip == (0.0, 0.0)
    assert head[0] == pytest.approx(0.0)
    assert head[1] > 60
    assert ankle == pytest.approx((0.0, -(THIGH_CM + SHIN_CM)))
    # The foot points forward, the way the figure faces, from the heel to the toe.
    heel, toe = body.point("near-heel"), body.point("near-toe")
    assert toe[0] > heel[0]
    assert heel[1] == pytest.approx(toe[1]) == pytest.approx(ankle[1] - ANKLE_HEIGHT_CM)


@pytest.mark.parametrize(
    ("angles", "point", "expected"),
    [
        # Hip flexion lifts the thigh forward; 90 degrees is level with the hip.
        (LimbAngles(hip_deg=90), "near-knee", (THIGH_CM, 0.0)),
        # Extension takes it behind.
        (LimbAngles(hip_deg=-30), "near-knee", (-THIGH_CM * 0.5, -THIGH_CM * math.sqrt(3) / 2)),
        # Knee flexion folds the shin back.
        (LimbAngles(knee_deg=90), "near-ankle", (-SHIN_CM, -THIGH_CM)),
        # Arm raised forward to 180 points straight up.
        (LimbAngles(shoulder_deg=180), "near-elbow", None),
    ],
)
def test_each_joint_turns_its_limb_the_anatomical_way(
    angles: LimbAngles, point: str, expected: tuple[float, float] | None
) -> None:
    body = pose_body(Pose(near=angles, contacts=("hip",)), "side")
    found = body.point(point)
    if expected is None:
        assert found[1] > body.point("near-shoulder")[1]
    else:
        assert found == pytest.approx(expected, abs=1e-6)


def test_lying_on_the_back_puts_the_head_behind_and_the_face_up() -> None:
    body = pose_body(Pose(pelvis_deg=-90, contacts=("hip",)), "side")
    assert body.point("lumbar") == pytest.approx((-PELVIS_CM, 0.0))
    assert body.point("head")[0] < -60
    # Hanging arms along the body point toward the feet.
    assert body.point("near-wrist")[0] > body.point("near-shoulder")[0]


def test_a_thigh_fallen_out_toward_the_viewer_is_seen_shorter() -> None:
    straight = pose_body(Pose(near=LimbAngles(hip_deg=90), contacts=("hip",)), "side")
    turned = pose_body(Pose(near=LimbAngles(hip_deg=90, hip_out_deg=60), contacts=("hip",)), "side")
    assert turned.point("near-knee")[0] == pytest.approx(straight.point("near-knee")[0] / 2)


def test_front_view_hangs_the_limbs_either_side_and_mirrors_the_far_ones() -> None:
    pose = Pose(near=LimbAngles(hip_deg=20), far=LimbAngles(hip_deg=20), contacts=("hip",))
    body = pose_body(pose, "front")
    near, far = body.point("near-knee"), body.point("far-knee")
    assert near[0] == pytest.approx(-far[0])
    assert near[0] > 0
    assert near[1] == pytest.approx(far[1])


def test_mirroring_turns_the_figure_to_face_the_other_way() -> None:
    body = pose_body(Pose(near=LimbAngles(hip_deg=90), contacts=("hip",)), "side")
    assert body.mirrored().point("near-knee") == pytest.approx((-THIGH_CM, 0.0))
