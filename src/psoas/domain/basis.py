"""What a rule, threshold or dose rests on: sources that say it, or a stated choice of ours.

A person is never shown a citation for something the source does not say. Where a number or a
rule is the product's own judgement, it is marked ``basis: product-choice`` with a one-line reason
that the person sees ("Our choice, because ..."); it may still list sources that support the
reasoning around it (for example the fact a limit is drawn from).
"""

from typing import Literal

from pydantic import model_validator

from psoas.domain.base import Frozen, Slug, Text

BasisKind = Literal["sources", "product-choice"]


class Grounded(Frozen):
    """Mixed into every rule, threshold and dose the content holds."""

    sources: tuple[Slug, ...] = ()
    basis: BasisKind = "sources"
    # For basis product-choice: why we chose it, in one line, read by the person.
    choice: Text | None = None

    @model_validator(mode="after")
    def _grounded(self) -> "Grounded":
        if self.basis == "product-choice" and self.choice is None:
            raise ValueError("basis product-choice needs `choice`: the reason, in one line")
        if self.basis == "sources" and not self.sources:
            raise ValueError(
                "needs `sources` that say it, or `basis: product-choice` with a `choice` reason"
            )
        if self.basis == "sources" and self.choice is not None:
            raise ValueError("`choice` is only for basis product-choice")
        return self

    @property
    def choice_note(self) -> str:
        """The sentence a person reads about our choice; empty when sources say it all."""
        if self.choice is None:
            return ""
        reason = self.choice.rstrip(".")
        return f"Our choice, because {reason[0].lower()}{reason[1:]}."
