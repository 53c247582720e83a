"""One person's rows out (dump), back in under new ids (restore), or gone (delete_all)."""

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select

from psoas.domain.activity import ActivitySummary
from psoas.domain.breaks import BreakEvent, BreakSettings
from psoas.domain.profile import Profile
from psoas.domain.progress import PainDuring, ProgressCheckIn, PsfsScore
from psoas.domain.progression import DoseLevel, PlanChange
from psoas.rules.break_timer import start_timer
from psoas.storage import (
    LOCAL_PERSON_ID,
    BreakRepository,
    PeopleRepository,
    PersonalDataRepository,
    ProfileRepository,
    ProgressRepository,
    SessionRepository,
    Side,
    StepOutcome,
    StorageError,
)
from psoas.storage.tables import Person
from tests.storage.conftest import at

TABLES = ("profiles", "sessions", "check_ins", "runs", "plan_changes", "break_events")
EVIDENCE = ("sessions", "check_ins", "runs")
STRETCH = "half-kneeling-psoas-stretch"
BRIDGE = "glute-bridge"
# A real plan, as sessions keep it: day 1 replays to 3 steps (stretch left, right; bridge), day 2
# to 2, so an import can check each session's steps against it.
SESSION_PLAN: dict[str, Any] = {
    "status": "ok",
    "messages": [],
    "phases": [
        {
            "phase": "lengthen",
            "items": [
                {"exercise": STRETCH, "sides": "each", "sets": 1, "seconds": 30, "reps": None,
                 "why": "Tight hip flexors.", "sources": [], "change": None, "equipment": []},
            ],
        },
        {
            "phase": "strengthen",
            "items": [
                {"exercise": BRIDGE, "sides": "both", "sets": 1, "seconds": 5, "reps": 10,
                 "why": "Glutes that share the work.", "sources": [], "change": None,
                 "equipment": []},
            ],
        },
    ],
    "excluded": [],
    "session_minutes": 10,
    "weekly_schedule": [
        {"day": 1, "exercises": [STRETCH, BRIDGE]}, {"day": 2, "exercises": [STRETCH]},
    ],
    "guidance": [],
    "breaks": {"desk_interval_minutes": 45, "driving_interval_minutes": None},
    "tell_professional": [],
}  # fmt: skip
FULL = {
    "profiles": 2,
    "sessions": 2,
    "session_steps": 3,
    "check_ins": 2,
    "runs": 1,
    "plan_changes": 2,
    "break_events": 2,
    "break_settings": 1,
}


@dataclass(frozen=True)
class Stored:
    sessions: tuple[int, int]
    check_ins: tuple[int, int]
    run: int


def populate(engine: Engine, person_id: int = LOCAL_PERSON_ID) -> Stored:
    """Two profiles, a finished session with three steps and an open one, two check-ins, a run,
    and two plan changes citing them: every table with every kind of link."""
    profiles = ProfileRepository(engine)
    profiles.save_profile(person_id=person_id, profile=Profile(pain_now=4), now=at(0))
    profiles.save_profile(
        person_id=person_id,
        profile=Profile(activities=("running",), goals=("return-to-running",), age=41),
        now=at(10),
    )
    sessions = SessionRepository(engine)
    plan = SESSION_PLAN
    finished = sessions.start_session(
        person_id=person_id, plan_day=1, planned_steps=3, plan=plan, pain_before=3, now=at(20)
    )
    steps: tuple[tuple[str, Side | None, StepOutcome, str | None], ...] = (
        (STRETCH, "left", "done", None), (STRETCH, "right", "done", None),
        (BRIDGE, None, "skipped", "pain"),
    )  # fmt: skip
    for index, (exercise, side, outcome, reason) in enumerate(steps):
        sessions.record_step(
            session_id=finished, step_index=index, exercise_id=exercise, side=side, set_number=1,
            outcome=outcome, skip_reason=reason, now=at(21 + index),
        )  # fmt: skip
    sessions.finish_session(
        session_id=finished, status="partial", pain_after=2, feel="looser", note="ok", now=at(30)
    )
    open_ = sessions.start_session(  # started on a phone with no connection
        person_id=person_id, plan_day=2, planned_steps=2, plan=plan, pain_before=None, now=at(40),
        client_key="phone-started-1",
    )  # fmt: skip
    progress = ProgressRepository(engine)
    first = progress.add_check_in(
        person_id=person_id,
        check_in=ProgressCheckIn(
            on=date(2025, 3, 1),
            pain_now=3,
            pain_during=PainDuring(running=5),
            psfs=(PsfsScore(activity="running uphill", score=4),),
            thomas_left="above",
            sitting_hours=7.5,
            note="stiff after the drive",
        ),
        now=at(50),
    )
    second = progress.add_check_in(
        person_id=person_id, check_in=ProgressCheckIn(on=date(2025, 3, 8), pain_now=2), now=at(60)
    )
    summary = ActivitySummary(
        format="gpx", point_count=1200, started_at=at(70), duration_s=1834.5, distance_m=5012.25,
        elevation_gain_m=12.5, max_sustained_grade_pct=3.25, hilly=False, notes=("no heart rate",),
    )  # fmt: skip
    run = progress.add_run(
        person_id=person_id, day=date(2025, 3, 9), file_name="morning.gpx", summary=summary,
        now=at(80),
    )  # fmt: skip
    progress.add_changes(
        person_id=person_id,
        changes=[
            PlanChange(
                on=date(2025, 3, 9), kind="progress", rule="progress", slot=STRETCH,
                before=DoseLevel(exercise=STRETCH, sets=2, seconds=30),
                after=DoseLevel(exercise=STRETCH, sets=2, seconds=40),
                reason="Two calm weeks.", check_ins=(first, second), sessions=(finished, open_),
            ),
            PlanChange(
                on=date(2025, 3, 9), kind="ladder-start", rule="ladder", stage="flat-easy",
                reason="A flat run without pain.", runs=(run,), check_ins=(second,),
            ),
        ],
        now=at(90),
    )  # fmt: skip
    breaks = BreakRepository(engine)
    breaks.save_settings(
        person_id=person_id,
        settings=BreakSettings(mode="drive", drive_interval_min=90, quiet_hours=None),
        now=at(100),
    )
    breaks.start_timer(
        person_id=person_id,
        timer=start_timer(mode="desk", interval_min=60, now=at(100)),
        driver="desktop",
        now=at(100),
    )
    stored = breaks.timer(person_id=person_id)
    assert stored is not None
    events = [
        BreakEvent(at=at(160), day=date(2025, 3, 10), kind="prompted", mode="desk"),
        BreakEvent(at=at(165), day=date(2025, 3, 10), kind="snoozed", mode="desk", minutes=5),
    ]
    breaks.step_timer(
        person_id=person_id, version=stored.version, timer=stored.timer, events=events
    )
    return Stored(sessions=(finished, open_), check_ins=(first, second), run=run)


