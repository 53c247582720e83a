"""Where content lives, without loading the models (the cached catalogue data needs only this)."""

import os
from importlib import resources
from pathlib import Path


def content_dir() -> Path:
    """Where content lives: $PSOAS_CONTENT_DIR, else the installed copy, else the source tree."""
    override = os.environ.get("PSOAS_CONTENT_DIR")
    if override:
        return Path(override)
    installed = Path(str(resources.files("psoas"))) / "content"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "content"
