"""Forward kinematics of the 2D body: joint angles in, segment end points out.

World units are centimetres of an adult about 174 cm tall, x forward (the way the figure faces),
y up, the hip joint at the origin. A direction is an angle from straight up, turning forward:
0 up, 90 forward, 180 down, -90 back.
"""

import math
from dataclasses import dataclass
from typing import Literal

from psoas.domain.figure import JOINTS, LimbAngles, Pose, View

Point = tuple[float, float]
Layer = Literal["far", "trunk", "near"]

# Segment lengths, in cm.
PELVIS_CM = 16.0
CHEST_CM = 36.0
SHOULDER_DROP_CM = 5.0  # the shoulder joint sits this far below the base of the neck
NECK_CM = 7.0
HEAD_RADIUS_CM = 10.5
THIGH_CM = 44.0
SHIN_CM = 42.0
ANKLE_HEIGHT_CM = 6.0  # the sole is this far below the ankle joint
HEEL_CM = 4.0
FOOT_CM = 18.0
UPPER_ARM_CM = 29.0
FOREARM_CM = 25.0
HAND_CM = 9.0
# Half-thickness of each part: what touches the floor or a prop first.
TRUNK_RADIUS_CM = 10.5
LIMB_RADIUS_CM = 4.5
# In a front view the limbs hang from either side of the trunk.
FRONT_HIP_HALF_WIDTH_CM = 9.0
FRONT_SHOULDER_HALF_WIDTH_CM = 17.0


def direction(angle_deg: float) -> Point:
    radians = math.radians(angle_deg)
    return (math.sin(radians), math.cos(radians))


