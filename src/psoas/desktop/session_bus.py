"""The desktop session's D-Bus: where it is, connecting to it, and small calls with a time limit.

Calls are plain messages rather than introspected proxies: introspection costs a round trip and a
parse per object, and the probes only ever need one method each. jeepney writes and reads the
messages and matches replies to calls (its asyncio router); it loads no XML parser or hashlib,
which dbus-fast's bus does, and the resident reminder keeps what it loads all day. The connection
authenticates as this user (EXTERNAL), the one way a session bus on a unix socket always accepts.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import unquote

from jeepney import DBusAddress, HeaderFields, Message, MessageFlag, MessageType, new_method_call
from jeepney.auth import BEGIN, Authenticator
from jeepney.bus_messages import MatchRule
from jeepney.io.asyncio import DBusConnection, DBusRouter
from jeepney.io.common import RouterClosed

from psoas.desktop.session_bus_address import session_bus_address as session_bus_address

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 2.0
CALL_TIMEOUT_S = 2.0
BUS_NAME = "org.freedesktop.DBus"
BUS_PATH = "/org/freedesktop/DBus"
AUTH_READ_BYTES = 1024
# Signals waiting for their handler; beyond this a burst's later ones are dropped, not queued.
SIGNAL_QUEUE_SIZE = 64

MessageHandler = Callable[[Message], None]


class SessionBusCallError(Exception):
    """A call got an error reply, no reply in time, or the bus is gone."""


def unix_socket_paths(address: str) -> list[str]:
    """Where to connect, in the order given: `unix:path=` and `unix:abstract=` entries of a
    D-Bus address (entries separated by ;). Other transports (tcp) are left out: a desktop's
    session bus is a unix socket. Our own rather than jeepney's, which gives only the first."""
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


def match_rule(*, interface: str, member: str | None = None, path: str | None = None) -> Any:
    """Signals of one interface: the rule the bus is asked for (AddMatch with its text) and the
    one this connection sorts its incoming messages by."""
    return MatchRule(type="signal", interface=interface, member=member, path=path)


class SessionBus:
    """One connection: calls matched to their replies, signals to the handlers that follow them."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._router = DBusRouter(connection)
        self._following: dict[MessageHandler, tuple[Any, asyncio.Task[None]]] = {}
        self._disconnected = False
        self.unique_name: str | None = None

    @property
    def connected(self) -> bool:
        reader: asyncio.StreamReader = self._connection.reader
        writer: asyncio.StreamWriter = self._connection.writer
        return not (self._disconnected or reader.at_eof() or writer.is_closing())

    def add_message_handler(self, rule: Any, handler: MessageHandler) -> None:
        """Hands the messages matching ``rule`` (a jeepney MatchRule) to ``handler``, in order."""
        queue: asyncio.Queue[Message] = asyncio.Queue(SIGNAL_QUEUE_SIZE)
        handle = self._router.filter(rule, queue=queue)
        delivering = asyncio.get_running_loop().create_task(self._deliver(queue, handler))
        self._following[handler] = (handle, delivering)

    def remove_message_handler(self, handler: MessageHandler) -> None:
        following = self._following.pop(handler, None)
        if following is not None:
            handle, delivering = following
            handle.close()
            delivering.cancel()

    @staticmethod
    async def _deliver(queue: "asyncio.Queue[Message]", handler: MessageHandler) -> None:
        while True:
            message = await queue.get()
            try:
                handler(message)
            except Exception:  # one handler's mistake must not end the connection
                logger.debug("A session bus message handler failed", exc_info=True)

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
    ) -> Any:
        """The reply (a return or an error). The bus starts a service for it only when asked."""
        if not self.connected:
            raise ConnectionError("the session bus connection is closed")
        address = DBusAddress(path, bus_name=destination, interface=interface)
        message = new_method_call(address, member, signature or None, tuple(body))
        if not start_service:
            message.header.flags = MessageFlag.no_auto_start
        try:
            return await self._router.send_and_get_reply(message)
        except RouterClosed as error:  # the connection ended while we waited
            self._connection.writer.close()
            raise ConnectionError("the session bus connection closed") from error

    async def hello(self) -> None:
        """Says hello, which the bus requires before any other call."""
        reply = await self.call(
            destination=BUS_NAME, path=BUS_PATH, interface=BUS_NAME, member="Hello"
        )
        if reply.header.message_type != MessageType.method_return:
            raise ConnectionError("the bus did not answer our hello")
        self.unique_name = str(reply.body[0]) if reply.body else None

    async def disconnect(self) -> None:
        self._disconnected = True
        for handler in list(self._following):
            self.remove_message_handler(handler)
        # The router re-raises how its reading ended (EOFError when the bus went first).
        with contextlib.suppress(Exception):
            await self._router.__aexit__(None, None, None)
        await self._connection.close()


async def _authenticated(path: str) -> SessionBus:
    reader, writer = await asyncio.open_unix_connection(path)
    bus = None
    try:
        authenticator = Authenticator()  # EXTERNAL with this user's id; no file descriptors
        for line in authenticator:
            writer.write(line)
            await writer.drain()
            answer = await reader.read(AUTH_READ_BYTES)
            if not answer:
                raise ConnectionError("the bus closed the connection while we authenticated")
            authenticator.feed(answer)  # AuthenticationError (a ValueError) when refused
        writer.write(BEGIN)
        bus = SessionBus(DBusConnection(reader, writer))
        await bus.hello()
    except BaseException:
        if bus is not None:
            with contextlib.suppress(Exception):
                await bus.disconnect()  # its reading task too
        writer.close()
        raise
    return bus


async def connect_session_bus(address: str) -> SessionBus | None:
    """A connected bus, or None when it cannot be reached in time."""
    for path in unix_socket_paths(address):
        try:
            return await asyncio.wait_for(_authenticated(path), timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as error:  # ValueError: refused, unreadable
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
    except (OSError, TimeoutError, ValueError) as error:  # ValueError: a body jeepney refused
        raise SessionBusCallError(f"{interface}.{member} got no reply: {error!r}") from error
    if reply.header.message_type != MessageType.method_return:
        error_name = reply.header.fields.get(HeaderFields.error_name)
        raise SessionBusCallError(f"{interface}.{member} failed: {error_name}")
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
    try:
        await asyncio.wait_for(bus.disconnect(), timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:  # gone already, or gone with an error
        logger.debug("Session bus did not close cleanly: %r", error)
