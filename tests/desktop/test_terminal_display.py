import contextlib
import io
import os
import pty
from dataclasses import replace

from psoas.desktop.terminal_display import LOST_CHANNEL, TERMINAL_CHANNEL, TerminalDisplay
from psoas.domain.break_watch import NoticeAnswer
from tests.desktop.bounded import run_bounded
from tests.desktop.reminders import desk_notice


def no_answer(answer: NoticeAnswer) -> None:
    raise AssertionError(f"a terminal cannot answer, yet got {answer}")


def test_the_reminder_says_how_to_answer() -> None:
    stream = io.StringIO()
    display = TerminalDisplay(stream)
    notice = desk_notice()
    run_bounded(display.show(notice, no_answer))
    text = stream.getvalue()
    assert "== Time to stand up ==" in text
    assert notice.lines[0] in text
    assert "Walk about for 2 minutes." in text
    assert "  psoas breaks done\n" in text
    assert "  psoas breaks snooze 10   (or 5, 15 minutes)\n" in text
    assert "  psoas breaks skip\n" in text
    assert display.channel == TERMINAL_CHANNEL


def test_no_snooze_line_when_snoozing_is_used_up() -> None:
    stream = io.StringIO()
    notice = replace(desk_notice(), snooze_choices_min=())
    run_bounded(TerminalDisplay(stream).show(notice, no_answer))
    assert "snooze" not in stream.getvalue()


def test_withdrawing_says_so_once() -> None:
    stream = io.StringIO()
    display = TerminalDisplay(stream)
    run_bounded(display.withdraw())
    assert stream.getvalue() == ""
    run_bounded(display.show(desk_notice(), no_answer))
    run_bounded(display.withdraw())
    run_bounded(display.withdraw())
    assert stream.getvalue().count("Reminder withdrawn") == 1


def test_a_closed_stream_silences_the_display() -> None:
    stream = io.StringIO()
    stream.close()
    display = TerminalDisplay(stream)
    run_bounded(display.show(desk_notice(), no_answer))
    run_bounded(display.show(desk_notice(), no_answer))
    assert display.channel == LOST_CHANNEL


def test_a_pipe_nobody_reads_any_more_is_survived() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w") as stream:
        display = TerminalDisplay(stream)
        run_bounded(display.show(desk_notice(), no_answer))  # EPIPE
        assert display.channel == LOST_CHANNEL
        with contextlib.suppress(BrokenPipeError):  # the buffered text cannot go anywhere
            stream.close()


def test_a_hung_up_terminal_is_survived() -> None:
    controller, terminal = pty.openpty()
    os.close(controller)  # the terminal window was closed
    with os.fdopen(terminal, "w") as stream:
        display = TerminalDisplay(stream)
        run_bounded(display.show(desk_notice(), no_answer))
        assert display.channel == LOST_CHANNEL
        with contextlib.suppress(OSError):  # EIO again for the buffered text
            stream.close()
