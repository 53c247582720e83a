"""Where the desktop session's D-Bus is. Apart from psoas.desktop.session_bus so that a session
without a bus never loads the D-Bus connection and its wire format."""

from collections.abc import Mapping
from pathlib import Path


def session_bus_address(environ: Mapping[str, str]) -> str | None:
    """The address from the environment, else systemd's per-user bus; None when there is none."""
    address = environ.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime_dir = environ.get("XDG_RUNTIME_DIR")
    if runtime_dir and (Path(runtime_dir) / "bus").is_socket():
        return f"unix:path={Path(runtime_dir) / 'bus'}"
    return None
