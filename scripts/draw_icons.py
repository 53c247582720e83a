"""Draw the app's icons (static/icons/*.png) from one SVG, with resvg; run after changing it.

    .venv/bin/python scripts/draw_icons.py

Our own drawing, nothing downloaded: a figure in a half-kneeling hip-flexor stretch on the
app's accent blue. The maskable icon keeps the figure inside the middle 80 % (the safe zone a
phone may crop to a circle) and paints the whole square.
"""

from pathlib import Path

import resvg_py

ICONS = Path(__file__).parent.parent / "src" / "psoas" / "web" / "static" / "icons"
ACCENT = "#0b5cad"

# The figure on a 100 x 100 grid: head, back, front leg (knee up), back leg (knee down).
FIGURE = """
<g fill="none" stroke="#ffffff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round">
  <circle cx="50" cy="20" r="8" fill="#ffffff" stroke="none"/>
  <path d="M50 31 L48 56"/>
  <path d="M48 56 L66 58 L68 80"/>
  <path d="M48 56 L36 78 L18 80"/>
  <path d="M49 38 L62 48"/>
</g>
<path d="M10 84 H90" stroke="#ffffff" stroke-width="4" stroke-linecap="round" opacity="0.7"/>
"""


def icon_svg(*, maskable: bool) -> str:
    # Maskable: full-bleed square, figure scaled to 70 % around the centre. Plain: rounded tile.
    if maskable:
        background = f'<rect width="100" height="100" fill="{ACCENT}"/>'
        figure = f'<g transform="translate(15 15) scale(0.7)">{FIGURE}</g>'
    else:
        background = f'<rect width="100" height="100" rx="20" fill="{ACCENT}"/>'
        figure = FIGURE
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">'
        f"{background}{figure}</svg>"
    )


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(icon_svg(maskable=False) + "\n")
    for name, size, maskable in (
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ):
        png = resvg_py.svg_to_bytes(svg_string=icon_svg(maskable=maskable), width=size)
        (ICONS / name).write_bytes(bytes(png))


if __name__ == "__main__":
    main()
