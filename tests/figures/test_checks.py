"""The checks that keep a drawn pose human, as data-driven cases; and the catalogue passes them."""

from typing import Any

import pytest

from psoas.domain.figure import Figure
from psoas.figures import figure_problems

STANDING: dict[str, Any] = {"contacts": ["near-heel", "near-toe", "far-heel", "far-toe"]}


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
    ],
)
def test_a_pose_no_body_can_take_is_named_by_field(fields: dict[str, Any], problem: str) -> None:
    problems = figure_problems(figure(**fields))
    assert any(p.startswith(problem) for p in problems), problems


def test_a_standing_pose_has_no_problems() -> None:
    assert figure_problems(figure(start=STANDING)) == []


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
