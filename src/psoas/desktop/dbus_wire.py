"""D-Bus messages as bytes and back: the part of the D-Bus specification the reminder speaks.

Our choice, because the resident reminder keeps whatever it imports all day: dbus-fast's bus
class imports its introspection (the XML parser, hashlib) and service machinery, about 3–4 MB,
where the probes only ever send a method call and read a reply or a signal. This module writes
method calls (little-endian) and reads any message in either byte order, with the basic types,
arrays, structs, dict entries and variants; unix file descriptors are never negotiated.
dbus-fast stays the library desktop-notifier uses when a reminder shows.
"""

import struct
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

PROTOCOL_VERSION = 1
FIXED_HEADER_BYTES = 16
# The specification's limit for one message; anything larger is a broken or hostile stream.
MAX_MESSAGE_BYTES = 2**27


class MessageType(IntEnum):
    METHOD_CALL = 1
    METHOD_RETURN = 2
    ERROR = 3
    SIGNAL = 4


class HeaderField(IntEnum):
    PATH = 1
    INTERFACE = 2
    MEMBER = 3
    ERROR_NAME = 4
    REPLY_SERIAL = 5
    DESTINATION = 6
    SENDER = 7
    SIGNATURE = 8


NO_AUTO_START = 0x2
NO_REPLY_EXPECTED = 0x1

# Fixed-size types: struct format and alignment (bytes).
_FIXED = {
    "y": ("B", 1),
    "b": ("I", 4),
    "n": ("h", 2),
    "q": ("H", 2),
    "i": ("i", 4),
    "u": ("I", 4),
    "x": ("q", 8),
    "t": ("Q", 8),
    "d": ("d", 8),
    "h": ("I", 4),
}
_ALIGN = {**{code: size for code, (_, size) in _FIXED.items()}, "s": 4, "o": 4, "g": 1, "a": 4}
_ALIGN.update({"(": 8, "{": 8, "v": 1})
_HEADER_TYPES = {
    HeaderField.PATH: "o",
    HeaderField.INTERFACE: "s",
    HeaderField.MEMBER: "s",
    HeaderField.DESTINATION: "s",
    HeaderField.SIGNATURE: "g",
}


class WireError(ValueError):
    """Bytes that are not a D-Bus message this module can read, or a value it cannot write."""


@dataclass(frozen=True)
class WireMessage:
    """One message as read off the bus; attribute names as dbus-fast's Message uses them."""

    message_type: MessageType
    serial: int
    flags: int = 0
    path: str | None = None
    interface: str | None = None
    member: str | None = None
    error_name: str | None = None
    reply_serial: int | None = None
    destination: str | None = None
    sender: str | None = None
    signature: str = ""
    body: list[Any] = field(default_factory=list)


def single_types(signature: str) -> list[str]:
    """ "sas(iu)" → ["s", "as", "(iu)"]: the complete types a signature lists, in order."""
    types, start = [], 0
    while start < len(signature):
        end = _type_end(signature, start)
        types.append(signature[start:end])
        start = end
    return types


def _type_end(signature: str, start: int) -> int:
    code = signature[start] if start < len(signature) else ""
    if code == "a":
        return _type_end(signature, start + 1)
    if code in "({":
        closing = ")" if code == "(" else "}"
        position = start + 1
        while position < len(signature) and signature[position] != closing:
            position = _type_end(signature, position)
        if position >= len(signature):
            raise WireError(f"signature {signature!r}: {code} is never closed")
        return position + 1
    if code in _ALIGN:
        return start + 1
    raise WireError(f"signature {signature!r}: unknown type code {code!r}")


def method_call(
    serial: int,
    *,
    destination: str,
    path: str,
    interface: str,
    member: str,
    signature: str = "",
    body: list[Any] | tuple[Any, ...] = (),
    flags: int = NO_AUTO_START,
) -> bytes:
    """A METHOD_CALL message, ready to write to the bus."""
    body_bytes = bytearray()
    types = single_types(signature)
    if len(types) != len(body):
        raise WireError(f"signature {signature!r} lists {len(types)} values, got {len(body)}")
    for code, value in zip(types, body, strict=True):
        _write(body_bytes, code, value)
    fields: list[tuple[int, tuple[str, Any]]] = [
        (number, (_HEADER_TYPES[number], value))
        for number, value in (
            (HeaderField.PATH, path),
            (HeaderField.INTERFACE, interface),
            (HeaderField.MEMBER, member),
            (HeaderField.DESTINATION, destination),
        )
    ]
    if signature:
        fields.append((HeaderField.SIGNATURE, ("g", signature)))
    message = bytearray(b"l")
    message += struct.pack("<BBBII", MessageType.METHOD_CALL, flags, PROTOCOL_VERSION, 0, serial)
    _write(message, "a(yv)", fields)
    _pad(message, 8)
    struct.pack_into("<I", message, 4, len(body_bytes))
    return bytes(message + body_bytes)


def _pad(buffer: bytearray, align: int) -> None:
    buffer.extend(b"\0" * (-len(buffer) % align))


