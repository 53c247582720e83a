"""The return-to-run ladder: who is on it, where, what the gate needs, and when to move.

Like ``progression.review``, ``ladder_review`` is pure and idempotent: it returns the ladder
changes due today given the ones already made.
"""

from collections.abc import Sequence
from datetime import date

from psoas.domain.ladder import GateCheck, Ladder, LadderPosition, Stage
from psoas.domain.parameters import Parameter
from psoas.domain.profile import Profile
from psoas.domain.progress import PainKey, RecordedCheckIn, RunDone
from psoas.domain.progression import ChangeKind, PlanChange

LADDER_KINDS = ("ladder-start", "ladder-up", "ladder-down")
LADDER_RULE = "return-to-run-ladder"


def on_ladder(profile: Profile) -> bool:
    """Runners coming back from a problem: the goal says so, or a runner reports pain or a
    symptom. A runner with neither has nothing to return from."""
    if "return-to-running" in profile.goals:
        return True
    return "running" in profile.activities and (profile.pain_now > 0 or bool(profile.symptoms))


def stage_history(changes: Sequence[PlanChange]) -> list[tuple[date, str]]:
    """(day, stage id) for each ladder move, oldest first."""
    moves = sorted((c for c in changes if c.kind in LADDER_KINDS and c.stage), key=lambda c: c.on)
    return [(c.on, c.stage) for c in moves if c.stage]


def stage_on(changes: Sequence[PlanChange], day: date) -> str | None:
    """The stage in force on `day` (None before the runner joined the ladder)."""
    current = None
    for moved_on, stage in stage_history(changes):
        if moved_on <= day:
            current = stage
    return current


def position(
    ladder: Ladder,
    changes: Sequence[PlanChange],
    check_ins: Sequence[RecordedCheckIn],
    runs: Sequence[RunDone],
    today: date,
) -> LadderPosition | None:
    history = stage_history(changes)
    if not history:
        return None
    since, stage_id = history[-1]
    index = ladder.index(stage_id)
    stage = ladder.stages[index]
    on_stage_checks = [c for c in check_ins if since <= c.on <= today]
    cross_training = sum(r.counts_as == "cross-training" and since <= r.on <= today for r in runs)
    # Only runs count toward running gates: a ride or a swim is cross-training, a walk a walk.
    runs = [r for r in runs if r.counts_as == "run"]
    on_stage_runs = [r for r in runs if since <= r.on <= today]
    checks = _gate_checks(stage, since, on_stage_checks, on_stage_runs, today)
    # Unknown terrain is flagged too: it must not pass for flat on a flat-only stage. Rolling
    # ground belongs to the rolling-terrain stage, hills to the last one.
    flagged = tuple(run.id for run in runs if not _fits(run, _stage_on(ladder, changes, run.on)))
    return LadderPosition(
        stage=stage,
        step=index + 1,
        steps=len(ladder.stages),
        since=since,
        checks=checks,
        ready=stage.gate is not None and all(check.met for check in checks),
        flagged_runs=flagged,
        cross_training=cross_training,
    )


def ladder_review(
    *,
    ladder: Ladder,
    profile: Profile,
    check_ins: Sequence[RecordedCheckIn],
    runs: Sequence[RunDone],
    changes: Sequence[PlanChange],
    today: date,
) -> tuple[PlanChange, ...]:
    if not on_ladder(profile):
        return ()
    where = position(ladder, changes, check_ins, runs, today)
    if where is None:
        rest = profile.pain_now >= ladder.start_at_rest_when_pain_at_least.value
        stage = ladder.stages[0] if rest else ladder.stages[1]
        why = (
            f"your pain now is {profile.pain_now}, at or above "
            f"{ladder.start_at_rest_when_pain_at_least.value:g}"
            if rest
            else "you are coming back to running"
        )
        return (_move("ladder-start", ladder, stage, today, f"Starting at {stage.name}: {why}."),)
    down = _step_down(ladder, where, check_ins, today)
    if down is not None:
        return (down,)
    if where.ready:
        nxt = ladder.stages[where.step]
        met = "; ".join(f"{c.criterion}: {c.have}" for c in where.checks)
        return (
            _move(
                "ladder-up",
                ladder,
                nxt,
                today,
                f"Every gate of {where.stage.name} is met ({met}).",
                check_ins=tuple(c.id for c in check_ins if where.since <= c.on <= today),
                runs=tuple(r.id for r in runs if where.since <= r.on <= today),
            ),
        )
    return ()


