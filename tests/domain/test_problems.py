from pydantic import ValidationError

from psoas.domain.problems import Problem, problems_from
from psoas.domain.profile import Profile


def test_unknown_field_lists_the_allowed_fields() -> None:
    try:
        Profile.model_validate({"pain": 3})
    except ValidationError as error:
        [problem] = problems_from(error, Profile)
    assert problem.field == "pain"
    assert problem.message.startswith("unknown field; allowed fields: activities,")
    assert "pain_now" in problem.message


def test_long_values_are_shortened_in_messages() -> None:
    text = str(Problem(field="notes", value="x" * 200, message="too long"))
    assert text.startswith("notes: too long (got 'xxx")
    assert text.endswith("...)")
    assert len(text) < 100
