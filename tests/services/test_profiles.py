from pathlib import Path

import pytest

from psoas.domain.profile import Profile
from psoas.services.errors import InputError
from psoas.services.profiles import parse_profile, read_profile, save_profile

PROFILE = Profile(activities=("driving",), pain_now=3, equipment=("chair",), age=50)


@pytest.mark.parametrize("name", ["me.yaml", "me.json", "nested/dir/me.yml"])
def test_saved_profiles_read_back_equal(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    save_profile(PROFILE, path)
    assert read_profile(path) == PROFILE
    assert not list(path.parent.glob("*.tmp"))


def test_saving_over_an_existing_profile_replaces_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    save_profile(PROFILE, path)
    save_profile(Profile(), path)
    assert read_profile(path) == Profile()


def test_validation_problems_name_field_value_and_rule() -> None:
    with pytest.raises(InputError) as raised:
        parse_profile({"pain_now": 11, "goals": ["get-rich"]}, source="p")
    problems = raised.value.problems
    assert (
        problems[0] == "p: goals[0]: input should be 'relieve-tightness', 'ease-low-back-pain', "
        "'return-to-running', 'prevent-injury' or 'improve-mobility' (got 'get-rich')"
    )
    assert problems[1] == "p: pain_now: input should be less than or equal to 10 (got 11)"


def test_a_fractional_pain_score_is_refused() -> None:
    with pytest.raises(InputError, match="pain_now"):
        parse_profile({"pain_now": 6.5})
