"""The ladder reads an activity's sport and terrain: only runs meet running gates, rides and
swims are cross-training, and a flat-only stage takes only flat ground."""

from datetime import date, timedelta

from psoas.catalogue import load_catalogue
from psoas.domain.activity import CountsAs, Terrain
from psoas.domain.progress import RunDone
from psoas.domain.progression import PlanChange
from psoas.rules.ladder import LADDER_RULE, position

LADDER = load_catalogue().ladder
START = date(2026, 3, 1)


def on_stage(stage: str) -> list[PlanChange]:
    return [
        PlanChange(on=START, kind="ladder-start", rule=LADDER_RULE, stage=stage, reason="test.")
    ]


def activity(run_id: int, counts_as: CountsAs, terrain: Terrain) -> RunDone:
    return RunDone(
        id=run_id,
        on=START + timedelta(days=run_id),
        distance_m=5000,
        elevation_gain_m=None if terrain == "unknown" else 10,
        hilly=None if terrain == "unknown" else terrain == "hilly",
        terrain=terrain,
        counts_as=counts_as,
    )


def test_rides_and_swims_are_cross_training_never_runs_nor_flagged() -> None:
    runs = [activity(1, "cross-training", "hilly"), activity(2, "cross-training", "unknown")]
    where = position(LADDER, on_stage("walk-run-flat"), [], runs, START + timedelta(days=20))
    assert where is not None
    assert where.cross_training == 2
    assert where.flagged_runs == ()
    runs_check = next(c for c in where.checks if c.criterion == "runs")
    assert runs_check.have == "0"


def test_a_flat_only_stage_flags_rolling_hilly_and_unknown_runs_but_not_flat_ones() -> None:
    runs = [
        activity(1, "run", "flat"),
        activity(2, "run", "rolling"),
        activity(3, "run", "hilly"),
        activity(4, "run", "unknown"),
        activity(5, "walk", "hilly"),
        activity(6, "other", "hilly"),
    ]
    where = position(LADDER, on_stage("continuous-flat"), [], runs, START + timedelta(days=30))
    assert where is not None
    assert where.flagged_runs == (2, 3, 4)
    not_flat = next(c for c in where.checks if "not on flat ground" in c.criterion)
    assert not_flat.have == "3"
    assert not not_flat.met


def test_the_rolling_stage_takes_flat_and_rolling_runs_and_flags_hills() -> None:
    runs = [
        activity(1, "run", "flat"),
        activity(2, "run", "rolling"),
        activity(3, "run", "hilly"),
        activity(4, "run", "unknown"),
    ]
    where = position(LADDER, on_stage("rolling-terrain"), [], runs, START + timedelta(days=30))
    assert where is not None
    assert where.flagged_runs == (3, 4)


def test_on_the_hills_stage_nothing_is_flagged() -> None:
    runs = [activity(1, "run", "hilly"), activity(2, "run", "unknown")]
    where = position(LADDER, on_stage("hills"), [], runs, START + timedelta(days=30))
    assert where is not None
    assert where.flagged_runs == ()
