"""The check-in questionnaire: what is asked for each profile field, and why it is asked."""

from collections.abc import Mapping
from typing import Literal

from pydantic import Field

from psoas.domain.base import Frozen, Slug, Text

QuestionKind = Literal["each-yes-no", "choose-many", "number", "yes-no"]


class AskIf(Frozen):
    """Ask a question only when an earlier answer makes it relevant: when the list answered for
    `field` includes `includes`, or, with no `includes`, when it has anything in it at all."""

    field: Text
    includes: Slug | None = None

    def holds(self, answers: Mapping[str, object]) -> bool:
        given = answers.get(self.field)
        values = list(given) if isinstance(given, list | tuple) else [given] if given else []
        return self.includes in values if self.includes else bool(values)


class Question(Frozen):
    field: Text
    # The question in a few words, as a person would name it (form errors start with it).
    label: Text
    kind: QuestionKind
    prompt: Text
    why: Text
    sources: tuple[Slug, ...] = ()
    # For choose-many: a label for every allowed value, in the order they are offered.
    options: dict[Slug, Text] = Field(default_factory=dict)
    ask_if: AskIf | None = None

    def applies(self, answers: Mapping[str, object]) -> bool:
        """Whether to ask it, given the answers so far."""
        return self.ask_if is None or self.ask_if.holds(answers)


class CheckIn(Frozen):
    intro: Text
    questions: tuple[Question, ...] = Field(min_length=1)
