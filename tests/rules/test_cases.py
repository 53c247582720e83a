"""Data-driven scenarios from tests/cases/*.yaml: one pytest case per scenario.

Each case names a profile and what the plan must (or must not) contain. The case structure is
validated strictly, so a misspelt key or id fails the case instead of making it pass vacuously.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue import Catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.domain.vocabulary import Status
from psoas.rules import build_plan

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))
MIN_CASES = 40

# Exclusion reason ids the rules emit besides the restriction ids in content/rules.
FIXED_REASONS = frozenset(
    {
        "contraindicated",
        "wait-for-diagnosis",
        "direct-pressure-off",
        "equipment",
        "time",
        "phase-full",
        "one-direct-technique",
    }
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectedBreaks(Strict):
    desk_interval_minutes: int | None
    driving_interval_minutes: int | None


class Expect(Strict):
    status: Status | None = None
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    excluded_with: dict[str, str | tuple[str, ...]] = Field(default_factory=dict)
    guidance: tuple[str, ...] = ()
    no_guidance: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    breaks: ExpectedBreaks | None = None
    no_exercises: Literal[True] | None = None
    session_minutes_at_most: int | None = None
    session_minutes_at_least: int | None = None
    no_messages: tuple[str, ...] = ()
    # Lines the plan's "tell the professional" list must hold (each a substring of one line).
    tell_professional: tuple[str, ...] = ()


class Case(Strict):
    name: str = Field(min_length=1)
    note: str | None = None
    # A known mismatch with the spec: the case runs as a strict xfail until the rules are fixed.
    known_bug: str | None = None
    profile: dict[str, Any]
    expect: Expect

    def has_expectations(self) -> bool:
        return bool(self.expect.model_dump(exclude_defaults=True))


def _raw_cases() -> list[tuple[str, int, object]]:
    raw: list[tuple[str, int, object]] = []
    for path in CASE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raw.append((path.name, 0, data))  # reported by test_case_files_are_lists
            continue
        raw.extend((path.name, index, item) for index, item in enumerate(data))
    return raw


RAW_CASES = _raw_cases()


def _param(file: str, index: int, item: object) -> Any:
    name = item.get("name") if isinstance(item, dict) else None
    case_id = name if isinstance(name, str) else f"{file}[{index}]"
    known_bug = item.get("known_bug") if isinstance(item, dict) else None
    marks = [pytest.mark.xfail(reason=str(known_bug), strict=True)] if known_bug else []
    return pytest.param(file, index, item, id=case_id, marks=marks)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_case_files_are_lists() -> None:
    assert CASE_FILES, f"no case files in {CASES_DIR}"
    for path in CASE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path}: must be a list of cases"
        assert data, f"{path}: has no cases"


def test_case_names_are_unique_and_numerous() -> None:
    names = [item.get("name") for _, _, item in RAW_CASES if isinstance(item, dict)]
    duplicates = sorted({str(n) for n in names if names.count(n) > 1})
    assert not duplicates, f"duplicate case names: {duplicates}"
    assert len(names) >= MIN_CASES, f"only {len(names)} cases; expected at least {MIN_CASES}"


def test_every_case_is_well_formed(catalogue: Catalogue) -> None:
    """Structure and ids of every case, known bugs included (their xfail must not hide typos)."""
    problems: list[str] = []
    for file, index, raw in RAW_CASES:
        where = f"tests/cases/{file}[{index}]"
        try:
            case = Case.model_validate(raw)
            Profile.model_validate(case.profile)
        except ValidationError as error:
            problems.append(f"{where}: {error}")
            continue
        if not case.has_expectations():
            problems.append(f"{where}: `expect` asserts nothing")
        problems += [f"{where}: {problem}" for problem in _check_ids(case, catalogue)]
    assert not problems, "\n".join(problems)


def _known_message_ids(catalogue: Catalogue) -> set[str]:
    screening = catalogue.screening
    ids = {f"status-{status}" for status in screening.status_messages}
    ids |= {f"red-flag-{group.id}" for group in screening.red_flag_groups}
    ids |= {f"red-flag-{combination.id}" for combination in screening.combinations}
    ids |= {f"referral-{referral.id}" for referral in screening.referrals}
    ids |= {f"advice-{referral.id}" for referral in screening.referrals}
    ids |= {f"unlocks-{restriction.id}" for restriction in catalogue.restrictions}
    ids |= {f"unlocked-{restriction.id}" for restriction in catalogue.restrictions}
    ids.add("shorter-than-budget")
    ids |= {f"conflict-{conflict}" for conflict in catalogue.conflicts}
    ids |= {f"per-week-{exercise}" for exercise in catalogue.exercises}
    return ids


def _check_ids(case: Case, catalogue: Catalogue) -> list[str]:
    """Every id a case names must exist, so a typo cannot make an expectation vacuous."""
    expect = case.expect
    problems: list[str] = []
    exercise_ids = [*expect.includes, *expect.excludes, *expect.excluded_with]
    problems += [f"unknown exercise id {e!r}" for e in exercise_ids if e not in catalogue.exercises]
    reasons = FIXED_REASONS | {restriction.id for restriction in catalogue.restrictions}
    for exercise, wanted in expect.excluded_with.items():
        for reason in (wanted,) if isinstance(wanted, str) else wanted:
            if reason not in reasons:
                problems.append(f"excluded_with.{exercise}: unknown reason id {reason!r}")
    known = _known_message_ids(catalogue)
    guidance = [*expect.guidance, *expect.no_guidance]
    problems += [
        f"unknown guidance id {g!r}"
        for g in guidance
        if g not in catalogue.guidance and g not in known
    ]
    messages = [*expect.messages, *expect.no_messages]
    problems += [f"unknown message id {m!r}" for m in messages if m not in known]
    clash = set(expect.includes) & (set(expect.excludes) | set(expect.excluded_with))
    problems += [f"{e!r} is both included and excluded" for e in sorted(clash)]
    return problems


def _phase_ids(plan: Plan) -> list[str]:
    return [item.exercise for phase in plan.phases for item in phase.items]


def _check_plan(case: Case, plan: Plan) -> list[str]:
    expect = case.expect
    failures: list[str] = []
    in_phases = _phase_ids(plan)
    reasons = {e.exercise: [r.id for r in e.reasons] for e in plan.excluded}
    guidance = [g.id for g in plan.guidance]
    messages = [m.id for m in plan.messages]

    if expect.status is not None and plan.status != expect.status:
        failures.append(f"status: expected {expect.status!r}, got {plan.status!r}")
    for exercise in expect.includes:
        if exercise not in in_phases:
            why = reasons.get(exercise, ["not listed in excluded either"])
            failures.append(f"includes: {exercise!r} is not in the plan (reasons: {why})")
    for exercise in [*expect.excludes, *expect.excluded_with]:
        if exercise in in_phases:
            failures.append(f"excludes: {exercise!r} is in the plan phases")
    for exercise, wanted in expect.excluded_with.items():
        for reason in (wanted,) if isinstance(wanted, str) else wanted:
            if reason not in reasons.get(exercise, []):
                failures.append(
                    f"excluded_with: {exercise!r} should be excluded for {reason!r}; "
                    f"its reasons are {reasons.get(exercise, 'none (not in excluded)')}"
                )
    failures += [
        f"guidance: {g!r} missing (got {guidance})" for g in expect.guidance if g not in guidance
    ]
    failures += [
        f"no_guidance: {g!r} present (got {guidance})" for g in expect.no_guidance if g in guidance
    ]
    failures += [
        f"messages: {m!r} missing (got {messages})" for m in expect.messages if m not in messages
    ]
    failures += [
        f"no_messages: {m!r} present (got {messages})" for m in expect.no_messages if m in messages
    ]
    failures += [
        f"tell_professional: no line with {wanted!r} (got {plan.tell_professional})"
        for wanted in expect.tell_professional
        if not any(wanted in line for line in plan.tell_professional)
    ]
    if expect.breaks is not None and expect.breaks.model_dump() != plan.breaks.model_dump():
        failures.append(
            f"breaks: expected {expect.breaks.model_dump()}, got {plan.breaks.model_dump()}"
        )
    if expect.no_exercises and (in_phases or plan.weekly_schedule):
        failures.append(
            f"no_exercises: plan has exercises {in_phases} "
            f"and {len(plan.weekly_schedule)} scheduled sessions"
        )
    limit = expect.session_minutes_at_most
    if limit is not None and plan.session_minutes > limit:
        failures.append(f"session_minutes: {plan.session_minutes} > {limit}")
    floor = expect.session_minutes_at_least
    if floor is not None and plan.session_minutes < floor:
        failures.append(f"session_minutes: {plan.session_minutes} < {floor}")
    return failures


@pytest.mark.parametrize(("file", "index", "raw"), [_param(*case) for case in RAW_CASES])
def test_case(file: str, index: int, raw: object, catalogue: Catalogue) -> None:
    where = f"tests/cases/{file}[{index}]"
    try:
        case = Case.model_validate(raw)
    except ValidationError as error:
        pytest.fail(f"{where}: malformed case:\n{error}")
    assert case.has_expectations(), f"{where} ({case.name}): `expect` asserts nothing"
    id_problems = _check_ids(case, catalogue)
    assert not id_problems, f"{where} ({case.name}): " + "; ".join(id_problems)
    try:
        profile = Profile.model_validate(case.profile)
    except ValidationError as error:
        pytest.fail(f"{where} ({case.name}): invalid profile:\n{error}")

    plan = build_plan(profile, catalogue)

    failures = _check_plan(case, plan)
    assert not failures, f"{where} ({case.name}):\n  " + "\n  ".join(failures)
