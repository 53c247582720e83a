"""One sentence for `psoas breaks status` about what a probe cannot see, and what follows."""

from collections.abc import Sequence


def unseen_sentence(unseen: Sequence[str]) -> str | None:
    """E.g. ["full-screen windows (GNOME on Wayland keeps them private)"] → one sentence."""
    if not unseen:
        return None
    listed = unseen[0] if len(unseen) == 1 else ", ".join(unseen[:-1]) + " and " + unseen[-1]
    subject = "it does" if len(unseen) == 1 else "they do"
    sentence = f"{listed} cannot be seen here, so {subject} not hold a reminder back"
    return sentence[0].upper() + sentence[1:]
