"""Wiring the reminder process: the desktop's probes and display, the clock, signals, the loop."""

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from psoas.domain.breaks import BreakAnswer, BreakMode, BreakReminder
from psoas.domain.plan import Plan


class RecordingDisplay:
    """Appends each reminder (and each withdrawal) to a file as a JSON line: for scripts and for
    the tests that run a real reminder process. Answers come through `psoas breaks`."""

    def __init__(self, path: Path) -> None:
        self._path = path

    @property
    def channel(self) -> str:
        return f"the file {self._path}"

    async def show(self, reminder: BreakReminder, on_answer: Callable[[BreakAnswer], None]) -> None:
        self._append({"shown": reminder.model_dump(mode="json")})

    async def withdraw(self) -> None:
        self._append({"withdrawn": True})

    async def close(self) -> None:
        return None

    def _append(self, record: dict[str, object]) -> None:
        with self._path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(record) + "\n")


def scaled_clock(time_scale: float) -> Callable[[], datetime]:
    """The local wall clock, run 1/time_scale times faster from now (1.0: the real clock)."""
    started = datetime.now().astimezone()
    origin = time.monotonic()
    if time_scale == 1.0:
        return lambda: datetime.now().astimezone()
    return lambda: started + timedelta(seconds=(time.monotonic() - origin) / time_scale)


async def serve(
    engine: Engine,
    *,
    mode: BreakMode,
    interval_min: int,
    profile: Path,
    terminal: str | None,
    record: Path | None,
    time_scale: float,
) -> None:
    from psoas.desktop import choose_display, detect_presence
    from psoas.desktop.clock_presence import ClockOnlyProbe
    from psoas.services import breaks
    from psoas.services.break_loop import LoopControl, run_reminders
    from psoas.services.break_seams import PresenceProbe
    from psoas.services.profiles import read_profile
    from psoas.services.progress import current_plan
    from psoas.storage import LOCAL_PERSON_ID

    pid = os.getpid()
    clock = scaled_clock(time_scale)
    presence: PresenceProbe
    if time_scale != 1.0:
        # Idle seconds from the desktop are real seconds; a faster clock would misread them.
        presence = ClockOnlyProbe("a faster clock was asked for, so breaks are counted by it only")
    else:
        presence = await detect_presence()
    stream = _terminal(terminal)
    display = RecordingDisplay(record) if record else await choose_display(terminal=stream)

    def plan() -> Plan:
        return current_plan(engine, read_profile(profile))

    control = LoopControl()
    loop = asyncio.get_running_loop()
    for number, action in ((signal.SIGTERM, control.stop.set), (signal.SIGINT, control.stop.set)):
        loop.add_signal_handler(number, action)
    if sys.platform != "win32":
        loop.add_signal_handler(signal.SIGUSR1, control.wake.set)
    breaks.start(
        engine,
        person_id=LOCAL_PERSON_ID,
        plan=None,  # `psoas breaks start` checked it is not on hold
        driver="desktop",
        now=clock(),
        mode=mode,
        interval_min=interval_min,
        pid=pid,
        details={
            "detection": presence.method,
            "detection_note": presence.limitation,
            "channel": display.channel,
            "time_scale": time_scale,
        },
    )
    try:
        await run_reminders(
            engine,
            person_id=LOCAL_PERSON_ID,
            pid=pid,
            presence=presence,
            display=display,
            plan=plan,
            clock=clock,
            control=control,
            seconds_per_minute=60.0 * time_scale,
        )
    finally:
        breaks.stop(engine, person_id=LOCAL_PERSON_ID, pid=pid)
        await presence.close()
        await display.close()
        if stream is not None:
            stream.close()


def _terminal(path: str | None) -> TextIO | None:
    if path is None:
        return None
    try:
        # Held for the process's life and closed when it ends.
        return Path(path).open("w", encoding="utf-8")
    except OSError:
        return None
