"""Whether the focused X11 window is full screen, from the window manager's EWMH hints.

The window manager names the focused window in _NET_ACTIVE_WINDOW on the root window and lists a
window's states in its _NET_WM_STATE. Without a window manager that sets them, nobody can tell.
"""

from psoas.desktop.xlib import Xlib


class X11Fullscreen:
    """Reads the hints on demand; atoms are looked up until they exist, then kept."""

    def __init__(self, xlib: Xlib) -> None:
        self._xlib = xlib
        self._atoms: dict[str, int] = {}

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            found = self._xlib.atom(name)
            if not found:
                return 0  # not created yet: ask again next time rather than remember 0
            self._atoms[name] = found
        return self._atoms[name]

    def read(self) -> bool | None:
        """True or False for the focused window; None when no window manager says which it is."""
        active_atom = self._atom("_NET_ACTIVE_WINDOW")
        if not active_atom:
            return None
        active = self._xlib.window_property_32(self._xlib.root, active_atom)
        if not active:
            return None
        if active[0] == 0:
            return False  # the window manager says no window has the focus
        fullscreen_atom = self._atom("_NET_WM_STATE_FULLSCREEN")
        state_atom = self._atom("_NET_WM_STATE")
        if not fullscreen_atom or not state_atom:
            return False  # no window can carry a state nobody has named yet
        states = self._xlib.window_property_32(active[0], state_atom)
        if states is None:
            # Absent means no states; an error means the window closed between the two reads.
            return None if self._xlib.last_error else False
        return fullscreen_atom in states
