"""Honest sources: every rule, threshold and dose rests on sources that say it, or is a stated
choice of ours whose reason the person reads; docs/clinical-rules.md is the table of them all."""

from pathlib import Path

import pytest

from psoas.catalogue import load_catalogue
from psoas.catalogue.rules_table import rule_rows, rules_markdown
from psoas.domain.basis import Grounded
from psoas.domain.profile import Profile
from psoas.rules import build_plan

DOC = Path(__file__).resolve().parents[2] / "docs" / "clinical-rules.md"
CATALOGUE = load_catalogue()


def _problems(where: str, rule: Grounded) -> list[str]:
    problems = [
        f"{where}: unknown source {s!r}" for s in rule.sources if s not in CATALOGUE.sources
    ]
    if rule.basis == "product-choice" and not (rule.choice and rule.choice.strip()):
        problems.append(f"{where}: a product choice without its reason")
    if rule.basis == "sources" and not rule.sources:
        problems.append(f"{where}: neither sources nor a stated product choice")
    return problems


def test_every_rule_threshold_and_dose_is_grounded() -> None:
    rows = rule_rows(CATALOGUE)
    kinds = {row.kind for row in rows}
    # The table reaches every kind of rule, so a new kind cannot slip past this test.
    assert {"warning sign", "referral", "advice", "restriction", "dose"} <= kinds
    assert {"planning number", "progression number", "return to run number"} <= kinds
    problems = [p for row in rows for p in _problems(f"{row.kind} {row.id}", row.rule)]
    assert not problems, "\n".join(problems)
    assert len([row for row in rows if row.kind == "dose"]) == len(CATALOGUE.exercises)


def test_a_grounded_item_with_neither_fails_to_load() -> None:
    restriction = CATALOGUE.restrictions[0].model_dump()
    restriction.update(sources=(), basis="sources", choice=None)
    with pytest.raises(ValueError, match="product-choice"):
        type(CATALOGUE.restrictions[0]).model_validate(restriction)


def test_the_clinical_rules_document_is_generated_from_content() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_markdown(CATALOGUE), (
        "docs/clinical-rules.md is stale: run `psoas content rules > docs/clinical-rules.md`"
    )


@pytest.mark.parametrize(
    "rule_id",
    [
        "severe-pain",
        "osteoporosis-gentle-loads",
        "pregnancy-no-belly-pressure-or-lying-face-down",
        "hernia-no-abdominal-pressure",
        "under-16",
    ],
)
def test_rules_the_sources_do_not_state_are_our_choice(rule_id: str) -> None:
    rules: dict[str, Grounded] = {r.id: r for r in CATALOGUE.restrictions}
    rules |= {r.id: r for r in CATALOGUE.screening.referrals}
    assert rules[rule_id].basis == "product-choice"


def test_borrowed_doses_are_our_choice_and_the_belly_release_is_per_side() -> None:
    exercises = CATALOGUE.exercises
    for exercise_id in ("glute-bridge", "mini-band-glute-bridge", "mini-band-supine-march"):
        assert exercises[exercise_id].dose.basis == "product-choice", exercise_id
    assert exercises["core-release-soft-ball"].dose.sides == "each"


def test_no_claim_says_sixty_seconds_a_day_is_enough() -> None:
    claims = [c.claim for e in CATALOGUE.exercises.values() for c in e.sources]
    claims += [s for source in CATALOGUE.sources.values() for s in source.supports]
    assert not [c for c in claims if "60 seconds of stretching a day" in c or "is enough" in c]


def test_a_person_reads_our_reason_where_a_rule_is_our_choice() -> None:
    plan = build_plan(Profile(pain_now=8), CATALOGUE)
    severe = next(m for m in plan.messages if m.id == "referral-severe-pain")
    assert "Our choice, because pain of 7 or more is severe" in severe.text
    assert severe.sources == ()
