"""Writing exercise figures to files for `psoas exercises show --image` and `figures`.

The format follows the extension; a file is written whole or not at all (a temporary file in
the same folder, renamed into place), so a failed write never leaves half a picture. The file
gets the mode of any new file (0666 less the umask), not a private temporary file's 0600.
"""

import os
import secrets
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from psoas.cli.errors import fail

if TYPE_CHECKING:
    from psoas.domain.exercise import Exercise
    from psoas.domain.figure import Side

IMAGE_SUFFIXES = (".svg", ".png")
PRINT_WIDTH_PX = 1040  # two panels at 2 px per cm: sharp on paper at about 17 cm wide


class FigureSide(StrEnum):
    left = "left"
    right = "right"


class FigureFormat(StrEnum):
    svg = "svg"
    png = "png"


def image_suffix(option: str, path: Path) -> str:
    """The format asked for by a file name; a bad extension is an input error naming both."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise fail([f"{option}: {str(path)!r} must end in .svg or .png (got {suffix or 'none'!r})"])
    return suffix


def figure_bytes(exercise: "Exercise", suffix: str, side: "Side") -> bytes:
    """The key poses side by side, as SVG text or a PNG; side counts for one-sided exercises."""
    from psoas.figures import default_side, figure_png, key_poses_svg

    assert exercise.figure is not None
    chosen = side if default_side(exercise) is not None else None
    svg = key_poses_svg(exercise.figure, name=exercise.name, side=chosen)
    if suffix == ".svg":
        return svg.encode()
    return figure_png(svg, width_px=PRINT_WIDTH_PX if exercise.figure.end else PRINT_WIDTH_PX // 2)


def write_whole(option: str, path: Path, data: bytes) -> None:
    """Write data to path atomically; an OSError becomes one input-error line."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        # O_EXCL: a new file of our own; the system applies the umask to 0o666.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            temporary.replace(path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise fail(
            [f"{option}: cannot write {str(path)!r} ({reason}); choose a file in a folder you "
             "can write to"]
        ) from None  # fmt: skip
