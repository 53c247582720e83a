"""Load content/ into a Catalogue: parse each file, then check every cross-reference once."""

import os
from functools import cache
from pathlib import Path
from typing import TypeVar

from psoas.catalogue.cross_links import check_cross_links
from psoas.catalogue.errors import ContentError
from psoas.catalogue.files import parse, parse_list
from psoas.catalogue.location import content_dir
from psoas.domain.activity import TerrainParameters
from psoas.domain.catalogue import Catalogue
from psoas.domain.checkin import CheckIn
from psoas.domain.exercise import Exercise
from psoas.domain.ladder import Ladder
from psoas.domain.parameters import GuidanceText, PlanningParameters
from psoas.domain.progression import ProgressionRules
from psoas.domain.safety import Restriction, Screening
from psoas.domain.source import Conflict, Source


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Validated content from `directory` (default: :func:`content_dir`), cached per directory."""
    if directory is None:
        return _load_default(os.environ.get("PSOAS_CONTENT_DIR"))
    return _load(Path(directory).resolve())


@cache
def _load_default(_override: str | None) -> Catalogue:
    """The default catalogue without resolving its path on every call (the web app asks for it
    on every request); keyed by $PSOAS_CONTENT_DIR so that changing it is still seen."""
    return _load(content_dir().resolve())


@cache
def _load(directory: Path) -> Catalogue:
    return read_catalogue(directory)


def read_catalogue(directory: Path) -> Catalogue:
    """Read and check every file now, bypassing the per-process cache of :func:`load_catalogue`
    (the cached catalogue data is keyed by the files as they are now, so it must be built from
    them)."""
    if not directory.is_dir():
        raise ContentError([f"{directory}: content directory not found"])
    catalogue = Catalogue(
        exercises=_exercises(directory / "exercises"),
        sources=_by_id(directory / "sources.yaml", parse_list(directory / "sources.yaml", Source)),
        conflicts=_by_id(
            directory / "conflicts.yaml", parse_list(directory / "conflicts.yaml", Conflict)
        ),
        screening=parse(directory / "rules" / "screening.yaml", Screening),
        restrictions=parse_list(directory / "rules" / "restrictions.yaml", Restriction),
        guidance=_by_id(
            directory / "rules" / "guidance.yaml",
            parse_list(directory / "rules" / "guidance.yaml", GuidanceText),
        ),
        parameters=parse(directory / "rules" / "planning.yaml", PlanningParameters),
        check_in=parse(directory / "check_in.yaml", CheckIn),
        progression=parse(directory / "rules" / "progression.yaml", ProgressionRules),
        ladder=parse(directory / "rules" / "return_to_run.yaml", Ladder),
        terrain=parse(directory / "rules" / "terrain.yaml", TerrainParameters),
    )
    problems = check_cross_links(catalogue, directory)
    if problems:
        raise ContentError(problems)
    return catalogue


def _exercises(folder: Path) -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            exercise = parse(path, Exercise)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        if exercise.id != path.stem:
            problems.append(
                f"{path}: id: must equal the file name {path.stem!r} (got {exercise.id!r})"
            )
        exercises[exercise.id] = exercise
    if problems:
        raise ContentError(problems)
    if not exercises:
        raise ContentError([f"{folder}: no exercise files found"])
    return exercises


Identified = TypeVar("Identified", Source, Conflict, GuidanceText)


def _by_id(path: Path, items: tuple[Identified, ...]) -> dict[str, Identified]:
    seen: dict[str, Identified] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            raise ContentError([f"{path}: [{index}].id: duplicate id {item.id!r}"])
        seen[item.id] = item
    return seen
