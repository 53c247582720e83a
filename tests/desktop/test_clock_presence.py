from psoas.desktop.clock_presence import ClockOnlyProbe
from psoas.domain.breaks import Observation
from tests.desktop.bounded import run_bounded


def test_the_clock_sees_nothing_and_says_why() -> None:
    probe = ClockOnlyProbe("No desktop session found, so breaks are counted by the clock only")
    assert probe.method is None
    assert probe.limitation == "No desktop session found, so breaks are counted by the clock only"
    assert run_bounded(probe.observe()) == Observation()
