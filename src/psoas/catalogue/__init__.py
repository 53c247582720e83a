"""The only code that reads content/: validates every file and cross-links them once."""

from psoas.catalogue.errors import ContentError
from psoas.catalogue.loader import content_dir, load_catalogue

__all__ = ["ContentError", "content_dir", "load_catalogue"]
