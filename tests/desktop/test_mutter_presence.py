"""The GNOME probe over a real private bus, against stand-ins for Mutter and the screen saver."""

from psoas.desktop.mutter_presence import MUTTER_METHOD, MutterPresenceProbe, answers_idle_time
from psoas.desktop.session_bus import close_session_bus, connect_session_bus
from psoas.domain.breaks import Observation
from tests.desktop.bounded import run_bounded
from tests.desktop.stand_in_services import StandInIdleMonitor, StandInScreenSaver, serve, stop


def test_idle_time_and_lock_come_from_gnome(bus_address: str) -> None:
    async def scenario() -> list[Observation]:
        idle, screen_saver = StandInIdleMonitor(idle_ms=42_000), StandInScreenSaver()
        service = await serve(
            bus_address,
            {"/org/gnome/Mutter/IdleMonitor/Core": idle, "/org/gnome/ScreenSaver": screen_saver},
            "org.gnome.Mutter.IdleMonitor",
            "org.gnome.ScreenSaver",
        )
        bus = await connect_session_bus(bus_address)
        assert bus is not None
        probe = MutterPresenceProbe(bus, do_not_disturb=None, x11=None)
        seen = [await probe.observe()]
        idle.idle_ms, screen_saver.active = 1_500, True
        seen.append(await probe.observe())
        await stop(service)  # GNOME's services gone, e.g. the shell restarting
        seen.append(await probe.observe())
        await probe.close()
        return seen

    before, locked, gone = run_bounded(scenario())
    assert before == Observation(idle_s=42.0, locked=False)
    assert locked == Observation(idle_s=1.5, locked=True)
    assert gone == Observation()


def test_the_probe_says_what_it_cannot_see(bus_address: str) -> None:
    async def scenario() -> MutterPresenceProbe:
        bus = await connect_session_bus(bus_address)
        assert bus is not None
        probe = MutterPresenceProbe(bus, do_not_disturb=None, x11=None)
        await probe.close()
        return probe

    probe = run_bounded(scenario())
    assert probe.method == MUTTER_METHOD
    assert probe.limitation == (
        "Full-screen windows (GNOME on Wayland keeps them private) and do-not-disturb "
        "(gsettings could not read it) cannot be seen here, so they do not hold a reminder back"
    )


def test_a_bus_without_mutter_does_not_fit(bus_address: str) -> None:
    async def scenario() -> bool:
        bus = await connect_session_bus(bus_address)
        assert bus is not None
        try:
            return await answers_idle_time(bus)
        finally:
            await close_session_bus(bus)

    assert run_bounded(scenario()) is False
