"""The library as JSON (`psoas exercises list --json`, `psoas sources --json`), from the cached
catalogue data: no models, YAML or Typer needed, so psoas.cli.fast_paths can answer with it."""

import json

LISTED_FIELDS = ("id", "name", "phase", "equipment")


def exercises_json() -> str:
    from psoas.catalogue.cached_data import catalogue_data

    data = [
        {field: exercise[field] for field in LISTED_FIELDS}
        for _, exercise in sorted(catalogue_data()["exercises"].items())
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def sources_json() -> str:
    from psoas.catalogue.cached_data import catalogue_data

    cached = catalogue_data()
    data = {"sources": cached["sources"], "conflicts": cached["conflicts"]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
