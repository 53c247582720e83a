"""In-process plan generation over many random profiles: p50 and p99 per plan."""

import random
import statistics
import time

from bench.profiles import random_profile_data
from psoas.catalogue import load_catalogue
from psoas.domain.profile import Profile
from psoas.rules import build_plan
from psoas.services.planning import plan_json


def measure(count: int = 10_000, seed: int = 2026) -> dict[str, float]:
    catalogue = load_catalogue()
    rng = random.Random(seed)
    profiles = [Profile.model_validate(random_profile_data(rng)) for _ in range(count)]
    build_plan(profiles[0], catalogue)  # warm caches once, as a running program would be
    plan_ms: list[float] = []
    with_json_ms: list[float] = []
    for profile in profiles:
        start = time.perf_counter()
        plan = build_plan(profile, catalogue)
        built = time.perf_counter()
        plan_json(plan)
        done = time.perf_counter()
        plan_ms.append((built - start) * 1000)
        with_json_ms.append((done - start) * 1000)
    cuts = statistics.quantiles(plan_ms, n=100)
    json_cuts = statistics.quantiles(with_json_ms, n=100)
    return {
        "profiles": count,
        "plan_p50_ms": cuts[49],
        "plan_p99_ms": cuts[98],
        "plan_and_json_p50_ms": json_cuts[49],
        "plan_and_json_p99_ms": json_cuts[98],
    }