def normalised(tables: Mapping[str, Any]) -> dict[str, Any]:
    """Ids replaced by positions, so two dumps of the same data compare equal."""
    position = {name: {row["id"]: i for i, row in enumerate(tables[name])} for name in TABLES}
    result = {name: [{**row, "id": position[name][row["id"]]} for row in tables[name]]
              for name in TABLES}  # fmt: skip
    result["break_settings"] = [row["data"] for row in tables.get("break_settings", ())]
    for change in result["plan_changes"]:
        cited = {key: [position[key][old] for old in change["data"][key]] for key in EVIDENCE}
        change["data"] = {**change["data"], **cited}
    return result


def other_person(engine: Engine) -> int:
    return PeopleRepository(engine).add_person(name="someone else", now=at(0))


def test_a_dump_holds_every_table_json_ready_with_steps_in_their_session(engine: Engine) -> None:
    stored = populate(engine)
    tables = PersonalDataRepository(engine).dump(person_id=LOCAL_PERSON_ID)
    assert list(tables) == [*TABLES[:5], "break_events", "break_settings"]
    assert [len(tables[name]) for name in TABLES] == [2, 2, 2, 1, 2, 2]
    assert tables["break_events"][1] == {
        "id": tables["break_events"][1]["id"],
        "day": "2025-03-10",
        "at": at(165).isoformat(),
        "kind": "snoozed",
        "mode": "desk",
        "minutes": 5,
    }
    [settings] = tables["break_settings"]
    assert settings["data"]["drive_interval_min"] == 90
    finished, open_ = tables["sessions"]
    assert [finished["id"], open_["id"]] == list(stored.sessions)
    assert [step["outcome"] for step in finished["steps"]] == ["done", "done", "skipped"]
    assert finished["steps"][2]["skip_reason"] == "pain"
    assert open_["steps"] == []
    assert finished["started_at"] == "2025-03-01T08:20:00+00:00"
    assert open_["ended_at"] is None
    assert tables["check_ins"][0]["day"] == "2025-03-01"
    assert tables["check_ins"][0]["data"]["psfs"] == [{"activity": "running uphill", "score": 4}]
    assert tables["runs"][0]["notes"] == ["no heart rate"]
    assert tables["runs"][0]["distance_m"] == 5012.25
    assert tables["plan_changes"][0]["data"]["sessions"] == list(stored.sessions)
    assert "person_id" not in tables["profiles"][0]


def test_the_columns_are_the_keys_of_a_dumped_row(engine: Engine) -> None:
    populate(engine)
    tables = PersonalDataRepository(engine).dump(person_id=LOCAL_PERSON_ID)
    columns = PersonalDataRepository.COLUMNS
    for name in TABLES:
        assert set(tables[name][0]) - {"steps"} == set(columns[name]), name
    assert set(tables["sessions"][0]["steps"][0]) | {"session_id"} == set(columns["session_steps"])


