"""The session player, driven by a fake clock: a float the test moves forward by hand."""

import pytest

from psoas.domain.session import (
    CueShown,
    PlayerEvent,
    SessionEnded,
    SessionError,
    Step,
    StepCompleted,
    StepCue,
    StepSkipped,
    StepStarted,
    Transition,
)
from psoas.rules.session_player import Player


def step(index: int, **changes: object) -> Step:
    base = Step(
        index=index,
        exercise="stretch",
        exercise_name="Stretch",
        phase="lengthen",
        side=None,
        set_number=1,
        sets=1,
        reps=None,
        hold_s=30.0,
        rep_transition_s=3.0,
        get_ready_s=5.0,
        rest_after_s=0.0,
        break_after=None,
        equipment=(),
        cues=(),
    )
    return base.model_copy(update=changes)


def two_sided() -> list[Step]:
    """One set on each side, then a second set on each side: the shape of a typical stretch."""
    return [
        step(0, side="left", sets=2, rest_after_s=5.0, break_after="switch-sides"),
        step(1, side="right", sets=2, rest_after_s=10.0, break_after="rest"),
        step(2, side="left", sets=2, set_number=2, rest_after_s=5.0, break_after="switch-sides"),
        step(3, side="right", sets=2, set_number=2),
    ]


def stages(events: list[PlayerEvent]) -> list[str]:
    return [event.kind for event in events if isinstance(event, Transition)]


def run(player: Player, start: float, until: float, every: float = 0.5) -> list[PlayerEvent]:
    """Tick from `start` to `until` inclusive, collecting every event."""
    events: list[PlayerEvent] = []
    now = start
    while now <= until + 1e-9:
        events += player.tick(now)
        now += every
    return events


def test_get_ready_then_hold_then_switch_sides_then_rest() -> None:
    player = Player(two_sided())
    events = run(player, 0, 200)
    assert stages(events) == [
        "get-ready", "hold", "switch-sides",
        "get-ready", "hold", "rest",
        "get-ready", "hold", "switch-sides",
        "get-ready", "hold", "done",
    ]  # fmt: skip
    assert [e.step for e in events if isinstance(e, StepCompleted)] == [0, 1, 2, 3]
    assert events[-1] == SessionEnded(completed=True)
    assert player.finished


def test_each_stage_lasts_its_time_and_the_countdown_shows_what_is_left() -> None:
    player = Player(two_sided())
    player.tick(0)
    assert player.view(2).stage == "get-ready"
    assert player.view(2).remaining_s == 3
    assert player.tick(4.9) == []
    assert stages(player.tick(5)) == ["hold"]
    assert player.view(20).remaining_s == 15
    events = player.tick(35)
    assert events[:3] == [
        StepCompleted(step=0),
        StepStarted(step=1),
        Transition(kind="switch-sides"),
    ]
    view = player.view(36)
    assert (view.stage, view.side, view.remaining_s) == ("switch-sides", "right", 4)
    assert view.cue == "Switch sides: right side next."


def test_pause_freezes_the_countdown_and_resume_continues_it() -> None:
    player = Player(two_sided())
    player.tick(0)
    player.tick(5)  # hold starts
    player.toggle_pause(15)
    assert player.view(100).stage == "paused"
    assert player.view(100).remaining_s == 20
    assert player.tick(500) == []
    player.toggle_pause(1000)
    assert player.view(1000).stage == "hold"
    assert player.view(1010).remaining_s == 10
    assert player.tick(1019.9) == []
    assert StepCompleted(step=0) in player.tick(1020)


def test_skip_records_the_reason_and_starts_the_next_step_without_a_rest() -> None:
    player = Player(two_sided())
    player.tick(0)
    player.tick(5)
    events = player.skip(10, "pain")
    assert events[:3] == [
        StepSkipped(step=0, reason="pain"),
        StepStarted(step=1),
        Transition(kind="get-ready"),
    ]
    assert not any(isinstance(e, StepCompleted) for e in events)
    assert player.view(10).side == "right"


def test_skipping_the_last_step_ends_the_session() -> None:
    player = Player([step(0)])
    player.tick(0)
    assert player.skip(1, "no-time")[-1] == SessionEnded(completed=True)
    assert player.finished


def test_an_unknown_skip_reason_is_refused() -> None:
    player = Player([step(0)])
    with pytest.raises(SessionError, match="pain, no-time, no-equipment, other"):
        player.skip(0, "bored")  # type: ignore[arg-type]


def test_back_returns_to_the_start_of_the_previous_step() -> None:
    player = Player(two_sided())
    run(player, 0, 50)  # into step 1's hold
    assert player.step_index == 1
    events = player.back(50)
    assert events[:2] == [StepStarted(step=0), Transition(kind="get-ready")]
    view = player.view(50)
    assert (view.step_index, view.side, view.stage, view.remaining_s) == (0, "left", "get-ready", 5)


def test_back_on_the_first_step_restarts_it() -> None:
    player = Player(two_sided())
    player.tick(0)
    player.tick(5)
    player.back(20)
    assert (player.step_index, player.view(20).stage) == (0, "get-ready")


