"""The desktop session's D-Bus: where it is, connecting to it, and small calls with a time limit.

Calls are plain messages rather than introspected proxies: introspection costs a round trip and a
parse per object, and the probes only ever need one method each.
"""

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from dbus_fast import Message, MessageFlag, MessageType
from dbus_fast.aio import MessageBus

from psoas.desktop.session_bus_address import session_bus_address as session_bus_address

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 2.0
CALL_TIMEOUT_S = 2.0
BUS_NAME = "org.freedesktop.DBus"
BUS_PATH = "/org/freedesktop/DBus"


class SessionBusCallError(Exception):
    """A call got an error reply, no reply in time, or the bus is gone."""


async def connect_session_bus(address: str) -> MessageBus | None:
    """A connected bus, or None when it cannot be reached in time."""
    try:
        return await asyncio.wait_for(
            MessageBus(bus_address=address).connect(), timeout=CONNECT_TIMEOUT_S
        )
    except Exception:  # dbus-fast documents any exception here; each means no bus to use
        logger.debug("No session bus at %s", address, exc_info=True)
        return None


async def call_method(
    bus: MessageBus,
    *,
    destination: str,
    path: str,
    interface: str,
    member: str,
    signature: str = "",
    body: Sequence[Any] = (),
) -> list[Any]:
    """The reply's values. Never starts a service: a probe must not launch desktop programs."""
    if not bus.connected:
        raise SessionBusCallError("the session bus connection is closed")
    message = Message(
        destination=destination,
        path=path,
        interface=interface,
        member=member,
        signature=signature,
        body=list(body),
        flags=MessageFlag.NO_AUTOSTART,
    )
    try:
        reply = await asyncio.wait_for(bus.call(message), timeout=CALL_TIMEOUT_S)
    except Exception as error:  # dbus-fast passes on whatever broke the connection
        raise SessionBusCallError(f"{interface}.{member} got no reply: {error!r}") from error
    if reply is None or reply.message_type != MessageType.METHOD_RETURN:
        name = reply.error_name if reply is not None else "no reply"
        raise SessionBusCallError(f"{interface}.{member} failed: {name}")
    return list(reply.body)


async def name_is_available(bus: MessageBus, name: str) -> bool:
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


async def close_session_bus(bus: MessageBus) -> None:
    """Disconnect and wait briefly for the socket to close, so nothing is left to clean up."""
    bus.disconnect()
    try:
        # dbus-fast leaves this one method without annotations.
        waiting = bus.wait_for_disconnect()  # type: ignore[no-untyped-call]
        await asyncio.wait_for(waiting, timeout=CONNECT_TIMEOUT_S)
    except Exception:  # gone already, or gone with an error: closed either way
        logger.debug("Session bus did not close cleanly", exc_info=True)
