"""The desktop session's D-Bus: where it is, connecting to it, and small calls with a time limit.

Calls are plain messages rather than introspected proxies: introspection costs a round trip and a
parse per object, and the probes only ever need one method each. The connection is our own over
asyncio's unix sockets (psoas.desktop.dbus_wire has why); it authenticates as this user
(EXTERNAL), the one way a session bus on a unix socket always accepts.
"""

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import unquote

from psoas.desktop.dbus_wire import (
    NO_AUTO_START,
    MessageType,
    WireError,
    WireMessage,
    message_length,
    method_call,
    read_message,
)
from psoas.desktop.session_bus_address import session_bus_address as session_bus_address

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 2.0
CALL_TIMEOUT_S = 2.0
BUS_NAME = "org.freedesktop.DBus"
BUS_PATH = "/org/freedesktop/DBus"
READ_CHUNK_BYTES = 65536

MessageHandler = Callable[[WireMessage], None]


class SessionBusCallError(Exception):
    """A call got an error reply, no reply in time, or the bus is gone."""


def unix_socket_paths(address: str) -> list[str]:
    """Where to connect, in the order given: `unix:path=` and `unix:abstract=` entries of a
    D-Bus address (entries separated by ;). Other transports (tcp) are left out: a desktop's
    session bus is a unix socket."""
    paths = []
    for entry in address.split(";"):
        transport, _, options = entry.partition(":")
        if transport != "unix":
            continue
        values = dict(option.partition("=")[::2] for option in options.split(",") if option)
        if "path" in values:
            paths.append(unquote(values["path"]))
        elif "abstract" in values:
            paths.append("\0" + unquote(values["abstract"]))
    return paths


