"""Play a session: a pure state machine over steps, driven by the caller's clock.

Nothing here sleeps or reads a clock. The caller passes `now` (seconds from a monotonic clock) to
every call, acts on the events returned (a tone on Transition, a commit on StepCompleted and
StepSkipped) and redraws from view(now). Tests drive it with a float for a clock.

Rules of play:
- The clock starts at the first call. A step runs: [break] get-ready, hold, then for reps
  rep-transition, hold, ... The break (rest or switch-sides) is the one the previous step names in
  `break_after`; it plays only when the session flows on from that step, not after back, skip or
  a resume. During a break the current step is the one the break leads into.
- StepCompleted comes when the step's last hold ends, before any break, so quitting during a rest
  keeps the set just done.
- A tick ends at most one stage, and the next stage starts at that tick's `now`. After a long gap
  (a suspended laptop) the running stage ends and the next gets its full time, so steps are never
  completed for time the person was not there.
- next(now) ends a waiting stage (get-ready, rep-transition, rest, switch-sides) early. During a
  hold it does nothing: leaving a hold early is a skip, and a skip needs a reason.
- skip(now, reason) records StepSkipped and starts the next step at its get-ready (no rest after a
  set not done). back(now) starts the previous step at its get-ready; the first step restarts.
  Either may repeat events for a step: the caller stores them idempotently.
- Actions while paused take effect, and the player stays paused at the start of the new stage.
- The session ends with SessionEnded(completed=True) after the last step is completed or skipped,
  and with SessionEnded(completed=False) on quit.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from psoas.domain.exercise import CueMoment
from psoas.domain.session import (
    SKIP_REASONS,
    BreakKind,
    CueShown,
    PlayerEvent,
    PlayerView,
    SessionEnded,
    SessionError,
    SkipReason,
    Step,
    StepCompleted,
    StepCue,
    StepSkipped,
    StepStarted,
    TimedStage,
    Transition,
)


@dataclass(frozen=True, slots=True)
class _Stage:
    name: TimedStage
    rep: int | None
    duration_s: float
    cues: tuple[tuple[float, str], ...]  # (seconds into the stage, text), in time order


class Player:
    """One run through `steps`, from `start_at` (the first step not done, to resume)."""

    def __init__(self, steps: Sequence[Step], start_at: int = 0) -> None:
        if not steps:
            raise SessionError("a session needs at least one step")
        if [step.index for step in steps] != list(range(len(steps))):
            raise SessionError("step indexes must be 0, 1, 2, ... in order")
        if not 0 <= start_at < len(steps):
            raise SessionError(f"start_at must be a step index 0-{len(steps) - 1} (got {start_at})")
        self._steps = tuple(steps)
        self._index = start_at
        self._stages = _stages_for(self._steps[start_at], None)
        self._position = 0
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._shown_cue = -1
        self._finished = False

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def step_index(self) -> int:
        """The current step (during a break, the step the break leads into)."""
        return self._index

    def tick(self, now: float) -> list[PlayerEvent]:
        """Advance to `now`: end the current stage if its time is up, show the cue that is due."""
        if self._finished:
            return []
        if self._started_at is None:
            return self._start(now)
        if self._paused_at is not None:
            return []
        events: list[PlayerEvent] = []
        if now - self._started_at >= self._stage.duration_s:
            self._advance(now, events)
        self._show_cue(now, events)
        return events

    def toggle_pause(self, now: float) -> list[PlayerEvent]:
        """Pause, freezing the countdown; or resume where it stopped."""
        events = self._start(now) if self._started_at is None else []
        if self._finished or self._started_at is None:
            return events
        if self._paused_at is None:
            self._paused_at = now
        else:
            self._started_at += now - self._paused_at
            self._paused_at = None
        return events

    def next(self, now: float) -> list[PlayerEvent]:
        """End a get-ready, rep-transition, rest or switch-sides now. Does nothing in a hold."""
        if self._finished:
            return []
        events = self._start(now) if self._started_at is None else []
        if self._stage.name != "hold":
            self._advance(now, events)
        return events

    def back(self, now: float) -> list[PlayerEvent]:
        """Start the previous step again from its get-ready (the first step restarts)."""
        if self._finished:
            return []
        events = self._start(now) if self._started_at is None else []
        self._go_to(max(self._index - 1, 0), now, events, after_break=False)
        return events

    def skip(self, now: float, reason: SkipReason) -> list[PlayerEvent]:
        """Record why the current step was not done and start the next one."""
        if reason not in SKIP_REASONS:
            raise SessionError(f"skip reason must be one of {', '.join(SKIP_REASONS)}")
        if self._finished:
            return []
        events = self._start(now) if self._started_at is None else []
        events.append(StepSkipped(step=self._index, reason=reason))
        self._go_to(self._index + 1, now, events, after_break=False)
        return events

    def quit(self, now: float) -> list[PlayerEvent]:
        """Stop here. Steps already completed stay completed; the current one is not."""
        if self._finished:
            return []
        self._finished = True
        return [SessionEnded(completed=False)]

    def view(self, now: float) -> PlayerView:
        """What the screen shows at `now`. Reading the view changes nothing."""
        step = self._steps[self._index]
        stage = self._stage
        elapsed = self._elapsed(now)
        cue_index = _cue_index(stage, elapsed)
        live = PlayerView(
            stage="paused" if self._paused_at is not None else stage.name,
            step_index=self._index,
            step_count=len(self._steps),
            phase=step.phase,
            exercise_name=step.exercise_name,
            side=step.side,
            set_number=step.set_number,
            sets=step.sets,
            rep=stage.rep,
            reps=step.reps,
            remaining_s=max(stage.duration_s - elapsed, 0.0),
            cue=stage.cues[cue_index][1] if cue_index >= 0 else None,
            next_up=self._next_up(),
            equipment=step.equipment,
        )
        if self._finished:
            done = {"stage": "done", "rep": None, "remaining_s": 0.0, "cue": None, "next_up": None}
            return live.model_copy(update=done)
        return live

    @property
    def _stage(self) -> _Stage:
        return self._stages[self._position]

    def _elapsed(self, now: float) -> float:
        if self._started_at is None:
            return 0.0
        until = self._paused_at if self._paused_at is not None else now
        return max(until - self._started_at, 0.0)

    def _start(self, now: float) -> list[PlayerEvent]:
        events: list[PlayerEvent] = [StepStarted(step=self._index)]
        self._enter_stage(now, events)
        return events

    def _enter_stage(self, now: float, events: list[PlayerEvent]) -> None:
        self._started_at = now
        if self._paused_at is not None:
            self._paused_at = now
        self._shown_cue = -1
        events.append(Transition(kind=self._stage.name))
        self._show_cue(now, events)

    def _show_cue(self, now: float, events: list[PlayerEvent]) -> None:
        if self._finished:
            return
        cue_index = _cue_index(self._stage, self._elapsed(now))
        if cue_index > self._shown_cue:
            self._shown_cue = cue_index
            events.append(CueShown(text=self._stage.cues[cue_index][1]))

    def _advance(self, now: float, events: list[PlayerEvent]) -> None:
        if self._position < len(self._stages) - 1:
            self._position += 1
            self._enter_stage(now, events)
            return
        # The last stage of a step is always its last hold.
        events.append(StepCompleted(step=self._index))
        self._go_to(self._index + 1, now, events, after_break=True)

    def _go_to(
        self, index: int, now: float, events: list[PlayerEvent], *, after_break: bool
    ) -> None:
        if index >= len(self._steps):
            self._finished = True
            events += [Transition(kind="done"), SessionEnded(completed=True)]
            return
        previous = self._steps[index - 1] if index > 0 else None
        pending: tuple[BreakKind, float] | None = None
        if after_break and previous is not None and previous.break_after is not None:
            pending = (previous.break_after, previous.rest_after_s)
        self._index = index
        self._stages = _stages_for(self._steps[index], pending)
        self._position = 0
        events.append(StepStarted(step=index))
        self._enter_stage(now, events)

    def _next_up(self) -> str:
        if self._index + 1 >= len(self._steps):
            return "Finish"
        current, upcoming = self._steps[self._index], self._steps[self._index + 1]
        text = f"Next: {_describe(upcoming)}"
        if upcoming.exercise != current.exercise and upcoming.equipment:
            text += f" (have ready: {'; '.join(upcoming.equipment)})"
        return text


def _describe(step: Step) -> str:
    parts = [step.exercise_name]
    if step.side is not None:
        parts.append(f"{step.side} side")
    if step.sets > 1:
        parts.append(f"set {step.set_number} of {step.sets}")
    return ", ".join(parts)


def _cue_index(stage: _Stage, elapsed: float) -> int:
    """The latest cue due at `elapsed`, or -1 when the stage has none."""
    due = [index for index, (at, _) in enumerate(stage.cues) if at <= elapsed]
    return due[-1] if due else -1


def _stages_for(step: Step, pending: tuple[BreakKind, float] | None) -> tuple[_Stage, ...]:
    """[break] get-ready, then each hold with a rep-transition between reps."""
    first_rep = 1 if step.reps else None
    stages: list[_Stage] = []
    if pending is not None:
        kind, seconds = pending
        prompt = (
            f"Switch sides: {step.side} side next."
            if kind == "switch-sides" and step.side is not None
            else f"Rest. Set {step.set_number} of {step.sets} is next."
        )
        stages.append(_Stage(kind, first_rep, seconds, ((0.0, prompt),)))
    if step.get_ready_s > 0:
        # Without set-up or breath-in cues, the count-in still says what is coming.
        texts = _texts(step.cues, "setup") + _texts(step.cues, "before")
        texts = texts or (f"Get ready: {_describe(step)}.",)
        stages.append(
            _Stage("get-ready", first_rep, step.get_ready_s, _spread(texts, 0, step.get_ready_s))
        )
    for rep in range(1, step.hold_count + 1):
        stages.append(_Stage("hold", rep if step.reps else None, step.hold_s, _hold_cues(step)))
        if rep < step.hold_count and step.rep_transition_s > 0:
            before = _texts(step.cues, "before")
            timeline = _spread(before, 0, step.rep_transition_s)
            stages.append(_Stage("rep-transition", rep + 1, step.rep_transition_s, timeline))
    return tuple(stages)


def _hold_cues(step: Step) -> tuple[tuple[float, str], ...]:
    """Opening cues in the first quarter, during/throughout in the middle, end cues last."""
    d = step.hold_s
    opening = (_texts(step.cues, "each-rep") if step.reps else ()) + _texts(step.cues, "start")
    middle = _texts(step.cues, "during") + _texts(step.cues, "throughout")
    closing = _texts(step.cues, "end")
    timeline = (
        _spread(opening, 0, d / 4)
        + _spread(middle, d / 4, 3 * d / 4)
        + _spread(closing, 3 * d / 4, d)
    )
    if timeline:
        # Never a blank screen at the start of a hold: the first cue shows from the start.
        timeline = ((0.0, timeline[0][1]), *timeline[1:])
    return timeline


def _texts(cues: tuple[StepCue, ...], when: CueMoment) -> tuple[str, ...]:
    return tuple(cue.text for cue in cues if cue.when == when)


def _spread(texts: tuple[str, ...], start: float, end: float) -> tuple[tuple[float, str], ...]:
    """Each text gets an equal share of [start, end), in order."""
    share = (end - start) / len(texts) if texts else 0.0
    return tuple((start + index * share, text) for index, text in enumerate(texts))