def test_next_ends_a_wait_early_but_not_a_hold() -> None:
    player = Player(two_sided())
    player.tick(0)
    assert stages(player.next(1)) == ["hold"]
    assert player.next(2) == []
    assert player.view(2).stage == "hold"
    player.tick(31)  # hold done, switch-sides begins
    assert stages(player.next(32)) == ["get-ready"]
    assert not any(isinstance(e, StepSkipped) for e in player.next(33))


def test_rep_based_steps_count_each_rep_with_a_transition_between() -> None:
    knee_raise = step(0, reps=3, hold_s=5.0, rep_transition_s=3.0)
    player = Player([knee_raise])
    seen: list[tuple[str, int | None]] = []
    now = 0.0
    while not player.finished:
        for event in player.tick(now):
            if isinstance(event, Transition) and not player.finished:
                view = player.view(now)
                seen.append((view.stage, view.rep))
        now += 0.5
    assert seen == [
        ("get-ready", 1),
        ("hold", 1),
        ("rep-transition", 2),
        ("hold", 2),
        ("rep-transition", 3),
        ("hold", 3),
    ]
    assert now == pytest.approx(5 + 3 * 5 + 2 * 3 + 0.5)


def test_cues_show_at_their_moment() -> None:
    cues = (
        StepCue(kind="breathing", text="Inhale to prepare.", when="before"),
        StepCue(kind="technique", text="Tuck the pelvis.", when="start"),
        StepCue(kind="breathing", text="Exhale and relax into the pressure.", when="during"),
        StepCue(kind="technique", text="Come out slowly.", when="end"),
    )
    player = Player([step(0, hold_s=40.0, cues=cues)])
    shown: dict[int, list[str]] = {}
    on_screen: dict[int, str | None] = {}
    for now in range(50):
        shown[now] = [e.text for e in player.tick(now) if isinstance(e, CueShown)]
        on_screen[now] = player.view(now).cue
    assert shown[0] == ["Inhale to prepare."]
    assert shown[5] == ["Tuck the pelvis."]  # the hold starts at 5 s
    assert shown[15] == ["Exhale and relax into the pressure."]  # a quarter in
    assert shown[35] == ["Come out slowly."]  # three quarters in
    assert sum(len(texts) for texts in shown.values()) == 4
    assert on_screen[20] == "Exhale and relax into the pressure."
    assert on_screen[3] == "Inhale to prepare."


def test_each_rep_cues_show_on_every_rep() -> None:
    cues = (StepCue(kind="technique", text="Sit tall.", when="each-rep"),)
    player = Player([step(0, reps=3, hold_s=4.0, rep_transition_s=2.0, cues=cues)])
    events = run(player, 0, 30)
    assert [e.text for e in events if isinstance(e, CueShown)].count("Sit tall.") == 3


def test_quit_ends_without_completing_and_keeps_what_was_done() -> None:
    player = Player(two_sided())
    events = run(player, 0, 40)  # step 0 done, in the switch to step 1
    events += player.quit(41)
    assert [e.step for e in events if isinstance(e, StepCompleted)] == [0]
    assert events[-1] == SessionEnded(completed=False)
    assert player.finished
    assert player.tick(100) == []
    assert player.view(100).stage == "done"


def test_resume_starts_at_the_given_step_without_a_break_before_it() -> None:
    player = Player(two_sided(), start_at=2)
    events = run(player, 0, 200)
    assert events[:2] == [StepStarted(step=2), Transition(kind="get-ready")]
    assert [e.step for e in events if isinstance(e, StepCompleted)] == [2, 3]
    assert events[-1] == SessionEnded(completed=True)


def test_resume_from_a_step_that_does_not_exist_is_refused() -> None:
    with pytest.raises(SessionError, match="start_at must be a step index 0-3"):
        Player(two_sided(), start_at=4)


def test_a_long_gap_ends_only_the_running_stage_and_the_next_gets_its_full_time() -> None:
    # Decision: a tick ends at most one stage, and the next stage starts at that tick. After a
    # suspended process wakes up, steps are not completed for time the person was away.
    player = Player(two_sided())
    player.tick(0)
    events = player.tick(10_000)
    assert stages(events) == ["hold"]
    assert not any(isinstance(e, StepCompleted) for e in events)
    assert player.view(10_000).remaining_s == 30
    assert stages(player.tick(20_000)) == ["switch-sides"]
    assert player.step_index == 1


def test_actions_while_paused_keep_the_player_paused() -> None:
    player = Player(two_sided())
    player.tick(0)
    player.toggle_pause(1)
    player.skip(2, "no-equipment")
    assert player.view(50).stage == "paused"
    assert player.view(50).remaining_s == 5
    player.toggle_pause(60)
    assert player.view(62).remaining_s == 3


def test_the_view_says_what_comes_next() -> None:
    steps = [*two_sided(), step(4, exercise="bridge", exercise_name="Bridge", equipment=("mat",))]
    player = Player(steps)
    player.tick(0)
    assert player.view(0).next_up == "Next: Stretch, right side, set 1 of 2"
    run(player, 0, 140)
    assert player.step_index == 3
    assert player.view(140).next_up == "Next: Bridge (have ready: mat)"


def test_the_time_is_taken_from_the_first_call() -> None:
    player = Player([step(0)])
    assert player.view(1000).remaining_s == 5  # not started: the full count-in
    assert player.tick(1000)[0] == StepStarted(step=0)
    assert stages(player.tick(1005)) == ["hold"]
