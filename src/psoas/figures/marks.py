"""A placed scene as marks on a panel: paths and circles with their looks, in drawing order.

Every scene of one figure gives the same marks in the same order, so the key poses of an
animation differ only in their geometry (see animation.py).
"""

import math
from dataclasses import dataclass, field

from psoas.domain.figure import Highlight
from psoas.figures import style
from psoas.figures.body import Point, Segment, step
from psoas.figures.scene import Box, Circle, Loop, PlacedArrow, Scene

Looks = dict[str, str | float]


@dataclass(frozen=True)
class Camera:
    """World cm to panel units: the floor is y = 0 in the world and floor_y on the panel."""

    centre_x: float
    scale: float
    height: float = style.PANEL_HEIGHT  # panels are as tall as their tallest pose needs

    @property
    def floor_y(self) -> float:
        return self.height - style.FLOOR_MARGIN

    def __call__(self, point: Point) -> Point:
        x = style.PANEL_WIDTH / 2 + (point[0] - self.centre_x) * self.scale
        return (x, self.floor_y - point[1] * self.scale)


@dataclass
class Mark:
    tag: str  # "path", "circle" or "text"
    looks: Looks
    geometry: dict[str, str] = field(default_factory=dict)
    text: str | None = None


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _path(points: list[Point], close: bool = False) -> str:
    head, *rest = points
    d = f"M{_n(head[0])} {_n(head[1])}" + "".join(f"L{_n(x)} {_n(y)}" for x, y in rest)
    return d + ("Z" if close else "")


def _stroke(colour: str, width: float) -> Looks:
    return {
        "fill": "none",
        "stroke": colour,
        "stroke-width": width,
        "stroke-linecap": "round",
        "stroke-linejoin": "round",
    }


def scene_marks(scene: Scene, camera: Camera, *, iliopsoas: Highlight, arrows: bool) -> list[Mark]:
    marks: list[Mark] = []
    s = camera.scale
    upright = [p for p in scene.props if isinstance(p, Box) and not p.supports]
    under = [p for p in scene.props if isinstance(p, Box | Circle) and p.supports]
    held = [p for p in scene.props if isinstance(p, Circle) and not p.supports]
    loops = [p for p in scene.props if isinstance(p, Loop)]
    for box in upright:
        marks += _upright(box, camera)
    marks += [_box(box, camera) for box in under if isinstance(box, Box)]
    body = scene.body.segments
    arms = ("upper-arm", "forearm", "hand")
    marks += _limbs([g for g in body if g.layer == "far"], camera, style.FAR, halo=False)
    marks += _limbs([g for g in body if g.name in ("pelvis", "chest")], camera, style.TRUNK)
    head = scene.body.segment("head")
    centre = camera(head.b)
    marks.append(
        Mark(
            "circle",
            {"fill": style.TRUNK, "stroke": style.BACKGROUND, "stroke-width": style.HALO},
            {"cx": _n(centre[0]), "cy": _n(centre[1]), "r": _n(head.radius * s)},
        )
    )
    # A ball or roller the body rests on, in front of the trunk so it shows whole; the body
    # only touches it, so nothing of the body is hidden.
    marks += [_circle(c, camera) for c in under if isinstance(c, Circle)]
    near_legs = [g for g in body if g.layer == "near" and not g.name.endswith(arms)]
    marks += _limbs(near_legs, camera, style.NEAR)
    marks += [_circle(c, camera) for c in held]
    marks += [_loop(loop, camera) for loop in loops]
    near_arms = [g for g in body if g.layer == "near" and g.name.endswith(arms)]
    marks += _limbs(near_arms, camera, style.NEAR)
    # The target muscle on top of everything, even an arm resting over the hip.
    for limb in ("near", "far") if iliopsoas == "both" else (iliopsoas,):
        if limb != "none":
            marks += _iliopsoas(scene, limb, camera)
    if arrows:
        for arrow in scene.arrows:
            marks += arrow_marks(arrow, camera)
    return marks


