"""Triggers: every criterion is checked, and missing answers are read the safe way."""

from typing import Any

import pytest

from psoas.catalogue.rules_table import describe
from psoas.domain.profile import Profile
from psoas.domain.safety import Trigger
from psoas.rules.triggers import CRITERIA, holds, read_fields

# A value that sets each criterion, so a trigger with it alone is valid.
SETTING: dict[str, Any] = {
    "conditions": ("osteoporosis",),
    "symptoms": ("groin-pain",),
    "all_red_flags": ("fever",),
    "back_pain": True,
    "pain_now_at_least": 5,
    "pain_now_below": 5,
    "age_below": 20,
    "age_at_least": 70,
    "age_above": 50,
    "symptoms_weeks_above": 6,
    "symptoms_new_within_weeks": 6,
    "pregnancy_weeks_at_least": 20,
}


def test_every_trigger_field_is_checked_read_and_described() -> None:
    """A new Trigger field without a check would be ignored, so the rule would fire more widely
    than written; without words it would be missing from docs/clinical-rules.md."""
    assert set(CRITERIA) == set(Trigger.model_fields) == set(SETTING)
    for name, value in SETTING.items():
        trigger = Trigger.model_validate({name: value})
        assert describe(trigger), name
        assert read_fields(trigger) == (CRITERIA[name][1],)
        assert CRITERIA[name][1] in Profile.model_fields


@pytest.mark.parametrize(
    ("trigger", "profile", "expected"),
    [
        ({"symptoms_new_within_weeks": 6}, {}, True),  # duration not given counts as new
        ({"symptoms_new_within_weeks": 6}, {"symptoms_weeks": 6}, True),
        ({"symptoms_new_within_weeks": 6}, {"symptoms_weeks": 7}, False),
        ({"symptoms_weeks_above": 6}, {}, False),
        ({"pregnancy_weeks_at_least": 20}, {"conditions": ["pregnancy"]}, True),  # week not given
        (
            {"pregnancy_weeks_at_least": 20},
            {"conditions": ["pregnancy"], "pregnancy_weeks": 19},
            False,
        ),
        ({"pregnancy_weeks_at_least": 20}, {}, False),
        ({"age_below": 16}, {}, False),  # age not given is not a child
        ({"back_pain": True}, {"goals": ["ease-low-back-pain"]}, True),
        ({"all_red_flags": ["fever", "limp-with-hip-held-bent"]}, {"red_flags": ["fever"]}, False),
        (
            {"conditions": ["anticoagulants"], "symptoms": ["groin-pain"]},
            {"conditions": ["anticoagulants"]},
            False,
        ),
    ],
)
def test_criteria_read_missing_answers_the_safe_way(
    trigger: dict[str, Any], profile: dict[str, Any], expected: bool
) -> None:
    assert holds(Trigger.model_validate(trigger), Profile.model_validate(profile)) is expected
