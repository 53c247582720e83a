import pytest
from sqlalchemy import Engine, update

from psoas.domain.profile import Profile
from psoas.storage import LOCAL_PERSON_ID, PeopleRepository, ProfileRepository, StorageError
from psoas.storage.tables import ProfileRow
from tests.storage.conftest import at

FIRST = Profile(activities=("driving",), pain_now=3, equipment=("chair",), age=50)
SECOND = Profile(activities=("running",), goals=("return-to-running",), minutes_per_session=20)


def test_a_saved_profile_reads_back_equal(engine: Engine) -> None:
    profiles = ProfileRepository(engine)
    assert profiles.latest_profile(person_id=LOCAL_PERSON_ID) is None
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=FIRST, now=at(0))
    assert profiles.latest_profile(person_id=LOCAL_PERSON_ID) == FIRST


def test_the_latest_save_wins_and_each_person_sees_their_own(engine: Engine) -> None:
    profiles = ProfileRepository(engine)
    other = PeopleRepository(engine).add_person(name="someone else", now=at(0))
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=FIRST, now=at(1))
    profiles.save_profile(person_id=other, profile=FIRST, now=at(2))
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=SECOND, now=at(3))
    assert other != LOCAL_PERSON_ID
    assert profiles.latest_profile(person_id=LOCAL_PERSON_ID) == SECOND
    assert profiles.latest_profile(person_id=other) == FIRST


def test_saving_for_an_unknown_person_is_refused(engine: Engine) -> None:
    with pytest.raises(StorageError, match=r"^database: "):
        ProfileRepository(engine).save_profile(person_id=999, profile=FIRST, now=at(0))


def test_a_stored_profile_that_no_longer_fits_says_to_check_in_again(engine: Engine) -> None:
    profiles = ProfileRepository(engine)
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=FIRST, now=at(0))
    retired = {**FIRST.model_dump(mode="json"), "activities": ["jousting"]}
    with engine.begin() as connection:
        connection.execute(update(ProfileRow).values(data=retired))
    with pytest.raises(StorageError, match=r"activities\.0: .*run `psoas check-in` again"):
        profiles.latest_profile(person_id=LOCAL_PERSON_ID)


def test_pain_scores_are_each_check_ins_oldest_first_and_only_the_persons(engine: Engine) -> None:
    profiles = ProfileRepository(engine)
    other = PeopleRepository(engine).add_person(name="someone else", now=at(0))
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=Profile(pain_now=5), now=at(1))
    profiles.save_profile(person_id=other, profile=Profile(pain_now=9), now=at(2))
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=Profile(pain_now=3), now=at(3))
    assert profiles.pain_scores(person_id=LOCAL_PERSON_ID) == [(at(1), 5), (at(3), 3)]
    assert profiles.pain_scores(person_id=LOCAL_PERSON_ID, since=at(2)) == [(at(3), 3)]
