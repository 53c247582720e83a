"""From a profile to a plan: screen, exclude, rank, fit the time budget, schedule, advise."""

import math

from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.plan import Exclusion, Message, PhasePlan, Plan, PlanItem
from psoas.domain.profile import Profile
from psoas.domain.vocabulary import PLAN_PHASE_ORDER, PlanPhase, Status
from psoas.rules.dosing import item_seconds, starting_item
from psoas.rules.exclusion import DIRECT_PRESSURE_CONFLICT, exclusion_reasons
from psoas.rules.guidance import breaks_for, guidance_for
from psoas.rules.scheduling import weekly_schedule
from psoas.rules.screening import screen
from psoas.rules.selection import SESSION_PHASES, Candidate, rank


def build_plan(profile: Profile, catalogue: Catalogue) -> Plan:
    """The plan for `profile`. Deterministic: the same profile always gives the same plan."""
    screening = screen(profile, catalogue.screening)
    status = screening.status
    breaks = breaks_for(profile, catalogue, status)
    guidance = guidance_for(profile, catalogue, status, breaks)
    if status == "urgent-care":
        return Plan(
            status=status,
            messages=screening.messages,
            phases=(),
            excluded=(),
            session_minutes=0,
            weekly_schedule=(),
            guidance=guidance,
            breaks=breaks,
        )

    session_exercises = [e for e in catalogue.exercises.values() if e.phase in SESSION_PHASES]
    excluded: list[Exclusion] = []
    allowed: list[Exercise] = []
    for exercise in sorted(session_exercises, key=lambda e: e.id):
        reasons = exclusion_reasons(exercise, profile, status, catalogue)
        if reasons:
            excluded.append(Exclusion(exercise=exercise.id, reasons=tuple(reasons)))
        else:
            allowed.append(exercise)

    chosen, left_over = _fit(rank(allowed, profile), profile, catalogue)
    for candidate, reason in left_over:
        excluded.append(Exclusion(exercise=candidate.exercise.id, reasons=(reason,)))
    excluded.sort(key=lambda exclusion: exclusion.exercise)

    phases = tuple(
        PhasePlan(phase=phase, items=tuple(item for item, _ in chosen[phase]))
        for phase in PLAN_PHASE_ORDER
    )
    in_order = [exercise for phase in PLAN_PHASE_ORDER for _, exercise in chosen[phase]]
    total_s = sum(
        item_seconds(item, catalogue.parameters) for phase in phases for item in phase.items
    )
    schedule, schedule_notes = weekly_schedule(in_order, profile.sessions_per_week)

    return Plan(
        status=status,
        messages=(*screening.messages, *_pressure_note(catalogue, status), *schedule_notes),
        phases=phases,
        excluded=tuple(excluded),
        session_minutes=math.ceil(total_s / 60),
        weekly_schedule=schedule,
        guidance=guidance,
        breaks=breaks,
    )


Chosen = dict[PlanPhase, list[tuple[PlanItem, Exercise]]]


def _fit(
    ranked: list[Candidate], profile: Profile, catalogue: Catalogue
) -> tuple[Chosen, list[tuple[Candidate, Message]]]:
    """Fill phases in turns (best release, best lengthen, best strengthen, then the next best...)
    while the estimated session stays within the person's minutes, so a short session still
    covers every phase it can. What is left over comes back with the reason, to be listed."""
    parameters = catalogue.parameters
    budget_s = profile.minutes_per_session * 60
    cap = int(parameters.max_items_per_phase.value)
    queues = {
        phase: [c for c in ranked if SESSION_PHASES[c.exercise.phase] == phase]
        for phase in PLAN_PHASE_ORDER
    }
    chosen: Chosen = {phase: [] for phase in PLAN_PHASE_ORDER}
    too_long = Message(
        id="time",
        text=(
            f"Did not fit in your {profile.minutes_per_session}-minute session; "
            "a longer session would include it."
        ),
        sources=(),
    )
    left_over: list[tuple[Candidate, Message]] = []
    used_s = 0.0
    for turn in range(max((len(queue) for queue in queues.values()), default=0)):
        for phase in PLAN_PHASE_ORDER:
            if turn >= len(queues[phase]):
                continue
            candidate = queues[phase][turn]
            if len(chosen[phase]) >= cap:
                left_over.append((candidate, _phase_full(phase, cap)))
                continue
            item = starting_item(candidate.exercise, candidate.why)
            seconds = item_seconds(item, parameters)
            if used_s + seconds <= budget_s:
                chosen[phase].append((item, candidate.exercise))
                used_s += seconds
            else:
                left_over.append((candidate, too_long))
    for phase in PLAN_PHASE_ORDER:
        # Activation comes before heavier strengthening within the strengthen phase.
        chosen[phase].sort(key=lambda pair: pair[1].phase != "activate")
    return chosen, left_over


def _phase_full(phase: PlanPhase, cap: int) -> Message:
    return Message(
        id="phase-full",
        text=(
            f"The {phase} phase already has {cap} exercises that match you better; "
            "this one is an alternative to swap in."
        ),
        sources=(),
    )


def _pressure_note(catalogue: Catalogue, status: Status) -> tuple[Message, ...]:
    """Where the sources disagree, say so and state the default; moot while waiting to be seen."""
    if status != "ok":
        return ()
    conflict = catalogue.conflicts[DIRECT_PRESSURE_CONFLICT]
    text = f"Sources disagree on {conflict.topic.lower()}. {conflict.default} {conflict.reason}"
    return (Message(id=f"conflict-{conflict.id}", text=text, sources=conflict.sources),)
