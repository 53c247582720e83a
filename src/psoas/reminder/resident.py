"""Wiring the resident reminder process: the desktop's probes and display, the clock, signals,
the step processes, the loop. Nothing imported here loads pydantic or SQLAlchemy (a test checks):
this process stays in memory all day."""

import asyncio
import json
import os
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from psoas.domain.break_watch import NoticeAnswer, ReminderNotice


class RecordingDisplay:
    """Appends each reminder (and each withdrawal) to a file as a JSON line: for scripts and for
    the tests that run a real reminder process. Answers come through `psoas breaks`."""

    def __init__(self, path: Path) -> None:
        self._path = path

    @property
    def channel(self) -> str:
        return f"the file {self._path}"

    async def show(self, notice: ReminderNotice, on_answer: Callable[[NoticeAnswer], None]) -> None:
        self._append({"shown": asdict(notice)})

    async def withdraw(self) -> None:
        self._append({"withdrawn": True})

    async def close(self) -> None:
        return None

    def _append(self, record: dict[str, object]) -> None:
        with self._path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(record) + "\n")


class WallClock:
    """The local wall clock."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def real_seconds(self, span: timedelta) -> float:
        return span.total_seconds()

    def waited(self, real_s: float) -> None:
        return None


class FastClock:
    """A clock for tests and demos that runs 1/time_scale times faster than real time while the
    loop waits, and stands still while a step process runs: a step takes about a second of real
    time, which at a fast clock would otherwise be many minutes of sitting."""

    def __init__(self, time_scale: float) -> None:
        self._scale = time_scale
        self._now = datetime.now().astimezone()

    def now(self) -> datetime:
        return self._now

    def real_seconds(self, span: timedelta) -> float:
        return span.total_seconds() * self._scale

    def waited(self, real_s: float) -> None:
        self._now += timedelta(seconds=real_s / self._scale)


async def serve(
    *,
    mode: str,
    interval_min: int,
    profile: Path,
    database_url: str | None,
    terminal: str | None,
    record: Path | None,
    time_scale: float,
) -> int:
    from psoas.desktop import choose_display, detect_presence
    from psoas.desktop.clock_presence import ClockOnlyProbe
    from psoas.reminder.step_process import StepProcesses
    from psoas.services.break_loop import LoopControl, run_reminders
    from psoas.services.break_seams import LoopClock, PresenceProbe, StepFailed

    pid = os.getpid()
    clock: LoopClock = WallClock() if time_scale == 1.0 else FastClock(time_scale)
    presence: PresenceProbe
    if time_scale != 1.0:
        # Idle seconds from the desktop are real seconds; a faster clock would misread them.
        presence = ClockOnlyProbe("a faster clock was asked for, so breaks are counted by it only")
    else:
        presence = await detect_presence()
    stream = _terminal(terminal)
    display = RecordingDisplay(record) if record else await choose_display(terminal=stream)
    steps = StepProcesses(
        profile=profile, pid=pid, mode=mode, interval_min=interval_min, database_url=database_url
    )
    control = LoopControl()
    loop = asyncio.get_running_loop()
    for number, action in ((signal.SIGTERM, control.stop.set), (signal.SIGINT, control.stop.set)):
        loop.add_signal_handler(number, action)
    if sys.platform != "win32":
        loop.add_signal_handler(signal.SIGUSR1, control.wake.set)
    details = {
        # Another process on this machine may wake this one (psoas.services.breaks.nudge_desktop).
        "host": socket.gethostname(),
        "detection": presence.method,
        "detection_note": presence.limitation,
        "channel": display.channel,
        "time_scale": time_scale,
    }
    try:
        await run_reminders(
            steps=steps,
            presence=presence,
            display=display,
            clock=clock,
            control=control,
            details=details,
        )
    except StepFailed as failure:
        sys.stderr.write(f"error: break reminders could not start: {failure}\n")
        return 1
    finally:
        try:
            await steps.stop()
        except StepFailed as failure:
            sys.stderr.write(f"warning: the break timer could not be cleared: {failure}\n")
        await presence.close()
        await display.close()
        if stream is not None:
            stream.close()
    return 0


def _terminal(path: str | None) -> TextIO | None:
    if path is None:
        return None
    try:
        # Held for the process's life and closed when it ends.
        return Path(path).open("w", encoding="utf-8")
    except OSError:
        return None
