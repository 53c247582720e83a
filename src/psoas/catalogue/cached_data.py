"""The validated catalogue's library data (exercises, sources, conflicts) as plain JSON values,
kept in a cache file so that `psoas exercises list --json` and `psoas sources --json` answer
without loading pydantic, YAML and the models (about three quarters of their start-up).

The cache is written only after a full, validated load (`load_catalogue`), and is used only when
its key matches: a hash of every content file's bytes and of the code that reads them (the
domain, catalogue and rules modules' sizes and modification times). Edit a content file, or the
code, and the next run loads and validates again. An unreadable or corrupt cache file is
ignored and replaced; one that cannot be written is simply not kept.
"""

import contextlib
import hashlib
import json
import os
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Final, TypedDict

from psoas.catalogue.location import content_dir

FORMAT: Final = 1
# The code whose changes change what a load produces.
_CODE_PACKAGES: Final = ("domain", "catalogue", "rules")
_PACKAGE_ROOT: Final = Path(__file__).resolve().parents[1]


class CatalogueData(TypedDict):
    exercises: dict[str, dict[str, Any]]
    sources: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


def catalogue_data(directory: Path | None = None) -> CatalogueData:
    """The library data of the content in `directory` (default: :func:`content_dir`), each item
    as its model's `model_dump(mode="json")`, in the catalogue's order."""
    folder = Path(directory or content_dir()).resolve()
    try:
        key = cache_key(folder)
    except OSError:  # a file that cannot be read: the full load says which, as a content error
        return _from_catalogue(folder)
    path = cache_file(folder)
    cached = _read(path, key)
    if cached is not None:
        return cached
    data = _from_catalogue(folder)
    _write(path, key, data)
    return data


def cache_key(folder: Path) -> str:
    digest = hashlib.sha256(f"psoas catalogue data {FORMAT}\n".encode())
    add_content(digest, folder)
    add_code(digest, tuple(_PACKAGE_ROOT / package for package in _CODE_PACKAGES))
    add_libraries(digest)
    return digest.hexdigest()


def add_content(digest: "hashlib._Hash", folder: Path) -> None:
    """Every content file's name and bytes (a changed file always changes the key)."""
    for path in sorted(_files(folder, ".yaml")):
        digest.update(f"{os.path.relpath(path, folder)}\n".encode())
        with open(path, "rb") as handle:  # noqa: PTH123 (paths here are strings, for speed)
            digest.update(handle.read())


def add_code(digest: "hashlib._Hash", folders: tuple[Path, ...]) -> None:
    """Each Python file's name, size and modification time: an edit or a reinstall changes it."""
    for folder in folders:
        for path in sorted(_files(folder, ".py")):
            status = os.stat(path)  # noqa: PTH116
            digest.update(f"{path} {status.st_size} {status.st_mtime_ns}\n".encode())


# The libraries that read and write what is kept: an upgrade changes the key.
LIBRARIES = ("pydantic", "pydantic_core", "yaml")


def add_libraries(digest: "hashlib._Hash") -> None:
    """Each library's installed file, size and modification time (without importing it)."""
    for library in LIBRARIES:
        spec = find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin is None:
            digest.update(f"{library} missing\n".encode())
            continue
        status = os.stat(origin)  # noqa: PTH116
        digest.update(f"{origin} {status.st_size} {status.st_mtime_ns}\n".encode())


def _files(folder: Path, suffix: str) -> list[str]:
    # os.walk rather than Path.rglob: a third of the time, and this runs on every command.
    return [
        os.path.join(root, name)  # noqa: PTH118
        for root, _, names in os.walk(folder)
        for name in names
        if name.endswith(suffix)
    ]


def cache_file(folder: Path) -> Path:
    """One file per content folder, under $PSOAS_HOME/cache or the user cache folder."""
    home = os.environ.get("PSOAS_HOME")
    if home:
        base = Path(home) / "cache"
    else:
        from platformdirs import user_cache_path

        base = user_cache_path("psoas-coach", appauthor=False)
    name = hashlib.sha256(str(folder).encode()).hexdigest()[:16]
    return base / f"catalogue-{name}.json"


def _from_catalogue(folder: Path) -> CatalogueData:
    from psoas.catalogue.loader import read_catalogue

    catalogue = read_catalogue(folder)
    return {
        "exercises": {
            id_: exercise.model_dump(mode="json") for id_, exercise in catalogue.exercises.items()
        },
        "sources": [source.model_dump(mode="json") for source in catalogue.sources.values()],
        "conflicts": [c.model_dump(mode="json") for c in catalogue.conflicts.values()],
    }


def _read(path: Path, key: str) -> CatalogueData | None:
    try:
        stored = json.loads(path.read_bytes())
        if stored["key"] != key:
            return None
        data = stored["data"]
        if not (
            isinstance(data["exercises"], dict)
            and isinstance(data["sources"], list)
            and isinstance(data["conflicts"], list)
        ):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, unreadable or corrupt: loaded again and rewritten
    return {
        "exercises": data["exercises"],
        "sources": data["sources"],
        "conflicts": data["conflicts"],
    }


def _write(path: Path, key: str, data: CatalogueData) -> None:
    text = json.dumps({"key": key, "data": data}, ensure_ascii=False)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # whole or not at all: a reader never sees half a file
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
