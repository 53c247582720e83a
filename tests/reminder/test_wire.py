"""The JSON between the resident reminder and its step processes survives the round trip."""

from datetime import datetime, timedelta, timezone

import pytest

from psoas.domain.break_watch import NoticeAnswer, Observation, ReminderNotice, WatchOrders
from psoas.reminder.wire import (
    answer_of,
    moment,
    observation_of,
    orders_text,
    read_orders,
    read_request,
    request_text,
)

NOW = datetime(2026, 3, 2, 9, 15, tzinfo=timezone(timedelta(hours=2)))


def test_orders_with_a_reminder_round_trip() -> None:
    orders = WatchOrders(
        running=True,
        step_by=NOW + timedelta(minutes=10),
        show=ReminderNotice(
            mode="desk",
            title="Time to stand up",
            lines=("Sitting for 15 minutes.", "Walk about for 2 minutes."),
            sitting_min=15,
            snooze_choices_min=(5, 10),
            stretch_id="standing-hip-flexor-stretch",
        ),
        withdraw=False,
        watch_away=True,
        idle_break_s=300.0,
        away=False,
        deferred=True,
    )
    assert read_orders(orders_text(orders)) == orders
    quiet = WatchOrders(running=False, step_by=NOW)
    assert read_orders(orders_text(quiet)) == quiet


def test_a_step_request_carries_the_observation_and_times() -> None:
    text = request_text(
        "step", NOW, observation=Observation(idle_s=4.5, locked=False), seen_until=NOW
    )
    data = read_request(text)
    assert data["op"] == "step"
    assert moment(data, "now") == NOW
    assert moment(data, "seen_until") == NOW
    assert observation_of(data) == Observation(idle_s=4.5, locked=False)
    answer = read_request(request_text("answer", NOW, answer=NoticeAnswer("snooze", 10)))
    assert answer_of(answer) == NoticeAnswer("snooze", 10)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "a JSON object with an op"),
        ('{"op": "step", "now": "2026-03-02T09:15:00"}', "with its UTC offset"),
        ('{"op": "step"}', "an ISO 8601 time is needed"),
    ],
)
def test_bad_requests_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        moment(read_request(text), "now")


def test_a_negative_idle_time_is_refused() -> None:
    with pytest.raises(ValueError, match="idle_s: at least 0"):
        Observation(idle_s=-1)
