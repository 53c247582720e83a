"""Progression, step-back, stop and ladder scenarios from tests/cases/progression/*.yaml.

A case gives a profile and a history (check-ins, sessions, runs on numbered days; day 1 is
Monday 2 March 2026), reviews the plan on the listed days in turn as the app would after each
write, and states what must have changed. The case structure is validated strictly so a typo
fails instead of passing vacuously.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.domain.progress import ProgressCheckIn, RecordedCheckIn, RunDone, SessionDone
from psoas.domain.progression import ChangeKind, PlanChange
from psoas.rules import build_plan
from psoas.rules.ladder import position
from psoas.rules.plan_adjustment import plan_in_force
from psoas.rules.review import due_changes

CASES_DIR = Path(__file__).resolve().parents[1] / "cases" / "progression"
DAY_ONE = date(2026, 3, 2)
MIN_CASES = 15


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionIn(Strict):
    day: int
    completed: bool = True
    skipped_for_pain: tuple[str, ...] = ()
    exercises: tuple[str, ...] | None = None  # None: every exercise of the plan


class Every(Strict):
    """A repeated record: on days first, first + every, ... up to last."""

    first: int
    last: int
    every: int = 1
    fields: dict[str, Any] = Field(default_factory=dict)  # for check-ins: pain_now and so on

    def days(self) -> range:
        return range(self.first, self.last + 1, self.every)


class RunIn(Strict):
    day: int
    distance_m: float = 5000
    elevation_gain_m: float | None = 10
    hilly: bool | None = False


class Dose(Strict):
    exercise: str | None = None
    sets: int | None = None
    seconds: int | None = None
    reps: int | None = None


class Expect(Strict):
    kinds: tuple[ChangeKind, ...] | None = None  # every change made, in order, by kind
    rules: tuple[str, ...] = ()  # rule ids that must have fired
    not_rules: tuple[str, ...] = ()  # rule ids that must not have fired
    status: Literal["ok", "see-professional", "urgent-care"] | None = None
    doses: dict[str, Dose] = Field(default_factory=dict)  # slot -> dose in force afterwards
    stage: str | None = None
    ready: bool | None = None
    flagged_runs: int | None = None
    reason_mentions: tuple[str, ...] = ()
    evidence_check_in_days: tuple[int, ...] | None = None  # of the last change


class Case(Strict):
    name: str = Field(min_length=1)
    note: str | None = None
    profile: dict[str, Any]
    check_ins: tuple[dict[str, Any], ...] = ()  # ProgressCheckIn fields, with day for on
    check_ins_every: Every | None = None
    sessions: tuple[SessionIn, ...] = ()
    sessions_every: Every | None = None
    runs: tuple[RunIn, ...] = ()
    review_on: tuple[int, ...] = Field(min_length=1)
    expect: Expect


def on(day: int) -> date:
    return DAY_ONE + timedelta(days=day - 1)


def _load() -> list[tuple[str, Case]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for index, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            case = Case.model_validate(item)
            cases.append((f"{path.stem}[{index}]:{case.name}", case))
    return cases


CASES = _load()


def simulate(
    case: Case,
) -> tuple[Profile, list[PlanChange], Plan, list[RecordedCheckIn], list[RunDone]]:
    catalogue = load_catalogue()
    profile = Profile.model_validate(case.profile)
    base = build_plan(profile, catalogue)
    every = tuple(item.exercise for phase in base.phases for item in phase.items)
    raw_check_ins = list(case.check_ins)
    if case.check_ins_every:
        raw_check_ins += [
            {"day": d, **case.check_ins_every.fields} for d in case.check_ins_every.days()
        ]
    session_list = list(case.sessions)
    if case.sessions_every:
        session_list += [SessionIn(day=d) for d in case.sessions_every.days()]
    check_ins = [
        RecordedCheckIn(
            id=index + 1,
            recorded_at=datetime.combine(on(raw["day"]), datetime.min.time(), UTC),
            check_in=ProgressCheckIn.model_validate(
                {"on": on(raw["day"]), **{k: v for k, v in raw.items() if k != "day"}}
            ),
        )
        for index, raw in enumerate(raw_check_ins)
    ]
    sessions = [
        SessionDone(
            id=index + 1,
            on=on(s.day),
            completed=s.completed,
            skipped_for_pain=s.skipped_for_pain,
            exercises=s.exercises if s.exercises is not None else every,
        )
        for index, s in enumerate(session_list)
    ]
    runs = [
        RunDone(
            id=i + 1,
            on=on(r.day),
            distance_m=r.distance_m,
            elevation_gain_m=r.elevation_gain_m,
            hilly=r.hilly,
        )
        for i, r in enumerate(case.runs)
    ]
    first = min([c.on for c in check_ins] + [s.on for s in sessions], default=on(1))
    changes: list[PlanChange] = []
    for day in sorted(case.review_on):
        today = on(day)
        changes += due_changes(
            plan=base,
            profile=profile,
            catalogue=catalogue,
            check_ins=[c for c in check_ins if c.on <= today],
            sessions=[s for s in sessions if s.on <= today],
            runs=[r for r in runs if r.on <= today],
            changes=changes,
            plan_since=first,
            today=today,
        )
    return profile, changes, plan_in_force(profile, changes, catalogue), check_ins, runs


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= MIN_CASES


@pytest.mark.parametrize(("case_id", "case"), CASES, ids=[c[0] for c in CASES])
def test_case(case_id: str, case: Case) -> None:
    _profile, changes, plan, check_ins, runs = simulate(case)
    expect = case.expect
    fired = {c.rule for c in changes}
    if expect.kinds is not None:
        assert tuple(c.kind for c in changes) == expect.kinds, [c.reason for c in changes]
    for rule in expect.rules:
        assert rule in fired, (rule, [c.reason for c in changes])
    for rule in expect.not_rules:
        assert rule not in fired, [c.reason for c in changes if c.rule == rule]
    if expect.status is not None:
        assert plan.status == expect.status
        if expect.status == "urgent-care":
            assert plan.phases == ()
            assert plan.weekly_schedule == ()
    items = {c.slot: c.after for c in changes if c.slot and c.after}
    in_force = {item.exercise: item for phase in plan.phases for item in phase.items}
    for slot, dose in expect.doses.items():
        level = items.get(slot)
        exercise = dose.exercise or slot
        assert exercise in in_force, (slot, sorted(in_force))
        item = in_force[exercise]
        for name in ("sets", "seconds", "reps"):
            wanted = getattr(dose, name)
            if wanted is not None:
                assert getattr(item, name) == wanted, (slot, name, level)
    for text in expect.reason_mentions:
        assert any(text in c.reason for c in changes), (text, [c.reason for c in changes])
    if expect.evidence_check_in_days is not None:
        by_id = {c.id: c.on for c in check_ins}
        cited = tuple(sorted(by_id[i] for i in changes[-1].check_ins))
        assert cited == tuple(on(d) for d in expect.evidence_check_in_days)
    if expect.stage is not None or expect.ready is not None or expect.flagged_runs is not None:
        last_day = on(max(case.review_on))
        where = position(load_catalogue().ladder, changes, check_ins, runs, last_day)
        assert where is not None, "not on the ladder"
        if expect.stage is not None:
            assert where.stage.id == expect.stage, [c.reason for c in changes]
        if expect.ready is not None:
            assert where.ready == expect.ready, where.checks
        if expect.flagged_runs is not None:
            assert len(where.flagged_runs) == expect.flagged_runs
    # Every change explains itself and rests on something, whatever the case checks.
    for change in changes:
        assert change.reason
        if change.kind in ("progress", "step-back", "stop", "resume", "ladder-up", "ladder-down"):
            assert change.check_ins or change.sessions or change.runs, change
