"""Figures as SVG documents: one key pose, the key poses side by side, or the animation.

Looks are presentation attributes only (no style attribute, <style> or script), so the web app's
Content-Security-Policy allows them inline or as images; the animation is SMIL, which plays in
an <img> without script.
"""

import itertools
import xml.etree.ElementTree as ET

from psoas.charts.canvas import Canvas
from psoas.domain.exercise import Exercise
from psoas.domain.figure import ArrowKind, Figure, PoseName, Side
from psoas.figures import style
from psoas.figures.framing import all_scenes, camera_for
from psoas.figures.marks import Camera, Mark, arrow_marks, scene_marks
from psoas.figures.scene import place

POSE_LABEL: dict[PoseName, str] = {"start": "Start", "end": "End"}
HOLD_S = 1.2  # how long the animation rests in each key pose
MOVE_S = 1.8  # how long it takes to move between them


def default_side(exercise: Exercise) -> Side | None:
    """The side a figure shows when none is asked for: left for one-sided exercises."""
    return "left" if exercise.dose.sides == "each" else None


def view_label(figure: Figure, side: Side | None) -> str:
    view = "Side view" if figure.view == "side" else "Front view"
    return f"{view} · {side} side" if side else view


def alt_text(name: str, figure: Figure, side: Side | None) -> str:
    """What a screen reader says for the picture: the exercise, the view and the pose."""
    # A comma, not the label's middle dot, which screen readers may read out.
    view = view_label(figure, side).lower().replace(" · ", ", ")
    return f"{name}, {view}: {figure.description}"


def figure_size(figure: Figure, side: Side | None) -> tuple[int, int]:
    """Width and height in px of one panel (a key pose, or the animation): pages give an image
    its size before it loads, so nothing moves when it does."""
    camera = camera_for(all_scenes(figure, side))
    return round(style.PANEL_WIDTH), round(camera.height)


def _canvas(width: float, height: float, title: str, description: str) -> Canvas:
    canvas = Canvas(width=round(width), height=round(height), title=title, description=description)
    canvas.root.set("class", "figure")
    canvas.add(
        canvas.root,
        "rect",
        {"width": width, "height": height, "fill": style.BACKGROUND},
    )
    return canvas


def _panel(canvas: Canvas, x: float, labels: tuple[str, str]) -> ET.Element:
    group = canvas.group({"transform": f"translate({x:g} 0)", "class": "panel"})
    left, right = labels
    if left:
        canvas.text(group, 6, 18, left, size=int(style.LABEL_PX), fill=style.MUTED)
    if right:
        canvas.text(
            group, style.PANEL_WIDTH - 6, 18, right, size=int(style.LABEL_PX), anchor="end",
            bold=True,
        )  # fmt: skip
    return group


def _floor(canvas: Canvas, group: ET.Element, camera: Camera) -> None:
    """Drawn last, so the white edges of parts resting on it do not cut it."""
    floor_y = camera.floor_y
    floor = canvas.group({"class": "floor"}, group)
    canvas.line(floor, (4, floor_y), (style.PANEL_WIDTH - 4, floor_y), stroke=style.FLOOR,
                width=style.LINE_WIDTH)  # fmt: skip
    for tick in range(14, int(style.PANEL_WIDTH) - 4, 14):
        canvas.line(floor, (tick, floor_y + 3), (tick - 8, floor_y + 11), stroke=style.FLOOR)


def _put(canvas: Canvas, parent: ET.Element, mark: Mark) -> ET.Element:
    return canvas.add(parent, mark.tag, {**mark.looks, **mark.geometry}, text=mark.text)


def key_poses_svg(figure: Figure, *, name: str, side: Side | None) -> str:
    """Every key pose in its own panel, side by side (for print and the CLI)."""
    return _poses_svg(figure, tuple(figure.poses), name=name, side=side)


def pose_svg(figure: Figure, pose: PoseName, *, name: str, side: Side | None) -> str:
    """One key pose in one panel (a missing end is the start: a still position)."""
    chosen: PoseName = pose if pose in figure.poses else "start"
    return _poses_svg(figure, (chosen,), name=name, side=side)


