"""The fallback when nothing on this machine can tell whether someone is at the desk."""

from psoas.domain.break_watch import Observation


class ClockOnlyProbe:
    """Sees nothing: every observation is unknown, so breaks are counted by the clock alone."""

    def __init__(self, limitation: str) -> None:
        self._limitation = limitation

    @property
    def method(self) -> str | None:
        return None

    @property
    def limitation(self) -> str | None:
        return self._limitation

    async def observe(self) -> Observation:
        return Observation()

    async def close(self) -> None:
        return None
