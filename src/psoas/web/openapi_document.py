"""Corrections to the OpenAPI document FastAPI derives, so it says what the server really sends
and takes (schemathesis checks both, in tests/web/test_api_fuzz*.py).

Pydantic describes a ``datetime.time`` as ``format: time``, which JSON Schema defines as an RFC
3339 time, offset required ("08:00:00Z"). The times in break settings are local clock times: the
server writes "08:00:00" and refuses an offset. They are described by a pattern instead.
"""

from typing import Any

LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
LOCAL_TIME_HELP = "A local clock time, HH:MM or HH:MM:SS (24-hour), without a UTC offset"


def describe_local_times(node: Any) -> None:
    """Replace every ``format: time`` string in the document, in place."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "time":
            del node["format"]
            node["pattern"] = LOCAL_TIME_PATTERN
            node.setdefault("description", LOCAL_TIME_HELP)
        for value in node.values():
            describe_local_times(value)
    elif isinstance(node, list):
        for value in node:
            describe_local_times(value)
