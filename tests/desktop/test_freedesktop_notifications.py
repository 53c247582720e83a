"""FreedesktopNotificationDisplay over a real private bus, to a stand-in service that records each
notification and plays button presses as the freedesktop spec describes (the same stand-in as
desktop-notifier's display is tested against)."""

import asyncio
import io

from psoas.desktop.freedesktop_notifications import (
    FreedesktopNotificationDisplay,
    answer_actions,
)
from psoas.desktop.notification_display import NOTIFICATIONS_CHANNEL
from psoas.desktop.terminal_display import TerminalDisplay
from psoas.domain.break_watch import NoticeAnswer
from psoas.services.break_text import notice_for
from tests.desktop.bounded import eventually, run_bounded
from tests.desktop.reminders import desk_notice, desk_reminder
from tests.desktop.stand_in_services import StandInNotifications, serve, stop


def test_each_answer_has_its_own_action() -> None:
    actions = answer_actions(desk_notice())
    assert [label for label, _answer in actions.values()] == [
        "Done",
        "Snooze 5 min",
        "Snooze 10 min",
        "Snooze 15 min",
        "Skip",
    ]
    assert actions["snooze-10"][1] == NoticeAnswer(action="snooze", snooze_min=10)


def test_a_reminder_shows_with_its_answers_and_a_press_answers_it(bus_address: str) -> None:
    service = StandInNotifications()
    reminder = desk_reminder()

    async def scenario() -> list[NoticeAnswer]:
        service_bus = await serve(
            bus_address, {"/org/freedesktop/Notifications": service}, service.name
        )
        display = FreedesktopNotificationDisplay(bus_address)
        answers: list[NoticeAnswer] = []
        answered = asyncio.Event()

        def on_answer(answer: NoticeAnswer) -> None:
            answers.append(answer)
            answered.set()

        await display.show(notice_for(reminder), on_answer)
        (notification_id, shown), *_ = service.shown.items()
        service.ActionInvoked(notification_id + 100, shown.action_key("Done"))  # not ours
        service.ActionInvoked(notification_id, "default")  # a click on the body: no answer
        service.ActionInvoked(notification_id, shown.action_key("Snooze 10 min"))
        await answered.wait()
        await display.withdraw()  # answered already: nothing left to close
        await display.close()
        await stop(service_bus)
        return answers

    answers = run_bounded(scenario())
    assert answers == [NoticeAnswer(action="snooze", snooze_min=10)]
    shown = service.shown[1]
    assert shown.app_name == "Psoas Coach"
    assert shown.summary == "Time to stand up"
    assert shown.body == f"{reminder.body}\nWalk about for 2 minutes."
    assert shown.labels == ["", "Done", "Snooze 5 min", "Snooze 10 min", "Snooze 15 min", "Skip"]
    assert shown.expire_timeout_ms == 0  # stays until answered or withdrawn
    assert shown.urgency == 1  # normal: the desktop's do-not-disturb still holds it back
    assert service.closed == []


def test_withdraw_closes_the_reminder_still_showing(bus_address: str) -> None:
    service = StandInNotifications()

    async def scenario() -> None:
        service_bus = await serve(
            bus_address, {"/org/freedesktop/Notifications": service}, service.name
        )
        display = FreedesktopNotificationDisplay(bus_address)
        await display.show(desk_notice(), lambda answer: None)
        await display.show(desk_notice(), lambda answer: None)  # replaces the first
        await display.withdraw()
        await display.withdraw()
        await display.close()
        await stop(service_bus)

    run_bounded(scenario())
    assert sorted(service.shown) == [1, 2]
    assert service.closed == [1, 2]
    assert FreedesktopNotificationDisplay(bus_address).channel == NOTIFICATIONS_CHANNEL


def test_without_a_notification_service_the_fallback_shows_it(bus_address: str) -> None:
    stream = io.StringIO()

    async def scenario() -> None:
        display = FreedesktopNotificationDisplay(bus_address, fallback=TerminalDisplay(stream))
        await display.show(desk_notice(), lambda answer: None)
        await display.withdraw()
        await display.close()

    run_bounded(scenario())
    assert "psoas breaks done" in stream.getvalue()


def test_without_a_bus_the_fallback_shows_it() -> None:
    stream = io.StringIO()

    async def scenario() -> None:
        display = FreedesktopNotificationDisplay(
            "unix:path=/nonexistent/bus", fallback=TerminalDisplay(stream)
        )
        await display.show(desk_notice(), lambda answer: None)
        await display.close()

    run_bounded(scenario())
    assert "psoas breaks done" in stream.getvalue()


def test_a_reminder_closed_without_an_answer_is_not_withdrawn_again(bus_address: str) -> None:
    service = StandInNotifications()

    async def scenario() -> None:
        service_bus = await serve(
            bus_address, {"/org/freedesktop/Notifications": service}, service.name
        )
        display = FreedesktopNotificationDisplay(bus_address)
        await display.show(desk_notice(), lambda answer: None)
        service.NotificationClosed(1, 2)  # 2: the person dismissed it

        async def forgotten() -> bool:
            return display._showing is None

        await eventually(forgotten)
        await display.withdraw()
        await display.close()
        await stop(service_bus)

    run_bounded(scenario())
    assert service.closed == []
