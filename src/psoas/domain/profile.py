"""The check-in answers a plan is made from. Field names and values are public interface."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from psoas.domain.base import NOT_A_BOOLEAN
from psoas.domain.vocabulary import Activity, Condition, Equipment, Goal, RedFlag, Symptom


class Profile(BaseModel):
    """One person's check-in. Unknown keys are rejected so a typo never passes silently."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        # pregnancy_weeks is only accepted together with the pregnancy condition.
        json_schema_extra={
            "if": {
                "properties": {"pregnancy_weeks": {"type": "integer"}},
                "required": ["pregnancy_weeks"],
            },
            "then": {
                "properties": {"conditions": {"contains": {"const": "pregnancy"}}},
                "required": ["conditions"],
            },
        },
    )

    activities: tuple[Activity, ...] = Field(default=(), description="What the person does often.")
    sitting_hours_per_day: Annotated[float, Field(ge=0, le=24)] = Field(
        default=0, description="Hours spent sitting on a usual day (0-24)."
    )
    goals: tuple[Goal, ...] = Field(default=(), description="What the person wants from the plan.")
    symptoms: tuple[Symptom, ...] = Field(default=(), description="What the person feels now.")
    pain_now: Annotated[int, Field(ge=0, le=10), NOT_A_BOOLEAN] = Field(
        default=0, description="Pain right now on the 0-10 numeric rating scale."
    )
    conditions: tuple[Condition, ...] = Field(
        default=(), description="Medical conditions that rule some exercises out."
    )
    red_flags: tuple[RedFlag, ...] = Field(
        default=(), description="Warning signs that stop the program and need medical care."
    )
    equipment: tuple[Equipment, ...] = Field(
        default=(), description="What the person has to hand. Only the floor is assumed."
    )
    minutes_per_session: Annotated[int, Field(ge=3, le=90), NOT_A_BOOLEAN] = Field(
        default=15, description="Time for one session, in minutes (3-90)."
    )
    sessions_per_week: Annotated[int, Field(ge=1, le=14), NOT_A_BOOLEAN] = Field(
        default=3, description="Sessions a week (1-14)."
    )
    allow_direct_psoas_pressure: bool = Field(
        default=False,
        description="Opt in to pressure techniques aimed at the psoas (the sources disagree).",
    )
    age: Annotated[int, Field(ge=0, le=120), NOT_A_BOOLEAN] | None = Field(
        default=None,
        description="Age in years (0-120), optional. Some warning signs and limits depend on it.",
    )
    symptoms_weeks: Annotated[int, Field(ge=0, le=520), NOT_A_BOOLEAN] | None = Field(
        default=None,
        description="How many weeks the current symptoms have lasted (0-520), optional.",
    )
    pregnancy_weeks: Annotated[int, Field(ge=0, le=42), NOT_A_BOOLEAN] | None = Field(
        default=None,
        description=(
            "Weeks of pregnancy (0-42), optional; asked only with the pregnancy condition. "
            "When it is not given, the limits for later pregnancy apply."
        ),
    )

    @field_validator("pregnancy_weeks")
    @classmethod
    def _pregnancy_weeks_need_pregnancy(cls, weeks: int | None, info: ValidationInfo) -> int | None:
        # Conditions are declared (so validated) first; if they failed, they are not in data.
        conditions = info.data.get("conditions", ())
        if weeks is not None and "pregnancy" not in conditions:
            raise ValueError("answer this only together with the pregnancy condition")
        return weeks
