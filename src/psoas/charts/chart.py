"""What every chart function returns."""

from pydantic import Field, model_validator

from psoas.domain.base import Frozen, Text


class Chart(Frozen):
    """A drawn chart: SVG text, and a plain-language summary for people who cannot see it."""

    title: Text
    svg: str
    summary: str
    width: int = Field(gt=0)
    height: int = Field(gt=0)

    @model_validator(mode="after")
    def _svg_is_svg(self) -> "Chart":
        if not self.svg.startswith("<svg"):
            raise ValueError("svg must be an <svg> document")
        return self
