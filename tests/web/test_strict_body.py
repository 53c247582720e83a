"""Strict JSON bodies: a plain body skips the walk over its values, and every body that holds a
value JSON cannot carry safely is still refused, naming the field."""

import pytest

from psoas.web.strict_body import MAY_HOLD_BAD_VALUES, BadValue, loads

LONE_SURROGATE = '{"a": "\ud800"}'.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": "x\\u0000"}',
        b'{"a": "\\ud800"}',
        LONE_SURROGATE,
        b'{"a": NaN}',
        b'{"a": -Infinity}',
        b'{"a": 1e400}',
        b'{"a": 2E+308}',
        b'{"a": ' + b"9" * 40 + b"}",
        b'{"a": ' + b"9" * 400 + b".5}",
    ],
)
def test_a_bad_value_in_a_body_is_still_refused(body: bytes) -> None:
    with pytest.raises(BadValue) as refused:
        loads(body)
    assert refused.value.loc == ("a",)


def test_a_plain_body_needs_no_walk() -> None:
    body = b'{"age": 40, "pain_now": 2.5, "goals": ["relieve-tightness"], "note": "caf\xc3\xa9"}'
    assert MAY_HOLD_BAD_VALUES.search(body) is None
    assert loads(body)["note"] == "café"


def test_text_is_always_walked() -> None:
    with pytest.raises(BadValue):
        loads('{"a": "\ud800"}')