def test_restoring_into_another_person_gives_new_ids_and_keeps_every_link(engine: Engine) -> None:
    populate(engine)
    data = PersonalDataRepository(engine)
    original = data.dump(person_id=LOCAL_PERSON_ID)
    other = other_person(engine)
    counts = data.restore(person_id=other, tables=original, replace=False)
    assert counts == FULL
    restored = data.dump(person_id=other)
    assert normalised(restored) == normalised(original)
    old_ids = {row["id"] for name in TABLES for row in original[name]}
    new_session_ids = {row["id"] for row in restored["sessions"]}
    assert new_session_ids.isdisjoint(old_ids)
    # The links point at the other person's own records, which read back like the originals.
    [progressed, ladder] = ProgressRepository(engine).changes(person_id=other)
    check_ins = {c.id: c.check_in for c in ProgressRepository(engine).check_ins(person_id=other)}
    assert [check_ins[i].on for i in progressed.check_ins] == [date(2025, 3, 1), date(2025, 3, 8)]
    sessions = SessionRepository(engine)
    assert [sessions.session(person_id=other, session_id=i) is not None
            for i in progressed.sessions] == [True, True]  # fmt: skip
    [run] = ProgressRepository(engine).runs(person_id=other)
    assert ladder.runs == (run.id,)
    assert run.summary.distance_m == 5012.25
    assert data.dump(person_id=LOCAL_PERSON_ID) == original


def test_evidence_citing_a_record_not_in_the_dump_is_dropped(engine: Engine) -> None:
    stored = populate(engine)
    data = PersonalDataRepository(engine)
    tables = data.dump(person_id=LOCAL_PERSON_ID)
    SessionRepository(engine).delete_session(
        person_id=LOCAL_PERSON_ID, session_id=stored.sessions[1]
    )
    tables["sessions"] = tables["sessions"][:1]  # as if exported after the delete
    other = other_person(engine)
    data.restore(person_id=other, tables=tables, replace=False)
    [progressed, _] = ProgressRepository(engine).changes(person_id=other)
    [kept] = data.dump(person_id=other)["sessions"]
    assert progressed.sessions == (kept["id"],)


def test_replace_deletes_the_persons_rows_first(engine: Engine) -> None:
    populate(engine)
    data = PersonalDataRepository(engine)
    tables = data.dump(person_id=LOCAL_PERSON_ID)
    data.restore(person_id=LOCAL_PERSON_ID, tables=tables, replace=True)
    assert data.counts(person_id=LOCAL_PERSON_ID) == FULL
    assert normalised(data.dump(person_id=LOCAL_PERSON_ID)) == normalised(tables)
    data.restore(person_id=LOCAL_PERSON_ID, tables=tables, replace=False)  # appends
    # Break settings are one set per person: the file's replace them, never add a second.
    twice = {name: 2 * n for name, n in FULL.items()} | {"break_settings": 1}
    assert data.counts(person_id=LOCAL_PERSON_ID) == twice


@pytest.mark.parametrize("replace", [False, True])
def test_a_restore_that_fails_part_way_writes_nothing(engine: Engine, replace: bool) -> None:
    populate(engine)
    data = PersonalDataRepository(engine)
    before = data.dump(person_id=LOCAL_PERSON_ID)
    broken = copy.deepcopy(before)
    broken["plan_changes"][1]["kind"] = "sideways"  # the last table written breaks a CHECK
    with pytest.raises(StorageError, match="database: "):
        data.restore(person_id=LOCAL_PERSON_ID, tables=broken, replace=replace)
    assert data.dump(person_id=LOCAL_PERSON_ID) == before


def test_delete_all_counts_what_went_and_leaves_the_person_and_others(engine: Engine) -> None:
    populate(engine)
    other = other_person(engine)
    populate(engine, other)
    data = PersonalDataRepository(engine)
    theirs = data.dump(person_id=other)
    assert data.delete_all(person_id=LOCAL_PERSON_ID) == FULL
    assert data.counts(person_id=LOCAL_PERSON_ID) == dict.fromkeys(FULL, 0)
    assert data.dump(person_id=other) == theirs
    with engine.connect() as connection:
        people = connection.execute(select(Person.id).order_by(Person.id)).scalars().all()
    assert people == [LOCAL_PERSON_ID, other]
    assert data.delete_all(person_id=LOCAL_PERSON_ID) == dict.fromkeys(FULL, 0)


def test_a_person_with_nothing_dumps_empty_tables(engine: Engine) -> None:
    data = PersonalDataRepository(engine)
    assert data.dump(person_id=LOCAL_PERSON_ID) == {
        name: [] for name in (*TABLES, "break_settings")
    }
    assert data.restore(person_id=LOCAL_PERSON_ID, tables={}, replace=False) == dict.fromkeys(
        FULL, 0
    )
    assert data.person_name(person_id=LOCAL_PERSON_ID) == "local"
    assert data.person_name(person_id=999) is None
