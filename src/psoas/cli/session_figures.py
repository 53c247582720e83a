"""The figure of a session step as braille text, for the full-screen terminal session.

A step shows its exercise's key pose (the end pose, or the one still position) for its side: the
right side is the left side's drawing mirrored, as in the web player and `psoas exercises show`.
"""

from collections.abc import Iterable, Mapping

from psoas.domain.figure import Figure
from psoas.domain.session import Step
from psoas.figures import braille_lines

# The width of `psoas exercises show`'s drawing, and of the session's on a wide terminal.
WIDTH_CHARS = 40


def session_figures(steps: Iterable[Step]) -> dict[str, Figure]:
    """The figures of these steps' exercises, by exercise id; one without a figure is left out
    (a resumed session may name an exercise the content no longer has)."""
    from psoas.catalogue import load_catalogue

    exercises = load_catalogue().exercises
    figures: dict[str, Figure] = {}
    for exercise_id in {step.exercise for step in steps}:
        exercise = exercises.get(exercise_id)
        if exercise is not None and exercise.figure is not None:
            figures[exercise_id] = exercise.figure
    return figures


def step_drawing(
    figures: Mapping[str, Figure], step: Step, *, width_chars: int = WIDTH_CHARS
) -> list[str]:
    """The step's exercise in braille, mirrored for the right side; no lines without a figure."""
    figure = figures.get(step.exercise)
    if figure is None:
        return []
    return braille_lines(figure, side=step.side, width_chars=width_chars)
