"""The only code that reads content/: validates every file and cross-links them once.

Names load on first use (PEP 562), so `psoas sources --json`, which reads the cached catalogue
data (psoas.catalogue.cached_data), does not load the models, pydantic or YAML.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psoas.catalogue.cached_data import catalogue_data
    from psoas.catalogue.errors import ContentError
    from psoas.catalogue.loader import load_catalogue
    from psoas.catalogue.location import content_dir

_MODULE_OF = {
    "ContentError": "psoas.catalogue.errors",
    "catalogue_data": "psoas.catalogue.cached_data",
    "content_dir": "psoas.catalogue.location",
    "load_catalogue": "psoas.catalogue.loader",
}

__all__ = ["ContentError", "catalogue_data", "content_dir", "load_catalogue"]


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'psoas.catalogue' has no attribute {name!r}")
    value = getattr(import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
