"""The resident reminder's side of its step processes: each step runs
`python -m psoas.cli.break_step` and reads back the orders (psoas.services.break_seams.TimerSteps).
"""

import asyncio
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from psoas.cli.break_wire import read_orders, request_text
from psoas.domain.break_watch import NoticeAnswer, Observation, WatchOrders
from psoas.services.break_seams import StepFailed


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
        return read_orders(await self._run(request_text("start", now, details=details)))

    async def step(
        self, now: datetime, observation: Observation, seen_until: datetime
    ) -> WatchOrders:
        request = request_text("step", now, observation=observation, seen_until=seen_until)
        return read_orders(await self._run(request))

    async def answer(self, now: datetime, reply: NoticeAnswer) -> WatchOrders:
        return read_orders(await self._run(request_text("answer", now, answer=reply)))

    async def stop(self) -> None:
        await self._run(request_text("stop"))

    async def _run(self, request: str) -> str:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "psoas.cli.break_step",
            *self._arguments,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        output, errors = await process.communicate(request.encode())
        if process.returncode != 0:
            message = errors.decode(errors="replace").strip().splitlines()
            raise StepFailed(message[-1] if message else f"exit {process.returncode}")
        return output.decode()