class SessionBus:
    """One connection: calls matched to their replies, other messages to the handlers."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._serial = 0
        self._waiting: dict[int, asyncio.Future[WireMessage]] = {}
        self._handlers: list[MessageHandler] = []
        self._listening: asyncio.Task[None] | None = None
        self.unique_name: str | None = None

    @property
    def connected(self) -> bool:
        return self._listening is not None and not self._listening.done()

    def add_message_handler(self, handler: MessageHandler) -> None:
        self._handlers.append(handler)

    def remove_message_handler(self, handler: MessageHandler) -> None:
        with contextlib.suppress(ValueError):
            self._handlers.remove(handler)

    async def hello(self) -> None:
        """Starts reading and says hello, which the bus requires before any other call."""
        self._listening = asyncio.get_running_loop().create_task(self._listen())
        reply = await self.call(
            destination=BUS_NAME, path=BUS_PATH, interface=BUS_NAME, member="Hello"
        )
        self.unique_name = str(reply.body[0]) if reply.body else None

    async def call(
        self,
        *,
        destination: str,
        path: str,
        interface: str,
        member: str,
        signature: str = "",
        body: Sequence[Any] = (),
        start_service: bool = False,
    ) -> WireMessage:
        """The reply (a return or an error). The bus starts a service for it only when asked."""
        if not self.connected:
            raise ConnectionError("the session bus connection is closed")
        self._serial += 1
        serial = self._serial
        data = method_call(
            serial,
            destination=destination,
            path=path,
            interface=interface,
            member=member,
            signature=signature,
            body=list(body),
            flags=0 if start_service else NO_AUTO_START,
        )
        reply: asyncio.Future[WireMessage] = asyncio.get_running_loop().create_future()
        self._waiting[serial] = reply
        try:
            self._writer.write(data)
            await self._writer.drain()
            return await reply
        finally:
            self._waiting.pop(serial, None)

    async def _listen(self) -> None:
        buffer = bytearray()
        try:
            while chunk := await self._reader.read(READ_CHUNK_BYTES):
                buffer += chunk
                while (length := message_length(buffer)) is not None and len(buffer) >= length:
                    message = read_message(buffer[:length])
                    del buffer[:length]
                    self._deliver(message)
        except (OSError, ValueError) as error:  # ValueError: WireError, a message unreadable
            logger.debug("Session bus connection ended: %r", error)
        finally:
            for waiting in self._waiting.values():
                if not waiting.done():
                    waiting.set_exception(ConnectionError("the session bus connection closed"))
            self._writer.close()

    def _deliver(self, message: WireMessage) -> None:
        if message.message_type in (MessageType.METHOD_RETURN, MessageType.ERROR):
            waiting = self._waiting.get(message.reply_serial or 0)
            if waiting is not None and not waiting.done():
                waiting.set_result(message)
            return
        for handler in list(self._handlers):
            try:
                handler(message)
            except Exception:  # one handler's mistake must not end the connection
                logger.debug("A session bus message handler failed", exc_info=True)

    def disconnect(self) -> None:
        if self._listening is not None:
            self._listening.cancel()
        self._writer.close()

    async def wait_for_disconnect(self) -> None:
        if self._listening is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._listening
        await self._writer.wait_closed()


async def _authenticated(path: str) -> SessionBus:
    reader, writer = await asyncio.open_unix_connection(path)
    bus = None
    try:
        # The credentials byte, then EXTERNAL with this user's id in hex, as the spec shows.
        user = str(os.getuid()).encode().hex()
        writer.write(b"\0AUTH EXTERNAL " + user.encode() + b"\r\n")
        answer = await reader.readline()
        if not answer.startswith(b"OK "):
            raise ConnectionError(f"the bus refused EXTERNAL authentication: {answer!r}")
        writer.write(b"BEGIN\r\n")
        bus = SessionBus(reader, writer)
        await bus.hello()
    except BaseException:
        if bus is not None:
            bus.disconnect()  # its reading task too
        writer.close()
        raise
    return bus


async def connect_session_bus(address: str) -> SessionBus | None:
    """A connected bus, or None when it cannot be reached in time."""
    for path in unix_socket_paths(address):
        try:
            return await asyncio.wait_for(_authenticated(path), timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, WireError, IndexError) as error:
            logger.debug("No session bus at %s: %r", path.lstrip("\0"), error)
    return None


async def call_method(
    bus: SessionBus,
    *,
    destination: str,
    path: str,
    interface: str,
    member: str,
    signature: str = "",
    body: Sequence[Any] = (),
    start_service: bool = False,
) -> list[Any]:
    """The reply's values. Starts no service unless asked: a probe must not launch desktop
    programs, but a notification may start the desktop's notification service."""
    try:
        reply = await asyncio.wait_for(
            bus.call(
                destination=destination,
                path=path,
                interface=interface,
                member=member,
                signature=signature,
                body=body,
                start_service=start_service,
            ),
            timeout=CALL_TIMEOUT_S,
        )
    except (OSError, TimeoutError, WireError) as error:
        raise SessionBusCallError(f"{interface}.{member} got no reply: {error!r}") from error
    if reply.message_type != MessageType.METHOD_RETURN:
        raise SessionBusCallError(f"{interface}.{member} failed: {reply.error_name}")
    return list(reply.body)


async def name_is_available(bus: SessionBus, name: str) -> bool:
    """True when a program owns the name now or the bus would start one for it."""
    try:
        (owned,) = await call_method(
            bus,
            destination=BUS_NAME,
            path=BUS_PATH,
            interface=BUS_NAME,
            member="NameHasOwner",
            signature="s",
            body=[name],
        )
        if owned:
            return True
        (activatable,) = await call_method(
            bus,
            destination=BUS_NAME,
            path=BUS_PATH,
            interface=BUS_NAME,
            member="ListActivatableNames",
        )
    except SessionBusCallError:
        return False
    return name in activatable


async def close_session_bus(bus: SessionBus) -> None:
    """Disconnect and wait briefly for the socket to close, so nothing is left to clean up."""
    bus.disconnect()
    try:
        await asyncio.wait_for(bus.wait_for_disconnect(), timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:  # gone already, or gone with an error
        logger.debug("Session bus did not close cleanly: %r", error)
