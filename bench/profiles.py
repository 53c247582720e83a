"""Random valid profiles for benchmarks (seeded, so runs are comparable)."""

import random
from typing import Any

from psoas.domain import vocabulary as v


def random_profile_data(rng: random.Random) -> dict[str, Any]:
    def some(values: tuple[str, ...], most: int) -> list[str]:
        return rng.sample(values, rng.randint(0, most))

    return {
        "activities": some(v.ACTIVITIES, 4),
        "sitting_hours_per_day": rng.randint(0, 24),
        "goals": some(v.GOALS, 3),
        "symptoms": some(v.SYMPTOMS, 3),
        "pain_now": rng.randint(0, 10),
        "conditions": some(v.CONDITIONS, 2) if rng.random() < 0.3 else [],
        "red_flags": some(v.RED_FLAGS, 1) if rng.random() < 0.1 else [],
        "equipment": some(v.EQUIPMENT, 10),
        "minutes_per_session": rng.randint(3, 90),
        "sessions_per_week": rng.randint(1, 14),
        "allow_direct_psoas_pressure": rng.random() < 0.5,
        "age": rng.choice([None, rng.randint(16, 90)]),
    }
