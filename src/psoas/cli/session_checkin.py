"""The short check-ins around a session: pain before; pain, feel and a note after."""

import typer

from psoas.storage import Feel

FEELS: tuple[Feel, ...] = ("tighter", "same", "looser")


def _pain(prompt: str) -> int | None:
    while True:
        raw = typer.prompt(prompt, default="", show_default=False).strip()
        if not raw:
            return None
        if raw.isdigit() and 0 <= int(raw) <= 10:
            return int(raw)
        typer.echo(f"  pain: {raw!r} is not allowed; enter a whole number from 0 to 10, or nothing")


def ask_pain_before() -> int | None:
    try:
        return _pain("Pain right now, 0-10 (Enter to skip)")
    except typer.Abort:
        return None  # no answers on standard input: start without a pain score


def ask_after() -> tuple[int | None, Feel | None, str | None]:
    """Pain now, how the hip feels, a note. Any answer may be skipped with Enter; answers given
    before input ends are kept."""
    pain: int | None = None
    raw = ""
    try:
        pain = _pain("Pain now, 0-10 (Enter to skip)")
        while True:
            raw = (
                typer.prompt(
                    "Hip or psoas feels tighter / same / looser (Enter to skip)",
                    default="",
                    show_default=False,
                )
                .strip()
                .lower()
            )
            if not raw or raw in FEELS:
                break
            typer.echo(f"  feel: {raw!r} is not allowed; enter tighter, same or looser")
        note = typer.prompt("A note (Enter to skip)", default="", show_default=False).strip()
    except typer.Abort:
        # Input ended: the steps are saved, and so is whatever was answered.
        return pain, _feel(raw), None
    return pain, _feel(raw), note or None


def _feel(raw: str) -> Feel | None:
    return next((feel for feel in FEELS if feel == raw), None)
