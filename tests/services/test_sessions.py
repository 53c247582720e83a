from datetime import UTC, datetime
from pathlib import Path

from psoas.domain.profile import Profile
from psoas.domain.session import StepCompleted, StepSkipped
from psoas.services import sessions
from psoas.services.planning import plan_for
from psoas.storage import SessionRepository, open_database


def now() -> datetime:
    return datetime.now(UTC)


def test_a_resumed_session_can_step_back_into_recorded_steps(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'psoas.sqlite3'}")
    try:
        plan = plan_for(Profile(activities=("desk-work",), minutes_per_session=5))
        first = sessions.start_session(
            engine, plan, day=1, time_scale=1.0, pain_before=None, clock=now
        )
        sessions.StepRecorder(engine, first, clock=now).handle([StepSkipped(step=0, reason="pain")])
        resumed = sessions.resume_session(engine, time_scale=1.0)
        assert resumed.start_at == 1
        recorder = sessions.StepRecorder(engine, resumed, clock=now)
        # Back into step 0, then skipped again for another reason: the first outcome stands.
        recorder.handle([StepSkipped(step=0, reason="other"), StepCompleted(step=1)])
        stored = SessionRepository(engine).recorded_steps(session_id=resumed.session_id)
        assert stored == {0: "skipped", 1: "done"}
    finally:
        engine.dispose()


def test_pain_of_seven_or_more_before_a_session_is_a_referral() -> None:
    assert sessions.pain_referral(None) is None
    assert sessions.pain_referral(6) is None
    referral = sessions.pain_referral(7)
    assert referral is not None
    assert referral.id == "referral-severe-pain"
