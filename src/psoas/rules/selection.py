"""Which allowed exercises fit this person best, and why: matches on goals, symptoms, activities."""

from dataclasses import dataclass

from psoas.domain.exercise import Exercise
from psoas.domain.profile import Profile
from psoas.domain.vocabulary import ExercisePhase, PlanPhase

# Exercise phases that make up a session, and the plan phase each belongs to.
SESSION_PHASES: dict[ExercisePhase, PlanPhase] = {
    "release": "release",
    "lengthen": "lengthen",
    "activate": "strengthen",
    "strengthen": "strengthen",
}
# A goal is what the person asked for, so it weighs more than a symptom or an activity.
GOAL_WEIGHT = 3
SYMPTOM_WEIGHT = 2
ACTIVITY_WEIGHT = 2


@dataclass(frozen=True, slots=True)
class Candidate:
    exercise: Exercise
    score: int
    why: str
    # Chosen before the others of its phase: a source names it for the person's goal, or it is
    # the one direct technique the person opted in to.
    first: bool = False


def rank(exercises: list[Exercise], profile: Profile) -> list[Candidate]:
    """Best match first, those to choose first ahead of the rest; ties broken by id so the same
    profile always gives the same plan."""
    candidates = [_candidate(exercise, profile) for exercise in exercises]
    candidates.sort(key=lambda c: (not c.first, -c.score, c.exercise.id))
    return candidates


def _candidate(exercise: Exercise, profile: Profile) -> Candidate:
    helps = exercise.helps
    goals = [g for g in helps.goals if g in profile.goals]
    symptoms = [s for s in helps.symptoms if s in profile.symptoms]
    activities = [a for a in helps.activities if a in profile.activities]
    score = GOAL_WEIGHT * len(goals) + SYMPTOM_WEIGHT * len(symptoms)
    score += ACTIVITY_WEIGHT * len(activities)
    matched = [
        f"{label} {', '.join(v.replace('-', ' ') for v in values)}"
        for label, values in (
            ("goals:", goals),
            ("symptoms:", symptoms),
            ("activities:", activities),
        )
        if values
    ]
    first = [g for g in helps.first_for_goals if g in profile.goals]
    if first:
        goal = ", ".join(g.replace("-", " ") for g in first)
        reason = f"Chosen first for your goal: {goal}, as the source advises."
    elif matched:
        reason = "Chosen for your " + "; ".join(matched) + "."
    else:
        reason = "Rounds out the release, lengthen, strengthen sequence."
    return Candidate(exercise, score, f"{exercise.why.text} {reason}", first=bool(first))
