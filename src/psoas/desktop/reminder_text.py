"""The words of a reminder as every display shows them: the caller's text, then the walk.

The body comes from the rules and already carries the stretch; it is shown as it is. A stretch
is added only if the body left its cue out. In drive mode the added lines start from having
stopped, so nothing here reads as something to do at the wheel.
"""

from psoas.domain.breaks import BreakReminder

DRIVE_STOPPED = "After you have stopped somewhere safe"


def reminder_lines(reminder: BreakReminder) -> list[str]:
    lines = [reminder.body]
    stretch = reminder.stretch
    if stretch is not None and stretch.cue not in reminder.body:
        sides = " each side" if stretch.each_side else ""
        line = f"{stretch.name}: hold {stretch.hold_s} s{sides}. {stretch.cue}"
        lines.append(f"{DRIVE_STOPPED}: {line}" if reminder.mode == "drive" else line)
    lines.append(walk_line(reminder))
    return lines


def walk_line(reminder: BreakReminder) -> str:
    minutes = f"{reminder.walk_min} minute{'s' if reminder.walk_min != 1 else ''}"
    if reminder.mode == "drive":
        return f"{DRIVE_STOPPED}, walk about for {minutes} or more."
    return f"Walk about for {minutes}."