def _poses_svg(figure: Figure, poses: tuple[PoseName, ...], *, name: str, side: Side | None) -> str:
    camera = camera_for(all_scenes(figure, side))
    canvas = _canvas(
        style.PANEL_WIDTH * len(poses), camera.height, name, alt_text(name, figure, side)
    )
    for index, pose_name in enumerate(poses):
        pose_label = POSE_LABEL[pose_name] if len(figure.poses) > 1 else "Hold"
        labels = (view_label(figure, side) if index == 0 else "", pose_label)
        group = _panel(canvas, style.PANEL_WIDTH * index, labels)
        scene = place(figure, figure.poses[pose_name], side=side, pose_name=pose_name)
        for mark in scene_marks(scene, camera, iliopsoas=figure.iliopsoas, arrows=True):
            _put(canvas, group, mark)
        _floor(canvas, group, camera)
    return canvas.to_svg()


def animated_svg(figure: Figure, *, name: str, side: Side | None) -> str:
    """One panel moving start, end, start, for ever (SMIL); a still position stays still."""
    scenes = all_scenes(figure, side)
    camera = camera_for(scenes)
    canvas = _canvas(style.PANEL_WIDTH, camera.height, name, alt_text(name, figure, side))
    moving = len(scenes) > 1
    labels = (view_label(figure, side), "Start ⇄ End" if moving else "Hold")
    group = _panel(canvas, 0, labels)
    frames = [scene_marks(s, camera, iliopsoas=figure.iliopsoas, arrows=not moving) for s in scenes]
    if not moving:
        for mark in frames[0]:
            _put(canvas, group, mark)
        _floor(canvas, group, camera)
        return canvas.to_svg()
    # Arrows stay where their key pose puts them rather than ride along with the body; pressure
    # arrows of the start pose stay throughout: where the push goes does not move.
    pressure = _arrow_marks(figure, "start", side, camera, "pressure")
    for frame in frames:
        frame.extend(pressure)
    # Rest at the start, move to the end, rest, move back: as key times on a loop.
    last = len(scenes) - 1
    order = [0, *range(last + 1), *range(last, -1, -1)]
    duration = 2 * HOLD_S + 2 * MOVE_S
    times = [0.0]
    for previous, current in itertools.pairwise(order):
        times.append(times[-1] + (HOLD_S if previous == current else MOVE_S / last))
    key_times = ";".join(f"{t / duration:.4f}" for t in times[:-1]) + ";1"
    arrive = times[order.index(last)] / duration  # the end pose is reached
    for index, mark in enumerate(frames[0]):
        element = _put(canvas, group, mark)
        for attribute in mark.geometry:
            values = [frames[i][index].geometry[attribute] for i in order]
            if len(set(values)) == 1:
                continue
            canvas.add(
                element,
                "animate",
                {
                    "attributeName": attribute,
                    "values": ";".join(values),
                    "keyTimes": key_times,
                    "dur": f"{duration:g}s",
                    "repeatCount": "indefinite",
                },
            )
    for pose_name in figure.poses:
        for mark in _arrow_marks(figure, pose_name, side, camera, "movement"):
            _put_movement_arrow(canvas, group, mark, pose_name, arrive=arrive, duration=duration)
    _floor(canvas, group, camera)
    return canvas.to_svg()


def _put_movement_arrow(
    canvas: Canvas, group: ET.Element, mark: Mark, pose: PoseName, *, arrive: float, duration: float
) -> None:
    """A movement arrow shows while the body rests in its key pose and moves away from it: a
    start arrow until the end pose is reached (at `arrive`, a share of the loop), an end arrow
    from then until the loop starts again."""
    shown = "1;0;1" if pose == "start" else "0;1;0"
    element = _put(
        canvas, group, Mark(mark.tag, {**mark.looks, "opacity": shown[0]}, mark.geometry)
    )
    canvas.add(
        element,
        "animate",
        {
            "attributeName": "opacity",
            "values": shown,
            "keyTimes": f"0;{arrive:.4f};1",
            "calcMode": "discrete",
            "dur": f"{duration:g}s",
            "repeatCount": "indefinite",
        },
    )


def _arrow_marks(
    figure: Figure, pose_name: PoseName, side: Side | None, camera: Camera, kind: ArrowKind
) -> list[Mark]:
    """The arrows of one kind drawn on a key pose, placed by that pose: where a push goes, or
    which way the body moves from there."""
    scene = place(figure, figure.poses[pose_name], side=side, pose_name=pose_name)
    return [mark for a in scene.arrows if a.kind == kind for mark in arrow_marks(a, camera)]
