"""Checks that keep a drawn pose human: joints within what a body allows, the named contacts
resting on the floor or a prop, and nothing sunk into the floor or a prop.

Pure functions over the content; `psoas content validate` and the tests both use them, and each
problem names the field it is about, like every content error.
"""

from psoas.domain.exercise import Exercise
from psoas.domain.figure import Figure, LimbAngles, Pose
from psoas.figures.body import Body
from psoas.figures.scene import RESTING_CM, Box, Circle, clearance, place, samples

# Active range of each joint in degrees, generous at both ends (AAOS-style norms): a pose
# outside them reads as a broken joint.
JOINT_RANGES: dict[str, tuple[float, float]] = {
    "spine_deg": (-35.0, 60.0),
    "neck_deg": (-50.0, 70.0),
    "hip_deg": (-30.0, 140.0),
    "hip_out_deg": (0.0, 70.0),
    "knee_deg": (0.0, 155.0),
    "ankle_deg": (-55.0, 35.0),
    "shoulder_deg": (-60.0, 185.0),
    "elbow_deg": (0.0, 150.0),
    "wrist_deg": (-80.0, 80.0),
    "arm_out_deg": (0.0, 80.0),
}
# In a front view hip and shoulder lift the limb out to the side.
FRONT_RANGES = {
    "hip_deg": (-25.0, 50.0),
    "hip_out_deg": (0.0, 0.0),
    "arm_out_deg": (0.0, 0.0),
    "shoulder_deg": (-10.0, 185.0),
}
SUNK_CM = 0.5  # deeper than this into the floor or a prop is a limb through it
# A kneeling leg's shin lies along the floor: the top of the foot under it lifts the ankle a
# little, but more than this is the shin propped up on tucked toes, or the foot in the air.
KNEELING_ANKLE_CM = 8.0


def joint_problems(pose: Pose, where: str, *, front: bool = False) -> list[str]:
    problems: list[str] = []
    ranges = {**JOINT_RANGES, **(FRONT_RANGES if front else {})}
    values: list[tuple[str, float]] = [
        ("spine_deg", pose.spine_deg),
        ("neck_deg", pose.neck_deg),
    ]
    for limb in ("near", "far"):
        angles: LimbAngles = getattr(pose, limb)
        values += [(f"{limb}.{name}", value) for name, value in angles.model_dump().items()]
    for field, value in values:
        low, high = ranges[field.rsplit(".", 1)[-1]]
        if not low <= value <= high:
            problems.append(
                f"{where}.{field}: {value:g} is outside what the joint allows ({low:g} to {high:g})"
            )
    return problems


def _gap(body: Body, supports: list[Circle | Box], point: str) -> float:
    """How far a body point is above the floor or the prop under it."""
    return clearance(body.point(point), body.radius_at(point), supports, body.layer_at(point))


def contact_problems(figure: Figure, pose: Pose, where: str) -> list[str]:
    scene = place(figure, pose)
    supports = [p for p in scene.props if isinstance(p, Circle | Box) and p.supports]
    problems: list[str] = []
    for name in pose.contacts:
        gap = _gap(scene.body, supports, name)
        if gap > RESTING_CM:
            problems.append(
                f"{where}.contacts: {name} should rest on the floor or a prop "
                f"but is {gap:.0f} cm above it"
            )
    problems += _kneeling_problems(scene.body, supports, pose, where)
    deepest = min(clearance(p, r, supports, layer) for p, r, layer in samples(scene.body))
    if deepest < -SUNK_CM:
        problems.append(f"{where}: part of the body is {-deepest:.0f} cm into the floor or a prop")
    return problems


def _kneeling_problems(
    body: Body, supports: list[Circle | Box], pose: Pose, where: str
) -> list[str]:
    """A knee resting on the floor is kneeling: that leg's shin lies along the floor and its
    foot rests too, on its top or its toes."""
    problems: list[str] = []
    for name in pose.contacts:
        limb, _, joint = name.partition("-")
        if joint != "knee":
            continue
        toe_gap = _gap(body, supports, f"{limb}-toe")
        ankle_gap = _gap(body, supports, f"{limb}-ankle")
        if toe_gap > RESTING_CM:
            problems.append(
                f"{where}.contacts: kneeling on {name}, the {limb} foot should rest on the "
                f"floor too (its top or its toes) but is {toe_gap:.0f} cm above it"
            )
        if ankle_gap > KNEELING_ANKLE_CM:
            problems.append(
                f"{where}.{limb}: kneeling on {name}, the shin should lie along the floor but "
                f"its ankle is {ankle_gap:.0f} cm above it (at most {KNEELING_ANKLE_CM:g}); "
                "point the foot (ankle_deg) and bend the knee (knee_deg) to lay it down"
            )
    return problems


def figure_problems(figure: Figure, where: str = "figure") -> list[str]:
    """Everything wrong with a figure's poses, one line each, naming the field."""
    problems: list[str] = []
    for name, pose in figure.poses.items():
        problems += joint_problems(pose, f"{where}.{name}", front=figure.view == "front")
        problems += contact_problems(figure, pose, f"{where}.{name}")
    return problems


def exercise_figure_problems(exercise: Exercise) -> list[str]:
    """A missing figure or what is wrong with it, each line starting with its field."""
    if exercise.figure is None:
        return ["figure: missing; every exercise needs one (see docs/figures/README.md)"]
    return figure_problems(exercise.figure)
