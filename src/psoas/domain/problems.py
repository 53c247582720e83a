"""Turn validation errors into one readable line per problem: field, bad value, what is allowed.

Error messages are public interface (CLI output, and later API 422 bodies), so they are built in
one place.
"""

import reprlib
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    value: object
    message: str

    def __str__(self) -> str:
        where = self.field or "(top level)"
        return f"{where}: {self.message} (got {_show(self.value)})"


# Bounded at every level: a hostile value (a YAML list of lists aliased nine deep holds 9**9
# items) is shown by its first few items instead of being spelt out whole.
_SHORT = reprlib.Repr()
_SHORT.maxlevel = 3
_SHORT.maxtuple = _SHORT.maxlist = _SHORT.maxdict = _SHORT.maxset = _SHORT.maxfrozenset = 4
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 200


def _show(value: object) -> str:
    text = _SHORT.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def problems_from(error: ValidationError, model: type[BaseModel] | None = None) -> list[Problem]:
    """One problem per pydantic error, with the allowed field names for unknown keys."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        # Pydantic adds the literal tag or function name to the location of some errors.
        loc = tuple(part for part in loc if not (isinstance(part, str) and "[" in part))
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field"
            if model is not None and len(loc) == 1:
                message += "; allowed fields: " + ", ".join(model.model_fields)
        elif item["type"] == "missing":
            message = "required field is missing"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        else:
            message = message[0].lower() + message[1:]
        problems.append(Problem(_field_path(loc), item.get("input"), message))
    return problems
