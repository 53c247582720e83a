"""SVG to PNG, for `psoas report --out FILE.png` and anywhere a picture file is wanted."""

import resvg_py

from psoas.charts.theme import BACKGROUND

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def svg_to_png(svg: str, *, width_px: int | None = None) -> bytes:
    """The SVG drawn on white as PNG bytes, width_px wide (default: the SVG's own width).

    Raises ValueError when the SVG cannot be drawn or width_px is not positive.
    """
    if width_px is not None and width_px < 1:
        raise ValueError(f"width_px must be at least 1, got {width_px}")
    try:
        return resvg_py.svg_to_bytes(svg_string=svg, width=width_px, background=BACKGROUND)
    except ValueError as error:
        raise ValueError(f"could not draw the SVG as PNG: {error}") from error
