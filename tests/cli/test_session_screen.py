"""The full-screen player driven through Textual's pilot, recording to a real SQLite file."""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Static

from psoas.cli.session_screen import SessionApp
from psoas.domain.profile import Profile
from psoas.rules.session_player import Player
from psoas.services import sessions
from psoas.services.planning import plan_for
from psoas.storage import LOCAL_PERSON_ID, SessionRepository, open_database


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def shown(app: SessionApp, widget_id: str) -> str:
    return str(app.query_one(f"#{widget_id}", Static).content)


def test_full_screen_session_pause_skip_and_quit_are_recorded(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'psoas.sqlite3'}")
    plan = plan_for(Profile(activities=("desk-work",), equipment=("chair",), minutes_per_session=5))
    prepared = sessions.start_session(
        engine, plan, day=1, time_scale=1.0, pain_before=3, clock=lambda: datetime.now(UTC)
    )
    recorder = sessions.StepRecorder(engine, prepared, clock=lambda: datetime.now(UTC))
    clock = FakeClock()
    app = SessionApp(Player(prepared.steps), prepared, recorder.handle, clock=clock)

    async def drive() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert shown(app, "stage") == "Get ready"
            assert "step 1 of" in shown(app, "where")
            assert shown(app, "next").startswith("Next: ")
            assert not shown(app, "next").startswith("Next: Next:")
            await pilot.press("n")  # end the get-ready early
            await pilot.pause()
            assert shown(app, "stage") == "Hold"
            await pilot.press("space")
            await pilot.pause()
            assert shown(app, "stage").startswith("Paused")
            clock.now += 1000  # time passes while paused: nothing may complete
            await pilot.pause(0.3)
            assert recorder.recorded == {}
            await pilot.press("space")
            clock.now += prepared.steps[0].hold_s + 0.1
            await pilot.pause(0.3)  # one timer tick ends the hold
            assert recorder.recorded == {0: "done"}
            await pilot.press("s")
            await pilot.pause()
            await pilot.press("1")  # why: pain
            await pilot.pause()
            assert recorder.recorded == {0: "done", 1: "skipped"}
            await pilot.press("q")
            await pilot.pause()

    asyncio.run(drive())
    assert app.return_value is False
    sessions.finish_session(
        engine, prepared, completed=False, pain_after=2, feel="same", note=None,
        clock=lambda: datetime.now(UTC),
    )  # fmt: skip
    [entry] = SessionRepository(engine).history(person_id=LOCAL_PERSON_ID)
    engine.dispose()
    assert entry.status == "partial"
    assert entry.steps_done == 1
    assert [(s.step_index, s.reason) for s in entry.skipped] == [(1, "pain")]
