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
from dataclasses import dataclass
from pathlib import Path
from typing import Final

FORMAT: Final = 1
MAX_PLANS: Final = 32
# Larger files are not profiles; the full path reports them (psoas.services.profiles).
MAX_PROFILE_BYTES: Final = 1024 * 1024
_PACKAGE_ROOT: Final = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class PlanKey:
    """What a kept plan is filed under, and the profile bytes it was worked out from."""

    key: str
    profile_bytes: bytes


def cached_plan(profile: Path, database_url: str | None = None) -> str | None:
    """The JSON plan kept for this profile file as it is now, or None."""
    found = plan_key(profile, database_url)
    if found is None:
        return None
    try:
        stored = json.loads(_plan_file(found.key).read_bytes())
        output = stored["output"]
        if stored["key"] != found.key or not isinstance(output, str):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return output


def remember_plan(profile: Path, kept: PlanKey, output: str, database_url: str | None) -> None:
    """Keep `output` under the key taken before planning (content or code edited meanwhile
    cannot file it under the new key), if the file still holds the same bytes and still no
    database exists."""
    from psoas.storage.location import default_database_missing

    if not default_database_missing(database_url) or _read_profile(profile) != kept.profile_bytes:
        return
    path = _plan_file(kept.key)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({"key": kept.key, "output": output}), encoding="utf-8")
        temporary.replace(path)
        _prune(path.parent)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def plan_key(profile: Path, database_url: str | None) -> PlanKey | None:
    """The key for this profile file now; None when nothing may be kept (a database exists,
    or something is unreadable: the full path then reports it)."""
    from psoas.catalogue.cached_data import add_code, add_content, add_libraries
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
        add_libraries(digest)
    except OSError:
        return None
    return PlanKey(digest.hexdigest(), data)


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
