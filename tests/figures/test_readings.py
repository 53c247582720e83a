"""What a person reads in a figure, checked on its geometry: the back knee, shin and foot on
the floor when half-kneeling, the ball under the front of the hip, the roller under the thigh,
the strap around the foot, the band around the knees, the hanging leg at the bench edge, and so
on."""

import math

import pytest

from psoas.figures.body import Point, Segment
from psoas.figures.scene import RESTING_CM, clearance
from tests.figures.scenes import CATALOGUE, box, circle, loop, scene_of


def test_half_kneeling_rests_on_the_back_knee_shin_and_foot_with_the_front_foot_flat() -> None:
    for exercise_id in ("half-kneeling-psoas-stretch", "kneeling-lunge-overhead-reach"):
        for pose in ("start", "end"):
            body = scene_of(exercise_id, pose).body
            knee, heel, toe = body.point("near-knee"), body.point("far-heel"), body.point("far-toe")
            assert clearance(knee, body.radius_at("near-knee"), []) <= RESTING_CM
            ankle, back_toe = body.point("near-ankle"), body.point("near-toe")
            assert clearance(ankle, body.radius_at("near-ankle"), []) < 8, "back shin on the floor"
            assert clearance(back_toe, body.radius_at("near-toe"), []) <= RESTING_CM, "foot too"
            assert abs(heel[1] - toe[1]) < 3, "front foot flat"
            assert knee[0] < body.point("hip")[0] < toe[0], "kneeling leg behind, front foot ahead"


def test_psoas_smash_ball_sits_under_the_front_of_the_hip_carrying_the_body() -> None:
    scene = scene_of("psoas-smash")
    ball = circle(scene)
    hip, lumbar = scene.body.point("hip"), scene.body.point("lumbar")
    assert ball.kind == "ball"
    assert ball.supports
    assert hip[0] <= ball.centre[0] <= lumbar[0], "between the hip joint and the belly"
    assert hip[1] > ball.centre[1], "the body is on top of it"
    assert clearance(hip, scene.body.radius_at("hip"), [ball]) <= RESTING_CM


def test_belly_release_ball_sits_under_the_belly() -> None:
    scene = scene_of("core-release-soft-ball")
    ball = circle(scene)
    assert ball.kind == "soft-ball"
    lumbar, chest_mid = scene.body.point("lumbar"), scene.body.point("chest")
    assert lumbar[0] - 5 <= ball.centre[0] <= chest_mid[0]


def test_foam_roller_sits_under_the_front_of_the_pelvis() -> None:
    scene = scene_of("foam-roll-psoas")
    roller = circle(scene)
    assert roller.kind == "foam-roller"
    assert scene.body.point("hip")[0] <= roller.centre[0] <= scene.body.point("lumbar")[0]


@pytest.mark.parametrize("pose", ["start", "end"])
def test_quad_release_roller_sits_under_the_middle_of_the_near_thigh(pose: str) -> None:
    scene = scene_of("quad-release", pose)  # type: ignore[arg-type]
    roller = circle(scene)
    hip, knee = scene.body.point("hip"), scene.body.point("near-knee")
    assert knee[0] < roller.centre[0] < hip[0]
    if pose == "end":
        # The knee on the roller bends: the shin points up off the floor.
        assert scene.body.point("near-ankle")[1] > knee[1] + 25


def test_the_strap_runs_from_the_hands_around_the_sole() -> None:
    for pose in ("start", "end"):
        scene = scene_of("supine-strap-hamstring-stretch", pose)
        strap = loop(scene)
        assert strap.a == pytest.approx(scene.body.point("near-hand:0.5"))
        assert strap.b == pytest.approx(scene.body.point("near-foot:0.75"))
    end = scene_of("supine-strap-hamstring-stretch", "end").body
    assert end.point("near-ankle")[1] > 70, "the straight leg is drawn up near vertical"


