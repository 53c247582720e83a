"""Checks across files: every id a file names must exist, and safety data must agree."""

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from psoas.domain.catalogue import Catalogue
from psoas.domain.profile import Profile
from psoas.domain.vocabulary import FIELD_VOCABULARY, RED_FLAGS
from psoas.rules.exclusion import excludes

REQUIRED_GUIDANCE = (
    "sitting-breaks",
    "sitting-breaks-driving",
    "flat-terrain-only",
    "cross-train",
    "consult-professional",
)


def check_cross_links(catalogue: Catalogue, root: Path) -> list[str]:
    problems: list[str] = []
    sources = catalogue.sources

    def need_sources(where: str, ids: tuple[str, ...]) -> None:
        for source_id in ids:
            if source_id not in sources:
                problems.append(f"{where}: unknown source id {source_id!r} (see sources.yaml)")

    for exercise in catalogue.exercises.values():
        where = str(root / "exercises" / f"{exercise.id}.yaml")
        need_sources(f"{where}: sources", tuple(claim.source for claim in exercise.sources))
        need_sources(f"{where}: why.sources", exercise.why.sources)
        need_sources(f"{where}: dose.sources", exercise.dose.sources)
        for field in ("regressions", "progressions"):
            for other in getattr(exercise, field):
                if other not in catalogue.exercises:
                    problems.append(f"{where}: {field}: unknown exercise id {other!r}")
        for conflict_id in exercise.conflicts:
            if conflict_id not in catalogue.conflicts:
                problems.append(f"{where}: conflicts: unknown conflict id {conflict_id!r}")
        # A restriction set off by conditions alone that leaves this exercise out must show on
        # its page as a contraindication (age- or week-bound ones are shown as cautions).
        for restriction in catalogue.restrictions:
            if restriction.condition_only and excludes(restriction, exercise):
                conditions = restriction.when.conditions
                missing = [c for c in conditions if c not in exercise.contraindications]
                if missing:
                    problems.append(
                        f"{where}: contraindications: must list {', '.join(missing)} "
                        f"(restriction {restriction.id!r} excludes its features)"
                    )

    for conflict in catalogue.conflicts.values():
        where = f"{root / 'conflicts.yaml'}: {conflict.id}"
        need_sources(f"{where}: sources", conflict.sources)
        for position in conflict.positions:
            need_sources(f"{where}: positions.sources", position.sources)
        for exercise_id in conflict.applies_to:
            if exercise_id not in catalogue.exercises:
                problems.append(f"{where}: applies_to: unknown exercise id {exercise_id!r}")

    screening = catalogue.screening
    where = str(root / "rules" / "screening.yaml")
    groups = {group.id for group in screening.red_flag_groups}
    asked = {question.id for question in screening.red_flags}
    for flag in RED_FLAGS:
        if flag not in asked:
            problems.append(f"{where}: red_flags: no question for red flag {flag!r}")
    for question in screening.red_flags:
        if question.group not in groups:
            problems.append(f"{where}: red_flags.{question.id}: unknown group {question.group!r}")
    for group in screening.red_flag_groups:
        need_sources(f"{where}: red_flag_groups.{group.id}.sources", group.sources)
    for combination in screening.combinations:
        need_sources(f"{where}: combinations.{combination.id}.sources", combination.sources)
        for group_id in combination.replaces:
            if group_id not in groups:
                problems.append(
                    f"{where}: combinations.{combination.id}.replaces: unknown group {group_id!r}"
                )
    for referral in screening.referrals:
        need_sources(f"{where}: referrals.{referral.id}.sources", referral.sources)
    for status in ("ok", "see-professional", "urgent-care"):
        message = screening.status_messages.get(status)
        if message is None:
            problems.append(f"{where}: status_messages: missing {status!r}")
        else:
            need_sources(f"{where}: status_messages.{status}.sources", message.sources)

    for restriction in catalogue.restrictions:
        need_sources(
            f"{root / 'rules' / 'restrictions.yaml'}: {restriction.id}: sources",
            restriction.sources,
        )
    for guidance_id in REQUIRED_GUIDANCE:
        if guidance_id not in catalogue.guidance:
            problems.append(f"{root / 'rules' / 'guidance.yaml'}: missing guidance {guidance_id!r}")
    for text in catalogue.guidance.values():
        need_sources(f"{root / 'rules' / 'guidance.yaml'}: {text.id}: sources", text.sources)
    for name, parameter in catalogue.parameters:
        need_sources(f"{root / 'rules' / 'planning.yaml'}: {name}.sources", parameter.sources)
    rule_files = {
        "progression.yaml": catalogue.progression,
        "return_to_run.yaml": catalogue.ladder,
        "terrain.yaml": catalogue.terrain,
    }
    for file_name, model in rule_files.items():
        for path, ids in _sources_within(model):
            need_sources(f"{root / 'rules' / file_name}: {path}", ids)
    problems.extend(_check_in_problems(catalogue, root))
    return problems


def _sources_within(model: BaseModel, path: str = "") -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every ``sources`` list anywhere inside a rules model, with the field path that holds it."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if name == "sources":
            yield where, value
        elif isinstance(value, BaseModel):
            yield from _sources_within(value, where)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _sources_within(item, f"{where}[{index}]")


def _check_in_problems(catalogue: Catalogue, root: Path) -> list[str]:
    where = root / "check_in.yaml"
    problems = []
    asked = [question.field for question in catalogue.check_in.questions]
    for field in Profile.model_fields:
        if field not in asked:
            problems.append(f"{where}: questions: no question for profile field {field!r}")
    for index, question in enumerate(catalogue.check_in.questions):
        if question.field not in Profile.model_fields:
            problems.append(f"{where}: questions[{index}].field: unknown field {question.field!r}")
        allowed = FIELD_VOCABULARY.get(question.field)
        if question.kind == "choose-many" and tuple(question.options) != allowed:
            problems.append(
                f"{where}: questions[{index}].options: must label exactly {allowed} in that order"
            )
        if question.ask_if is not None and question.ask_if.field not in asked[:index]:
            problems.append(
                f"{where}: questions[{index}].ask_if.field: {question.ask_if.field!r} "
                "is not asked before it"
            )
        for source_id in question.sources:
            if source_id not in catalogue.sources:
                problems.append(f"{where}: questions[{index}].sources: unknown id {source_id!r}")
    return problems
