"""GET /exercises/{id}/figure.svg: an exercise's figure, drawn from its pose data.

Served as an image so pages can show it with <img> (alt text from the pose description) and
browsers can cache it: it changes only with the content. The animated one plays with SMIL, which
needs no script and passes the Content-Security-Policy.
"""

from functools import cache
from typing import get_args

from fastapi import APIRouter
from fastapi.responses import Response

from psoas.catalogue import load_catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.figure import PoseName, Side
from psoas.figures import (
    alt_text,
    animated_svg,
    default_side,
    figure_size,
    key_poses_svg,
    pose_svg,
)
from psoas.services.errors import InputError, NotFound
from psoas.web.identity import PersonId
from psoas.web.strict_body import StrictRoute

router = APIRouter(route_class=StrictRoute)

POSES = (*get_args(PoseName), "both")
SIDES: tuple[Side, ...] = get_args(Side)
MOTIONS = ("still", "animated")
# A day: figures change only when the content does, and content changes with a release.
CACHE_CONTROL = "public, max-age=86400"


def figure_url(
    exercise: Exercise, *, pose: str = "both", side: str | None = None, motion: str = "still"
) -> str:
    """The address of a figure, for templates."""
    query = [f"pose={pose}"] if pose != "both" else []
    query += [f"side={side}"] if side else []
    query += ["motion=animated"] if motion == "animated" else []
    return f"/exercises/{exercise.id}/figure.svg" + ("?" + "&".join(query) if query else "")


def _choice(field: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InputError([f"{field}: must be one of {', '.join(allowed)} (got {value!r})"])
    return value


@router.get("/exercises/{exercise_id}/figure.svg")
def figure(
    exercise_id: str,
    person: PersonId,
    pose: str = "both",
    side: str | None = None,
    motion: str = "still",
) -> Response:
    """pose: start, end or both (side by side); side: left or right for a one-sided
    exercise (default left); motion: still or animated (start to end and back)."""
    exercise = load_catalogue().exercises.get(exercise_id)
    if exercise is None or exercise.figure is None:
        raise NotFound(f"figure of exercise {exercise_id!r}")
    _choice("pose", pose, POSES)
    _choice("motion", motion, MOTIONS)
    chosen: Side | None = default_side(exercise)
    # A side is checked even for an exercise done on both sides at once, which ignores it.
    if side is not None and _choice("side", side, SIDES) == "right" and chosen is not None:
        chosen = "right"
    name, figure = exercise.name, exercise.figure
    if motion == "animated":
        svg = animated_svg(figure, name=name, side=chosen)
    elif pose == "both":
        svg = key_poses_svg(figure, name=name, side=chosen)
    else:
        svg = pose_svg(figure, "end" if pose == "end" else "start", name=name, side=chosen)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": CACHE_CONTROL})


# Placing a figure's poses to learn its height takes about a millisecond; pages list dozens.
_size = cache(figure_size)


def pose_images(exercise: Exercise) -> list[dict[str, str | int]]:
    """One still image per key pose, for the exercise page: address, alt text, label and size
    in px."""
    figure = exercise.figure
    if figure is None:
        return []
    side = default_side(exercise)
    label = {"start": "Start", "end": "End"} if figure.end else {"start": "Hold"}
    base = alt_text(exercise.name, figure, side)
    width, height = _size(figure, side)
    return [
        {"url": figure_url(exercise, pose=pose), "alt": f"{label[pose]} position. {base}",
         "label": label[pose], "width": width, "height": height}
        for pose in figure.poses
    ]  # fmt: skip


def end_image(exercise: Exercise) -> dict[str, str | int] | None:
    """The position to reach (the end, or the one still position), for plan cards."""
    images = pose_images(exercise)
    return images[-1] if images else None


def player_images(exercises: list[Exercise]) -> list[dict[str, str | int]]:
    """For the player: each exercise and side animated, keyed as the steps name them
    (`glute-bridge:both`, `psoas-smash:left`), with a still one for reduced motion; both have
    the same size in px."""
    images: list[dict[str, str | int]] = []
    for exercise in exercises:
        if exercise.figure is None:
            continue
        sides: tuple[Side | None, ...] = (None,) if default_side(exercise) is None else SIDES
        for side in sides:
            width, height = _size(exercise.figure, side)
            images.append(
                {
                    "key": f"{exercise.id}:{side or 'both'}",
                    "animated": figure_url(exercise, side=side, motion="animated"),
                    "still": figure_url(exercise, pose="end", side=side),
                    "alt": alt_text(exercise.name, exercise.figure, side),
                    "width": width,
                    "height": height,
                }
            )
    return images
