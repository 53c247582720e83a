"""Line-by-line session output, for screen readers and for use without a terminal.

Every transition and cue is printed as one line as it happens; the clock is real (scaled by
--time-scale through the step timings) and Ctrl-C quits, keeping what was done. As each exercise
starts, its position is described in words (the figure's description): a braille drawing, as the
full screen shows, would be read out by a screen reader as a string of dot patterns.
"""

import time
from collections.abc import Callable, Mapping

import typer

from psoas.domain.figure import Figure
from psoas.domain.session import (
    CueShown,
    PlayerEvent,
    SessionEnded,
    Step,
    StepCompleted,
    StepSkipped,
    StepStarted,
    Transition,
)
from psoas.domain.vocabulary import PHASE_TITLES
from psoas.rules.session_player import Player

STAGE_WORDS = {
    "get-ready": "Get ready",
    "hold": "Hold",
    "rep-transition": "Lower and reset",
    "rest": "Rest",
    "switch-sides": "Switch sides",
}


def describe(step: Step) -> str:
    side = f", {step.side} side" if step.side else ""
    reps = f", {step.reps} reps of {step.hold_s:g} s" if step.reps else f", {step.hold_s:g} s hold"
    return (
        f"{PHASE_TITLES[step.phase]}: {step.exercise_name}{side}, set {step.set_number}/{step.sets}"
        f"{reps}. Have ready: {', '.join(step.equipment) or 'nothing but the floor'}."
    )


def play_plain(
    player: Player,
    steps: tuple[Step, ...],
    on_events: Callable[[list[PlayerEvent]], None],
    *,
    speak: Callable[[str], None] | None = None,
    figures: Mapping[str, Figure] | None = None,
) -> bool:
    """Play to the end (True) or until Ctrl-C (False), printing each event as a line.

    figures: by exercise id, to describe each exercise's position once as it starts.
    """
    described: str | None = None  # the exercise described last: its next sets and sides are not

    def say(text: str) -> None:
        typer.echo(text)
        if speak is not None:
            speak(text)

    def emit(events: list[PlayerEvent]) -> bool:
        nonlocal described
        on_events(events)
        ended = False
        for event in events:
            if isinstance(event, StepStarted):
                step = steps[event.step]
                say(f"Step {event.step + 1} of {len(steps)}. {describe(step)}")
                figure = (figures or {}).get(step.exercise)
                if figure is not None and step.exercise != described:
                    described = step.exercise
                    # Printed, not spoken: the spoken cues keep to the timing.
                    typer.echo(f"Position: {figure.description}")
            elif isinstance(event, Transition) and event.kind in STAGE_WORDS:
                view = player.view(time.monotonic())
                rep = (
                    f", rep {view.rep} of {view.reps}" if view.rep and event.kind == "hold" else ""
                )
                say(f"{STAGE_WORDS[event.kind]}{rep}: {view.remaining_s:.2g} s")
            elif isinstance(event, CueShown):
                say(f"  {event.text}")
            elif isinstance(event, StepCompleted):
                say(f"Done: step {event.step + 1}.")
            elif isinstance(event, StepSkipped):
                say(f"Skipped step {event.step + 1} ({event.reason}).")
            elif isinstance(event, SessionEnded):
                ended = True
        return ended

    try:
        while True:
            now = time.monotonic()
            if emit(player.tick(now)) or player.finished:
                return True
            remaining = player.view(now).remaining_s
            time.sleep(min(max(remaining, 0.005), 0.25))
    except KeyboardInterrupt:
        emit(player.quit(time.monotonic()))
        typer.echo("\nStopped. What you did is saved; `psoas session --resume` carries on.")
        return False
