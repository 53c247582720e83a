"""One camera for every pose of a figure, so the start and end panels (and the animation) line
up and the person is drawn at the same size in every figure unless they would not fit."""

import math

from psoas.domain.figure import Figure, Pose, Side
from psoas.figures import style
from psoas.figures.marks import Camera
from psoas.figures.scene import Box, Circle, Loop, Scene, place, samples

LABEL_ROOM = 30.0  # panel units kept clear at the top for the labels
SIDE_MARGIN = 8.0
# Poses between two key poses, for the animation (eased, so it starts and stops gently).
IN_BETWEENS = 6


def extent(scene: Scene) -> tuple[float, float, float]:
    """Leftmost and rightmost x and the highest y of everything drawn, in world cm."""
    xs: list[float] = []
    top = 0.0
    for point, radius, _layer in samples(scene.body):
        xs += [point[0] - radius, point[0] + radius]
        top = max(top, point[1] + radius)
    for prop in scene.props:
        if isinstance(prop, Circle):
            xs += [prop.centre[0] - prop.radius, prop.centre[0] + prop.radius]
            top = max(top, prop.centre[1] + prop.radius)
        elif isinstance(prop, Box):
            # A wall or door frame may run off the top; it is cut at the panel edge.
            if prop.supports:
                xs += [prop.x0, prop.x1]
                top = max(top, prop.height)
            else:
                xs += [prop.x0 - 14, prop.x1 + 14]
        elif isinstance(prop, Loop):
            xs += [prop.a[0], prop.b[0]]
    for arrow in scene.arrows:
        xs += [arrow.tail[0], arrow.tip[0]]
        top = max(top, arrow.tail[1], arrow.tip[1])
    return min(xs), max(xs), top


def camera_for(scenes: list[Scene]) -> Camera:
    extents = [extent(scene) for scene in scenes]
    left = min(e[0] for e in extents)
    right = max(e[1] for e in extents)
    top = max(e[2] for e in extents)
    floor_y = style.PANEL_HEIGHT - style.FLOOR_MARGIN
    scale = min(
        1.0,
        (style.PANEL_WIDTH - 2 * SIDE_MARGIN) / max(right - left, 1.0),
        (floor_y - LABEL_ROOM) / max(top, 1.0),
    )
    height = min(style.PANEL_HEIGHT, top * scale + LABEL_ROOM + style.FLOOR_MARGIN + 8)
    return Camera(centre_x=(left + right) / 2, scale=scale, height=height)


def between(start: Pose, end: Pose, fraction: float) -> Pose:
    """A pose part way from start to end, every angle eased along together."""
    eased = (1 - math.cos(math.pi * fraction)) / 2

    def mix(a: float, b: float) -> float:
        return a + (b - a) * eased

    def limb(name: str) -> dict[str, float]:
        a = getattr(start, name).model_dump()
        b = getattr(end, name).model_dump()
        return {key: mix(a[key], b[key]) for key in a}

    return Pose.model_validate(
        {
            "pelvis_deg": mix(start.pelvis_deg, end.pelvis_deg),
            "spine_deg": mix(start.spine_deg, end.spine_deg),
            "neck_deg": mix(start.neck_deg, end.neck_deg),
            "near": limb("near"),
            "far": limb("far"),
            "contacts": start.contacts,
        }
    )


def motion(figure: Figure) -> list[Pose]:
    """Start, the poses on the way, end (just start for a still position)."""
    if figure.end is None:
        return [figure.start]
    steps = IN_BETWEENS + 1
    return [between(figure.start, figure.end, i / steps) for i in range(steps + 1)]


def all_scenes(figure: Figure, side: Side | None) -> list[Scene]:
    return [place(figure, pose, side=side) for pose in motion(figure)]