def _limbs(
    segments: list[Segment], camera: Camera, colour: str, *, halo: bool = True
) -> list[Mark]:
    """Parts that belong together: their white edges first, so that they cut what is behind
    them but not each other (no white seam at the knee)."""
    paths = [(g, _path([camera(g.a), camera(g.b)]), 2 * g.radius * camera.scale) for g in segments]
    edges = [
        Mark("path", _stroke(style.BACKGROUND, width + 2 * style.HALO), {"d": d})
        for _, d, width in paths
    ]
    strokes = [
        Mark("path", _stroke(colour, width) | {"class": f"part {g.name}"}, {"d": d})
        for g, d, width in paths
    ]
    return [*edges, *strokes] if halo else strokes


def _iliopsoas(scene: Scene, limb: str, camera: Camera) -> list[Mark]:
    """From the lumbar spine, forward of the hip joint, to the inner thigh below it."""
    body = scene.body
    pelvis = body.segment("pelvis")
    origin = body.point("chest:0.25")
    insertion = body.point(f"{limb}-thigh:0.2")
    # In front of the hip: the pelvis direction turned 90 degrees toward the way it faces.
    dx, dy = pelvis.b[0] - pelvis.a[0], pelvis.b[1] - pelvis.a[1]
    length = math.hypot(dx, dy) or 1.0
    forward = (dy / length * scene.facing, -dx / length * scene.facing)
    bend = (pelvis.a[0] + forward[0] * 6, pelvis.a[1] + forward[1] * 6)
    points = [camera(origin), camera(bend), camera(insertion)]
    (x0, y0), (x1, y1), (x2, y2) = points
    d = f"M{_n(x0)} {_n(y0)}Q{_n(x1)} {_n(y1)} {_n(x2)} {_n(y2)}"
    width = 5.0 * camera.scale
    return [
        Mark("path", _stroke(style.BACKGROUND, width + 2 * style.HALO * 0.6), {"d": d}),
        Mark("path", _stroke(style.ILIOPSOAS, width) | {"class": "iliopsoas"}, {"d": d}),
    ]


def _circle(circle: Circle, camera: Camera) -> Mark:
    x, y = camera(circle.centre)
    looks: Looks = {
        "class": f"prop {circle.kind}",
        "fill": style.PROP_FILL[circle.kind],
        "stroke": style.PROP_EDGE,
        "stroke-width": style.LINE_WIDTH,
    }
    return Mark("circle", looks, {"cx": _n(x), "cy": _n(y), "r": _n(circle.radius * camera.scale)})


def _box(box: Box, camera: Camera) -> Mark:
    if box.kind == "bench":
        # A seat on two legs, its front edge square to the floor.
        top, seat = box.height, 7.0
        outline = [
            (box.x0, top), (box.x1, top), (box.x1, 0), (box.x1 - 6, 0), (box.x1 - 6, top - seat),
            (box.x0 + 6, top - seat), (box.x0 + 6, 0), (box.x0, 0),
        ]  # fmt: skip
    else:
        outline = [(box.x0, 0), (box.x0, box.height), (box.x1, box.height), (box.x1, 0)]
    looks: Looks = {
        "class": f"prop {box.kind}",
        "fill": style.PROP_FILL[box.kind],
        "stroke": style.PROP_EDGE,
        "stroke-width": style.LINE_WIDTH * (0.5 if box.kind == "mat" else 1),
        "stroke-linejoin": "round",
    }
    return Mark("path", looks, {"d": _path([camera(p) for p in outline], close=True)})


