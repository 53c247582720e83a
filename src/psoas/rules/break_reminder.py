"""What a break reminder says: the reason, a walk, and a short stretch from the person's own plan.

Only stretches already in the plan are offered, so the plan's screening (conditions, equipment,
warning signs) carries over; a plan on hold for warning signs offers no stretch at all. Drive mode
offers only standing stretches that need nothing: a lay-by is no place to kneel.
"""

from datetime import datetime

from psoas.domain.breaks import BreakMode, BreakReminder, BreakStretch, BreakTimer, SnoozeMinutes
from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.plan import Plan, PlanItem

# One to two minutes in all: a hold per side, each no longer than this.
MAX_HOLD_S = 60
DESK_POSITIONS = ("standing", "half-kneeling")


def break_stretches(plan: Plan, catalogue: Catalogue, mode: BreakMode) -> tuple[BreakStretch, ...]:
    """The plan's stretches that suit a break in this mode, standing ones first."""
    if plan.status == "urgent-care":
        return ()
    found: list[tuple[bool, BreakStretch]] = []
    for phase in plan.phases:
        if phase.phase != "lengthen":
            continue
        for item in phase.items:
            exercise = catalogue.exercises[item.exercise]
            if _suits(exercise, mode):
                found.append((exercise.position != "standing", _stretch(item, exercise)))
    return tuple(stretch for _, stretch in sorted(found, key=lambda pair: pair[0]))


def reminder_for(
    timer: BreakTimer,
    stretches: tuple[BreakStretch, ...],
    catalogue: Catalogue,
    *,
    on_hold: bool,
    snooze_choices_min: tuple[SnoozeMinutes, ...],
    now: datetime,
) -> BreakReminder:
    """The reminder to show now; stretches take turns from one reminder to the next."""
    guidance = catalogue.guidance[f"break-reminder-{timer.mode}"]
    parameters = catalogue.parameters
    walk = (
        parameters.desk_break_walk_minutes
        if timer.mode == "desk"
        else (parameters.driving_break_minutes)
    )
    stretch = stretches[(timer.prompt_count - 1) % len(stretches)] if stretches else None
    sitting_min = max(0, int((now - timer.sitting_since).total_seconds() // 60))
    lines = [f"Sitting for {sitting_min} minutes.", guidance.text]
    if stretch is not None:
        sides = " each side" if stretch.each_side else ""
        lines.append(f"{stretch.name}: hold {stretch.hold_s} s{sides}. {stretch.cue}")
    elif on_hold:
        lines.append(
            "Stretches are paused until you have been seen about the warning signs in your "
            "check-in: just stand and move gently."
        )
    else:
        lines.append("Your plan has no stretch that suits a break yet, so make this one a walk.")
    sources = tuple(
        dict.fromkeys((*guidance.sources, *walk.sources, *(stretch.sources if stretch else ())))
    )
    return BreakReminder(
        mode=timer.mode,
        title=guidance.title,
        body=" ".join(lines),
        stretch=stretch,
        walk_min=int(walk.value),
        sitting_min=sitting_min,
        snooze_choices_min=snooze_choices_min,
        sources=sources,
    )


def _suits(exercise: Exercise, mode: BreakMode) -> bool:
    if mode == "drive":
        return exercise.position == "standing" and not exercise.equipment
    return exercise.position in DESK_POSITIONS


def _stretch(item: PlanItem, exercise: Exercise) -> BreakStretch:
    cues = exercise.technique_cues
    first = next((cue for cue in cues if cue.when == "start"), cues[0] if cues else None)
    return BreakStretch(
        exercise_id=exercise.id,
        name=exercise.name,
        hold_s=min(item.seconds, MAX_HOLD_S),
        each_side=item.sides == "each",
        cue=first.text if first is not None else exercise.steps[0],
        sources=item.sources,
    )
