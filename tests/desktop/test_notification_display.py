"""DesktopNotifierDisplay through desktop-notifier over a real private bus, to a stand-in service
that records each notification and plays button presses as the freedesktop spec describes."""

import asyncio
import io

import pytest

from psoas.desktop.notification_display import NOTIFICATIONS_CHANNEL, DesktopNotifierDisplay
from psoas.desktop.terminal_display import TerminalDisplay
from psoas.domain.break_watch import NoticeAnswer
from psoas.services.break_text import notice_for
from tests.desktop.bounded import eventually, run_bounded
from tests.desktop.reminders import desk_notice, desk_reminder
from tests.desktop.stand_in_services import StandInNotifications, serve, stop


@pytest.fixture
def notifier_bus(bus_address: str, monkeypatch: pytest.MonkeyPatch) -> str:
    # desktop-notifier finds the session bus only through this variable.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus_address)
    return bus_address


def test_a_reminder_shows_with_its_answers_and_a_press_answers_it(notifier_bus: str) -> None:
    service = StandInNotifications()
    reminder = desk_reminder()

    async def scenario() -> list[NoticeAnswer]:
        service_bus = await serve(
            notifier_bus, {"/org/freedesktop/Notifications": service}, service.name
        )
        display = DesktopNotifierDisplay()
        answers: list[NoticeAnswer] = []
        answered = asyncio.Event()

        def on_answer(answer: NoticeAnswer) -> None:
            answers.append(answer)
            answered.set()

        await display.show(notice_for(reminder), on_answer)
        (notification_id, shown), *_ = service.shown.items()
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


def test_withdraw_closes_the_reminder_still_showing(notifier_bus: str) -> None:
    service = StandInNotifications()

    async def scenario() -> None:
        service_bus = await serve(
            notifier_bus, {"/org/freedesktop/Notifications": service}, service.name
        )
        display = DesktopNotifierDisplay()
        await display.show(desk_notice(), lambda answer: None)
        await display.show(desk_notice(), lambda answer: None)  # replaces the first
        await display.withdraw()
        await display.withdraw()
        await display.close()
        await stop(service_bus)

    run_bounded(scenario())
    assert sorted(service.shown) == [1, 2]
    assert service.closed == [1, 2]
    assert DesktopNotifierDisplay().channel == NOTIFICATIONS_CHANNEL


def test_without_a_notification_service_the_fallback_shows_it(notifier_bus: str) -> None:
    stream = io.StringIO()

    async def scenario() -> None:
        display = DesktopNotifierDisplay(fallback=TerminalDisplay(stream))
        await display.show(desk_notice(), lambda answer: None)
        await display.close()

    run_bounded(scenario())
    assert "psoas breaks done" in stream.getvalue()


def test_a_reminder_closed_without_an_answer_is_not_withdrawn_again(notifier_bus: str) -> None:
    service = StandInNotifications()

    async def scenario() -> None:
        service_bus = await serve(
            notifier_bus, {"/org/freedesktop/Notifications": service}, service.name
        )
        display = DesktopNotifierDisplay()
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