def _upright(box: Box, camera: Camera) -> list[Mark]:
    """A door frame or wall seen edge on; a door frame has its head (lintel) drawn across."""
    marks = [_box(box, camera)]
    if box.kind == "doorway":
        lintel = [(box.x0 - 14, box.height), (box.x1 + 14, box.height)]
        looks = _stroke(style.PROP_EDGE, style.LINE_WIDTH * 2) | {"class": "prop lintel"}
        marks.append(Mark("path", looks, {"d": _path([camera(p) for p in lintel])}))
    # Seen edge on, a door frame and a wall look alike: say which it is.
    x, y = camera((box.x0 - 16, box.height * 0.62))
    label: Looks = {"class": "prop-label", "font-size": style.PROP_LABEL_PX, "fill": style.MUTED,
             "text-anchor": "end"}  # fmt: skip
    name = "door frame" if box.kind == "doorway" else "wall"
    marks.append(Mark("text", label, {"x": _n(x), "y": _n(y)}, text=name))
    return marks


def _loop(loop: Loop, camera: Camera) -> Mark:
    """A strap or band: a narrow loop around both points, wide enough to go round a limb."""
    (ax, ay), (bx, by) = camera(loop.a), camera(loop.b)
    length = math.hypot(bx - ax, by - ay) or 1.0
    half = (7.0 if loop.kind == "mini-band" else 4.0) * camera.scale
    nx, ny = -(by - ay) / length * half, (bx - ax) / length * half
    ux, uy = (bx - ax) / length * half, (by - ay) / length * half
    # Two straight sides joined by round ends that reach a little past each point.
    a_out, b_out = (ax - 1.4 * ux, ay - 1.4 * uy), (bx + 1.4 * ux, by + 1.4 * uy)
    d = (
        f"M{_n(ax + nx)} {_n(ay + ny)}L{_n(bx + nx)} {_n(by + ny)}"
        f"Q{_n(b_out[0] + nx)} {_n(b_out[1] + ny)} {_n(b_out[0])} {_n(b_out[1])}"
        f"Q{_n(b_out[0] - nx)} {_n(b_out[1] - ny)} {_n(bx - nx)} {_n(by - ny)}"
        f"L{_n(ax - nx)} {_n(ay - ny)}"
        f"Q{_n(a_out[0] - nx)} {_n(a_out[1] - ny)} {_n(a_out[0])} {_n(a_out[1])}"
        f"Q{_n(a_out[0] + nx)} {_n(a_out[1] + ny)} {_n(ax + nx)} {_n(ay + ny)}Z"
    )
    colour = style.BAND if loop.kind == "mini-band" else style.STRAP
    looks = _stroke(colour, loop.width * camera.scale) | {"class": f"prop {loop.kind}"}
    return Mark("path", looks, {"d": d})


def arrow_marks(arrow: PlacedArrow, camera: Camera) -> list[Mark]:
    """An arrow's shaft and head, and a pressure arrow's bar across the tail."""
    tail, tip = camera(arrow.tail), camera(arrow.tip)
    angle = math.degrees(math.atan2(tip[0] - tail[0], -(tip[1] - tail[1])))
    # Panel y grows downward: flip to the world's "0 is up" angles for step().
    head_back = step((tip[0], -tip[1]), angle, -9.0)
    left = step(head_back, angle + 90, 5.5)
    right = step(head_back, angle - 90, 5.5)
    wing = [(left[0], -left[1]), (tip[0], tip[1]), (right[0], -right[1])]
    shaft_end = (head_back[0], -head_back[1])
    looks = _stroke(style.ARROW, style.LINE_WIDTH * 1.2) | {"class": f"arrow {arrow.kind}"}
    marks = [
        Mark("path", looks, {"d": _path([tail, shaft_end])}),
        Mark(
            "path",
            {"fill": style.ARROW, "stroke": style.ARROW, "stroke-linejoin": "round",
             "stroke-width": 1.0, "class": f"arrowhead {arrow.kind}"},
            {"d": _path(wing, close=True)},
        ),
    ]  # fmt: skip
    if arrow.kind == "pressure":
        # A bar across the tail: something pushing, not something moving.
        a = step((tail[0], -tail[1]), angle + 90, 7.0)
        b = step((tail[0], -tail[1]), angle - 90, 7.0)
        marks.append(Mark("path", looks, {"d": _path([(a[0], -a[1]), (b[0], -b[1])])}))
    return marks
