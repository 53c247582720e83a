import sys

import pytest

from psoas.desktop.macos_presence import MacPresenceProbe, hid_idle_s
from psoas.domain.breaks import Observation
from tests.desktop.bounded import run_bounded

# Trimmed from `ioreg -c IOHIDSystem` on macOS 14.
IOREG_SAMPLE = """\
+-o Root  <class IORegistryEntry, id 0x100000100, retain 29>
  +-o J316sAP  <class IOPlatformExpertDevice, id 0x100000209, registered, matched, active>
    +-o IOResources  <class IOResources, id 0x100000105, registered, matched, active>
      +-o IOHIDSystem  <class IOHIDSystem, id 0x100000515, registered, matched, active>
          {
            "HIDIdleTimeDelta" = 0
            "HIDIdleTime" = 83512250041
            "HIDKeyboardModifierMappingPairs" = ()
          }
"""


def test_idle_time_is_read_from_ioreg_in_nanoseconds() -> None:
    assert hid_idle_s(IOREG_SAMPLE) == pytest.approx(83.512250041)
    assert hid_idle_s("+-o Root  <class IORegistryEntry>") is None


def test_the_probe_runs_the_command_and_reads_its_output() -> None:
    probe = MacPresenceProbe([sys.executable, "-c", f"print({IOREG_SAMPLE!r})"])
    seen = run_bounded(probe.observe())
    assert seen.idle_s == pytest.approx(83.512250041)


def test_a_missing_command_leaves_unknowns() -> None:
    assert run_bounded(MacPresenceProbe(["/nonexistent/ioreg"]).observe()) == Observation()


def test_opening_it_elsewhere_is_refused() -> None:
    with pytest.raises(OSError, match="only on macOS"):
        MacPresenceProbe.open()
