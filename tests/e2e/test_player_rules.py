"""The browser's player (static/player_rules.js) plays by the same rules as the Python player
(psoas.rules.session_player): the same scripts of clock times and actions give the same events
and the same screen, in Chromium and in Python."""

import json
import random
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from psoas.domain.profile import Profile
from psoas.domain.session import (
    SKIP_REASONS,
    CueShown,
    PlayerEvent,
    SessionEnded,
    Step,
    StepCompleted,
    StepSkipped,
    StepStarted,
    Transition,
)
from psoas.rules.session_player import Player
from psoas.services.planning import plan_for
from psoas.services.sessions import session_steps

pytestmark = pytest.mark.e2e

RULES_JS = Path(__file__).parents[2] / "src/psoas/web/static/player_rules.js"
# A plan with sides, sets, rests, reps and every kind of cue.
PROFILE = Profile(
    activities=("desk-work", "running", "cycling"),
    goals=("relieve-tightness", "improve-mobility"),
    equipment=("mat", "foam-roller", "strap-or-towel", "chair", "soft-ball"),
    minutes_per_session=30,
    sessions_per_week=3,
)
Action = tuple[float, str, str | None]  # (now, action, skip reason)

PLAY_IN_BROWSER = """(given) => {
  const [steps, startAt, script] = JSON.parse(given);
  const player = new window.PsoasPlayer.Player(steps, startAt);
  // Strings both ways: far quicker to hand over than thousands of small objects.
  return JSON.stringify(script.map(([now, action, reason]) => {
    const events = action === "skip" ? player.skip(now, reason) : player[action](now);
    const view = player.view(now);
    delete view.timedStage;
    return [events, view];
  }));
}"""
JS_ACTION = {"tick": "tick", "pause": "togglePause", "next": "next", "back": "back"}
JS_ACTION |= {"skip": "skip", "quit": "quit"}


def event_json(event: PlayerEvent) -> dict[str, Any]:
    match event:
        case StepStarted(step=step):
            return {"type": "step-started", "step": step}
        case StepCompleted(step=step):
            return {"type": "step-completed", "step": step}
        case StepSkipped(step=step, reason=reason):
            return {"type": "step-skipped", "step": step, "reason": reason}
        case Transition(kind=kind):
            return {"type": "transition", "kind": kind}
        case CueShown(text=text):
            return {"type": "cue", "text": text}
        case SessionEnded(completed=completed):
            return {"type": "ended", "completed": completed}
    raise AssertionError(event)


def play_in_python(steps: list[Step], start_at: int, script: list[Action]) -> list[Any]:
    player = Player(steps, start_at)
    played = []
    for now, action, reason in script:
        if action == "skip":
            assert reason is not None
            events = player.skip(now, reason)  # type: ignore[arg-type]
        elif action == "pause":
            events = player.toggle_pause(now)
        else:
            events = getattr(player, action)(now)
        view = player.view(now)
        shown = {
            "stage": view.stage,
            "stepIndex": view.step_index,
            "stepCount": view.step_count,
            "phase": view.phase,
            "exerciseName": view.exercise_name,
            "side": view.side,
            "setNumber": view.set_number,
            "sets": view.sets,
            "rep": view.rep,
            "reps": view.reps,
            "remaining": view.remaining_s,
            "cue": view.cue,
            "nextUp": view.next_up,
            "equipment": list(view.equipment),
        }
        played.append([[event_json(event) for event in events], shown])
    return played


def random_script(seed: int, length: int) -> list[Action]:
    """Mostly ticks at 5 Hz, now and then an action, a long gap (a sleeping tab) or a pause."""
    rng = random.Random(seed)
    now = rng.uniform(0, 1000)
    script: list[Action] = []
    for _ in range(length):
        roll = rng.random()
        now += 300.0 if roll < 0.01 else rng.choice([0.0, 0.2, 0.2, 0.2, 1.0, 2.5])
        if roll < 0.85:
            script.append((now, "tick", None))
        elif roll < 0.89:
            script.append((now, "pause", None))
        elif roll < 0.94:
            script.append((now, "next", None))
        elif roll < 0.97:
            script.append((now, "back", None))
        else:
            script.append((now, "skip", rng.choice(SKIP_REASONS)))
    script.append((now + 1, "quit", None))
    return script


@pytest.fixture
def rules_page(page: Page) -> Page:
    page.set_content("<!doctype html><title>rules</title>")
    page.add_script_tag(path=str(RULES_JS))
    return page


@pytest.mark.parametrize(("seed", "start_at"), [(1, 0), (2, 0), (3, 5)])
def test_same_script_same_events_and_screen(rules_page: Page, seed: int, start_at: int) -> None:
    steps = list(session_steps(plan_for(PROFILE), 1, 0.1))
    assert any(step.reps for step in steps), "the plan should have an exercise with reps"
    script = random_script(seed, 2500)
    steps_json = [step.model_dump(mode="json") for step in steps]
    in_browser = json.loads(
        rules_page.evaluate(
            PLAY_IN_BROWSER,
            json.dumps([steps_json, start_at, [[t, JS_ACTION[a], r] for t, a, r in script]]),
        )
    )
    in_python = play_in_python(steps, start_at, script)
    kinds = {event["type"] for events, _ in in_python for event in events}
    assert {"step-completed", "step-skipped", "cue", "ended"} <= kinds, "a weak script"
    for index, (python, browser) in enumerate(zip(in_python, in_browser, strict=True)):
        assert browser == python, f"after action {index}: {script[index]}"
