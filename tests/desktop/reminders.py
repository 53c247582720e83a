"""Reminders as the rules build them, and as the displays get them, for the display tests."""

from psoas.domain.break_watch import ReminderNotice
from psoas.domain.breaks import BreakReminder, BreakStretch
from psoas.services.break_text import notice_for

KNEELING_STRETCH = BreakStretch(
    exercise_id="half-kneeling-hip-flexor-stretch",
    name="Half-kneeling hip flexor stretch",
    hold_s=30,
    each_side=True,
    cue="Tuck your pelvis under before you lean forward.",
    sources=("best-psoas-stretches",),
)


def desk_reminder(*, body_has_stretch: bool = True) -> BreakReminder:
    stretch_line = (
        f" {KNEELING_STRETCH.name}: hold 30 s each side. {KNEELING_STRETCH.cue}"
        if body_has_stretch
        else ""
    )
    return BreakReminder(
        mode="desk",
        title="Time to stand up",
        body="Sitting for 62 minutes. Stand up and walk about for a minute or two." + stretch_line,
        stretch=KNEELING_STRETCH,
        walk_min=2,
        sitting_min=62,
        snooze_choices_min=(5, 10, 15),
        sources=("best-psoas-stretches",),
    )


def drive_reminder() -> BreakReminder:
    return BreakReminder(
        mode="drive",
        title="Plan a stop",
        body="It is time for a break from driving. When you can stop somewhere safe and legal, "
        "pull over and turn the engine off. Never stretch while driving.",
        stretch=KNEELING_STRETCH,
        walk_min=15,
        sitting_min=121,
        snooze_choices_min=(10,),
        sources=("highway-code-rule-91",),
    )


def desk_notice() -> ReminderNotice:
    return notice_for(desk_reminder())
