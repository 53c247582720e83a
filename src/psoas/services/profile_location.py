"""Where the saved check-in lives. Apart from psoas.services.profiles because the resident
reminder process needs the folder (for its lock) without the profile model and pydantic."""

import os
from pathlib import Path


def default_profile_path() -> Path:
    """The saved check-in: $PSOAS_HOME/profile.yaml, else the user's data directory."""
    home = os.environ.get("PSOAS_HOME")
    if home:
        return Path(home) / "profile.yaml"
    from platformdirs import user_data_path  # only needed when no path is given

    return user_data_path("psoas-coach", appauthor=False) / "profile.yaml"
