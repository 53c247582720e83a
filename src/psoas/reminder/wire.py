"""JSON for what the resident reminder process and its step processes say to each other.

Both ends import this module; it uses the standard library only, so the resident process stays
small (see psoas.domain.break_watch).
"""

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from psoas.domain.break_watch import NoticeAnswer, Observation, ReminderNotice, WatchOrders


def request_text(op: str, now: datetime | None = None, **fields: Any) -> str:
    """A step request: the operation, the loop's time, and the operation's own fields."""
    data: dict[str, Any] = {"op": op, "now": now.isoformat() if now is not None else None}
    for name, value in fields.items():
        if isinstance(value, datetime):
            data[name] = value.isoformat()
        elif isinstance(value, Observation | NoticeAnswer):
            data[name] = asdict(value)
        else:
            data[name] = value
    return json.dumps(data)


def read_request(text: str) -> dict[str, Any]:
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("op"), str):
        raise ValueError("a step request is a JSON object with an op")
    return data


def moment(data: dict[str, Any], name: str) -> datetime:
    value = data.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{name}: an ISO 8601 time is needed")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{name}: a time with its UTC offset is needed (got {value})")
    return parsed


def observation_of(data: dict[str, Any]) -> Observation:
    return Observation(**data.get("observation", {}))


def answer_of(data: dict[str, Any]) -> NoticeAnswer:
    return NoticeAnswer(**data["answer"])


def orders_text(orders: WatchOrders) -> str:
    data = asdict(orders)
    data["step_by"] = orders.step_by.isoformat()
    return json.dumps(data)


def read_orders(text: str) -> WatchOrders:
    data = json.loads(text)
    shown = data.pop("show")
    show = None
    if shown is not None:
        shown["lines"] = tuple(shown["lines"])
        shown["snooze_choices_min"] = tuple(shown["snooze_choices_min"])
        show = ReminderNotice(**shown)
    return WatchOrders(**{**data, "step_by": datetime.fromisoformat(data["step_by"]), "show": show})
