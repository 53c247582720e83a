"""A pose with its props in the room: props placed by the body, the body lowered onto the floor
or the prop it rests on, arrows placed. Everything the renderer and the checks look at."""

import math
from dataclasses import dataclass, replace
from typing import Literal

from psoas.domain.figure import Arrow, ArrowKind, Figure, Pose, PoseName, Prop, PropKind, Side
from psoas.figures.body import Body, Layer, Point, pose_body, step

# Prop sizes when the content gives none, in cm.
DEFAULT_SIZE_CM: dict[PropKind, float] = {
    "ball": 8.0,  # a lacrosse ball, drawn a little large to be seen
    "soft-ball": 22.0,  # a partly inflated soft ball
    "foam-roller": 15.0,
    "bench": 45.0,  # height
    "doorway": 205.0,  # height of the opening
    "wall": 230.0,
    "mat": 4.0,  # thickness: an exercise mat, drawn thick enough to see
    "strap": 3.0,
    "mini-band": 4.0,
}
BENCH_MIN_CM = 50.0
FRAME_DEPTH_CM = 12.0  # a door frame or wall seen edge on
MAT_MARGIN_CM = 18.0
RESTING_CM = 2.0  # a contact point this close to its support is resting on it


@dataclass(frozen=True, slots=True)
class Circle:
    kind: PropKind
    centre: Point
    radius: float
    supports: bool  # resting on the floor under the body (True) or held (False)
    # Under one leg only: the other leg is beside it, not on it.
    only: Layer | None = None


@dataclass(frozen=True, slots=True)
class Box:
    """An upright rectangle standing on the floor: a bench, a door frame, a wall or a mat."""

    kind: PropKind
    x0: float
    x1: float
    height: float
    supports: bool


@dataclass(frozen=True, slots=True)
class Loop:
    """A strap or band from one body point to another and back."""

    kind: PropKind
    a: Point
    b: Point
    width: float


PlacedProp = Circle | Box | Loop


@dataclass(frozen=True, slots=True)
class PlacedArrow:
    kind: ArrowKind
    tail: Point
    tip: Point


@dataclass(frozen=True, slots=True)
class Scene:
    body: Body
    props: tuple[PlacedProp, ...]
    arrows: tuple[PlacedArrow, ...]
    facing: Literal[1, -1] = 1  # -1: mirrored, facing left

    def mirrored(self) -> "Scene":
        return Scene(
            self.body.mirrored(),
            tuple(_mirror_prop(p) for p in self.props),
            tuple(
                PlacedArrow(a.kind, (-a.tail[0], a.tail[1]), (-a.tip[0], a.tip[1]))
                for a in self.arrows
            ),
            -1,
        )


def _mirror_prop(prop: PlacedProp) -> PlacedProp:
    if isinstance(prop, Circle):
        return replace(prop, centre=(-prop.centre[0], prop.centre[1]))
    if isinstance(prop, Box):
        return replace(prop, x0=-prop.x1, x1=-prop.x0)
    return replace(prop, a=(-prop.a[0], prop.a[1]), b=(-prop.b[0], prop.b[1]))


def size_of(prop: Prop) -> float:
    return prop.size_cm if prop.size_cm is not None else DEFAULT_SIZE_CM[prop.kind]


