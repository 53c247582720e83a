"""Catalogue figures placed in the room, for tests that read a drawing's geometry."""

from psoas.catalogue import load_catalogue
from psoas.domain.figure import Figure, PoseName
from psoas.figures.scene import Box, Circle, Loop, Scene, place

CATALOGUE = load_catalogue()


def figure_of(exercise_id: str) -> Figure:
    figure = CATALOGUE.exercises[exercise_id].figure
    assert figure is not None, exercise_id
    return figure


def scene_of(exercise_id: str, pose: PoseName = "start") -> Scene:
    figure = figure_of(exercise_id)
    return place(figure, figure.poses[pose], pose_name=pose)


def circle(scene: Scene) -> Circle:
    (found,) = [p for p in scene.props if isinstance(p, Circle)]
    return found


def box(scene: Scene, kind: str) -> Box:
    (found,) = [p for p in scene.props if isinstance(p, Box) and p.kind == kind]
    return found


def loop(scene: Scene) -> Loop:
    (found,) = [p for p in scene.props if isinstance(p, Loop)]
    return found
