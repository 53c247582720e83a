"""Shared base for value types: frozen, and strict about unknown keys."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# Ids are lower-case kebab-case: they are file names, URLs and CLI arguments.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Cited(Frozen):
    """A sentence that guides a person, with the sources it rests on."""

    text: Text
    sources: tuple[Slug, ...]
