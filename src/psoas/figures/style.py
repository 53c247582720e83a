"""House style of the figures: one line width, one limb width, and what each colour means.

Near limbs are dark and far limbs light, so left and right read at a glance; the trunk sits in
between. The iliopsoas is the one warm colour (vermillion), arrows are blue, props are pale fills
with a grey outline. Colours are from the Okabe-Ito set used by the charts and stay apart for the
common colour-vision deficiencies; nothing is told by colour alone (arrows have heads, the
near/far limbs also differ by which is drawn in front).
"""

from psoas.charts.theme import FONT_FAMILY, INK, MUTED

__all__ = ["FONT_FAMILY", "INK", "MUTED"]

PANEL_WIDTH = 260.0  # one panel, in cm of the room: a lying body with a prop fits
PANEL_HEIGHT = 250.0
LABEL_PX = 15.0  # 11.5 px at 200 px wide
PROP_LABEL_PX = 14.0
FLOOR_MARGIN = 14.0  # room below the floor line for its hatching

LINE_WIDTH = 2.5  # floor, props and arrows
HALO = 3.0  # white edge that lifts a part from what is behind it

NEAR = "#1f2328"
TRUNK = "#454f5a"
FAR = "#8b95a0"
ILIOPSOAS = "#D55E00"
ARROW = "#0072B2"
PROP_EDGE = "#4d5a66"
PROP_FILL = {
    "ball": "#f3c98b",
    "soft-ball": "#d9e8f5",
    "foam-roller": "#bfe0d0",
    "bench": "#e8dcc8",
    "doorway": "#eceff3",
    "wall": "#eceff3",
    "mat": "#b7d7c4",
}
STRAP = "#8a5a00"
BAND = "#009E73"
FLOOR = "#555555"
BACKGROUND = "#ffffff"
