"""The Windows probe's decisions, which run anywhere; its system calls need Windows itself."""

import pytest

from psoas.desktop.windows_presence import (
    WINDOWS_METHOD,
    UserNotificationState,
    WindowsPresenceProbe,
    idle_ms_between,
    observation_for,
)
from psoas.domain.breaks import Observation
from tests.desktop.bounded import run_bounded


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (UserNotificationState.NOT_PRESENT, Observation(idle_s=7.0, locked=True)),
        (UserNotificationState.BUSY, Observation(idle_s=7.0, locked=False, fullscreen=True)),
        (
            UserNotificationState.RUNNING_D3D_FULL_SCREEN,
            Observation(idle_s=7.0, locked=False, fullscreen=True),
        ),
        (
            UserNotificationState.PRESENTATION_MODE,
            Observation(idle_s=7.0, locked=False, fullscreen=True, do_not_disturb=True),
        ),
        (
            UserNotificationState.ACCEPTS_NOTIFICATIONS,
            Observation(idle_s=7.0, locked=False, fullscreen=False),
        ),
        (
            UserNotificationState.QUIET_TIME,
            Observation(idle_s=7.0, locked=False, fullscreen=False, do_not_disturb=True),
        ),
        (UserNotificationState.APP, Observation(idle_s=7.0, locked=False)),
        (None, Observation(idle_s=7.0)),
        (99, Observation(idle_s=7.0)),
    ],
)
def test_each_notification_state_says_what_it_can(state: int | None, expected: Observation) -> None:
    assert observation_for(state, 7.0) == expected


def test_idle_time_survives_the_tick_counter_wrapping() -> None:
    assert idle_ms_between(10_000, 4_000) == 6_000
    # 2**32 ms after boot the 32-bit counter restarts at 0; the 64-bit one does not.
    assert idle_ms_between(2**32 + 500, 2**32 - 1_500) == 2_000


def test_observations_come_from_the_two_reads_and_never_raise() -> None:
    probe = WindowsPresenceProbe(lambda: 65_000, lambda: UserNotificationState.BUSY)
    assert run_bounded(probe.observe()) == Observation(idle_s=65.0, locked=False, fullscreen=True)
    assert probe.method == WINDOWS_METHOD

    def broken() -> int | None:
        raise OSError("access denied")

    assert run_bounded(WindowsPresenceProbe(broken, broken).observe()) == Observation()


def test_opening_it_elsewhere_is_refused() -> None:
    with pytest.raises(OSError, match="only on Windows"):
        WindowsPresenceProbe.open()
