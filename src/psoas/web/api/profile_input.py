"""The profile as the API takes it: the domain Profile, minus lax type coercion.

The CLI and the web check-in hand the domain model strings from prompts and forms, so it coerces
"20" to 20. JSON has real numbers and booleans: over the API, "20", true for a number or 0 for
true/false are refused, as the published schema says, with the field named.
"""

from typing import Any

from pydantic import ConfigDict, field_validator

from psoas.domain.profile import Profile

NUMBER_FIELDS = (
    "sitting_hours_per_day",
    "pain_now",
    "minutes_per_session",
    "sessions_per_week",
    "age",
)


class ProfileIn(Profile):
    model_config = ConfigDict(frozen=True, extra="forbid", title="Profile")

    @field_validator(*NUMBER_FIELDS, mode="before")
    @classmethod
    def _a_number(cls, value: Any) -> Any:
        if isinstance(value, bool | str):
            raise ValueError(f"must be a JSON number, not {type(value).__name__}")
        return value

    @field_validator("allow_direct_psoas_pressure", mode="before")
    @classmethod
    def _a_boolean(cls, value: Any) -> Any:
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
