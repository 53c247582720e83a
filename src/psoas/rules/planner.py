"""From a profile to a plan: screen, exclude, rank, fit the time budget, schedule, advise."""

import math
from dataclasses import replace

from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.plan import Exclusion, Message, PhasePlan, Plan, PlanItem
from psoas.domain.profile import Profile
from psoas.domain.safety import Restriction
from psoas.domain.vocabulary import PLAN_PHASE_ORDER, PlanPhase
from psoas.rules.dosing import item_seconds, starting_item
from psoas.rules.exclusion import applying_restrictions, excludes, exclusion_reasons
from psoas.rules.guidance import breaks_for, guidance_for
from psoas.rules.plan_notes import (
    locked_notes,
    pressure_note,
    shorter_than_budget,
    unlocked_notes,
)
from psoas.rules.scheduling import weekly_schedule
from psoas.rules.screening import screen
from psoas.rules.selection import SESSION_PHASES, Candidate, rank
from psoas.rules.telling import answers_to_tell
from psoas.rules.triggers import holds

# What someone waiting to be seen keeps: gentle walking (content/exercises/walk-break.yaml).
WALK = "walk-break"
DIRECT = "direct-psoas-pressure"


def build_plan(
    profile: Profile, catalogue: Catalogue, lifted: frozenset[str] = frozenset()
) -> Plan:
    """The plan for `profile`. Deterministic: the same profile always gives the same plan.
    `lifted` holds the staged restrictions that progress check-ins have lifted
    (rules.settling.lifted_restrictions)."""
    screening = screen(profile, catalogue.screening)
    status = screening.status
    breaks = breaks_for(profile, catalogue, status)
    guidance = (*guidance_for(profile, catalogue, status, breaks), *screening.advice)
    tell = answers_to_tell(profile, screening.reasons, catalogue)
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
            tell_professional=tell,
        )

    session_exercises = [e for e in catalogue.exercises.values() if e.phase in SESSION_PHASES]
    applying = applying_restrictions(profile, catalogue, lifted)
    excluded: list[Exclusion] = []
    allowed: list[Exercise] = []
    for exercise in sorted(session_exercises, key=lambda e: e.id):
        reasons = exclusion_reasons(exercise, profile, status, catalogue, lifted, applying)
        if reasons:
            excluded.append(Exclusion(exercise=exercise.id, reasons=tuple(reasons)))
        else:
            allowed.append(exercise)

    ranked, spare = _one_direct_technique(rank(allowed, profile))
    chosen, left_over = _fit(ranked, profile, catalogue)
    for candidate, reason in [*spare, *left_over]:
        excluded.append(Exclusion(exercise=candidate.exercise.id, reasons=(reason,)))
    if status == "see-professional":
        chosen["move"].append(_walk(catalogue))
    excluded.sort(key=lambda exclusion: exclusion.exercise)

    phases = tuple(
        PhasePlan(phase=phase, items=tuple(item for item, _ in chosen[phase]))
        for phase in PLAN_PHASE_ORDER
    )
    in_order = [exercise for phase in PLAN_PHASE_ORDER for _, exercise in chosen[phase]]
    total_s = sum(
        item_seconds(item, catalogue.parameters) for phase in phases for item in phase.items
    )
    # Waiting to be seen, the walk is every day, whatever the sessions a week asked for.
    per_week = max(profile.sessions_per_week, 7) if status == "see-professional" else None
    schedule, schedule_notes = weekly_schedule(in_order, per_week or profile.sessions_per_week)
    planned = {exercise.id for exercise in in_order}
    held_back = _strictest(
        [r for r in applying if r.lifted_when],
        [e for e in session_exercises if e.id not in planned],
    )
    joined = [r for r in catalogue.restrictions if r.id in lifted and holds(r.when, profile)]
    return Plan(
        status=status,
        messages=(
            *screening.messages,
            *pressure_note(catalogue, profile, status, planned),
            *(locked_notes(held_back) if status == "ok" else ()),
            *(unlocked_notes(joined) if status == "ok" else ()),
            *shorter_than_budget(profile, catalogue, status, total_s),
            *schedule_notes,
        ),
        phases=phases,
        excluded=tuple(excluded),
        session_minutes=math.ceil(total_s / 60),
        weekly_schedule=schedule,
        guidance=guidance,
        breaks=breaks,
        tell_professional=tell,
    )


Chosen = dict[PlanPhase, list[tuple[PlanItem, Exercise]]]


