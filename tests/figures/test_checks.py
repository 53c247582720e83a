"""The checks that keep a drawn pose human, as data-driven cases; and the catalogue passes them."""

from typing import Any

import pytest

from psoas.domain.figure import Figure
from psoas.figures import figure_problems

STANDING: dict[str, Any] = {"contacts": ["near-heel", "near-toe", "far-heel", "far-toe"]}
# Half-kneeling on the near knee, the far foot flat in front.
FRONT_FOOT: dict[str, Any] = {"hip_deg": 96.3, "knee_deg": 78.6, "ankle_deg": -18.5}
KNEELING_CONTACTS = ["near-knee", "near-toe", "far-heel", "far-toe"]
# The back shin along the floor, the top of the pointed foot on it.
HALF_KNEELING: dict[str, Any] = {
    "near": {"hip_deg": -25, "knee_deg": 73, "ankle_deg": -55},
    "far": FRONT_FOOT,
    "contacts": KNEELING_CONTACTS,
}


def figure(**fields: Any) -> Figure:
    return Figure.model_validate({"description": "A test pose.", **fields})


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {"start": {**STANDING, "near": {"knee_deg": -20}}},
            "figure.start.near.knee_deg: -20 is outside what the joint allows (0 to 155)",
        ),
        (
            {"start": {**STANDING, "far": {"hip_deg": 170}}},
            "figure.start.far.hip_deg: 170 is outside what the joint allows (-30 to 140)",
        ),
        (
            {"start": STANDING, "end": {**STANDING, "spine_deg": 90}},
            "figure.end.spine_deg: 90 is outside what the joint allows (-35 to 60)",
        ),
        (
            # Standing on one leg: the lifted foot cannot rest on the floor.
            {"start": {**STANDING, "far": {"hip_deg": 90, "knee_deg": 90}}},
            "figure.start.contacts: far-heel should rest on the floor or a prop but is",
        ),
        (
            # Half-kneeling with the back knee in the air.
            {
                "start": {
                    "near": {"hip_deg": 0, "knee_deg": 60},
                    "far": {"hip_deg": 90, "knee_deg": 90},
                    "contacts": ["near-knee", "far-heel"],
                }
            },
            "figure.start.contacts: near-knee should rest on the floor",
        ),
        (
            # Kneeling with the back shin propped up on tucked toes, the ankle off the floor.
            {
                "start": {
                    "near": {"hip_deg": -25, "knee_deg": 83.1, "ankle_deg": -7.5},
                    "far": FRONT_FOOT,
                    "contacts": KNEELING_CONTACTS,
                }
            },
            "figure.start.near: kneeling on near-knee, the shin should lie along the floor but "
            "its ankle is 13 cm above it (at most 8)",
        ),
        (
            # Kneeling with the back foot in the air, even when the contacts leave it out.
            {
                "start": {
                    "near": {"hip_deg": -25, "knee_deg": 120},
                    "far": FRONT_FOOT,
                    "contacts": ["near-knee", "far-heel", "far-toe"],
                }
            },
            "figure.start.contacts: kneeling on near-knee, the near foot should rest on the "
            "floor too (its top or its toes) but is",
        ),
        (
            # The same on the far knee, in the end pose.
            {
                "start": HALF_KNEELING,
                "end": {
                    "near": {"hip_deg": 90, "knee_deg": 90},
                    "far": {"hip_deg": -25, "knee_deg": 120},
                    "contacts": ["far-knee", "near-heel", "near-toe"],
                },
            },
            "figure.end.far: kneeling on far-knee, the shin should lie along the floor",
        ),
    ],
)
def test_a_pose_no_body_can_take_is_named_by_field(fields: dict[str, Any], problem: str) -> None:
    problems = figure_problems(figure(**fields))
    assert any(p.startswith(problem) for p in problems), problems


@pytest.mark.parametrize("pose", [STANDING, HALF_KNEELING], ids=["standing", "half-kneeling"])
def test_a_pose_a_body_can_take_has_no_problems(pose: dict[str, Any]) -> None:
    assert figure_problems(figure(start=pose)) == []


def test_front_view_limits_lifting_the_leg_sideways() -> None:
    problems = figure_problems(figure(view="front", start={**STANDING, "near": {"hip_deg": 80}}))
    assert "figure.start.near.hip_deg: 80 is outside what the joint allows (-25 to 50)" in problems


def test_every_catalogue_figure_keeps_a_human_pose(all_figures: dict[str, Figure]) -> None:
    for exercise_id, drawn in all_figures.items():
        assert figure_problems(drawn) == [], exercise_id


@pytest.fixture(scope="module")
def all_figures() -> dict[str, Figure]:
    from tests.figures.scenes import CATALOGUE

    return {i: e.figure for i, e in CATALOGUE.exercises.items() if e.figure is not None}
