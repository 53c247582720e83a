"""House style: one palette, one font stack, one set of sizes, shared by every chart.

Colours are from the Okabe–Ito palette, which stays distinct with the common colour-vision
deficiencies; orange, sky blue and yellow are left out because they are too light on white
(under 3:1). Colour is never the only cue: every series also has its own marker shape and dash.
"""

from dataclasses import dataclass
from typing import Literal

from psoas.charts.series import ClimbClass

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"

BACKGROUND = "#ffffff"
INK = "#1a1a1a"  # headings, legend and messages
MUTED = "#4d4d4d"  # tick labels and captions; 8.5:1 on white
GRID = "#dddddd"
AXIS = "#666666"
BAND_FILL = "#e3e3e3"
BAND_EDGE = "#8a8a8a"
BASELINE = "#555555"
PLAN = "#000000"

TICK_PX = 13
LEGEND_PX = 14
CAPTION_PX = 13
MESSAGE_PX = 16
LABEL_PX = 12  # numbers on bars and under runs

Shape = Literal["circle", "square", "triangle", "diamond", "triangle-down"]


@dataclass(frozen=True)
class Look:
    """How one series is drawn: colour, marker shape and line dash (None: solid)."""

    colour: str
    shape: Shape
    dash: str | None


SERIES_LOOKS: tuple[Look, ...] = (
    Look("#0072B2", "circle", None),  # blue
    Look("#D55E00", "square", "8 4"),  # vermillion
    Look("#009E73", "triangle", "2 3"),  # bluish green
    Look("#CC79A7", "diamond", "10 3 2 3"),  # reddish purple
    Look("#000000", "triangle-down", "5 2 1 2"),  # black
)
MAX_SERIES = len(SERIES_LOOKS)

CLIMB_LOOKS: dict[ClimbClass, Look] = {
    "flat": Look("#0072B2", "circle", None),
    "rolling": Look("#CC79A7", "diamond", None),
    "hilly": Look("#D55E00", "triangle", None),
    "unknown": Look("#666666", "square", None),
}
CLIMB_NAMES: dict[ClimbClass, str] = {
    "flat": "Flat",
    "rolling": "Rolling",
    "hilly": "Hilly",
    "unknown": "Climb unknown",
}

TEXT_COLOURS = (INK, MUTED)
