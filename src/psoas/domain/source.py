"""Sources, and the places where they disagree."""

from typing import Literal

from pydantic import Field

from psoas.domain.base import Frozen, Slug, Text

SourceKind = Literal["article", "study", "guideline", "reference"]


class Source(Frozen):
    id: Slug
    title: Text
    # What a person reads where the source is cited: a few words, not the id.
    short: Text
    author: Text | None = None
    publisher: Text | None = None
    year: int | None = None
    kind: SourceKind
    # For the five seed articles: their file name in ../shared/seeds/.
    seed_file: Text | None = None
    citation: Text | None = None
    supports: tuple[Text, ...] = Field(min_length=1)


class Position(Frozen):
    stance: Literal["for", "against", "neutral"]
    sources: tuple[Slug, ...] = Field(min_length=1)
    summary: Text


class Conflict(Frozen):
    id: Slug
    topic: Text
    positions: tuple[Position, ...] = Field(min_length=2)
    default: Text
    reason: Text
    # Said instead of `default` to someone who chose the disputed option, with what to watch for.
    when_chosen: Text | None = None
    watch_for: tuple[Text, ...] = ()
    sources: tuple[Slug, ...] = Field(min_length=1)
    applies_to: tuple[Slug, ...] = ()
