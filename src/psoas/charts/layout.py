"""Boxes and text widths: what the layout needs to keep labels apart and inside the picture.

Without font metrics, widths are estimated on the generous side for DejaVu Sans and the system
UI fonts, so an estimate that is off leaves extra room rather than an overlap.
"""

import unicodedata
from dataclasses import dataclass

_NARROW = frozenset("il.,:;!|'()[]ftj ")
_WIDE = frozenset("mwMW@%")


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


def text_width(text: str, size_px: float) -> float:
    """Estimated width of text set at size_px, in pixels."""
    ems = 0.0
    for char in text:
        if unicodedata.combining(char):
            continue
        if unicodedata.east_asian_width(char) in "WF":
            ems += 1.0
        elif char in _NARROW:
            ems += 0.36
        elif char in _WIDE or char.isupper():
            ems += 0.78
        else:
            ems += 0.62
    return ems * size_px


def fit_text(text: str, max_px: float, size_px: float) -> str:
    """Text shortened with an ellipsis so it fits in max_px; unchanged when it already fits."""
    text = " ".join(text.split())
    if text_width(text, size_px) <= max_px:
        return text
    while text and text_width(text + "…", size_px) > max_px:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_text(text: str, max_px: float, size_px: float) -> list[str]:
    """Text broken into lines at spaces so each line fits in max_px (long words are shortened)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size_px) <= max_px:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = fit_text(word, max_px, size_px)
    if line:
        lines.append(line)
    return lines
