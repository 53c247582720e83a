"""The check-in questionnaire: what is asked for each profile field, and why it is asked."""

from typing import Literal

from pydantic import Field

from psoas.domain.base import Frozen, Slug, Text

QuestionKind = Literal["each-yes-no", "choose-many", "number", "yes-no"]


class Question(Frozen):
    field: Text
    kind: QuestionKind
    prompt: Text
    why: Text
    sources: tuple[Slug, ...] = ()
    # For choose-many: a label for every allowed value, in the order they are offered.
    options: dict[Slug, Text] = Field(default_factory=dict)


class CheckIn(Frozen):
    intro: Text
    questions: tuple[Question, ...] = Field(min_length=1)
