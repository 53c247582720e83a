"""The exercise library and the sources, as `psoas exercises` and `psoas sources` print them."""

from fastapi import APIRouter
from pydantic import BaseModel

from psoas.catalogue import load_catalogue
from psoas.domain.exercise import Exercise
from psoas.domain.source import Conflict as Disagreement
from psoas.domain.source import Source
from psoas.services.errors import NotFound
from psoas.web.strict_body import StrictRoute

router = APIRouter(route_class=StrictRoute, tags=["library"])


class ExerciseListItem(BaseModel):
    id: str
    name: str
    phase: str
    equipment: list[object]


class Sources(BaseModel):
    sources: list[Source]
    conflicts: list[Disagreement]


@router.get("/exercises", response_model=list[ExerciseListItem])
def list_exercises() -> list[dict[str, object]]:
    exercises = sorted(load_catalogue().exercises.values(), key=lambda e: e.id)
    return [
        e.model_dump(mode="json", include={"id", "name", "phase", "equipment"}) for e in exercises
    ]


@router.get("/exercises/{exercise_id}", response_model=Exercise, responses={404: {}})
def show_exercise(exercise_id: str) -> Exercise:
    exercise = load_catalogue().exercises.get(exercise_id)
    if exercise is None:
        raise NotFound(f"exercise {exercise_id!r}")
    return exercise


@router.get("/sources", response_model=Sources)
def list_sources() -> Sources:
    catalogue = load_catalogue()
    return Sources(
        sources=list(catalogue.sources.values()), conflicts=list(catalogue.conflicts.values())
    )
