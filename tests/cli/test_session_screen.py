"""The full-screen player driven through Textual's pilot, recording to a real SQLite file, and
the figure of the current step beside it."""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Digits, Static

from psoas.catalogue import load_catalogue
from psoas.cli.session_figures import WIDTH_CHARS, session_figures
from psoas.cli.session_screen import (
    FULL_FIGURE_MIN_SIZE,
    SMALL_FIGURE_CHARS,
    SMALL_FIGURE_MIN_SIZE,
    SessionApp,
)
from psoas.domain.figure import Side
from psoas.domain.profile import Profile
from psoas.figures import braille_lines
from psoas.rules.session_player import Player
from psoas.services import sessions
from psoas.services.planning import plan_for
from psoas.storage import LOCAL_PERSON_ID, SessionRepository, open_database
from tests.cli.terminal import braille_dots


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


def drawing(exercise_id: str, side: Side | None, width_chars: int = WIDTH_CHARS) -> str:
    figure = load_catalogue().exercises[exercise_id].figure
    assert figure is not None
    return "\n".join(braille_lines(figure, side=side, width_chars=width_chars))


async def skip_step(pilot: Pilot[bool]) -> None:
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("4")  # why: other
    await pilot.pause()


def test_the_current_steps_figure_is_drawn_beside_the_text_and_follows_the_step() -> None:
    """Mirrored for the right side, smaller at 80 columns, hidden below, drawn only on a change."""
    plan = plan_for(
        Profile(activities=("desk-work",), equipment=("chair", "strap-or-towel"),
                minutes_per_session=5)
    )  # fmt: skip
    steps = sessions.session_steps(plan, 1, 1.0)
    prepared = sessions.PreparedSession(1, plan, 1, steps, start_at=0)  # the screen only reads it
    first = steps[0].exercise
    assert [(s.exercise, s.side) for s in steps[:2]] == [(first, "left"), (first, "right")]
    other = next(s for s in steps if s.exercise != first)
    clock = FakeClock()
    app = SessionApp(
        Player(steps), prepared, lambda events: None, clock=clock, figures=session_figures(steps)
    )

    async def drive() -> None:
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            figure = app.query_one("#figure", Static)
            left = shown(app, "figure")
            assert figure.display
            assert left == drawing(first, "left")
            assert braille_dots(left) > 50
            drawn, counted = figure.content, app.query_one("#countdown", Digits).value
            clock.now += 2  # ticks count the get-ready down but leave the figure alone
            await pilot.pause(0.3)
            assert app.query_one("#countdown", Digits).value != counted
            assert figure.content is drawn
            await skip_step(pilot)
            assert "right side" in shown(app, "where")
            assert shown(app, "figure") == drawing(first, "right") != left
            while other.exercise_name not in shown(app, "where"):
                await skip_step(pilot)
            assert shown(app, "figure") == drawing(other.exercise, other.side)
            assert other.exercise != first

            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert figure.display
            assert shown(app, "figure") == drawing(other.exercise, other.side, SMALL_FIGURE_CHARS)
            for widget_id in ("where", "stage", "countdown", "cue", "next", "equipment"):
                region = app.query_one(f"#{widget_id}").region
                assert region.bottom <= 23, widget_id  # above the footer, on an 80x24 screen
                assert region.right <= figure.region.x, widget_id  # beside the figure, not under

            await pilot.resize_terminal(79, 24)
            await pilot.pause()
            assert not figure.display
            assert other.exercise_name in shown(app, "where")

    asyncio.run(drive())


def test_the_readme_gives_the_figure_sizes_the_screen_uses() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    sizes = " ".join(readme.split())  # the sentence may wrap
    full, small = FULL_FIGURE_MIN_SIZE, SMALL_FIGURE_MIN_SIZE
    assert f"It is {WIDTH_CHARS} characters wide from {full[0]}x{full[1]}" in sizes
    assert f"{SMALL_FIGURE_CHARS} wide from {small[0]}x{small[1]}" in sizes
