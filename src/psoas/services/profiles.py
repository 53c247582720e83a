"""Reading and saving profiles as YAML or JSON files."""

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from psoas.domain.problems import problems_from
from psoas.domain.profile import Profile
from psoas.services.errors import InputError
from psoas.services.profile_location import default_profile_path as default_profile_path


def read_profile(path: Path) -> Profile:
    """Parse and validate a profile file (JSON by extension, YAML otherwise)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([f"profile: file not found: {path}"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([f"profile: cannot read {path}: {error}"]) from None
    return parse_profile(_decode(text, path), source=str(path))


def parse_profile(data: Any, source: str = "profile") -> Profile:
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "an empty document"
        raise InputError([f"{source}: expected a mapping of field: value, got {kind}"])
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise InputError([f"{source}: {p}" for p in problems_from(error, Profile)]) from None


def _decode(text: str, path: Path) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise InputError([f"{path}: not valid JSON at {where}: {error.msg}"]) from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise InputError([f"{path}: not valid YAML{where}: {problem}"]) from None


def save_profile(profile: Profile, path: Path) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a profile."""
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    data = profile.model_dump(mode="json", exclude_defaults=False)
    temporary = path.with_suffix(path.suffix + ".tmp")
    if path.suffix.lower() == ".json":
        temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    else:
        temporary.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    temporary.replace(path)