def _one_direct_technique(
    ranked: list[Candidate],
) -> tuple[list[Candidate], list[tuple[Candidate, Message]]]:
    """A person who opted in gets one direct technique, chosen first in the release phase (the
    best match); any other is an alternative, listed with the reason."""
    direct = [c for c in ranked if DIRECT in c.exercise.features]
    if not direct:
        return ranked, []
    best = replace(direct[0], first=True)
    rest = [best, *(c for c in ranked if DIRECT not in c.exercise.features)]
    rest.sort(key=lambda c: (not c.first, -c.score, c.exercise.id))
    spare = Message(
        id="one-direct-technique",
        text=(
            f"Your plan has one direct technique ({best.exercise.name}); "
            "this one is an alternative to swap in, not to add."
        ),
        sources=(),
    )
    return rest, [(c, spare) for c in direct[1:]]


def phase_limit(profile: Profile, catalogue: Catalogue) -> int:
    """How many exercises a phase may hold: more as the session gets longer (planning.yaml)."""
    parameters = catalogue.parameters
    per_item = parameters.minutes_per_extra_item.value
    return max(
        int(parameters.min_items_per_phase.value), int(profile.minutes_per_session // per_item)
    )


def _fit(
    ranked: list[Candidate], profile: Profile, catalogue: Catalogue
) -> tuple[Chosen, list[tuple[Candidate, Message]]]:
    """Those to choose first go in first, phase by phase; then the phases fill in turns (best
    release, best lengthen, best strengthen, then the next best...) while the estimated session
    stays within the person's minutes, so a short session still covers every phase it can.
    What is left over comes back with the reason, to be listed."""
    parameters = catalogue.parameters
    budget_s = profile.minutes_per_session * 60
    cap = phase_limit(profile, catalogue)
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

    def consider(candidate: Candidate, phase: PlanPhase) -> None:
        nonlocal used_s
        if len(chosen[phase]) >= cap:
            left_over.append((candidate, _phase_full(phase, cap)))
            return
        item = _with_equipment(starting_item(candidate.exercise, candidate.why), candidate, profile)
        seconds = item_seconds(item, parameters)
        if used_s + seconds <= budget_s:
            chosen[phase].append((item, candidate.exercise))
            used_s += seconds
        else:
            left_over.append((candidate, too_long))

    for phase in PLAN_PHASE_ORDER:
        for candidate in queues[phase]:
            if candidate.first:
                consider(candidate, phase)
    rest = {phase: [c for c in queues[phase] if not c.first] for phase in PLAN_PHASE_ORDER}
    for turn in range(max((len(queue) for queue in rest.values()), default=0)):
        for phase in PLAN_PHASE_ORDER:
            if turn < len(rest[phase]):
                consider(rest[phase][turn], phase)
    for phase in PLAN_PHASE_ORDER:
        # Activation comes before heavier strengthening within the strengthen phase.
        chosen[phase].sort(key=lambda pair: pair[1].phase != "activate")
    return chosen, left_over


def _strictest(staged: list[Restriction], left_out: list[Exercise]) -> list[Restriction]:
    """The staged restrictions holding something back, less any a stricter one covers (it holds
    back at least the same exercises and needs at least the same pains settled), so the plan
    gives one condition for what unlocks them, not two."""
    held = {r.id: {e.id for e in left_out if excludes(r, e)} for r in staged}

    def pains(r: Restriction) -> set[str]:
        return set(r.lifted_when.pain) if r.lifted_when else set()

    def covered(r: Restriction) -> bool:
        return any(
            other.id != r.id
            and held[r.id] <= held[other.id]
            and pains(r) <= pains(other)
            and (held[r.id], pains(r)) != (held[other.id], pains(other))
            for other in staged
        )

    return [r for r in staged if held[r.id] and not covered(r)]


def _with_equipment(item: PlanItem, candidate: Candidate, profile: Profile) -> PlanItem:
    """For each thing the exercise needs, the first acceptable item the person holds, in words
    (only allowed exercises get here, so every requirement is met)."""
    held = set(profile.equipment)
    ready = tuple(
        next(option for option in options if option in held).replace("-", " ")
        for options in candidate.exercise.equipment
    )
    return item.model_copy(update={"equipment": ready})


def _phase_full(phase: PlanPhase, cap: int) -> Message:
    return Message(
        id="phase-full",
        text=(
            f"The {phase} phase already has {cap} exercises that match you better; "
            "this one is an alternative to swap in."
        ),
        sources=(),
    )


def _walk(catalogue: Catalogue) -> tuple[PlanItem, Exercise]:
    """Gentle walking, kept while someone waits to be seen, dosed from its sources."""
    walk = catalogue.exercises[WALK]
    why = (
        f"{walk.why.text} While you wait to be seen, the plan keeps gentle walking (our choice, "
        "because short walks break up sitting and ask little of the hip); stop if it brings on "
        "sharp pain."
    )
    return starting_item(walk, why), walk
