"""Validator problems as sentences in a form's words, for any model, nested answers too."""

import pytest
from pydantic import ValidationError

from psoas.domain.profile import Profile
from psoas.domain.progress import ProgressCheckIn
from psoas.web.form_words import answer_problems, as_sentence, sentences


def _error(
    model: type[Profile] | type[ProgressCheckIn], data: dict[str, object]
) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value


def test_a_check_in_number_names_the_question_its_range_and_what_was_written() -> None:
    error = _error(Profile, {"sitting_hours_per_day": "lots"})
    [problem] = answer_problems(error, {"sitting_hours_per_day": "Hours you sit a day"})
    assert problem == (
        "sitting_hours_per_day: Hours you sit a day needs a number from 0 to 24, written in "
        "figures; you wrote “lots”."
    )


def test_a_nested_answer_finds_its_range_in_the_nested_model() -> None:
    error = _error(
        ProgressCheckIn,
        {"on": "2026-11-16", "pain_now": 1, "psfs": [{"activity": "Stairs", "score": 12}]},
    )
    [(loc, sentence)] = sentences(error, lambda loc: "The score for activity 1", ProgressCheckIn)
    assert loc == ("psfs", 0, "score")
    assert (
        sentence == "The score for activity 1 must be a whole number from 0 to 10; you wrote “12”."
    )


def test_without_a_label_the_field_is_said_in_words_not_as_an_id() -> None:
    error = _error(ProgressCheckIn, {"on": "2026-11-16", "pain_now": 1, "sitting_hours": "x"})
    [(_, sentence)] = sentences(error, lambda loc: "", ProgressCheckIn)
    assert sentence.startswith("sitting hours needs a number")
    assert "_" not in sentence


def test_a_check_across_fields_is_put_under_the_field_it_names() -> None:
    twice = [{"activity": "Stairs", "score": 3}, {"activity": "stairs", "score": 4}]
    error = _error(ProgressCheckIn, {"on": "2026-11-16", "pain_now": 1, "psfs": twice})
    labels = {"psfs": "What you can do"}
    [(loc, sentence)] = sentences(error, lambda loc: labels[str(loc[0])], ProgressCheckIn)
    assert loc == ("psfs",)
    assert sentence == "What you can do: each activity may appear once."


def test_a_service_message_becomes_a_sentence() -> None:
    assert as_sentence("not valid JSON at line 1") == "Not valid JSON at line 1."
    assert as_sentence("Already one.") == "Already one."
