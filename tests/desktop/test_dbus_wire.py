"""Our D-Bus wire format against dbus-fast's, the library desktop-notifier uses: what one writes,
the other reads. (Over a real bus in test_session_bus.py and the probes' tests.)"""

import io
import struct

import pytest
from dbus_fast import Message
from dbus_fast import MessageType as FastMessageType
from dbus_fast._private.unmarshaller import Unmarshaller
from dbus_fast.signature import Variant

from psoas.desktop.dbus_wire import (
    NO_AUTO_START,
    MessageType,
    WireError,
    message_length,
    method_call,
    read_message,
    single_types,
)


def read_by_dbus_fast(data: bytes) -> Message:
    stream = io.BytesIO(data)
    message = Unmarshaller(stream, negotiate_unix_fd=False).unmarshall()  # type: ignore[arg-type]
    assert message is not None
    return message


def test_signatures_split_into_complete_types() -> None:
    assert single_types("sas(iu)a{sv}t") == ["s", "as", "(iu)", "a{sv}", "t"]
    assert single_types("") == []


@pytest.mark.parametrize("signature", ["(iu", "a", "z"])
def test_a_broken_signature_is_named(signature: str) -> None:
    with pytest.raises(WireError, match="signature"):
        single_types(signature)


def test_a_method_call_reads_back_in_dbus_fast() -> None:
    data = method_call(
        7,
        destination="org.freedesktop.DBus",
        path="/org/freedesktop/DBus",
        interface="org.freedesktop.DBus",
        member="AddMatch",
        signature="s",
        body=["type='signal',member='Notify'"],
    )
    assert message_length(data) == len(data)
    message = read_by_dbus_fast(data)
    assert message.message_type == FastMessageType.METHOD_CALL
    assert message.serial == 7
    assert (message.destination, message.path) == ("org.freedesktop.DBus", "/org/freedesktop/DBus")
    assert (message.interface, message.member) == ("org.freedesktop.DBus", "AddMatch")
    assert message.signature == "s"
    assert message.body == ["type='signal',member='Notify'"]
    assert message.flags.value == NO_AUTO_START  # a probe never starts a desktop service


def test_every_type_it_writes_reads_back() -> None:
    signature = "ybnqiuxtdsogas(is)a{sv}v"
    body = [7, True, -2, 3, -40000, 40000, -(2**40), 2**63, 0.5, "ü", "/a/b", "sv", ["x", "y"]]
    body += [(1, "one"), {"a": ("u", 1)}, ("as", ["z"])]
    data = method_call(
        1, destination="d.e", path="/", interface="i.f", member="M", signature=signature, body=body
    )
    message = read_message(data)
    assert message.signature == signature
    assert message.body == body
    # dbus-fast agrees on every value (its variants are objects of their own)
    fast = read_by_dbus_fast(data).body
    assert fast[:13] == body[:13]
    assert fast[13] == (1, "one")
    assert fast[14] == {"a": Variant("u", 1)}
    assert fast[15] == Variant("as", ["z"])


def test_replies_and_signals_from_dbus_fast_are_read() -> None:
    reply = Message(
        message_type=FastMessageType.METHOD_RETURN,
        reply_serial=3,
        destination=":1.5",
        signature="t",
        body=[123456],
        serial=9,
    )
    message = read_message(reply._marshall(negotiate_unix_fd=False))
    assert (message.message_type, message.reply_serial, message.body) == (
        MessageType.METHOD_RETURN,
        3,
        [123456],
    )
    signal = Message(
        message_type=FastMessageType.SIGNAL,
        path="/ca/desrt/dconf/Writer/user",
        interface="ca.desrt.dconf.Writer",
        member="Notify",
        signature="sass",
        body=["/org/gnome/", ["desktop/notifications/show-banners"], "tag"],
        serial=4,
    )
    message = read_message(signal._marshall(negotiate_unix_fd=False))
    assert message.message_type == MessageType.SIGNAL
    assert (message.interface, message.member) == ("ca.desrt.dconf.Writer", "Notify")
    assert message.body == ["/org/gnome/", ["desktop/notifications/show-banners"], "tag"]
    error = Message(
        message_type=FastMessageType.ERROR,
        reply_serial=5,
        error_name="org.freedesktop.DBus.Error.ServiceUnknown",
        signature="s",
        body=["no such name"],
        serial=6,
    )
    message = read_message(error._marshall(negotiate_unix_fd=False))
    assert message.message_type == MessageType.ERROR
    assert message.error_name == "org.freedesktop.DBus.Error.ServiceUnknown"


def test_a_big_endian_message_is_read() -> None:
    fields = bytes([5, 1]) + b"u\0" + struct.pack(">I", 3)  # REPLY_SERIAL: u 3
    fields += bytes([8, 1]) + b"g\0" + bytes([1]) + b"u\0"  # SIGNATURE: g "u"
    header = b"B" + bytes([2, 0, 1]) + struct.pack(">III", 4, 9, len(fields)) + fields
    data = header + b"\0" * (-len(header) % 8) + struct.pack(">I", 42)
    assert message_length(data) == len(data)
    message = read_message(data)
    assert (message.message_type, message.reply_serial, message.body) == (
        MessageType.METHOD_RETURN,
        3,
        [42],
    )


def test_a_partial_message_waits_for_its_header() -> None:
    assert message_length(b"l\2\0\1") is None


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"X" + bytes(15), "byte order"),
        (b"l\2\0\2" + bytes(12), "protocol version"),
        (b"l\2\0\1" + struct.pack("<III", 2**28, 1, 0), "over the limit"),
    ],
)
def test_bytes_that_are_no_message_are_named(data: bytes, named: str) -> None:
    def read(data: bytes) -> None:
        message_length(data)
        read_message(data)

    with pytest.raises(WireError, match=named):
        read(data)


def test_a_message_cut_short_is_an_error_not_a_crash() -> None:
    data = method_call(1, destination="d.e", path="/", interface="i.f", member="M")
    with pytest.raises(WireError, match="ends inside"):
        read_message(data[:40])
