"""GNOME's do-not-disturb switch: the setting org.gnome.desktop.notifications show-banners.

GNOME publishes that key on no D-Bus interface (its settings portal leaves the notifications
schema out), so it is read with `gsettings get` once at start, then again only when dconf
announces on the session bus that the key was written. No process is started per observation.
"""

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from jeepney import HeaderFields

from psoas.desktop.session_bus import (
    BUS_NAME,
    BUS_PATH,
    SessionBus,
    SessionBusCallError,
    call_method,
    match_rule,
)

logger = logging.getLogger(__name__)

SCHEMA = "org.gnome.desktop.notifications"
KEY = "show-banners"
KEY_PATH = "/org/gnome/desktop/notifications/show-banners"
READ_COMMAND = ("gsettings", "get", SCHEMA, KEY)
READ_TIMEOUT_S = 2.0
DCONF_WRITER = "ca.desrt.dconf.Writer"
DCONF_MATCH_RULE = match_rule(interface=DCONF_WRITER, member="Notify")


def do_not_disturb_from(show_banners: str) -> bool | None:
    """`gsettings get` prints true or false; banners switched off is do-not-disturb."""
    return {"true": False, "false": True}.get(show_banners.strip())


def touches_key(prefix: str, changes: Sequence[str]) -> bool:
    """dconf names changed keys as a prefix and paths below it; a path ending in / is a reset."""
    for change in changes or ("",):
        path = prefix + change
        if path == KEY_PATH or (path.endswith("/") and KEY_PATH.startswith(path)):
            return True
    return False


class GnomeDoNotDisturb:
    """The switch's last known value; None while it cannot be read or followed."""

    def __init__(self, bus: SessionBus, read_command: Sequence[str] = READ_COMMAND) -> None:
        self._bus = bus
        self._command = tuple(read_command)
        self.value: bool | None = None
        self._reread: asyncio.Task[None] | None = None
        self._read_again = False
        self._following = False

    async def start(self) -> None:
        # Follow first, then read: a switch flipped in between is then not missed.
        try:
            await self._match("AddMatch")
        except SessionBusCallError:
            return  # a value that cannot be kept current is worse than none
        self._bus.add_message_handler(DCONF_MATCH_RULE, self._on_message)
        self._following = True
        self.value = await self._read()
        if self.value is None:  # no gsettings, or no such key: nothing to follow
            await self.close()

    async def _match(self, member: str) -> None:
        await call_method(
            self._bus,
            destination=BUS_NAME,
            path=BUS_PATH,
            interface=BUS_NAME,
            member=member,
            signature="s",
            body=[DCONF_MATCH_RULE.serialise()],
        )

    def _on_message(self, message: Any) -> None:
        """dconf's Notify signals (the rule sorts them out): prefix, changed keys, tag."""
        if message.header.fields.get(HeaderFields.signature, "").startswith("sas") and touches_key(
            message.body[0], message.body[1]
        ):
            self._schedule_read()

    def _schedule_read(self) -> None:
        if self._reread is not None and not self._reread.done():
            self._read_again = True
            return
        self._reread = asyncio.get_running_loop().create_task(self._refresh())

    async def _refresh(self) -> None:
        self._read_again = True
        while self._read_again:
            self._read_again = False
            self.value = await self._read()

    async def _read(self) -> bool | None:
        try:
            process = await asyncio.create_subprocess_exec(
                *self._command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL,
            )
        except OSError:
            return None  # gsettings is not installed
        try:
            output, _ = await asyncio.wait_for(process.communicate(), timeout=READ_TIMEOUT_S)
        except TimeoutError:
            process.kill()
            await process.wait()
            return None
        if process.returncode != 0:
            return None  # no such schema: not a GNOME with this setting
        return do_not_disturb_from(output.decode(errors="replace"))

    async def close(self) -> None:
        if self._following:
            self._bus.remove_message_handler(self._on_message)
            self._following = False
            # Otherwise every dconf write on the desktop would still wake this process.
            with contextlib.suppress(SessionBusCallError):
                await self._match("RemoveMatch")
        if self._reread is not None:
            self._reread.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reread
