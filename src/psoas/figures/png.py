"""Figures as PNG, drawn by resvg (as the charts are)."""

import resvg_py

from psoas.figures.style import BACKGROUND


def figure_png(svg: str, *, width_px: int | None = None, system_fonts: bool = True) -> bytes:
    """The SVG as PNG bytes, width_px wide (default: its own width, one px per cm).

    system_fonts=False leaves the labels out, for pixel comparisons that must not depend on
    which fonts a machine has. Raises ValueError when the SVG cannot be drawn.
    """
    if width_px is not None and width_px < 1:
        raise ValueError(f"width_px must be at least 1, got {width_px}")
    try:
        return resvg_py.svg_to_bytes(
            svg_string=svg,
            width=width_px,
            background=BACKGROUND,
            skip_system_fonts=not system_fonts,
        )
    except ValueError as error:
        raise ValueError(f"could not draw the figure as PNG: {error}") from error
