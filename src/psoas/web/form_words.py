"""Form answers that do not fit, told as sentences that name the question in the form's own
words ("Pain right now must be a whole number from 0 to 10; you wrote “11”.") rather than the
validator's ("pain_now: input should be less than or equal to 10").

Every form page uses this: the check-in, the progress check-in, the break settings, sign-up
and sign-in, and the data pages. Each page gives the words its questions use (the labels); the
sentences go beside each question and in the error summary (_macros.html), which takes focus.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from psoas.domain.profile import Profile

Loc = tuple[int | str, ...]
PARSING = ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float")
BOUNDS = ("less_than_equal", "greater_than_equal", "less_than", "greater_than")


@dataclass(frozen=True, slots=True)
class FormProblem:
    """One problem: the form element it is about (its HTML id) and the sentence a person reads."""

    target: str
    sentence: str


def answer_problems(error: ValidationError, labels: Mapping[str, str]) -> list[str]:
    """The check-in's problems, one "field: sentence" each; the field keeps each sentence
    beside its question."""
    problems = []
    for loc, sentence in sentences(error, lambda loc: labels.get(str(loc[0]), ""), Profile):
        problems.append(f"{loc[0] if loc else ''}: {sentence}")
    return problems


def sentences(
    error: ValidationError, label_of: Callable[[Loc], str], model: type[BaseModel]
) -> list[tuple[Loc, str]]:
    """Each of the validator's problems as (where, sentence), the sentence naming the question
    as `label_of` gives it (a field's name with spaces when it gives nothing)."""
    said = []
    for item in error.errors(include_url=False):
        loc: Loc = tuple(item["loc"])
        message = str(item.get("msg", "")).removeprefix("Value error, ")
        if not loc and (named := re.match(r"(\w+): (.+)", message)):
            # A check across fields names the field its message is about ("psfs: ...").
            loc, item = (named.group(1),), {**item, "msg": named.group(2)}
        label = label_of(loc) or " ".join(str(part) for part in loc).replace("_", " ")
        said.append((loc, _sentence(label, loc, item, model)))
    return said


def _sentence(label: str, loc: Loc, item: Mapping[str, Any], model: type[BaseModel]) -> str:
    kind = str(item["type"])
    wrote = _wrote(item.get("input"))
    schema = _plain(model, loc)
    context = item.get("ctx") or {}
    low = schema.get("minimum", context.get("ge", context.get("gt")))
    high = schema.get("maximum", context.get("le", context.get("lt")))
    whole = schema.get("type") == "integer" or kind.startswith("int")
    span = f" from {low:g} to {high:g}" if low is not None and high is not None else ""
    number = "a whole number" if whole else "a number"
    if kind in PARSING:
        return f"{label} needs {number}{span}, written in figures; you wrote {wrote}."
    if kind in BOUNDS:
        return f"{label} must be {number}{span}; you wrote {wrote}."
    if kind == "literal_error":
        return f"{label}: {wrote} is not one of the choices on this page."
    if kind in ("missing", "string_too_short"):
        return f"{label} needs an answer."
    if kind == "string_too_long":
        return f"{label} is too long: at most {context.get('max_length')} characters."
    message = str(item.get("msg", "")).removeprefix("Value error, ")
    return f"{label}: {message[:1].lower()}{message[1:]}."


def _wrote(value: object) -> str:
    text = str(value)
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


@cache
def _root(model: type[BaseModel]) -> Mapping[str, Any]:
    schema: Mapping[str, Any] = model.model_json_schema()
    return schema


def _resolve(model: type[BaseModel], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Through a reference to a nested model, and through "or null" for optional values."""
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        return _resolve(model, _root(model).get("$defs", {}).get(name, {}))
    for option in node.get("anyOf", ()):
        if option.get("type") != "null":
            return _resolve(model, option)
    return node


def _plain(model: type[BaseModel], loc: Loc) -> Mapping[str, Any]:
    """The schema of the field at `loc` ("psfs", 0, "score"), nested models and lists too."""
    node = _resolve(model, _root(model))
    for part in loc:
        if isinstance(part, int):
            node = _resolve(model, node.get("items", {}))
        else:
            node = _resolve(model, node.get("properties", {}).get(part, {}))
    return node


def as_sentence(text: str) -> str:
    """A service's message ("not valid JSON at line 1") as a sentence: a capital, a full stop."""
    text = text.strip()
    if not text:
        return text
    ending = "" if text.endswith((".", "!", "?")) else "."
    return text[:1].upper() + text[1:] + ending
