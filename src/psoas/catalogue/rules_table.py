"""Every clinical rule, threshold and dose in one table with what it rests on, from content.

docs/clinical-rules.md is this table (`psoas content rules > docs/clinical-rules.md`); a test
keeps the file in sync with content, so the document never says what the engine does not do.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from psoas.domain.basis import Grounded
from psoas.domain.catalogue import Catalogue
from psoas.domain.parameters import Parameter
from psoas.domain.safety import RedFlagCombination, RedFlagGroup, Restriction, Trigger


@dataclass(frozen=True, slots=True)
class RuleRow:
    kind: str
    id: str
    applies_when: str
    does: str
    rule: Grounded


def rule_rows(catalogue: Catalogue) -> list[RuleRow]:
    """One row per grounded item, in the order a reader meets them: warning signs, referrals,
    restrictions, doses, then the numbers the planner, progression, ladder and terrain use."""
    screening = catalogue.screening
    asked: dict[str, list[str]] = {}
    for question in screening.red_flags:
        asked.setdefault(question.group, []).append(question.id)
    rows = [
        RuleRow("warning sign", g.id, "any of: " + ", ".join(asked.get(g.id, [])), _urgent(g), g)
        for g in screening.red_flag_groups
    ]
    rows += [
        RuleRow("warning signs together", c.id, describe(c.when), _urgent(c), c)
        for c in screening.combinations
    ]
    rows += [
        RuleRow(
            "referral" if r.outcome == "see-professional" else "advice",
            r.id,
            describe(r.when),
            "see a professional first" if r.outcome == "see-professional" else "advise a review",
            r,
        )
        for r in screening.referrals
    ]
    rows += [
        RuleRow("restriction", r.id, describe(r.when), _leaves_out(r), r)
        for r in catalogue.restrictions
    ]
    rows += [
        RuleRow("dose", e.id, e.name, _dose(e.dose), e.dose)
        for e in sorted(catalogue.exercises.values(), key=lambda e: e.id)
    ]
    for file_name, model in (
        ("planning", catalogue.parameters),
        ("progression", catalogue.progression),
        ("return to run", catalogue.ladder),
        ("terrain", catalogue.terrain),
    ):
        rows += [
            RuleRow(_kind(file_name, g), path, _what(g), _value(g), g)
            for path, g in grounded_within(model)
        ]
    return rows


def grounded_within(model: BaseModel, path: str = "") -> Iterator[tuple[str, Grounded]]:
    """Every grounded item inside a rules model, with the field path that holds it."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        items = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(items):
            at = f"{where}[{index}]" if isinstance(value, tuple) else where
            if isinstance(item, Grounded):
                yield at, item
            if isinstance(item, BaseModel):
                yield from grounded_within(item, at)


def rules_markdown(catalogue: Catalogue) -> str:
    lines = [
        "# Clinical rules and what they rest on",
        "",
        "Generated from content/ by `psoas content rules`; do not edit by hand (a test keeps it",
        "in sync). Each rule cites sources that say it, or is marked **our choice** with the",
        "reason a person reads. Where a choice also lists sources, they support the facts around",
        "it (for example what a limit is drawn from), not the limit itself.",
        "",
        "| kind | rule | applies when | does | basis |",
        "|---|---|---|---|---|",
    ]
    for row in rule_rows(catalogue):
        lines.append(
            "| "
            + " | ".join(
                _cell(text)
                for text in (row.kind, f"`{row.id}`", row.applies_when, row.does, _basis(row.rule))
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def describe(trigger: Trigger) -> str:
    """A trigger in words, for the table."""
    words = {
        "conditions": "condition any of: {}",
        "symptoms": "symptom any of: {}",
        "all_red_flags": "all of: {}",
        "back_pain": "back pain",
        "pain_now_at_least": "pain now ≥ {}",
        "pain_now_below": "pain now < {}",
        "age_below": "age < {}",
        "age_at_least": "age ≥ {}",
        "age_above": "age > {}",
        "symptoms_weeks_above": "symptoms > {} weeks",
        "symptoms_new_within_weeks": "symptoms ≤ {} weeks (or not given)",
        "pregnancy_weeks_at_least": "pregnant ≥ {} weeks (or not given)",
    }
    given = trigger.model_dump(exclude_defaults=True)
    parts = []
    for name, template in words.items():
        if name in given:
            value = given[name]
            shown = ", ".join(value) if isinstance(value, list | tuple) else str(value)
            parts.append(template.format(shown))
    return "; ".join(parts)


def _kind(file_name: str, rule: Grounded) -> str:
    return f"{file_name} number" if isinstance(rule, Parameter) else f"{file_name} rule"


def _urgent(rule: RedFlagGroup | RedFlagCombination) -> str:
    return {
        "emergency": "stop: emergency care now",
        "today": "stop: a doctor today",
        "within-24-hours": "stop: a doctor within 24 hours",
        "within-days": "stop: a doctor within days",
    }[rule.urgency]


def _leaves_out(restriction: Restriction) -> str:
    parts = [
        *restriction.excludes_features,
        *(f"{p} position" for p in restriction.excludes_positions),
    ]
    until = " until check-ins show it settled" if restriction.lifted_when else ""
    return "leaves out " + ", ".join(parts) + until


def _dose(dose: Grounded) -> str:
    data = dose.model_dump(include={"seconds", "reps", "sets", "sides", "per_week"})
    reps = f", reps {data['reps']}" if data.get("reps") else ""
    return (
        f"{data['sets']} sets{reps}, {data['seconds']} s, {data['sides']} side(s), "
        f"{data['per_week']} a week"
    )


def _what(rule: Grounded) -> str:
    return str(getattr(rule, "description", ""))


def _value(rule: Grounded) -> str:
    if isinstance(rule, Parameter):
        return f"{rule.value:g} {rule.unit}"
    return ""


def _basis(rule: Grounded) -> str:
    cited = ", ".join(rule.sources)
    if rule.basis == "product-choice":
        return f"**our choice**: {rule.choice}" + (f" (context: {cited})" if cited else "")
    return cited


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
