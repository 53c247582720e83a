"""Readable terminal output of plans, exercises and sources (Rich)."""

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Dose, Exercise
from psoas.domain.plan import Message, Plan, PlanItem
from psoas.domain.vocabulary import PHASE_TITLES

STATUS_STYLE = {"ok": "green", "see-professional": "yellow", "urgent-care": "bold red"}
STATUS_TITLE = {
    "ok": "Ready to start",
    "see-professional": "See a professional first",
    "urgent-care": "Stop: get medical help",
}


def console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def cite(sources: tuple[str, ...]) -> str:
    """Citations as people read them: each source's short title, not its id."""
    if not sources:
        return ""
    known = load_catalogue().sources
    return " [" + "; ".join(known[s].short if s in known else s for s in sources) + "]"


def sides_text(sides: str) -> str:
    return "each side" if sides == "each" else "both sides at once"


def item_dose(item: PlanItem) -> str:
    hold = f"{item.seconds} s"
    if item.reps:
        return f"{item.sets} × {item.reps} reps, {hold} hold, {sides_text(item.sides)}"
    return f"{item.sets} × {hold}, {sides_text(item.sides)}"


def walk_dose(item: PlanItem) -> str:
    minutes = item.seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''} of easy walking"


def dose_range(dose: Dose) -> str:
    def span(low: int, high: int) -> str:
        return f"{low}" if low == high else f"{low}–{high}"

    parts = [f"{span(dose.sets.min, dose.sets.max)} set(s)"]
    if dose.reps:
        parts.append(f"{span(dose.reps.min, dose.reps.max)} reps")
    parts.append(f"{span(dose.seconds.min, dose.seconds.max)} s")
    parts.append(sides_text(dose.sides))
    parts.append(f"{span(dose.per_week.min, dose.per_week.max)} times a week")
    return ", ".join(parts)


def _messages(title: str, messages: tuple[Message, ...]) -> Panel:
    body = Group(*(Text(f"• {m.text}{cite(m.sources)}") for m in messages))
    return Panel(body, title=title, title_align="left")


def render_plan(plan: Plan, catalogue: Catalogue, out: Console) -> None:
    def name(exercise_id: str) -> str:
        exercise = catalogue.exercises.get(exercise_id)
        return exercise.name if exercise else exercise_id

    style = STATUS_STYLE[plan.status]
    out.print(Panel(Text(STATUS_TITLE[plan.status], style=style), border_style=style))
    out.print(_messages("What this means", plan.messages))
    if plan.tell_professional:
        lines = Group(*(Text(f"• {line}") for line in plan.tell_professional))
        out.print(
            Panel(lines, title="What to tell the doctor or physiotherapist", title_align="left")
        )
    if plan.status == "urgent-care":
        out.print(_messages("Guidance", plan.guidance))
        return

    shown = [phase for phase in plan.phases if phase.items]
    for phase in shown:
        table = Table(title=PHASE_TITLES[phase.phase], title_justify="left", expand=True)
        table.add_column("Exercise", ratio=2)
        table.add_column("Dose", ratio=2)
        table.add_column("Why", ratio=5)
        for item in phase.items:
            dose = walk_dose(item) if phase.phase == "move" else item_dose(item)
            table.add_row(name(item.exercise), dose, item.why + cite(item.sources))
        out.print(table)
    if plan.status == "see-professional":
        out.print(
            f"Until you have been seen: gentle walking, about {plan.session_minutes} min a time, "
            "and more whenever a sitting break comes round."
        )
    elif shown:
        out.print(f"Estimated session: about {plan.session_minutes} min")
    else:
        out.print("Nothing in the catalogue fits your answers and equipment this time.")

    if plan.weekly_schedule:
        week = Table(title="This week", title_justify="left")
        week.add_column("Day")
        week.add_column("Exercises")
        for session in plan.weekly_schedule:
            week.add_row(str(session.day), ", ".join(name(e) for e in session.exercises))
        out.print(week)

    if plan.excluded:
        left_out = Table(title="Left out, and why", title_justify="left", expand=True)
        left_out.add_column("Exercise", ratio=1)
        left_out.add_column("Reasons", ratio=4)
        for exclusion in plan.excluded:
            reasons = "\n".join(r.text + cite(r.sources) for r in exclusion.reasons)
            left_out.add_row(name(exclusion.exercise), reasons)
        out.print(left_out)

    if plan.guidance:
        out.print(_messages("Guidance", plan.guidance))
    breaks = plan.breaks
    if breaks.desk_interval_minutes or breaks.driving_interval_minutes:
        parts = []
        if breaks.desk_interval_minutes:
            parts.append(f"at a desk every {breaks.desk_interval_minutes} min")
        if breaks.driving_interval_minutes:
            parts.append(f"when driving every {breaks.driving_interval_minutes} min")
        out.print("Sitting breaks: " + "; ".join(parts))


def render_exercise(
    exercise: Exercise, catalogue: Catalogue, out: Console, *, drawing: list[str] | None = None
) -> None:
    """The exercise in a panel; drawing is its figure as text (braille), shown first."""
    lines: list[str] = [*(drawing or []), *([""] if drawing else []), exercise.summary, ""]
    lines.append(f"Phase: {exercise.phase}    Position: {exercise.position}")
    if exercise.aliases:
        lines.append("Also called: " + ", ".join(exercise.aliases))
    lines.append("Targets: " + ", ".join(exercise.targets))
    needs = [" or ".join(options) for options in exercise.equipment]
    lines.append("Equipment: " + ("; ".join(needs) if needs else "none (the floor)"))
    lines.append(f"Dose: {dose_range(exercise.dose)}{cite(exercise.dose.sources)}")
    if exercise.dose.choice_note:
        lines.append(f"  {exercise.dose.choice_note}")
    lines += ["", f"Why: {exercise.why.text}{cite(exercise.why.sources)}", "", "Steps:"]
    lines += [f"  {number}. {step}" for number, step in enumerate(exercise.steps, start=1)]
    for title, cues in (
        ("Technique", exercise.technique_cues),
        ("Breathing", exercise.breathing_cues),
    ):
        if cues:
            lines.append(f"{title} cues:")
            lines += [f"  - ({cue.when}) {cue.text}" for cue in cues]
    sections = (
        ("Common mistakes", exercise.common_mistakes),
        ("Cautions", exercise.cautions),
        ("Not for people with", exercise.contraindications),
        ("Easier", exercise.regressions),
        ("Harder", exercise.progressions),
    )
    for title, values in sections:
        if values:
            lines.append(f"{title}:")
            lines += [f"  - {value}" for value in values]
    for conflict_id in exercise.conflicts:
        conflict = catalogue.conflicts[conflict_id]
        lines.append(
            f"Sources disagree ({conflict.topic}): {conflict.default}{cite(conflict.sources)}"
        )
    lines.append("Sources:")
    known = catalogue.sources
    lines += [
        f"  - {known[claim.source].short if claim.source in known else claim.source}: {claim.claim}"
        for claim in exercise.sources
    ]
    out.print(Panel(Text("\n".join(lines)), title=exercise.name, title_align="left"))
