"""Shared base for value types: frozen, and strict about unknown keys."""

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# Ids are lower-case kebab-case: they are file names, URLs and CLI arguments.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Cited(Frozen):
    """A sentence that guides a person, with the sources it rests on."""

    text: Text
    sources: tuple[Slug, ...]


def _not_a_boolean(value: object) -> object:
    # JSON true/false are not numbers, though Python counts them as 1 and 0.
    if isinstance(value, bool):
        raise ValueError("a whole number is needed, not true or false")
    return value


# Refuses true/false where a whole number is asked for; strings of digits (form fields) still
# parse. Put it after the Field constraints in Annotated, or their JSON Schema is lost.
NOT_A_BOOLEAN = BeforeValidator(_not_a_boolean)