def step(origin: Point, angle_deg: float, length: float) -> Point:
    dx, dy = direction(angle_deg)
    return (origin[0] + dx * length, origin[1] + dy * length)


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight part of the body from its end nearer the pelvis (a) to the far end (b)."""

    name: str  # "pelvis", "chest", "head", or a limb part with its side: "near-thigh"
    a: Point
    b: Point
    radius: float
    layer: Layer

    def at(self, fraction: float) -> Point:
        return (
            self.a[0] + (self.b[0] - self.a[0]) * fraction,
            self.a[1] + (self.b[1] - self.a[1]) * fraction,
        )


@dataclass(frozen=True, slots=True)
class Body:
    segments: tuple[Segment, ...]

    def segment(self, name: str) -> Segment:
        for segment in self.segments:
            if segment.name == name:
                return segment
        raise KeyError(name)

    def point(self, name: str) -> Point:
        """A body point named as in the content: `hip`, `near-knee`, `far-thigh:0.3`."""
        segment, along = _resolve(name)
        return self.segment(segment).at(along)

    def layer_at(self, name: str) -> Layer:
        return self.segment(_resolve(name)[0]).layer

    def radius_at(self, name: str) -> float:
        """The half-thickness of the part a body point is on."""
        return self.segment(_resolve(name)[0]).radius

    def moved(self, dx: float, dy: float) -> "Body":
        return Body(
            tuple(
                Segment(
                    s.name,
                    (s.a[0] + dx, s.a[1] + dy),
                    (s.b[0] + dx, s.b[1] + dy),
                    s.radius,
                    s.layer,
                )
                for s in self.segments
            )
        )

    def mirrored(self) -> "Body":
        """Turned to face the other way (the right side of a one-sided exercise)."""
        return Body(
            tuple(
                Segment(s.name, (-s.a[0], s.a[1]), (-s.b[0], s.b[1]), s.radius, s.layer)
                for s in self.segments
            )
        )


def _resolve(name: str) -> tuple[str, float]:
    """The segment a named body point is on and how far along it (the head: its centre)."""
    limb, rest = name.split("-", 1) if name.startswith(("near-", "far-")) else ("", name)
    base, _, fraction = rest.partition(":")
    if base in JOINTS and not fraction:
        segment, along = JOINTS[base]
    else:
        segment, along = base, float(fraction) if fraction else (1.0 if base == "head" else 0.5)
    return (f"{limb}-{segment}" if limb else segment), along


def pose_body(pose: Pose, view: View) -> Body:
    """The body in a pose, hip joint at the origin."""
    hip: Point = (0.0, 0.0)
    pelvis_angle = pose.pelvis_deg
    lumbar = step(hip, pelvis_angle, PELVIS_CM)
    chest_angle = pelvis_angle + pose.spine_deg
    neck = step(lumbar, chest_angle, CHEST_CM)
    head_angle = chest_angle + pose.neck_deg
    head = step(neck, head_angle, NECK_CM + HEAD_RADIUS_CM)
    shoulder = step(neck, chest_angle, -SHOULDER_DROP_CM)
    segments = [
        Segment("pelvis", hip, lumbar, TRUNK_RADIUS_CM, "trunk"),
        Segment("chest", lumbar, neck, TRUNK_RADIUS_CM, "trunk"),
        Segment("head", neck, head, HEAD_RADIUS_CM, "trunk"),
    ]
    for limb in ("near", "far"):
        angles: LimbAngles = getattr(pose, limb)
        # Front view: the far limbs are the near limbs mirrored across the trunk.
        sign = -1.0 if view == "front" and limb == "far" else 1.0
        hip_root, shoulder_root = hip, shoulder
        if view == "front":
            hip_root = step(hip, pelvis_angle + 90, sign * FRONT_HIP_HALF_WIDTH_CM)
            shoulder_root = step(shoulder, chest_angle + 90, sign * FRONT_SHOULDER_HALF_WIDTH_CM)
        segments += _leg(limb, hip_root, pelvis_angle, angles, sign)
        segments += _arm(limb, shoulder_root, chest_angle, angles, sign)
    return Body(tuple(segments))


def _leg(
    limb: Layer, root: Point, pelvis_angle: float, a: LimbAngles, sign: float
) -> list[Segment]:
    # A thigh turned out toward the viewer is seen shortened (the figure is drawn in one
    # plane); the shin below it still hangs in the plane, as when sitting with the knee out.
    seen = math.cos(math.radians(a.hip_out_deg))
    thigh_angle = pelvis_angle + 180 - sign * a.hip_deg
    knee = step(root, thigh_angle, THIGH_CM * seen)
    shin_angle = thigh_angle + sign * a.knee_deg
    ankle = step(knee, shin_angle, SHIN_CM)
    foot_angle = shin_angle - sign * (90 + a.ankle_deg)
    sole = step(ankle, shin_angle, ANKLE_HEIGHT_CM)
    heel = step(sole, foot_angle, -HEEL_CM)
    toe = step(sole, foot_angle, FOOT_CM)
    return [
        Segment(f"{limb}-thigh", root, knee, LIMB_RADIUS_CM, limb),
        Segment(f"{limb}-shin", knee, ankle, LIMB_RADIUS_CM, limb),
        Segment(f"{limb}-foot", heel, toe, LIMB_RADIUS_CM * 0.7, limb),
    ]


def _arm(limb: Layer, root: Point, chest_angle: float, a: LimbAngles, sign: float) -> list[Segment]:
    seen = math.cos(math.radians(a.arm_out_deg))
    upper_angle = chest_angle + 180 - sign * a.shoulder_deg
    elbow = step(root, upper_angle, UPPER_ARM_CM * seen)
    fore_angle = upper_angle - sign * a.elbow_deg
    wrist = step(elbow, fore_angle, FOREARM_CM * seen)
    hand = step(wrist, fore_angle - sign * a.wrist_deg, HAND_CM)
    return [
        Segment(f"{limb}-upper-arm", root, elbow, LIMB_RADIUS_CM, limb),
        Segment(f"{limb}-forearm", elbow, wrist, LIMB_RADIUS_CM, limb),
        Segment(f"{limb}-hand", wrist, hand, LIMB_RADIUS_CM * 0.8, limb),
    ]
