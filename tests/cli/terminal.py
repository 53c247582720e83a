"""Running a real process on a terminal (a pseudo-terminal) or in a pipe, and counting the
braille drawing in what it printed: figures are drawn on a terminal and left out of a pipe."""

import os
import pty
import select
import subprocess
import time


def braille_dots(text: str) -> int:
    """Braille cells with at least one dot (U+2800, the blank cell, pads the drawing)."""
    return sum(0x2801 <= ord(c) <= 0x28FF for c in text)


def plain_environment() -> dict[str, str]:
    """The environment of a plain terminal: nothing that forces rich to treat a pipe as a
    terminal or the other way round."""
    forcing = {"FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "COLUMNS"}
    kept = {name: value for name, value in os.environ.items() if name not in forcing}
    return {**kept, "TERM": "xterm-256color", "COLUMNS": "100"}


def run_on_a_terminal(command: list[str], timeout_s: float = 60.0) -> tuple[int, str]:
    """Run a real process with its stdout on a pseudo-terminal; its exit code and output."""
    controller, terminal = pty.openpty()
    chunks: list[bytes] = []
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=terminal, stderr=subprocess.DEVNULL,
        env=plain_environment(),
    ) as process:  # fmt: skip
        os.close(terminal)
        deadline = time.monotonic() + timeout_s
        try:
            while (left := deadline - time.monotonic()) > 0:
                if not select.select([controller], [], [], left)[0]:
                    continue
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # EIO: the process ended and the terminal closed
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            else:
                process.kill()
                raise AssertionError(f"{command} did not finish within {timeout_s:g} s")
            code = process.wait(timeout=timeout_s)
        finally:
            os.close(controller)
    return code, b"".join(chunks).decode("utf-8")
