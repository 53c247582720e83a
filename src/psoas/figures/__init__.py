"""Exercise figures drawn from pose data: a 2D body posed by joint angles, its props and
arrows, as SVG line art (still or animated), PNG and braille text for the terminal.

Pure functions from content values to text or bytes, like the charts; the only I/O is in the
callers (the CLI writes files, the web app answers requests).
"""

from psoas.figures.braille import braille_lines
from psoas.figures.checks import exercise_figure_problems, figure_problems
from psoas.figures.document import (
    alt_text,
    animated_svg,
    default_side,
    figure_size,
    key_poses_svg,
    pose_svg,
)
from psoas.figures.png import figure_png
from psoas.figures.sheet import contact_sheet_svg

__all__ = [
    "alt_text",
    "animated_svg",
    "braille_lines",
    "contact_sheet_svg",
    "default_side",
    "exercise_figure_problems",
    "figure_png",
    "figure_problems",
    "figure_size",
    "key_poses_svg",
    "pose_svg",
]
