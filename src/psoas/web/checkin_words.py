"""Check-in answers that do not fit, told as sentences that name the question in the form's own
words ("Pain right now must be a whole number from 0 to 10; you wrote 11.") rather than the
validator's ("pain_now: input should be less than or equal to 10")."""

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import ValidationError

from psoas.domain.profile import Profile


def answer_problems(error: ValidationError, labels: Mapping[str, str]) -> list[str]:
    """One "field: sentence" per problem; the field keeps each sentence beside its question."""
    problems = []
    for item in error.errors(include_url=False):
        loc = item["loc"]
        field = str(loc[0]) if loc else ""
        label = labels.get(field, field.replace("_", " "))
        problems.append(f"{field}: {_sentence(label, field, item)}")
    return problems


def _sentence(label: str, field: str, item: Mapping[str, Any]) -> str:
    kind = str(item["type"])
    wrote = _wrote(item.get("input"))
    low, high = _bounds(field)
    whole = _is_whole(field)
    span = f" from {low:g} to {high:g}" if low is not None and high is not None else ""
    number = "a whole number" if whole else "a number"
    if kind in ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float"):
        return f"{label} needs {number}{span}, written in figures; you wrote {wrote}."
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return f"{label} must be {number}{span}; you wrote {wrote}."
    if kind == "literal_error":
        return f"{label}: {wrote} is not one of the choices on this page."
    message = str(item.get("msg", "")).removeprefix("Value error, ")
    return f"{label}: {message[:1].lower()}{message[1:]}."


def _wrote(value: object) -> str:
    text = str(value)
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


@cache
def _schema() -> Mapping[str, Any]:
    properties: Mapping[str, Any] = Profile.model_json_schema()["properties"]
    return properties


def _plain(field: str) -> Mapping[str, Any]:
    """The field's schema, looking through "or null" for optional numbers."""
    schema = _schema().get(field, {})
    for option in schema.get("anyOf", ()):
        if option.get("type") != "null":
            return dict(option)
    return dict(schema)


def _bounds(field: str) -> tuple[float | None, float | None]:
    schema = _plain(field)
    return schema.get("minimum"), schema.get("maximum")


def _is_whole(field: str) -> bool:
    return _plain(field).get("type") == "integer"
