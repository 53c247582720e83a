"""Do-not-disturb is read once, then again only when dconf announces a write to the key.

The `gsettings get` stand-in is a real subprocess printing a file the test changes; the dconf
signal travels over a real private bus.
"""

import sys
from pathlib import Path

import pytest

from psoas.desktop.gnome_do_not_disturb import (
    KEY_PATH,
    GnomeDoNotDisturb,
    do_not_disturb_from,
    touches_key,
)
from psoas.desktop.session_bus import close_session_bus, connect_session_bus
from tests.desktop.bounded import eventually, run_bounded
from tests.desktop.stand_in_services import StandInDconfWriter, serve, stop

DCONF_PATH = "/ca/desrt/dconf/Writer/user"


def gsettings_stand_in(setting: Path) -> list[str]:
    return [sys.executable, "-c", "import sys; print(open(sys.argv[1]).read())", str(setting)]


@pytest.mark.parametrize(
    ("printed", "expected"), [("true\n", False), ("false\n", True), ("", None), ("'x'", None)]
)
def test_banners_off_is_do_not_disturb(printed: str, expected: bool | None) -> None:
    assert do_not_disturb_from(printed) is expected


@pytest.mark.parametrize(
    ("prefix", "changes", "touches"),
    [
        (KEY_PATH, [""], True),
        ("/org/gnome/desktop/notifications/", ["show-banners", "show-in-lock-screen"], True),
        ("/org/gnome/desktop/notifications/", [""], True),  # the whole folder was reset
        ("/org/gnome/desktop/", ["notifications/"], True),
        ("/org/gnome/desktop/notifications/", ["application-children"], False),
        ("/org/gnome/desktop/interface/", ["color-scheme"], False),
    ],
)
def test_which_dconf_writes_touch_the_key(prefix: str, changes: list[str], touches: bool) -> None:
    assert touches_key(prefix, changes) is touches


def test_a_switch_in_settings_is_followed(bus_address: str, tmp_path: Path) -> None:
    setting = tmp_path / "show-banners"
    setting.write_text("true")

    async def scenario() -> tuple[bool | None, bool | None]:
        writer = StandInDconfWriter()
        dconf = await serve(bus_address, {DCONF_PATH: writer})
        bus = await connect_session_bus(bus_address)
        assert bus is not None
        switch = GnomeDoNotDisturb(bus, gsettings_stand_in(setting))
        await switch.start()
        at_start = switch.value
        setting.write_text("false")  # the person turns do-not-disturb on
        writer.Notify("/org/gnome/desktop/notifications/", ["show-banners"], "tag")

        async def followed() -> bool:
            return switch.value is True

        await eventually(followed)
        after = switch.value
        await switch.close()
        await close_session_bus(bus)
        await stop(dconf)
        return at_start, after

    assert run_bounded(scenario()) == (False, True)


def test_without_gsettings_the_switch_is_unknown(bus_address: str) -> None:
    async def scenario() -> bool | None:
        bus = await connect_session_bus(bus_address)
        assert bus is not None
        switch = GnomeDoNotDisturb(bus, ["/nonexistent/gsettings", "get"])
        await switch.start()
        await switch.close()
        await close_session_bus(bus)
        return switch.value

    assert run_bounded(scenario()) is None