def _step_down(
    ladder: Ladder, where: LadderPosition, check_ins: Sequence[RecordedCheckIn], today: date
) -> PlanChange | None:
    if where.step == 1:
        return None
    rise = ladder.step_down_on_running_pain_rise.value
    contexts: tuple[tuple[PainKey, str], ...] = (
        ("running", "running"),
        ("hills_or_stairs", "on hills or stairs"),
    )
    for key, words in contexts:
        answered = [
            c
            for c in sorted(check_ins, key=lambda c: (c.on, c.id))
            if where.since <= c.on <= today and c.check_in.pain(key) is not None
        ]
        if len(answered) < 2:
            continue
        first, last = answered[0], answered[-1]
        before, after = first.check_in.pain(key), last.check_in.pain(key)
        assert before is not None
        assert after is not None
        if after - before >= rise:
            lower = ladder.stages[where.step - 2]
            reason = (
                f"Pain {words} rose from {before} ({first.on.isoformat()}) to {after} "
                f"({last.on.isoformat()}) on {where.stage.name}: back to {lower.name}."
            )
            return _move("ladder-down", ladder, lower, today, reason, check_ins=(first.id, last.id))
    return None


def _move(
    kind: ChangeKind,
    ladder: Ladder,
    stage: Stage,
    today: date,
    reason: str,
    *,
    check_ins: tuple[int, ...] = (),
    runs: tuple[int, ...] = (),
) -> PlanChange:
    return PlanChange(
        on=today,
        kind=kind,
        rule=LADDER_RULE,
        stage=stage.id,
        reason=reason,
        sources=tuple(dict.fromkeys((*ladder.sources, *stage.sources))),
        check_ins=check_ins,
        runs=runs,
    )


TERRAIN_ORDER = {"flat": 0, "rolling": 1, "hilly": 2, "unknown": 3}


def _fits(run: RunDone, stage: Stage | None) -> bool:
    """Whether a run's terrain is within what its stage allowed (unknown fits no limit)."""
    if stage is None or stage.terrain_at_most is None:
        return True
    return TERRAIN_ORDER[run.terrain] <= TERRAIN_ORDER[stage.terrain_at_most]


def _stage_on(ladder: Ladder, changes: Sequence[PlanChange], day: date) -> Stage | None:
    stage = stage_on(changes, day)
    return None if stage is None else ladder.stages[ladder.index(stage)]


def _gate_checks(
    stage: Stage,
    since: date,
    check_ins: Sequence[RecordedCheckIn],
    runs: Sequence[RunDone],
    today: date,
) -> tuple[GateCheck, ...]:
    gate = stage.gate
    if gate is None:
        return ()
    days = (today - since).days
    checks = [_at_least("days on this stage", gate.days_at_least, days)]
    if gate.check_ins_at_least:
        checks.append(_at_least("check-ins", gate.check_ins_at_least, len(check_ins)))
    if gate.runs_at_least:
        checks.append(_at_least("runs", gate.runs_at_least, len(runs)))
    pain_limits: tuple[tuple[str, PainKey, Parameter | None], ...] = (
        ("pain now", "now", gate.pain_now_at_most),
        ("pain running", "running", gate.pain_running_at_most),
        ("pain on hills or stairs", "hills_or_stairs", gate.pain_hills_at_most),
        ("pain lifting the leg", "lifting_leg", gate.pain_lifting_leg_at_most),
    )
    for label, key, limit in pain_limits:
        if limit is not None:
            answers = [v for c in check_ins if (v := c.check_in.pain(key)) is not None]
            worst = max(answers) if answers else None
            checks.append(
                GateCheck(
                    criterion=label,
                    needed=f"at most {limit.value:g} in every check-in that answers it",
                    have="no answer yet" if worst is None else f"highest {worst}",
                    met=worst is not None and worst <= limit.value,
                )
            )
    if gate.hilly_runs_at_most is not None:
        hilly = sum(not _fits(run, stage) for run in runs)
        checks.append(
            GateCheck(
                criterion="runs not on flat ground (hilly, rolling, or no elevation to check)",
                needed=f"at most {gate.hilly_runs_at_most.value:g}",
                have=str(hilly),
                met=hilly <= gate.hilly_runs_at_most.value,
            )
        )
    return tuple(checks)


def _at_least(label: str, limit: Parameter, have: int) -> GateCheck:
    return GateCheck(
        criterion=label, needed=f"at least {limit.value:g}", have=str(have), met=have >= limit.value
    )
