"""Spoken cues through espeak-ng, when it is installed. Off unless --voice is given."""

import shutil
import subprocess
from collections.abc import Callable

from psoas.cli.errors import fail

VOICE_PROGRAM = "espeak-ng"


def voice_or_fail(program: str = VOICE_PROGRAM) -> Callable[[str], None]:
    """A speak(text) function, or exit 2 saying how to get the voice."""
    path = shutil.which(program)
    if path is None:
        raise fail(
            [f"--voice: {program} is not installed; install it (Debian/Ubuntu: "
             f"apt-get install {program}) or leave out --voice"]
        )  # fmt: skip

    def speak(text: str) -> None:
        # Fire and forget: speech must never hold up the timer.
        subprocess.Popen([path, "--", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return speak
