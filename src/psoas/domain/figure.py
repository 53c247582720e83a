"""How an exercise is drawn, as data: the view, key poses as joint angles, props and arrows.

The figure is posed like a marionette in one plane: the pelvis has an absolute angle and every
other part an anatomical joint angle relative to its parent, so a pose can be checked against
what a human joint allows (psoas.figures.checks). Angles are in degrees. In a side view the
figure faces forward (to the right for the left side); "near" limbs are on the side the viewer
sees, which is the working side of a one-sided exercise, and "far" limbs are behind.
"""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from psoas.domain.base import Frozen, Text

View = Literal["side", "front"]
Side = Literal["left", "right"]
PoseName = Literal["start", "end"]
PropKind = Literal[
    "ball", "soft-ball", "foam-roller", "strap", "bench", "doorway", "wall", "mat", "mini-band"
]
ArrowKind = Literal["movement", "pressure"]
Highlight = Literal["near", "far", "both", "none"]

TRUNK_SEGMENTS = ("pelvis", "chest", "head")
LIMB_SEGMENTS = ("thigh", "shin", "foot", "upper-arm", "forearm", "hand")
# Joint names as a fraction along a segment from the end nearer the pelvis.
JOINTS: dict[str, tuple[str, float]] = {
    "hip": ("pelvis", 0.0),
    "lumbar": ("pelvis", 1.0),
    "neck": ("chest", 1.0),
    "knee": ("thigh", 1.0),
    "ankle": ("shin", 1.0),
    "heel": ("foot", 0.0),
    "toe": ("foot", 1.0),
    "shoulder": ("upper-arm", 0.0),
    "elbow": ("upper-arm", 1.0),
    "wrist": ("forearm", 1.0),
}
_POINT = re.compile(r"^(?:(near|far)-)?([a-z]+(?:-arm)?)(?::([01](?:\.\d+)?))?$")


def _known_point(value: str) -> str:
    """A body point is a joint (`hip`, `near-knee`) or `segment:fraction` (`near-thigh:0.3`)."""
    match = _POINT.match(value)
    if match is None:
        raise ValueError(f"{value!r} is not a body point such as hip, near-knee or far-thigh:0.3")
    limb, name, fraction = match.groups()
    segment = JOINTS[name][0] if name in JOINTS and fraction is None else name
    trunk_point = segment in TRUNK_SEGMENTS and limb is None
    limb_point = segment in LIMB_SEGMENTS and limb is not None
    if not (trunk_point or limb_point):
        names = ", ".join([*TRUNK_SEGMENTS, *JOINTS, *LIMB_SEGMENTS])
        raise ValueError(
            f"{value!r}: unknown body point; limbs take near- or far-, the trunk does not "
            f"(points: {names})"
        )
    if fraction is not None and float(fraction) > 1:
        raise ValueError(f"{value!r}: the fraction along a segment is from 0 to 1")
    return value


BodyPoint = Annotated[str, AfterValidator(_known_point)]
Angle = Annotated[float, Field(ge=-360, le=360)]


class LimbAngles(Frozen):
    """One side's joints. 0 everywhere is standing with the arm hanging and the foot flat.

    hip: flexion (+, thigh forward) or extension (-); knee and elbow: flexion; ankle:
    dorsiflexion (+, toes up) or pointing (-); shoulder: raising the arm forward (180 overhead)
    or back (-); wrist: bending the hand forward (+) or back (-). In a front view, hip and
    shoulder mean lifting the limb out to the side. hip_out (side view only): the knee falls
    out toward the viewer, as when the inner thigh turns up, so the thigh is seen shortened;
    arm_out does the same for the arm (elbows out to the side).
    """

    hip_deg: Angle = 0.0
    hip_out_deg: Angle = 0.0
    knee_deg: Angle = 0.0
    ankle_deg: Angle = 0.0
    shoulder_deg: Angle = 0.0
    elbow_deg: Angle = 0.0
    wrist_deg: Angle = 0.0
    arm_out_deg: Angle = 0.0


class Pose(Frozen):
    """A key pose. pelvis_deg is the only absolute angle: 0 upright, 90 lying face down with the
    head forward, -90 lying on the back with the head behind, in between leaning."""

    pelvis_deg: Angle = 0.0
    spine_deg: Angle = 0.0  # chest on pelvis: rounding forward (+) or arching back (-)
    neck_deg: Angle = 0.0  # head on chest: chin down (+) or head back (-)
    near: LimbAngles = LimbAngles()
    far: LimbAngles = LimbAngles()
    # What rests on the floor or a prop in this pose; the checks insist each one touches.
    contacts: tuple[BodyPoint, ...] = Field(min_length=1)


class Prop(Frozen):
    """A prop placed by the body: `under` a point (resting on the floor below it; a bench's
    front edge, a door frame or wall line up with it), `at` a point (held there), or `between`
    two points (a strap from hand to foot, a band around both knees)."""

    kind: PropKind
    under: BodyPoint | None = None
    at: BodyPoint | None = None
    between: tuple[BodyPoint, BodyPoint] | None = None
    offset_cm: tuple[float, float] = (0.0, 0.0)  # forward and up from the point
    size_cm: Annotated[float, Field(gt=0, le=200)] | None = None  # diameter or bench height

    @model_validator(mode="after")
    def _placed_once(self) -> "Prop":
        placements = [name for name in ("under", "at", "between") if getattr(self, name)]
        allowed = {
            "ball": {"under", "at"},
            "soft-ball": {"under", "at"},
            "foam-roller": {"under", "at"},
            "strap": {"between"},
            "mini-band": {"between"},
            "bench": {"under"},
            "doorway": {"under"},
            "wall": {"under"},
            "mat": {"under"},
        }[self.kind]
        if len(placements) != 1 or placements[0] not in allowed:
            raise ValueError(
                f"a {self.kind} is placed with exactly one of: {', '.join(sorted(allowed))}"
            )
        return self


class Arrow(Frozen):
    """Movement or pressure, drawn from a body point in a direction (0 up, 90 forward)."""

    kind: ArrowKind
    at: BodyPoint
    pose: PoseName = "start"  # the key pose it is drawn on
    offset_cm: tuple[float, float] = (0.0, 0.0)
    direction_deg: Angle
    length_cm: Annotated[float, Field(ge=10, le=120)] = 35.0


class Figure(Frozen):
    view: View = "side"
    start: Pose
    end: Pose | None = None  # None: a still position, held as it starts
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    iliopsoas: Highlight = "none"  # the side whose iliopsoas is the target, drawn highlighted
    # The pose in words, for screen readers (the alt text of every picture of it).
    description: Text

    @property
    def poses(self) -> dict[PoseName, Pose]:
        return {"start": self.start} if self.end is None else {"start": self.start, "end": self.end}
