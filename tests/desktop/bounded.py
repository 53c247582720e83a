"""A deadline for each test's coroutine: a hung bus or X server fails the test, never hangs CI."""

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
TEST_TIMEOUT_S = 10.0


def run_bounded(coroutine: Coroutine[Any, Any, T], timeout_s: float = TEST_TIMEOUT_S) -> T:
    return asyncio.run(asyncio.wait_for(coroutine, timeout=timeout_s))


async def eventually(
    condition: Callable[[], Awaitable[bool]],
    timeout_s: float = 5.0,
    step_s: float = 0.02,
) -> None:
    """Waits until ``await condition()`` is true; fails the test when it stays false."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not await condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"still false after {timeout_s} s")
        await asyncio.sleep(step_s)
