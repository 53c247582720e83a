import asyncio
from pathlib import Path
from typing import Any

import pytest

from psoas.desktop.session_bus import (
    BUS_NAME,
    BUS_PATH,
    SessionBusCallError,
    call_method,
    close_session_bus,
    connect_session_bus,
    match_rule,
    name_is_available,
    session_bus_address,
    unix_socket_paths,
)
from tests.desktop.bounded import eventually, run_bounded
from tests.desktop.session_processes import private_session_bus
from tests.desktop.stand_in_services import StandInDconfWriter, serve, stop


def test_the_address_comes_from_the_environment_first() -> None:
    env = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus", "XDG_RUNTIME_DIR": "/x"}
    assert session_bus_address(env) == "unix:path=/run/user/1000/bus"


def test_systemds_per_user_bus_is_found_without_the_variable(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(tmp_path / "bus"))
        assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == (
            f"unix:path={tmp_path / 'bus'}"
        )


def test_no_address_without_either() -> None:
    assert session_bus_address({}) is None
    assert session_bus_address({"XDG_RUNTIME_DIR": "/nonexistent"}) is None


def test_an_unreachable_bus_is_none_not_an_error(tmp_path: Path) -> None:
    assert run_bounded(connect_session_bus(f"unix:path={tmp_path / 'nothing'}")) is None


def test_names_owned_or_startable_are_available() -> None:
    with private_session_bus(activatable=("org.example.Startable",)) as address:

        async def check() -> tuple[bool, bool, bool]:
            bus = await connect_session_bus(address)
            assert bus is not None
            try:
                return (
                    await name_is_available(bus, "org.freedesktop.DBus"),
                    await name_is_available(bus, "org.example.Startable"),
                    await name_is_available(bus, "org.example.Absent"),
                )
            finally:
                await close_session_bus(bus)

        assert run_bounded(check()) == (True, True, False)


def test_unix_sockets_are_read_from_the_address_in_order() -> None:
    address = "tcp:host=localhost,port=1;unix:path=/run/user/1000/b%20us,guid=ab;"
    address += "unix:abstract=/tmp/x"
    assert unix_socket_paths(address) == ["/run/user/1000/b us", "\0/tmp/x"]
    assert unix_socket_paths("tcp:host=localhost,port=1") == []


def test_an_address_that_fails_first_is_tried_further(tmp_path: Path) -> None:
    with private_session_bus() as address:

        async def unique_name() -> str | None:
            bus = await connect_session_bus(f"unix:path={tmp_path / 'nothing'};{address}")
            assert bus is not None
            try:
                return bus.unique_name
            finally:
                await close_session_bus(bus)

        name = run_bounded(unique_name())
    assert name is not None
    assert name.startswith(":")


def test_an_error_reply_and_a_closed_bus_are_call_errors() -> None:
    with private_session_bus() as address:

        async def calls() -> list[str]:
            bus = await connect_session_bus(address)
            assert bus is not None
            failures = []
            for member in ("NoSuchMethod", "GetId"):
                if member == "GetId":
                    await close_session_bus(bus)
                try:
                    await call_method(
                        bus, destination=BUS_NAME, path=BUS_PATH, interface=BUS_NAME, member=member
                    )
                except SessionBusCallError as error:
                    failures.append(str(error))
            return failures

        unknown, closed = run_bounded(calls())
    assert "org.freedesktop.DBus.Error.UnknownMethod" in unknown
    assert "closed" in closed


def test_a_reply_of_many_reads_is_put_together() -> None:
    # About 9 kB of names: more than jeepney reads from the socket at once.
    names = tuple(f"org.example.Startable{number:03d}" for number in range(300))
    with private_session_bus(activatable=names) as address:

        async def listed() -> list[str]:
            bus = await connect_session_bus(address)
            assert bus is not None
            try:
                (activatable,) = await call_method(
                    bus,
                    destination=BUS_NAME,
                    path=BUS_PATH,
                    interface=BUS_NAME,
                    member="ListActivatableNames",
                )
                return list(activatable)
            finally:
                await close_session_bus(bus)

        assert set(names) <= set(run_bounded(listed()))


@pytest.mark.parametrize("bus_says", [b"REJECTED EXTERNAL\r\n", b""])
def test_a_bus_that_refuses_us_is_no_bus(tmp_path: Path, bus_says: bytes) -> None:
    async def refused() -> object:
        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readline()
            writer.write(bus_says)
            writer.close()

        server = await asyncio.start_unix_server(answer, path=str(tmp_path / "bus"))
        async with server:
            return await connect_session_bus(f"unix:path={tmp_path / 'bus'}")

    assert run_bounded(refused()) is None


def test_a_service_is_started_only_when_asked() -> None:
    # The service's program is /bin/false: the bus tries to start it only when asked.
    with private_session_bus(activatable=("org.example.Startable",)) as address:

        async def errors() -> list[str]:
            bus = await connect_session_bus(address)
            assert bus is not None
            failures = []
            try:
                for start_service in (False, True):
                    try:
                        await call_method(
                            bus,
                            destination="org.example.Startable",
                            path="/",
                            interface="org.example.Startable",
                            member="Anything",
                            start_service=start_service,
                        )
                    except SessionBusCallError as error:
                        failures.append(str(error))
            finally:
                await close_session_bus(bus)
            return failures

        not_started, started = run_bounded(errors())
    assert "Spawn" not in not_started
    assert "org.freedesktop.DBus.Error.Spawn" in started


def test_signals_reach_the_handler_following_their_rule_until_it_stops() -> None:
    writer = StandInDconfWriter()
    with private_session_bus() as address:

        async def heard() -> list[str]:
            service_bus = await serve(address, {"/ca/desrt/dconf/Writer/user": writer})
            bus = await connect_session_bus(address)
            assert bus is not None
            received: list[str] = []

            def follow(message: Any) -> None:
                received.append(message.body[0])

            def follow_other(message: Any) -> None:
                received.append("other")

            rule = match_rule(interface="ca.desrt.dconf.Writer", member="Notify")
            other = match_rule(interface="org.example.Other")
            await call_method(
                bus,
                destination=BUS_NAME,
                path=BUS_PATH,
                interface=BUS_NAME,
                member="AddMatch",
                signature="s",
                body=[rule.serialise()],
            )
            try:
                bus.add_message_handler(rule, follow)
                bus.add_message_handler(other, follow_other)
                writer.Notify("/first/", [""], "tag")

                async def first_heard() -> bool:
                    return len(received) == 1

                await eventually(first_heard)
                bus.remove_message_handler(follow)
                writer.Notify("/second/", [""], "tag")
                await asyncio.sleep(0.2)  # time enough to arrive, were it still followed
            finally:
                await close_session_bus(bus)
                await stop(service_bus)
            return received

        assert run_bounded(heard()) == ["/first/"]
