"""A real process killed with SIGKILL mid-session keeps every step it had committed.

The child records steps one by one and prints after each commit. Before committing the next
step it announces it and stalls inside the transaction (a hook on the engine's commit event),
so the kill lands exactly while a step is in progress: that step must be lost, the others kept.
"""

import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import Engine, text

from psoas.storage import LOCAL_PERSON_ID, SessionRepository

COMMITTED = 3
PLANNED = 6

CHILD = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime, timedelta
    from sqlalchemy import event
    from psoas.storage import SessionRepository, create_engine_for

    engine = create_engine_for(sys.argv[1])
    committed, planned = int(sys.argv[2]), int(sys.argv[3])
    sessions = SessionRepository(engine)
    t0 = datetime(2025, 3, 1, 8, tzinfo=UTC)
    session = sessions.start_session(
        person_id=1, plan_day=1, planned_steps=planned, plan={"steps": planned},
        pain_before=4, now=t0,
    )
    print("started", session, flush=True)

    def stall(connection):
        print("committing", flush=True)
        time.sleep(60)

    for index in range(planned):
        if index == committed:
            event.listen(engine, "commit", stall)
        sessions.record_step(
            session_id=session, step_index=index, exercise_id="psoas-march", side=None,
            set_number=index + 1, outcome="done", skip_reason=None,
            now=t0 + timedelta(minutes=index),
        )
        print("committed", index, flush=True)
    """
)


def test_sigkill_mid_step_keeps_the_committed_steps(engine: Engine, database_url: str) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, database_url, str(COMMITTED), str(PLANNED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "committing":
                os.kill(child.pid, signal.SIGKILL)
                break
        child.wait(timeout=30)
        assert child.stderr is not None
        errors = child.stderr.read()
    assert child.returncode == -signal.SIGKILL, errors
    assert lines[1:] == [f"committed {index}" for index in range(COMMITTED)] + ["committing"]

    sessions = SessionRepository(engine)
    [summary] = sessions.history(person_id=LOCAL_PERSON_ID)
    assert (summary.status, summary.ended_at) == ("partial", None)
    assert (summary.steps_done, summary.steps_planned, summary.pain_before) == (
        COMMITTED,
        PLANNED,
        4,
    )
    point = sessions.resume_point(person_id=LOCAL_PERSON_ID)
    assert point is not None
    assert point.step_index == COMMITTED
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"

    # Carrying on in a new process: the lost step is recorded now, nothing twice.
    for index in range(point.step_index, PLANNED):
        sessions.record_step(
            session_id=point.session_id, step_index=index, exercise_id="psoas-march", side=None,
            set_number=index + 1, outcome="done", skip_reason=None, now=summary.started_at,
        )  # fmt: skip
    sessions.finish_session(
        session_id=point.session_id, status="completed", pain_after=2, feel="looser", note=None,
        now=summary.started_at,
    )  # fmt: skip
    [resumed] = sessions.history(person_id=LOCAL_PERSON_ID)
    assert (resumed.status, resumed.steps_done) == ("completed", PLANNED)
