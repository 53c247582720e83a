"""The version of what the plan in force is made of: it moves with every record that changes
the plan, per person, and only then (the plan page keeps its rendered body under it)."""

from datetime import date

from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.domain.progress import ProgressCheckIn
from psoas.domain.progression import PlanChange
from psoas.storage import (
    LOCAL_PERSON_ID,
    PeopleRepository,
    PersonalDataRepository,
    ProfileRepository,
    ProgressRepository,
)
from tests.storage.conftest import at

DESK = Profile(activities=("desk-work",), goals=("relieve-tightness",))
CHANGE = PlanChange(on=date(2025, 3, 9), kind="ladder-start", rule="ladder", stage="flat-easy",
                    reason="A flat run without pain.")  # fmt: skip


def test_each_record_that_shapes_the_plan_gives_a_new_version(engine: Engine) -> None:
    progress, profiles = ProgressRepository(engine), ProfileRepository(engine)
    versions = [progress.plan_inputs_version(person_id=LOCAL_PERSON_ID)]
    assert versions[0][0] == 0  # no saved check-in: no plan yet

    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=DESK, now=at(1))
    versions.append(progress.plan_inputs_version(person_id=LOCAL_PERSON_ID))
    assert versions[-1][0] == 1
    check_in = ProgressCheckIn(on=date(2025, 3, 1), pain_now=2)
    progress.add_check_in(person_id=LOCAL_PERSON_ID, check_in=check_in, now=at(2))
    versions.append(progress.plan_inputs_version(person_id=LOCAL_PERSON_ID))
    progress.add_changes(person_id=LOCAL_PERSON_ID, changes=[CHANGE], now=at(3))
    versions.append(progress.plan_inputs_version(person_id=LOCAL_PERSON_ID))
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=DESK, now=at(4))  # same answers
    versions.append(progress.plan_inputs_version(person_id=LOCAL_PERSON_ID))

    assert len(set(versions)) == len(versions)
    # Reading changes nothing.
    assert progress.plan_inputs_version(person_id=LOCAL_PERSON_ID) == versions[-1]


def test_another_persons_records_leave_the_version_alone(engine: Engine) -> None:
    progress, profiles = ProgressRepository(engine), ProfileRepository(engine)
    other = PeopleRepository(engine).add_person(name="someone else", now=at(0))
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=DESK, now=at(1))
    mine = progress.plan_inputs_version(person_id=LOCAL_PERSON_ID)

    profiles.save_profile(person_id=other, profile=DESK, now=at(1))
    check_in = ProgressCheckIn(on=date(2025, 3, 1), pain_now=9)
    progress.add_check_in(person_id=other, check_in=check_in, now=at(2))
    progress.add_changes(person_id=other, changes=[CHANGE], now=at(3))

    assert progress.plan_inputs_version(person_id=LOCAL_PERSON_ID) == mine
    assert progress.plan_inputs_version(person_id=other) != mine


def test_data_deleted_and_saved_again_is_a_new_version(engine: Engine) -> None:
    """Even where ids are used again (SQLite after the newest rows are deleted)."""
    progress, profiles = ProgressRepository(engine), ProfileRepository(engine)
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=DESK, now=at(1))
    before = progress.plan_inputs_version(person_id=LOCAL_PERSON_ID)

    PersonalDataRepository(engine).delete_all(person_id=LOCAL_PERSON_ID)
    assert progress.plan_inputs_version(person_id=LOCAL_PERSON_ID)[0] == 0
    profiles.save_profile(person_id=LOCAL_PERSON_ID, profile=DESK, now=at(5))

    assert progress.plan_inputs_version(person_id=LOCAL_PERSON_ID) != before