def _supports(figure: Figure, body: Body) -> list[Circle | Box]:
    """The props that rest on the floor and can carry the body, placed under their point."""
    placed: list[Circle | Box] = []
    for prop in figure.props:
        if prop.under is None:
            continue
        x = body.point(prop.under)[0] + prop.offset_cm[0]
        size = size_of(prop)
        if prop.kind in ("ball", "soft-ball", "foam-roller"):
            only: Layer | None = None
            if prop.under.startswith(("near-", "far-")):
                only = "near" if prop.under.startswith("near-") else "far"
            placed.append(Circle(prop.kind, (x, size / 2), size / 2, True, only))
        elif prop.kind == "bench":
            # Long enough for what lies on it, from its front edge back.
            behind = min(a for s in body.segments for a in (s.a[0], s.b[0])) - 12
            placed.append(Box("bench", min(x - BENCH_MIN_CM, behind), x, size, True))
        elif prop.kind == "mat":
            xs = [x for s in body.segments for x in (s.a[0], s.b[0])]
            placed.append(Box("mat", min(xs) - MAT_MARGIN_CM, max(xs) + MAT_MARGIN_CM, size, True))
        else:  # doorway, wall: upright, nothing rests on them
            placed.append(
                Box(prop.kind, x - FRAME_DEPTH_CM / 2, x + FRAME_DEPTH_CM / 2, size, False)
            )
    return placed


def samples(body: Body) -> list[tuple[Point, float, Layer]]:
    """Points along every part with its half-thickness and layer: what can touch a surface."""
    found: list[tuple[Point, float, Layer]] = []
    for segment in body.segments:
        if segment.name == "head":
            found.append((segment.b, segment.radius, segment.layer))
            continue
        length = math.dist(segment.a, segment.b)
        count = max(2, math.ceil(length / 4) + 1)
        found += [
            (segment.at(i / (count - 1)), segment.radius, segment.layer) for i in range(count)
        ]
    return found


def clearance(
    point: Point, radius: float, supports: list[Circle | Box], layer: Layer = "trunk"
) -> float:
    """How far a round part at `point` can drop before it touches the floor or a support;
    negative when it is already inside one."""
    x, y = point
    best = y - radius
    for support in supports:
        if not support.supports:
            continue
        if isinstance(support, Circle) and support.only and layer not in ("trunk", support.only):
            continue
        if isinstance(support, Circle):
            reach = radius + support.radius
            dx = x - support.centre[0]
            if abs(dx) < reach:
                best = min(best, y - support.centre[1] - math.sqrt(reach * reach - dx * dx))
        elif support.x0 <= x <= support.x1:
            best = min(best, y - radius - support.height)
        elif y >= support.height:
            dx = support.x0 - x if x < support.x0 else x - support.x1
            if dx < radius:
                best = min(best, y - support.height - math.sqrt(radius * radius - dx * dx))
    return best


def place(
    figure: Figure, pose: Pose, *, side: Side | None = None, pose_name: PoseName = "start"
) -> Scene:
    """The pose resting on its supports, with the arrows drawn on that key pose; mirrored to
    face left for the right side."""
    body = pose_body(pose, figure.view)
    supports = _supports(figure, body)
    drop = min(clearance(p, radius, supports, layer) for p, radius, layer in samples(body))
    body = body.moved(0.0, -drop)
    props: list[PlacedProp] = [*supports]
    for prop in figure.props:
        size = size_of(prop)
        if prop.at is not None:
            x, y = body.point(prop.at)
            centre = (x + prop.offset_cm[0], y + prop.offset_cm[1])
            props.append(Circle(prop.kind, centre, size / 2, supports=False))
        elif prop.between is not None:
            props.append(
                Loop(prop.kind, body.point(prop.between[0]), body.point(prop.between[1]), size)
            )
    scene = Scene(
        body, tuple(props), tuple(_arrow(a, body) for a in figure.arrows if a.pose == pose_name)
    )
    return scene.mirrored() if side == "right" else scene


def _arrow(arrow: Arrow, body: Body) -> PlacedArrow:
    x, y = body.point(arrow.at)
    anchor = (x + arrow.offset_cm[0], y + arrow.offset_cm[1])
    # A movement arrow starts at its point; a pressure arrow ends there, pressing into it.
    if arrow.kind == "movement":
        return PlacedArrow("movement", anchor, step(anchor, arrow.direction_deg, arrow.length_cm))
    return PlacedArrow("pressure", step(anchor, arrow.direction_deg, -arrow.length_cm), anchor)
