"""Spread sessions over the week and each exercise over the sessions, within its per-week range."""

from psoas.domain.exercise import Exercise
from psoas.domain.plan import Message, ScheduledSession

DAYS_PER_WEEK = 7


def session_days(sessions_per_week: int) -> list[int]:
    """Days 1-7 for each session, evenly spaced; past seven, some days get a second session."""
    first = min(sessions_per_week, DAYS_PER_WEEK)
    days = [index * DAYS_PER_WEEK // first + 1 for index in range(first)]
    extra = sessions_per_week - first
    days += [index * DAYS_PER_WEEK // extra + 1 for index in range(extra)] if extra else []
    return sorted(days)


def weekly_schedule(
    exercises: list[Exercise], sessions_per_week: int
) -> tuple[tuple[ScheduledSession, ...], tuple[Message, ...]]:
    """Each exercise in min(sessions, per_week max) sessions, spread out and staggered.

    Sessions left with nothing in them are dropped. Where the person trains less often than an
    exercise's per_week minimum, a message says so rather than silently under-dosing.
    """
    days = session_days(sessions_per_week)
    slots: list[list[str]] = [[] for _ in days]
    notes: list[Message] = []
    for position, exercise in enumerate(exercises):
        per_week = exercise.dose.per_week
        times = min(sessions_per_week, per_week.max)
        for index in _spread(days, times, offset=position):
            slots[index].append(exercise.id)
        if sessions_per_week < per_week.min:
            notes.append(
                Message(
                    id=f"per-week-{exercise.id}",
                    text=(
                        f"{exercise.name} works best at least {per_week.min} times a week; with "
                        f"{sessions_per_week} session(s) a week it is in every session."
                    ),
                    sources=exercise.dose.sources,
                )
            )
    order = {exercise.id: position for position, exercise in enumerate(exercises)}
    sessions = tuple(
        ScheduledSession(day=day, exercises=tuple(sorted(ids, key=order.__getitem__)))
        for day, ids in zip(days, slots, strict=True)
        if ids
    )
    return sessions, tuple(notes)


def _spread(days: list[int], times: int, offset: int) -> list[int]:
    """Session indices for an exercise done `times` a week: distinct days first, evenly spaced.

    The offset (the exercise's place in the plan) staggers exercises with small maxima so the
    sessions stay of similar length.
    """
    first_of_day = [i for i, day in enumerate(days) if i == 0 or days[i - 1] != day]
    second_of_day = [i for i in range(len(days)) if i not in first_of_day]

    def pick(pool: list[int], count: int) -> list[int]:
        return [pool[(j * len(pool) // count + offset) % len(pool)] for j in range(count)]

    if times <= len(first_of_day):
        return pick(first_of_day, times)
    return first_of_day + pick(second_of_day, times - len(first_of_day))
