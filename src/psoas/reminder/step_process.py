"""The resident reminder's side of its step processes: each step runs
`python -m psoas.reminder.step` and reads back the orders (psoas.services.break_seams.TimerSteps).
"""

import asyncio
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from psoas.domain.break_watch import NoticeAnswer, Observation, WatchOrders
from psoas.reminder.wire import read_orders, request_text
from psoas.services.break_seams import StepFailed

# A step takes about a second; one that takes this long is stuck and is ended.
STEP_TIMEOUT_S = 30.0


class StepProcesses:
    """Runs each step in a fresh interpreter, so the resident process never loads the database
    layer. Fixed for the process's life: who it is, the mode and interval, where the data is."""

    def __init__(
        self,
        *,
        profile: Path,
        pid: int,
        mode: str,
        interval_min: int,
        database_url: str | None,
    ) -> None:
        self._arguments = [
            "--profile",
            str(profile),
            "--pid",
            str(pid),
            "--mode",
            mode,
            "--interval-minutes",
            str(interval_min),
        ]
        if database_url is not None:
            self._arguments += ["--database-url", database_url]

    async def start(self, now: datetime, details: dict[str, Any]) -> WatchOrders:
        return _orders(await self._run(request_text("start", now, details=details)))

    async def step(
        self,
        now: datetime,
        observation: Observation,
        seen_until: datetime,
        shown_at: datetime | None,
    ) -> WatchOrders:
        request = request_text(
            "step", now, observation=observation, seen_until=seen_until, shown_at=shown_at
        )
        return _orders(await self._run(request))

    async def answer(self, now: datetime, reply: NoticeAnswer) -> WatchOrders:
        return _orders(await self._run(request_text("answer", now, answer=reply)))

    async def stop(self) -> None:
        await self._run(request_text("stop"))

    async def _run(self, request: str) -> str:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "psoas.reminder.step",
            *self._arguments,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            output, errors = await asyncio.wait_for(
                process.communicate(request.encode()), STEP_TIMEOUT_S
            )
        except TimeoutError:
            # A database lock or a stuck disk: the resident must keep looking and answering.
            process.kill()
            await process.wait()
            raise StepFailed(f"the step took longer than {STEP_TIMEOUT_S:.0f} s") from None
        if process.returncode != 0:
            message = errors.decode(errors="replace").strip().splitlines()
            raise StepFailed(message[-1] if message else f"exit {process.returncode}")
        return output.decode()


def _orders(text: str) -> WatchOrders:
    try:
        return read_orders(text)
    except (ValueError, KeyError, TypeError) as error:
        # Most likely psoas was upgraded while reminders ran: the new step speaks differently.
        raise StepFailed(
            f"the step's answer was not understood ({error}); restart reminders with "
            "`psoas breaks stop` and `psoas breaks start`"
        ) from None
