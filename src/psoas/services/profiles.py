"""Reading and saving profiles as YAML or JSON files."""

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from psoas.domain.problems import problems_from
from psoas.domain.profile import Profile
from psoas.services.documents import MB, decode_json, decode_yaml, read_capped
from psoas.services.errors import InputError
from psoas.services.profile_location import default_profile_path as default_profile_path

# A profile is a few hundred bytes; anything near this is not one.
PROFILE_LIMIT_BYTES = MB


def read_profile(path: Path) -> Profile:
    """Parse and validate a profile file (JSON by extension, YAML otherwise) of at most 1 MB."""
    text = read_capped(path, source="profile", limit_bytes=PROFILE_LIMIT_BYTES)
    if path.suffix.lower() == ".json":
        data = decode_json(text, source=str(path))
    else:
        data = decode_yaml(text, source=str(path))
    return parse_profile(data, source=str(path))


def parse_profile(data: Any, source: str = "profile") -> Profile:
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "an empty document"
        raise InputError([f"{source}: expected a mapping of field: value, got {kind}"])
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise InputError([f"{source}: {p}" for p in problems_from(error, Profile)]) from None


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