def _write(buffer: bytearray, code: str, value: Any) -> None:
    kind = code[0]
    _pad(buffer, _ALIGN[kind])
    if kind in _FIXED:
        buffer += struct.pack("<" + _FIXED[kind][0], value)
    elif kind in "so":
        encoded = str(value).encode()
        buffer += struct.pack("<I", len(encoded)) + encoded + b"\0"
    elif kind == "g":
        encoded = str(value).encode()
        buffer += bytes([len(encoded)]) + encoded + b"\0"
    elif kind == "v":
        inner, inner_value = value  # (signature, value): D-Bus variants carry their type
        _write(buffer, "g", inner)
        _write(buffer, inner, inner_value)
    elif kind in "({":
        for inner, item in zip(single_types(code[1:-1]), value, strict=True):
            _write(buffer, inner, item)
    else:  # an array: its length, then the elements, aligned as the element type
        length_at = len(buffer)
        buffer += b"\0\0\0\0"
        element = code[1:]
        _pad(buffer, _ALIGN[element[0]])
        start = len(buffer)
        items = value.items() if element[0] == "{" else value
        for item in items:
            _write(buffer, element, item)
        struct.pack_into("<I", buffer, length_at, len(buffer) - start)


def message_length(data: bytes | bytearray) -> int | None:
    """The whole length of the message at the start of `data`, once its fixed header is in."""
    if len(data) < FIXED_HEADER_BYTES:
        return None
    order = _byte_order(data)
    body_bytes, _serial, fields_bytes = struct.unpack_from(order + "III", data, 4)
    header = FIXED_HEADER_BYTES + fields_bytes
    length = int(header + (-header % 8) + body_bytes)
    if length > MAX_MESSAGE_BYTES:
        raise WireError(f"a message of {length} bytes is over the limit of {MAX_MESSAGE_BYTES}")
    return length


def _byte_order(data: bytes | bytearray) -> str:
    marker = data[:1]
    if marker == b"l":
        return "<"
    if marker == b"B":
        return ">"
    raise WireError(f"byte order mark {marker!r}: only l and B exist")


def read_message(data: bytes | bytearray) -> WireMessage:
    """The message that `data` holds exactly (see message_length)."""
    order = _byte_order(data)
    kind, flags, version = data[1], data[2], data[3]
    if version != PROTOCOL_VERSION:
        raise WireError(f"protocol version {version}: only {PROTOCOL_VERSION} is spoken")
    (serial,) = struct.unpack_from(order + "I", data, 8)
    reader = _Reader(bytes(data), order, 12)
    try:
        fields = {number: value for number, (_sig, value) in reader.read("a(yv)")}
        reader.align(8)
        signature = str(fields.get(HeaderField.SIGNATURE, ""))
        body = [reader.read(code) for code in single_types(signature)]
    except (UnicodeDecodeError, TypeError) as error:  # text that is not UTF-8, a malformed field
        raise WireError(f"the message cannot be read: {error}") from None
    try:
        message_type = MessageType(kind)
    except ValueError:
        raise WireError(f"message type {kind}: only 1 to 4 exist") from None

    def text(number: HeaderField) -> str | None:
        value = fields.get(number)
        return None if value is None else str(value)

    reply_serial = fields.get(HeaderField.REPLY_SERIAL)
    return WireMessage(
        message_type=message_type,
        serial=serial,
        flags=flags,
        path=text(HeaderField.PATH),
        interface=text(HeaderField.INTERFACE),
        member=text(HeaderField.MEMBER),
        error_name=text(HeaderField.ERROR_NAME),
        reply_serial=None if reply_serial is None else int(reply_serial),
        destination=text(HeaderField.DESTINATION),
        sender=text(HeaderField.SENDER),
        signature=signature,
        body=body,
    )


class _Reader:
    """Reads values at a position; alignment counts from the message's first byte."""

    def __init__(self, data: bytes, order: str, position: int) -> None:
        self._data = data
        self._order = order
        self._position = position

    def align(self, align: int) -> None:
        self._position += -self._position % align

    def _take(self, size: int) -> bytes:
        end = self._position + size
        if end > len(self._data):
            raise WireError("the message ends inside a value")
        chunk = self._data[self._position : end]
        self._position = end
        return chunk

    def _unpack(self, fmt: str, size: int) -> Any:
        return struct.unpack(self._order + fmt, self._take(size))[0]

    def read(self, code: str) -> Any:
        kind = code[0]
        self.align(_ALIGN[kind])
        if kind in _FIXED:
            fmt, size = _FIXED[kind]
            value = self._unpack(fmt, size)
            return bool(value) if kind == "b" else value
        if kind in "so":
            length = self._unpack("I", 4)
            return self._take(length + 1)[:-1].decode()
        if kind == "g":
            length = self._take(1)[0]
            return self._take(length + 1)[:-1].decode()
        if kind == "v":
            inner = self.read("g")
            return (inner, self.read(inner))
        if kind in "({":
            return tuple(self.read(inner) for inner in single_types(code[1:-1]))
        length = self._unpack("I", 4)
        element = code[1:]
        self.align(_ALIGN[element[0]])
        end = self._position + length
        items = []
        while self._position < end:
            items.append(self.read(element))
        if element[0] == "{":
            return dict(items)
        return items
