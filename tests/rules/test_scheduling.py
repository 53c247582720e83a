import pytest

from psoas.catalogue import load_catalogue
from psoas.rules.scheduling import session_days, weekly_schedule


@pytest.mark.parametrize(
    ("sessions", "days"),
    [
        (1, [1]),
        (2, [1, 4]),
        (3, [1, 3, 5]),
        (7, [1, 2, 3, 4, 5, 6, 7]),
        (8, [1, 1, 2, 3, 4, 5, 6, 7]),
        (14, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7]),
    ],
)
def test_sessions_are_spread_over_the_week(sessions: int, days: list[int]) -> None:
    assert session_days(sessions) == days


def test_each_exercise_appears_within_its_per_week_range() -> None:
    exercises = load_catalogue().exercises
    chosen = [exercises["quad-release"], exercises["half-kneeling-psoas-stretch"]]
    schedule, notes = weekly_schedule(chosen, sessions_per_week=7)
    counts = {e.id: sum(e.id in s.exercises for s in schedule) for e in chosen}
    assert counts == {"quad-release": 3, "half-kneeling-psoas-stretch": 7}
    assert notes == ()


def test_too_few_sessions_for_the_minimum_is_said_not_hidden() -> None:
    exercises = load_catalogue().exercises
    schedule, notes = weekly_schedule([exercises["glute-bridge"]], sessions_per_week=1)
    assert [s.exercises for s in schedule] == [("glute-bridge",)]
    assert [n.id for n in notes] == ["per-week-glute-bridge"]
    assert "at least 2 times a week" in notes[0].text
