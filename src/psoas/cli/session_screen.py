"""The full-screen session player (Textual): a big countdown, what to do now and what comes next,
and beside them the figure of the current step's exercise in braille.

The screen wakes a few times a second to advance the pure player, and writes to a widget only
when what it shows has changed, so a counting hold costs little CPU. The figure is drawn again
only when the step's exercise or side, or the figure's size, changes.
"""

import time
from collections.abc import Callable, Mapping
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Digits, Footer, Static

from psoas.cli.session_figures import WIDTH_CHARS, step_drawing
from psoas.domain.figure import Figure
from psoas.domain.session import (
    SKIP_REASONS,
    CueShown,
    PlayerEvent,
    PlayerView,
    SessionEnded,
    SkipReason,
    Step,
    Transition,
)
from psoas.domain.vocabulary import PHASE_TITLES
from psoas.rules.session_player import Player
from psoas.services.sessions import PreparedSession

TICK_S = 0.2
STAGE_TITLES = {
    "get-ready": "Get ready",
    "hold": "Hold",
    "rep-transition": "Lower and reset",
    "rest": "Rest",
    "switch-sides": "Switch sides",
    "paused": "Paused - space to carry on",
    "done": "Done",
}
# The figure beside the text: full size on a wide terminal, smaller from 80 columns (so 80x24
# still shows it, leaving the text some 50 columns), none below that or on a very short one.
SMALL_FIGURE_CHARS = 24
FULL_FIGURE_MIN_SIZE = (110, 24)  # columns, rows: room for the tallest drawing (16 lines)
SMALL_FIGURE_MIN_SIZE = (80, 16)


def figure_width_chars(columns: int, rows: int) -> int:
    """How wide the figure is drawn on a terminal of this size; 0 hides it."""
    if columns >= FULL_FIGURE_MIN_SIZE[0] and rows >= FULL_FIGURE_MIN_SIZE[1]:
        return WIDTH_CHARS
    if columns >= SMALL_FIGURE_MIN_SIZE[0] and rows >= SMALL_FIGURE_MIN_SIZE[1]:
        return SMALL_FIGURE_CHARS
    return 0


