"""The exercise library and the sources, as `psoas exercises` and `psoas sources` show them."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise, Range
from psoas.domain.vocabulary import PHASE_TITLES
from psoas.services.errors import NotFound
from psoas.web.identity import PersonId
from psoas.web.pages.figures import pose_images
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render

router = APIRouter(route_class=StrictRoute)

PHASE_ORDER = ("release", "lengthen", "activate", "strengthen", "move", "self-check")
PHASE_HEADINGS: dict[str, str] = {
    **{str(phase): title for phase, title in PHASE_TITLES.items()},
    "self-check": "Self-check",
}
CUE_MOMENT = {
    "setup": "Set-up",
    "before": "Before",
    "start": "Start",
    "during": "During",
    "end": "End",
    "each-rep": "Each rep",
    "throughout": "Throughout",
}


def _labels(catalogue: Catalogue, field: str) -> dict[str, str]:
    """The check-in's words for a field's values ("foam-roller" is "Foam roller")."""
    for question in catalogue.check_in.questions:
        if question.field == field:
            return dict(question.options)
    return {}


def equipment_text(exercise: Exercise, labels: dict[str, str]) -> str:
    needs = [
        " or ".join(labels.get(item, item) for item in options) for options in exercise.equipment
    ]
    return "; ".join(needs) if needs else "None (the floor)"


def _span(span: Range, unit: str = "") -> str:
    text = f"{span.min}" if span.min == span.max else f"{span.min}–{span.max}"
    return text + unit


def dose_text(exercise: Exercise) -> str:
    dose = exercise.dose
    parts = [f"{_span(dose.sets)} set(s)"]
    if dose.reps:
        parts.append(f"{_span(dose.reps)} reps")
    parts.append(f"{_span(dose.seconds, ' s')} hold")
    parts.append("each side" if dose.sides == "each" else "both sides at once")
    parts.append(f"{_span(dose.per_week)} times a week")
    return ", ".join(parts)


@router.get("/exercises")
def exercises(request: Request, person: PersonId) -> Response:
    catalogue = load_catalogue()
    labels = _labels(catalogue, "equipment")
    ordered = sorted(
        catalogue.exercises.values(), key=lambda e: (PHASE_ORDER.index(e.phase), e.name)
    )
    groups = [
        {
            "phase": phase,
            "title": PHASE_HEADINGS.get(phase, phase.capitalize()),
            "cards": [
                {"exercise": e, "equipment": equipment_text(e, labels), "dose": dose_text(e)}
                for e in ordered
                if e.phase == phase
            ],
        }
        for phase in PHASE_ORDER
    ]
    return render(request, "exercises.html", {"groups": [g for g in groups if g["cards"]]})


@router.get("/exercises/{exercise_id}")
def exercise(request: Request, exercise_id: str, person: PersonId) -> Response:
    catalogue = load_catalogue()
    found = catalogue.exercises.get(exercise_id)
    if found is None:
        raise NotFound(f"exercise {exercise_id!r}")
    features = set(found.features)
    context = {
        "exercise": found,
        "equipment": equipment_text(found, _labels(catalogue, "equipment")),
        "dose": dose_text(found),
        "conditions": _labels(catalogue, "conditions"),
        "moments": CUE_MOMENT,
        "restrictions": [r for r in catalogue.restrictions if features & set(r.excludes_features)],
        "conflicts": [
            c
            for c in catalogue.conflicts.values()
            if c.id in found.conflicts or found.id in c.applies_to
        ],
        "names": {id_: e.name for id_, e in catalogue.exercises.items()},
        "sources": catalogue.sources,
        "figures": pose_images(found),
        "one_sided": found.dose.sides == "each",
    }
    return render(request, "exercise.html", context)


@router.get("/sources")
def sources(request: Request, person: PersonId) -> Response:
    catalogue = load_catalogue()
    context = {
        "sources": list(catalogue.sources.values()),
        "conflicts": list(catalogue.conflicts.values()),
    }
    return render(request, "sources.html", context)
