"""Desktop adapters for sitting-break reminders: who is at the desk, and where reminders show.

The reminder loop asks ``detect_presence()`` for a probe and ``choose_display()`` for a display;
both look at this machine at run time and fall back rather than fail. Each platform's code sits in
its own module and is imported only where it can run.
"""

from psoas.desktop.display_choice import choose_display
from psoas.desktop.presence_detection import DesktopPresenceProbe, detect_presence

__all__ = ["DesktopPresenceProbe", "choose_display", "detect_presence"]
