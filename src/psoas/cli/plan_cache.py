"""`psoas plan --profile F --json` remembered, for a person with no database yet.

A plan is a pure function of the profile, the content and the code (the web app already keeps
recent ones in memory, psoas.services.planning). So the JSON printed for a profile file is kept,
keyed by the file's bytes, every content file's bytes, the size and modification time of every
psoas module and of pydantic and PyYAML: change any of them and the key changes, so a kept plan
is never stale. The next run with the same file prints it without loading Typer, pydantic or
the models (psoas.cli.fast_paths). Once a database exists the plan also depends on check-ins,
and nothing is kept or read. At most MAX_PLANS are kept; a corrupt file is ignored.
"""

import contextlib
import hashlib
import json
import os
from importlib.util import find_spec
from pathlib import Path
from typing import Final

FORMAT: Final = 1
MAX_PLANS: Final = 32
# Larger files are not profiles; the full path reports them (psoas.services.profiles).
MAX_PROFILE_BYTES: Final = 1024 * 1024
_PACKAGE_ROOT: Final = Path(__file__).resolve().parents[1]
_LIBRARIES: Final = ("pydantic", "pydantic_core", "yaml")


def cached_plan(profile: Path, database_url: str | None = None) -> str | None:
    """The JSON plan kept for this profile file as it is now, or None."""
    key = _key(profile, database_url)
    if key is None:
        return None
    try:
        stored = json.loads(_plan_file(key).read_bytes())
        output = stored["output"]
        if stored["key"] != key or not isinstance(output, str):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return output


def remember_plan(
    profile: Path, profile_bytes: bytes, output: str, database_url: str | None
) -> None:
    """Keep `output` for `profile` if the file still holds the bytes the plan was made from."""
    key = _key(profile, database_url)
    if key is None or _read_profile(profile) != profile_bytes:
        return
    path = _plan_file(key)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({"key": key, "output": output}), encoding="utf-8")
        temporary.replace(path)
        _prune(path.parent)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def read_profile_bytes(profile: Path) -> bytes | None:
    return _read_profile(profile)


def _key(profile: Path, database_url: str | None) -> str | None:
    from psoas.catalogue.cached_data import add_code, add_content
    from psoas.catalogue.location import content_dir
    from psoas.storage.location import default_database_missing

    if not default_database_missing(database_url):
        return None
    data = _read_profile(profile)
    if data is None:
        return None
    digest = hashlib.sha256(f"psoas plan {FORMAT}\n{profile.suffix.lower()}\n".encode())
    digest.update(hashlib.sha256(data).digest())
    try:
        add_content(digest, content_dir().resolve())
        add_code(digest, (_PACKAGE_ROOT,))
        for library in _LIBRARIES:
            spec = find_spec(library)
            origin = spec.origin if spec is not None else None
            if origin is None:
                return None
            status = os.stat(origin)  # noqa: PTH116
            digest.update(f"{origin} {status.st_size} {status.st_mtime_ns}\n".encode())
    except OSError:  # something unreadable: nothing kept, the full path reports it
        return None
    return digest.hexdigest()


def _read_profile(profile: Path) -> bytes | None:
    try:
        if not profile.is_file():
            return None
        with profile.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_PROFILE_BYTES else None


def _plan_file(key: str) -> Path:
    home = os.environ.get("PSOAS_HOME")
    if home:
        base = Path(home) / "cache"
    else:
        from platformdirs import user_cache_path

        base = user_cache_path("psoas-coach", appauthor=False)
    return base / "plans" / f"{key}.json"


def _prune(folder: Path) -> None:
    kept = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in kept[MAX_PLANS:]:
        with contextlib.suppress(OSError):
            old.unlink()