def test_mini_band_goes_round_the_thighs_just_above_the_knees() -> None:
    scene = scene_of("mini-band-glute-bridge")
    band = loop(scene)
    assert band.kind == "mini-band"
    knee = scene.body.point("near-knee")
    assert 0 < min(abs(band.a[0] - knee[0]), abs(band.b[0] - knee[0])) < 12


def test_thomas_test_hangs_one_leg_over_the_bench_edge_and_hugs_the_other() -> None:
    scene = scene_of("modified-thomas-test")
    bench = box(scene, "bench")
    body = scene.body
    assert bench.x0 < body.point("hip")[0] < bench.x1 < body.point("near-knee")[0]
    assert body.point("near-ankle")[1] < bench.height, "the free leg hangs below the seat"
    assert body.point("near-toe")[1] > 5, "and does not reach the floor"
    assert body.point("far-knee")[1] > body.point("hip")[1] + 25, "the other knee is hugged up"


def test_boat_pose_balances_on_the_sit_bones_with_hands_reaching_forward() -> None:
    start, end = scene_of("boat-pose", "start").body, scene_of("boat-pose", "end").body
    # Start: feet on the floor, hands on the floor behind.
    assert start.point("near-hand")[0] < start.point("hip")[0]
    assert start.point("near-heel")[1] < 8
    # End: shins about level, feet off the floor, hands forward of the shoulders.
    knee, ankle = end.point("near-knee"), end.point("near-ankle")
    assert abs(knee[1] - ankle[1]) < 12
    assert ankle[1] > 30
    assert end.point("near-hand")[0] > end.point("near-shoulder")[0] + 30


def test_split_stances_put_the_stretched_leg_behind() -> None:
    for exercise_id in ("standing-hip-flexor-stretch", "doorway-warrior-1"):
        body = scene_of(exercise_id, "end").body
        assert body.point("near-ankle")[0] < body.point("hip")[0] < body.point("far-ankle")[0]


def test_the_doorway_frame_lines_up_with_the_back_hip() -> None:
    scene = scene_of("doorway-warrior-1")
    frame = box(scene, "doorway")
    assert frame.x0 <= scene.body.point("hip")[0] <= frame.x1
    assert frame.height > scene.body.point("head")[1]


def test_seated_knee_raise_lifts_the_knee_above_the_hip() -> None:
    end = scene_of("seated-knee-raise-hold", "end").body
    assert end.point("near-knee")[1] > end.point("hip")[1] + 5
    bench = box(scene_of("seated-knee-raise-hold"), "bench")
    assert bench.x0 < end.point("hip")[0] < bench.x1


def distance_to(point: Point, segment: Segment) -> float:
    (ax, ay), (bx, by) = segment.a, segment.b
    dx, dy = bx - ax, by - ay
    along = ((point[0] - ax) * dx + (point[1] - ay) * dy) / (dx * dx + dy * dy or 1.0)
    along = min(1.0, max(0.0, along))
    return math.dist(point, (ax + along * dx, ay + along * dy))


def test_no_near_limb_hides_the_head() -> None:
    """The near limbs are drawn over the head: an arm reaching overhead passes in front of the
    face, with a gap, never across it."""
    for exercise_id, exercise in CATALOGUE.exercises.items():
        assert exercise.figure is not None
        for pose in exercise.figure.poses:
            body = scene_of(exercise_id, pose).body
            head = body.segment("head")
            for segment in body.segments:
                if segment.layer == "near":
                    gap = distance_to(head.b, segment) - head.radius - segment.radius
                    assert gap >= 1, (exercise_id, pose, segment.name, round(gap, 1))


@pytest.mark.parametrize("exercise_id", ["doorway-warrior-1", "kneeling-lunge-overhead-reach"])
def test_the_overhead_reach_ends_with_the_hands_above_the_head(exercise_id: str) -> None:
    body = scene_of(exercise_id, "end").body
    head = body.segment("head")
    assert body.point("near-hand")[1] > head.b[1] + head.radius + 10
    assert body.point("far-hand") == pytest.approx(body.point("near-hand")), "both arms reach"