class SkipReasonScreen(ModalScreen[SkipReason | None]):
    """Asks why a step is skipped; the reason goes in the log (pain twice matters later)."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        *(Binding(str(n), f"pick({n - 1})", reason) for n, reason in enumerate(SKIP_REASONS, 1)),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        choices = "\n".join(f"  {n}  {reason}" for n, reason in enumerate(SKIP_REASONS, 1))
        yield Static(f"Why skip this step?\n\n{choices}\n\n  Esc  cancel", id="skip-question")

    def action_pick(self, index: int) -> None:
        self.dismiss(SKIP_REASONS[index])


class SessionApp(App[bool]):
    """Returns True when the session ran to its end, False when the person quit."""

    CSS = """
    #body { height: 1fr; }
    #where { padding: 1 2; text-style: bold; }
    #stage { padding: 0 2; }
    #countdown { width: auto; padding: 0 2; }
    #cue { padding: 1 2; }
    #next, #equipment { padding: 0 2; color: $text-muted; }
    #figure { width: auto; height: auto; padding: 1 2 0 0; }
    #skip-question { width: 40; height: auto; border: round $accent; padding: 1 2; }
    SkipReasonScreen { align: center middle; }
    """
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("space", "pause", "Pause/resume"),
        Binding("n", "next", "Next"),
        Binding("b", "step_back", "Back"),
        Binding("s", "skip", "Skip"),
        Binding("q", "quit_session", "Quit (keeps what was done)"),
    ]

    def __init__(
        self,
        player: Player,
        session: PreparedSession,
        on_events: Callable[[list[PlayerEvent]], None],
        *,
        speak: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        figures: Mapping[str, Figure] | None = None,
    ) -> None:
        super().__init__()
        self._player = player
        self._session = session
        self._on_events = on_events
        self._speak = speak
        self._clock = clock
        self._shown: dict[str, str] = {}
        self._cue = ""
        self._figures = dict(figures or {})
        self._figure_drawn: tuple[str, str | None, int] | None = None  # exercise, side, width

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical():
                yield Static(id="where")
                yield Static(id="stage")
                yield Digits("", id="countdown")
                yield Static(id="cue")
                yield Static(id="next")
                yield Static(id="equipment")
            yield Static(id="figure")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Psoas Coach - day {self._session.day}"
        self._advance(self._player.tick(self._clock()))
        self.set_interval(TICK_S, self._on_tick)

    def on_resize(self, event: events.Resize) -> None:
        # The event's size: this runs before App records the new size.
        self._render_figure(self._session.steps[self._player.step_index], event.size)

    def _on_tick(self) -> None:
        self._advance(self._player.tick(self._clock()))

    def _advance(self, events: list[PlayerEvent]) -> None:
        self._on_events(events)
        for event in events:
            if isinstance(event, Transition):
                self.bell()
            elif isinstance(event, CueShown):
                self._cue = event.text
                if self._speak is not None:
                    self._speak(event.text)
            elif isinstance(event, SessionEnded):
                self.exit(event.completed)
                return
        self._render_view(self._player.view(self._clock()))

    def _render_view(self, view: PlayerView) -> None:
        side = f" - {view.side} side" if view.side else ""
        rep = f" - rep {view.rep}/{view.reps}" if view.rep is not None else ""
        texts = {
            "where": (
                f"{PHASE_TITLES[view.phase]} - {view.exercise_name}{side} - "
                f"set {view.set_number}/{view.sets}{rep}    "
                f"(step {view.step_index + 1} of {view.step_count})"
            ),
            "stage": STAGE_TITLES[view.stage],
            "countdown": f"{max(0, round(view.remaining_s)):d}",
            "cue": view.cue or self._cue,
            "next": view.next_up or "Next: the end",
            "equipment": "Have ready: " + (", ".join(view.equipment) or "the floor"),
        }
        for widget_id, text in texts.items():
            if self._shown.get(widget_id) != text:  # redraw only what changed
                self._shown[widget_id] = text
                widget = self.query_one(f"#{widget_id}")
                if isinstance(widget, Digits | Static):
                    widget.update(text)
        self._render_figure(self._session.steps[view.step_index], self.size)

    def _render_figure(self, step: Step, size: Size) -> None:
        """The step's figure at the size the terminal has room for, drawn only on a change."""
        width_chars = figure_width_chars(size.width, size.height)
        drawn = (step.exercise, step.side, width_chars)
        if drawn == self._figure_drawn:
            return
        self._figure_drawn = drawn
        lines = step_drawing(self._figures, step, width_chars=width_chars) if width_chars else []
        figure = self.query_one("#figure", Static)
        figure.display = bool(lines)
        figure.update(Content("\n".join(lines)))

    def action_pause(self) -> None:
        self._advance(self._player.toggle_pause(self._clock()))

    def action_next(self) -> None:
        self._advance(self._player.next(self._clock()))

    def action_step_back(self) -> None:
        self._advance(self._player.back(self._clock()))

    def action_skip(self) -> None:
        def chosen(reason: SkipReason | None) -> None:
            if reason is not None:
                self._advance(self._player.skip(self._clock(), reason))

        self.push_screen(SkipReasonScreen(), chosen)

    def action_quit_session(self) -> None:
        self._advance(self._player.quit(self._clock()))


def play_full_screen(
    player: Player,
    session: PreparedSession,
    on_events: Callable[[list[PlayerEvent]], None],
    *,
    speak: Callable[[str], None] | None = None,
    figures: Mapping[str, Figure] | None = None,
) -> bool:
    return bool(SessionApp(player, session, on_events, speak=speak, figures=figures).run())
