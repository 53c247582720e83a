from pathlib import Path

from psoas.desktop.session_bus import (
    close_session_bus,
    connect_session_bus,
    name_is_available,
    session_bus_address,
)
from tests.desktop.bounded import run_bounded
from tests.desktop.session_processes import private_session_bus


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
