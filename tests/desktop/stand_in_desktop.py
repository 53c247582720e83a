"""GNOME's idle monitor and screen lock and a notification service, stood in on a session bus
in a process of their own: what the resident reminder talks to on a GNOME desktop, for the
resident's import budget test and bench/breaks.py.

    python -m tests.desktop.stand_in_desktop ADDRESS     # from the repository's root

Prints "ready" once the names are owned, then "shown" when the first notification arrives; runs
until it is ended.
"""

import asyncio
import sys

from tests.desktop.stand_in_services import (
    StandInIdleMonitor,
    StandInNotifications,
    StandInScreenSaver,
    serve,
)

POLL_S = 0.1


async def main(address: str) -> None:
    notifications = StandInNotifications()
    await serve(
        address,
        {
            "/org/gnome/Mutter/IdleMonitor/Core": StandInIdleMonitor(idle_ms=0),
            "/org/gnome/ScreenSaver": StandInScreenSaver(),
            "/org/freedesktop/Notifications": notifications,
        },
        "org.gnome.Mutter.IdleMonitor",
        "org.gnome.ScreenSaver",
        "org.freedesktop.Notifications",
    )
    print("ready", flush=True)
    while not notifications.shown:
        await asyncio.sleep(POLL_S)
    print("shown", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
