"""Reminders written to a terminal, for sessions without desktop notifications.

A terminal cannot take an answer back from a background process, so the reminder says which
`psoas breaks` command answers it. The terminal may be closed while the process runs on: writing
then fails (EIO, a broken pipe, a closed file) and the display goes quiet instead of crashing.
"""

import sys
from collections.abc import Callable
from typing import TextIO

from psoas.domain.break_watch import NoticeAnswer, ReminderNotice

TERMINAL_CHANNEL = "this terminal"
LOST_CHANNEL = "nowhere: the terminal it was started from has closed"


def answer_lines(snooze_choices_min: tuple[int, ...]) -> list[str]:
    lines = ["Answer from any terminal:", "  psoas breaks done"]
    if snooze_choices_min:
        example = 10 if 10 in snooze_choices_min else snooze_choices_min[0]
        others = [str(m) for m in snooze_choices_min if m != example]
        also = f"   (or {', '.join(others)} minutes)" if others else ""
        lines.append(f"  psoas breaks snooze {example}{also}")
    lines.append("  psoas breaks skip")
    return lines


def terminal_text(notice: ReminderNotice) -> str:
    lines = ["", f"== {notice.title} ==", *notice.lines, ""]
    lines += answer_lines(notice.snooze_choices_min)
    return "\n".join(lines) + "\n"


class TerminalDisplay:
    """Writes to the given stream, by default this process's standard output."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream: TextIO | None = stream if stream is not None else sys.stdout
        self._showing = False
        self._lost = self._stream is None  # pythonw and detached processes have no stdout

    @property
    def channel(self) -> str:
        return LOST_CHANNEL if self._lost else TERMINAL_CHANNEL

    async def show(self, notice: ReminderNotice, on_answer: Callable[[NoticeAnswer], None]) -> None:
        # on_answer is not called from here: answers arrive through the `psoas breaks` commands.
        self._showing = self._write(terminal_text(notice))

    async def withdraw(self) -> None:
        if self._showing:
            self._write("(Reminder withdrawn: you took a break, so there is nothing to answer.)\n")
            self._showing = False

    async def close(self) -> None:
        # The stream belongs to whoever passed it in (or to the interpreter): not closed here.
        self._stream = None

    def _write(self, text: str) -> bool:
        if self._stream is None:
            return False
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # EIO or EPIPE from a gone terminal; ValueError: closed
            self._stream = None
            self._lost = True
            return False
        return True
